import { createHash, createHmac } from "node:crypto";
import { canonicalJson } from "./fields.js";
import type { JsonValue } from "./json.js";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** `sha256:<hex>` of a value's canonical JSON: equal values, equal fingerprints, whatever the key order. */
export function fingerprintOf(value: JsonValue): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}

/** Domain separation: the credential keys only this label, never trunk data directly. */
const FINGERPRINT_KEY_LABEL = "trunksync fingerprint v1";

/**
 * A function giving `hmac-sha256:<hex>` of a value's canonical JSON, keyed with a secret that no
 * plan holds (e.g. the provider block's credential). Use it instead of `fingerprintOf` when the
 * value holds a secret: a plain hash in a plan file lets anyone who knows the other fields guess the
 * secret offline. The HMAC key is HMAC-SHA256(key, "trunksync fingerprint v1"), derived once here
 * (a block's every trunk shares it), so the same value and key give the same fingerprint in every
 * process (a saved plan's apply must match it).
 */
export function keyedFingerprinter(key: string): (value: JsonValue) => string {
  // An empty key would make the HMAC as guessable as the plain hash.
  if (key === "") throw new RangeError("keyedFingerprinter needs a non-empty key");
  const derived = createHmac("sha256", key).update(FINGERPRINT_KEY_LABEL, "utf8").digest();
  return (value) =>
    `hmac-sha256:${createHmac("sha256", derived).update(canonicalJson(value), "utf8").digest("hex")}`;
}
