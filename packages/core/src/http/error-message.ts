import { getPath } from "../fields.js";
import { isJsonObject } from "../json.js";

/**
 * The first non-empty string found at one of `paths` (dotted) in an error body, else undefined.
 * Error bodies differ between providers and even between versions of one API, hence a list.
 */
export function errorMessage(body: unknown, paths: readonly string[]): string | undefined {
  if (!isJsonObject(body)) return undefined;
  for (const path of paths) {
    const value = getPath(body, path);
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return undefined;
}

/** What a redacted secret reads as, here and in the CLI's output: one marker everywhere. */
const REDACTED = "[redacted]";

/** `text` with every secret replaced by `[redacted]`, so a provider echoing a token cannot leak it. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret containing a shorter one is replaced whole. Very short values
  // (flags, versions) are not credentials and replacing them would garble the text.
  const longestFirst = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) out = out.split(secret).join(REDACTED);
  return out;
}
