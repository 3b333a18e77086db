import { interpolate } from "./interpolate.js";

/**
 * `text` as trunks.yaml must hold it for interpolation to give back exactly `text`: the inverse of
 * `interpolate` on one string. Every `${` becomes `$${`, the literal. Nothing else needs escaping:
 * only `${` starts a token, so `$`, `$$` and `}` read as themselves, and a run of n `$` before `{`
 * is written as n + 1, which interpolation reads back as n (its last two and the `{` are one `$${`).
 * `split`/`join`, not `replaceAll`: in a replacement string `$$` means one `$`.
 */
export function escapeInterpolation(text: string): string {
  return text.split("${").join("$${");
}

/**
 * Whether `text`, as trunks.yaml holds it, reads as a literal: no `${env:…}` (nor any other `${`
 * but the `$${` escape), so its value comes from the file alone, never from the environment.
 */
export function isLiteralText(text: string): boolean {
  if (!text.includes("${")) return true;
  const { issues, refs } = interpolate(text, {});
  return issues.length === 0 && refs.length === 0;
}
