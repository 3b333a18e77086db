import type { ConfirmAnswer } from "./io.js";

/** Where the prompt is read and written: the process's terminal, or a stand-in in specs. */
export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where a SIGINT sent to the process arrives. Default: `process`. */
  signals?: Pick<NodeJS.EventEmitter, "once" | "removeListener">;
}

/**
 * Asks on the terminal: true only for the exact answer `yes`, false for any other answer or end of
 * input, "interrupted" for Ctrl-C. The prompt goes to stderr so `--format json` output on stdout
 * stays clean.
 */
export async function confirmOnTerminal(
  question: string,
  streams: PromptStreams = { input: process.stdin, output: process.stderr },
): Promise<ConfirmAnswer> {
  const { createInterface } = await import("node:readline");
  const rl = createInterface({ input: streams.input, output: streams.output });
  let stop: (answer: ConfirmAnswer) => void = () => {};
  const answered = new Promise<ConfirmAnswer>((resolve) => {
    // Ctrl-C and end of input leave the cursor after the question: end that line for what follows.
    stop = (answer) => {
      streams.output.write("\n");
      resolve(answer);
    };
    rl.question(`${question} `, (text) => resolve(text.trim() === "yes"));
  });
  const onInterrupt = () => stop("interrupted");
  const onClose = () => stop(false);
  // A terminal in raw mode hands Ctrl-C to readline as a key; otherwise (kill -INT, stderr not a
  // terminal) it comes as the process's signal, which would end the process without a word.
  rl.once("SIGINT", onInterrupt);
  const signals = streams.signals ?? process;
  signals.once("SIGINT", onInterrupt);
  rl.once("close", onClose);
  try {
    return await answered;
  } finally {
    signals.removeListener("SIGINT", onInterrupt);
    rl.removeListener("close", onClose);
    rl.close();
  }
}
