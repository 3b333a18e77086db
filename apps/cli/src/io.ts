/** Where a command writes and what it knows of its terminal. Injected so tests can run the CLI in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Interactive confirmation; absent when stdin is not a TTY. */
  confirm?: (question: string) => Promise<ConfirmAnswer>;
}

/** true only for the answer `yes`; false for any other answer or end of input; "interrupted" for Ctrl-C. */
export type ConfirmAnswer = boolean | "interrupted";

/** Colour only on a TTY, never with NO_COLOR (https://no-color.org) or TERM=dumb. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

export function writeLine(stream: NodeJS.WritableStream, text = ""): void {
  stream.write(text.endsWith("\n") ? text : `${text}\n`);
}
