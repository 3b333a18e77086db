import { problemLocation } from "../errors.js";
import type { Problem } from "../problem.js";

const style = (code: number, on: boolean) => (text: string) =>
  on ? `\u001b[${code}m${text}\u001b[0m` : text;

/** Longest source excerpt shown; wider lines are cut around the column. */
const MAX_EXCERPT = 120;

/**
 * Problems as a compiler would print them: `file:line:col: message`, then the offending line
 * with a caret under the column. Problems without a position print as `file: message`.
 */
export function formatProblems(
  problems: readonly Problem[],
  sources: ReadonlyMap<string, string>,
  opts: { color?: boolean } = {},
): string {
  const color = opts.color === true;
  const bold = style(1, color);
  const red = style(31, color);
  const yellow = style(33, color);
  const dim = style(2, color);
  const out: string[] = [];
  for (const p of problems) {
    const where = problemLocation(p);
    const message = p.severity === "warning" ? yellow(`warning: ${p.message}`) : red(p.message);
    out.push(`${bold(where)}: ${message}`);
    const line = p.line > 0 ? sources.get(p.file)?.split(/\r?\n/)[p.line - 1] : undefined;
    if (line === undefined) continue;
    const { text, caretAt } = excerpt(line, p.col - 1);
    const gutter = String(p.line);
    // Copy tabs from the line so the caret lines up however wide the terminal draws them.
    const pad = text.slice(0, caretAt).replace(/[^\t]/g, " ");
    out.push(`${dim(`${gutter} |`)} ${text}`);
    out.push(
      `${dim(`${" ".repeat(gutter.length)} |`)} ${pad}${(p.severity === "warning" ? yellow : red)("^")}`,
    );
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}

function excerpt(line: string, index: number): { text: string; caretAt: number } {
  if (line.length <= MAX_EXCERPT) return { text: line, caretAt: index };
  const start = Math.max(0, Math.min(index - MAX_EXCERPT / 2, line.length - MAX_EXCERPT));
  const prefix = start > 0 ? "…" : "";
  const suffix = start + MAX_EXCERPT < line.length ? "…" : "";
  return {
    text: `${prefix}${line.slice(start, start + MAX_EXCERPT)}${suffix}`,
    caretAt: index - start + prefix.length,
  };
}
