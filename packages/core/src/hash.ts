import { createHash } from "node:crypto";
import { canonicalJson } from "./fields.js";
import type { JsonValue } from "./json.js";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** `sha256:<hex>` of a value's canonical JSON: equal values, equal fingerprints, whatever the key order. */
export function fingerprintOf(value: JsonValue): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}
