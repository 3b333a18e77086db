import { PassThrough } from "node:stream";
import { type CliIO, main } from "../../src/index.js";
import { EMULATOR_ENV } from "./seed-trunks.js";

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Stands in for the terminal prompt; absent = stdin is not a terminal. */
  confirm?: CliIO["confirm"];
  /** Pretend stderr is a terminal (live progress line). */
  stderrTTY?: boolean;
  /** Pretend stdout is a terminal (colour). */
  stdoutTTY?: boolean;
}

function capture(isTTY = false) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** Runs the CLI in-process with captured streams, no colour. */
export async function runCli(argv: string[], options: RunOptions) {
  const stdout = capture(options.stdoutTTY);
  const stderr = capture(options.stderrTTY);
  const io: CliIO = {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { ...EMULATOR_ENV, NO_COLOR: "1", ...options.env },
    cwd: options.cwd,
    ...(options.confirm ? { confirm: options.confirm } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
