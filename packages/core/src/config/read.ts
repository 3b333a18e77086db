import { readFile, stat } from "node:fs/promises";

/** Real configs are a few kilobytes; refusing big files up front keeps hostile input cheap. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export type ReadResult =
  | { ok: true; bytes: Uint8Array; text: string }
  | { ok: false; message: string; line?: number; col?: number; missing?: true };

/** Reads a config file as strict UTF-8, refusing what cannot be a trunks.yaml before reading it. */
export async function readConfigFile(path: string): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, message: "is a directory, expected a trunks.yaml file" };
    if (!info.isFile()) return { ok: false, message: "is not a regular file" };
    if (info.size > MAX_CONFIG_BYTES) {
      return {
        ok: false,
        message: `file is too large (${(info.size / 1024 / 1024).toFixed(1)} MB); the limit is ${MAX_CONFIG_BYTES / 1024 / 1024} MB`,
      };
    }
    bytes = await readFile(path);
  } catch (err) {
    const message = `cannot read the file: ${describeFsError(err)}`;
    return isMissing(err) ? { ok: false, message, missing: true } : { ok: false, message };
  }
  return decodeUtf8(bytes);
}

export function decodeUtf8(bytes: Uint8Array): ReadResult {
  try {
    return { ok: true, bytes, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    // Point at the first undecodable byte: it is where the lossy decoding put its first U+FFFD.
    const lossy = new TextDecoder("utf-8").decode(bytes);
    const before = lossy.slice(0, Math.max(0, lossy.indexOf("\uFFFD")));
    const lines = before.split("\n");
    return {
      ok: false,
      message: "file is not valid UTF-8 text (save it as UTF-8)",
      line: lines.length,
      col: (lines.at(-1)?.length ?? 0) + 1,
    };
  }
}

function isMissing(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && err.code === "ENOENT";
}

function describeFsError(err: unknown): string {
  const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
  const known: Record<string, string> = {
    ENOENT: "no such file",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EISDIR: "is a directory",
  };
  return known[code] ?? (err instanceof Error ? err.message : String(err));
}
