import { type JsonObject, type JsonValue, keyedFingerprinter } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { fields, normalizeDomain, normalizeNumber, toRemoteTrunk, updateBody } from "../src/mapping.js";
import { videoSdkTrunk } from "./trunks.js";

const ID = "SqlZqn1U1ezvhWGRek6ow";
const KEYED = keyedFingerprinter("videosdk-secret-for-tests");

function fingerprint(overrides: Parameters<typeof videoSdkTrunk>[0]): string {
  const mapped = toRemoteTrunk(videoSdkTrunk(overrides), ID, KEYED);
  if (!("trunk" in mapped)) throw new Error(mapped.problem);
  return mapped.trunk.fingerprint;
}

describe("reading a VideoSDK trunk", () => {
  it("maps the five update fields and fingerprints the read with a keyed hash", () => {
    const mapped = toRemoteTrunk(videoSdkTrunk(), ID, KEYED);
    expect(mapped).toEqual({
      trunk: {
        id: ID,
        fields: {
          name: "updatedTwilio",
          domain: "updated.example.com",
          direction: "inbound",
          numbers: ["+1987654321"],
          auth: { username: "newUser", password: "newPassword" },
        },
        fingerprint: expect.stringMatching(/^hmac-sha256:[0-9a-f]{64}$/),
      },
    });
  });

  it.each<{ rule: string; a: Record<string, JsonValue>; b: Record<string, JsonValue> }>([
    { rule: "number order", a: { numbers: ["+1", "+2"] }, b: { numbers: ["+2", "+1"] } },
    { rule: "number punctuation", a: { numbers: ["+1 (415) 555-0100"] }, b: { numbers: ["+14155550100"] } },
    {
      rule: "domain case and trailing dot",
      a: { domain: "Acme.Example.com." },
      b: { domain: "acme.example.com" },
    },
  ])("keeps the fingerprint when only the $rule differs", ({ a, b }) => {
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  it.each<{ change: string; overrides: Record<string, JsonValue> }>([
    { change: "password", overrides: { auth: { username: "newUser", password: "rotated" } } },
    { change: "name", overrides: { name: "other" } },
    { change: "numbers", overrides: { numbers: ["+1987654321", "+15550100"] } },
  ])("changes the fingerprint when the $change changes", ({ overrides }) => {
    expect(fingerprint(overrides)).not.toBe(fingerprint({}));
  });

  it.each<{ overrides: JsonObject; problem: string }>([
    { overrides: { name: null }, problem: 'field "name" is missing or not a string' },
    { overrides: { domain: 3 }, problem: 'field "domain" is missing or not a string' },
    { overrides: { direction: null }, problem: 'field "direction" is missing or not a string' },
    { overrides: { numbers: "+1" }, problem: 'field "numbers" is missing or not an array of strings' },
    { overrides: { numbers: [1] }, problem: 'field "numbers" is missing or not an array of strings' },
    { overrides: { auth: null }, problem: 'field "auth" is missing or not an object' },
    { overrides: { auth: { password: "p" } }, problem: 'field "auth.username" is missing or not a string' },
    { overrides: { auth: { username: "u" } }, problem: 'field "auth.password" is missing or not a string' },
  ])("refuses a trunk with $problem", ({ overrides, problem }) => {
    expect(toRemoteTrunk(videoSdkTrunk(overrides), ID, KEYED)).toEqual({ problem });
  });
});

describe("VideoSDK field rules", () => {
  it("compares numbers as a set of numbers without punctuation", () => {
    expect(fields.numbers?.compare).toBe("set");
    expect(fields.numbers?.normalize).toBe(normalizeNumber);
    expect(normalizeNumber("+1 (415) 555-0100")).toBe("+14155550100");
  });

  it("compares domains case-insensitively without a trailing dot", () => {
    expect(fields.domain?.normalize).toBe(normalizeDomain);
    expect(normalizeDomain("Acme.PSTN.Twilio.com.")).toBe("acme.pstn.twilio.com");
  });

  it("keeps a domain's port, dropping a trailing dot before it", () => {
    expect(normalizeDomain("SIP.Example.com.:5061")).toBe("sip.example.com:5061");
    expect(normalizeDomain("[2001:DB8::1]:5060")).toBe("[2001:db8::1]:5060");
    expect(normalizeDomain("sip.example.com:5060")).not.toBe(normalizeDomain("sip.example.com"));
  });

  it("treats the SIP password as sensitive", () => {
    expect(fields["auth.password"]).toEqual({ sensitive: true });
  });
});

describe("building a VideoSDK update body", () => {
  it("sends all five fields, and nothing else", () => {
    const merged = { ...videoSdkTrunk(), trunkId: "ignored" };
    expect(updateBody(merged)).toEqual({
      body: {
        auth: { username: "newUser", password: "newPassword" },
        name: "updatedTwilio",
        domain: "updated.example.com",
        direction: "inbound",
        numbers: ["+1987654321"],
      },
    });
  });

  it("names every missing field by its dotted path", () => {
    expect(updateBody({ name: "x", auth: { username: "u" }, numbers: [] })).toEqual({
      missing: ["auth.password", "domain", "direction"],
    });
  });
});
