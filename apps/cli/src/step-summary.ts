import { appendFile } from "node:fs/promises";
import type { CliIO } from "./io.js";

/** GitHub rejects step summaries over 1 MiB; stay well under it (the renderer says what it cut). */
export const STEP_SUMMARY_LIMIT = 900_000;

/** Appends Markdown to the GitHub Actions job summary when running there; a no-op elsewhere. */
export async function appendStepSummary(io: CliIO, markdown: () => string): Promise<void> {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  await appendFile(file, `${markdown()}\n`);
}
