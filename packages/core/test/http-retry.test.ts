import { describe, expect, it } from "vitest";
import { backoffDelay, retryAfterMs } from "../src/http/retry.js";

describe("backoffDelay", () => {
  const options = { minDelayMs: 250, maxDelayMs: 10_000 };

  it.each([
    { attempt: 1, random: 0, expected: 125 },
    { attempt: 1, random: 1, expected: 250 },
    { attempt: 3, random: 0.5, expected: 750 },
    { attempt: 10, random: 1, expected: 10_000 },
    { attempt: 10, random: 0, expected: 5_000 },
  ])(
    "waits $expected ms after attempt $attempt when the jitter draws $random",
    ({ attempt, random, expected }) => {
      expect(backoffDelay(attempt, options, () => random)).toBe(expected);
    },
  );
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-05-12T05:00:00Z");

  it.each([
    { header: "5", expected: 5_000 },
    { header: " 0 ", expected: 0 },
    { header: ["2", "9"], expected: 2_000 },
    { header: "Tue, 12 May 2026 05:00:30 GMT", expected: 30_000 },
    { header: "Tue, 12 May 2026 04:59:00 GMT", expected: 0 },
    { header: "soon", expected: undefined },
    { header: "-3", expected: undefined },
    { header: undefined, expected: undefined },
  ])("reads $header as $expected ms", ({ header, expected }) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});
