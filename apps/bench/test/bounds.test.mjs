import { describe, expect, it } from "vitest";
import {
  applyRoundTrips,
  boundMs,
  listRoundTrips,
  median,
  perIdRoundTrips,
  rateBoundMs,
  ratios,
  sustainedRate,
} from "../src/bounds.mjs";

describe("listRoundTrips", () => {
  it.each([
    { trunks: 10_000, concurrency: 16, expected: 8, why: "100 pages: the first, then 99 in 7 waves" },
    { trunks: 10_003, concurrency: 16, expected: 8, why: "101 pages: 100 after the first still fit 7 waves" },
    { trunks: 1_700, concurrency: 16, expected: 2, why: "17 pages: 16 after the first in one wave" },
    { trunks: 1_800, concurrency: 16, expected: 3, why: "18 pages: 17 after the first need two waves" },
    { trunks: 100, concurrency: 16, expected: 1, why: "one page" },
    { trunks: 0, concurrency: 16, expected: 1, why: "an empty account still takes one request" },
    { trunks: 10_000, concurrency: 1, expected: 100, why: "sequential pages" },
  ])("takes $expected round trips for $trunks trunks at concurrency $concurrency ($why)", (c) => {
    expect(listRoundTrips(c.trunks, c.concurrency)).toBe(c.expected);
  });
});

describe("perIdRoundTrips", () => {
  it.each([
    { trunks: 2_000, concurrency: 16, expected: 125 },
    { trunks: 1_000, concurrency: 16, expected: 63 },
    { trunks: 16, concurrency: 16, expected: 1 },
    { trunks: 17, concurrency: 16, expected: 2 },
  ])("takes $expected round trips for $trunks reads at concurrency $concurrency", (c) => {
    expect(perIdRoundTrips(c.trunks, c.concurrency)).toBe(c.expected);
  });
});

describe("applyRoundTrips", () => {
  it.each([
    { accountTrunks: 10_000, changed: 1_000, concurrency: 16, expected: { plan: 8, puts: 63, total: 71 } },
    { accountTrunks: 10_000, changed: 1_000, concurrency: 64, expected: { plan: 3, puts: 16, total: 19 } },
    { accountTrunks: 10_000, changed: 10, concurrency: 16, expected: { plan: 8, puts: 1, total: 9 } },
  ])("adds the plan's list and the PUTs: $changed of $accountTrunks at $concurrency", (c) => {
    expect(applyRoundTrips(c)).toEqual(c.expected);
  });
});

describe("bounds and ratios", () => {
  it("adds start-up to round trips times latency", () => {
    expect(boundMs({ startupMs: 300, roundTrips: 8, latencyMs: 20 })).toBe(460);
  });

  it("reports the ratio with and without start-up", () => {
    const r = ratios({ wallMs: 600, startupMs: 300, roundTrips: 10, latencyMs: 20 });
    expect(r.withStartup).toBeCloseTo(1.2);
    expect(r.withoutStartup).toBeCloseTo(1.5);
  });

  it("does not go below zero when a run beats the median start-up", () => {
    expect(ratios({ wallMs: 250, startupMs: 300, roundTrips: 10, latencyMs: 20 }).withoutStartup).toBe(0);
  });

  it("takes requests ÷ rate seconds under a rate limit", () => {
    expect(rateBoundMs(2_016, 100)).toBeCloseTo(20_160);
  });

  it("lets the bucket's initial burst through at no cost", () => {
    expect(rateBoundMs(1_022, 100, 100)).toBeCloseTo(9_220);
    expect(rateBoundMs(80, 100, 100)).toBe(0);
  });

  it.each([
    { accepted: 1_022, burst: 100, busyMs: 10_000, expected: 92.2, why: "922 beyond the burst in 10 s" },
    { accepted: 104, burst: 100, busyMs: 40, expected: 100, why: "4 beyond the burst in 40 ms" },
  ])("sustains $expected req/s for $why", ({ accepted, burst, busyMs, expected }) => {
    expect(sustainedRate({ accepted, burst, busyMs })).toBeCloseTo(expected);
  });

  it("has no sustained rate when every request fitted in the burst", () => {
    expect(sustainedRate({ accepted: 100, burst: 100, busyMs: 1_000 })).toBeNaN();
  });

  it.each([
    { values: [3, 1, 2], expected: 2 },
    { values: [4, 1, 3, 2], expected: 2.5 },
    { values: [7], expected: 7 },
  ])("takes the median of $values", ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });
});
