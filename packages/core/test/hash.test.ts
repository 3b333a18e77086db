import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../src/fields.js";
import { fingerprintOf, keyedFingerprinter, sha256Hex } from "../src/hash.js";
import type { JsonObject } from "../src/json.js";

describe("hashing", () => {
  it("hashes text as SHA-256 hex", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("gives equal values equal fingerprints whatever their key order", () => {
    expect(fingerprintOf({ b: 1, a: { y: [1, 2], x: null } })).toBe(
      fingerprintOf({ a: { x: null, y: [1, 2] }, b: 1 }),
    );
  });

  it.each<{ a: JsonObject; b: JsonObject }>([
    { a: { n: [1, 2] }, b: { n: [2, 1] } },
    { a: { p: "x" }, b: { p: "y" } },
  ])("gives different values different fingerprints: $a vs $b", ({ a, b }) => {
    expect(fingerprintOf(a)).not.toBe(fingerprintOf(b));
    expect(fingerprintOf(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe("keyed fingerprints", () => {
  const trunk: JsonObject = { name: "Inbound", auth: { username: "acme", password: "hunter2" } };
  const keyedFingerprintOf = (value: JsonObject, key: string) => keyedFingerprinter(key)(value);

  it("are the HMAC-SHA256 of the canonical JSON under a key derived from the secret, so every version agrees", () => {
    const derived = createHmac("sha256", "api-secret").update("trunksync fingerprint v1").digest();
    const expected = createHmac("sha256", derived).update(canonicalJson(trunk)).digest("hex");
    expect(keyedFingerprintOf(trunk, "api-secret")).toBe(`hmac-sha256:${expected}`);
  });

  it("never key the data with the raw secret", () => {
    const raw = createHmac("sha256", "api-secret").update(canonicalJson(trunk)).digest("hex");
    expect(keyedFingerprintOf(trunk, "api-secret")).not.toContain(raw);
  });

  it("give equal values equal fingerprints whatever their key order", () => {
    expect(keyedFingerprintOf({ b: 1, a: 2 }, "k")).toBe(keyedFingerprintOf({ a: 2, b: 1 }, "k"));
  });

  it("differ when only a secret inside the value differs", () => {
    const rotated = { ...trunk, auth: { username: "acme", password: "hunter3" } };
    expect(keyedFingerprintOf(rotated, "k")).not.toBe(keyedFingerprintOf(trunk, "k"));
  });

  it("differ under a different key, and hold no plain hash of the value", () => {
    const fingerprint = keyedFingerprintOf(trunk, "k");
    expect(fingerprint).not.toBe(keyedFingerprintOf(trunk, "other"));
    expect(fingerprint).not.toContain(sha256Hex(canonicalJson(trunk)));
  });

  it("refuse an empty key, which would be as guessable as no key", () => {
    expect(() => keyedFingerprinter("")).toThrow(RangeError);
  });
});
