import { appendFile } from "node:fs/promises";
import { type CliIO, writeLine } from "./io.js";

/**
 * GitHub rejects a step summary over 1 MiB. Renderers cap characters, and a UTF-16 code unit is at
 * most 3 bytes of UTF-8, so this many characters stay under 900 kB whatever the text.
 */
export const STEP_SUMMARY_LIMIT = 300_000;

/**
 * Appends Markdown to the GitHub Actions job summary when running there; a no-op elsewhere. A
 * summary that cannot be written is a warning: the report itself is already on stdout. `redact` is
 * required: the summary is published, so it gets the same last-resort secret scrub as stdout.
 */
export async function appendStepSummary(
  io: CliIO,
  markdown: () => string,
  redact: (text: string) => string,
): Promise<void> {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    await appendFile(file, `${redact(markdown())}\n`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    writeLine(io.stderr, `warning: could not append to the job summary (GITHUB_STEP_SUMMARY): ${reason}`);
  }
}
