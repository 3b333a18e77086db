import type { ApplyResult } from "@trunksync/applier";

/** Rows in the job summary table; the rest are counted, since the full report is in the log. */
const MAX_ROWS = 200;

/** The apply result as a GitHub job summary: counts, then provider | trunk | status | message. */
export function renderApplySummaryMarkdown(result: ApplyResult): string {
  const { applied, unchanged, failed, skipped } = result.summary;
  const lines = [
    "## trunksync apply",
    "",
    `${applied} applied, ${unchanged} unchanged, ${failed} failed, ${skipped} skipped` +
      (result.interrupted ? " — **interrupted**" : ""),
  ];
  const rows = result.outcomes.filter((o) => o.status !== "unchanged");
  if (rows.length > 0) {
    lines.push("", "| provider | trunk | status | message |", "| --- | --- | --- | --- |");
    for (const o of rows.slice(0, MAX_ROWS)) {
      lines.push(`| ${cell(o.provider)} | ${cell(o.id)} | ${o.status} | ${cell(o.message ?? "")} |`);
    }
    if (rows.length > MAX_ROWS)
      lines.push("", `… and ${rows.length - MAX_ROWS} more trunks (see the job log).`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Remote text in a table cell: no line breaks, no column breaks, no HTML. Exported for the
 * redaction spec, which checks that core's redactor finds a secret in what this writes.
 */
export function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/[|\\`<>]/g, (c) => `\\${c}`)
    .slice(0, 300);
}
