/**
 * Asks on the terminal and resolves true only for the exact answer `yes`. The prompt goes to
 * stderr so `--format json` output on stdout stays clean; Ctrl-C or end of input means no.
 */
export async function confirmOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string | undefined>((resolve) => {
      rl.once("SIGINT", () => resolve(undefined));
      rl.once("close", () => resolve(undefined));
      rl.question(`${question} `, resolve);
    });
    return answer?.trim() === "yes";
  } finally {
    rl.close();
  }
}
