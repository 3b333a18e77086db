import type { ApplyResult, TrunkOutcome, TrunkStatus } from "./types.js";

const MARK: Record<TrunkStatus, { symbol: string; color: string }> = {
  applied: { symbol: "✓", color: "\u001b[32m" },
  unchanged: { symbol: "·", color: "\u001b[2m" },
  failed: { symbol: "✗", color: "\u001b[31m" },
  skipped: { symbol: "-", color: "\u001b[33m" },
};
const RESET = "\u001b[0m";

/**
 * The apply report as text: one line per trunk that was not already in sync, then the summary
 * (`Apply: 3 applied, 1 unchanged, 1 failed, 0 skipped.`). Pure; the JSON report is the result itself.
 */
export function renderApplyReport(result: ApplyResult, options: { color: boolean }): string {
  const paint = (status: TrunkStatus, text: string) =>
    options.color ? `${MARK[status].color}${text}${RESET}` : text;
  const lines = result.outcomes
    .filter((o) => o.status !== "unchanged")
    .map((o) => `${paint(o.status, `${MARK[o.status].symbol} ${o.status.padEnd(7)}`)} ${describe(o)}`);
  if (result.interrupted) {
    lines.push(
      "Interrupted: updates already sent were finished and the rest were not attempted; re-run plan to see where things stand.",
    );
  }
  const { applied, unchanged, failed, skipped } = result.summary;
  lines.push(`Apply: ${applied} applied, ${unchanged} unchanged, ${failed} failed, ${skipped} skipped.`);
  return `${lines.join("\n")}\n`;
}

function describe(o: TrunkOutcome): string {
  const name = o.name === undefined ? "" : ` ${JSON.stringify(o.name)}`;
  const detail =
    o.message !== undefined
      ? o.message
      : o.status === "applied" && o.changes
        ? o.changes.map((c) => c.path).join(", ")
        : "";
  return `${o.provider} ${o.id}${name}${detail ? `: ${printable(detail)}` : ""}`;
}

/** Provider messages are remote text: keep control characters from reaching the terminal. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ");
}
