import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { type CliIO, main } from "../src/index.js";
import { EMULATOR_ENV } from "./helpers/seed-trunks.js";

/** The repository root: tests run the CLI there, as a user would. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Environment for examples/trunks.yaml: the emulator's demo account. */
export const DEMO_ENV = { ...EMULATOR_ENV, TWILIO_SIP_PASSWORD: "demo-sip-password" };

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** Runs the CLI in-process with captured streams, no TTY and no colour. */
export async function run(argv: string[], env: Record<string, string> = DEMO_ENV, cwd = REPO_ROOT) {
  const stdout = capture();
  const stderr = capture();
  const io: CliIO = { stdout: stdout.stream, stderr: stderr.stream, env: { ...env }, cwd };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
