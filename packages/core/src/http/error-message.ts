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
