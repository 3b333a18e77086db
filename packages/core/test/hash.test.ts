import { describe, expect, it } from "vitest";
import { fingerprintOf, sha256Hex } from "../src/hash.js";
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
