import { describe, expect, it } from "vitest";
import { formatMicros, nextTimestamp, parseMicros } from "../src/clock.js";
import { generateTrunks } from "../src/generate.js";
import { Random } from "../src/random.js";
import { RateLimiter, retryAfterValue } from "../src/rate-limiter.js";
import { DEFAULT_SEED, stateFromSeed } from "../src/seed.js";
import { TrunkStore } from "../src/trunk-store.js";
import { vobizJson } from "../src/vobiz-trunk.js";
import { WRITTEN_STAMP } from "./helpers.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("microsecond timestamps", () => {
  it.each([
    { input: "2026-05-12T05:12:18.147340Z", output: "2026-05-12T05:12:18.14734Z" },
    { input: "2026-05-12T05:12:18.054462Z", output: "2026-05-12T05:12:18.054462Z" },
    { input: "2026-06-01T14:00:07.5Z", output: "2026-06-01T14:00:07.5Z" },
    { input: "2026-06-01T14:00:07.000001Z", output: "2026-06-01T14:00:07.000001Z" },
    { input: "2026-03-25T10:05:00Z", output: "2026-03-25T10:05:00Z" },
    { input: "2026-03-25T10:05:00.000000Z", output: "2026-03-25T10:05:00Z" },
    { input: "2026-03-25T10:05:00.123456789Z", output: "2026-03-25T10:05:00.123456Z" },
  ])("reads $input with any fractional precision and writes it as $output", ({ input, output }) => {
    expect(formatMicros(parseMicros(input))).toBe(output);
  });

  it("stamps a change strictly after a previous stamp, even one in the future", () => {
    expect(nextTimestamp("2100-01-01T00:00:00.999999Z")).toBe("2100-01-01T00:00:01Z");
    expect(nextTimestamp("2100-01-01T00:00:00.499999Z")).toBe("2100-01-01T00:00:00.5Z");
    const past = "2020-01-01T00:00:00Z";
    const first = nextTimestamp(past);
    expect(parseMicros(first)).toBeGreaterThan(parseMicros(past));
    expect(parseMicros(nextTimestamp(past))).toBeGreaterThan(parseMicros(first));
  });
});

describe("TrunkStore", () => {
  it("pages in creation order and skips deleted trunks", () => {
    const store = new TrunkStore<string>();
    for (const id of ["a", "b", "c", "d"]) store.set(id, id.toUpperCase());
    store.delete("b");
    expect(store.page(0, 10)).toEqual(["A", "C", "D"]);
    expect(store.page(1, 1)).toEqual(["C"]);
    expect(store.size).toBe(3);
  });

  it("keeps a replaced trunk in place and lists a re-created one once, at the end", () => {
    const store = new TrunkStore<string>();
    for (const id of ["a", "b", "c"]) store.set(id, id);
    store.set("a", "a2");
    store.delete("b");
    store.set("b", "b2");
    expect(store.page(0, 10)).toEqual(["a2", "c", "b2"]);
  });
});

describe("RateLimiter", () => {
  it("allows a burst of `rate` then names the exact wait for the next token", () => {
    const limiter = new RateLimiter();
    expect([0, 0, 0].map(() => limiter.take("k", 3, 1000))).toEqual([0, 0, 0]);
    expect(limiter.take("k", 3, 1000)).toBeCloseTo(1000 / 3);
    expect(limiter.take("k", 3, 1100)).toBeCloseTo(1000 / 3 - 100); // 100 ms refilled 0.3 tokens
    expect(limiter.take("k", 3, 1400)).toBe(0); // 400 ms refilled 1.2 tokens
    expect(limiter.take("other", 3, 1400)).toBe(0);
  });

  it("admits one request at rates below one per second and names the wait", () => {
    const limiter = new RateLimiter();
    expect(limiter.take("k", 0.25, 0)).toBe(0);
    expect(limiter.take("k", 0.25, 0)).toBe(4000);
    expect(limiter.take("k", 0.25, 4000)).toBe(0);
  });
});

describe("Retry-After values", () => {
  // 2026-05-12T05:12:18.250Z, a Tuesday.
  const now = Date.UTC(2026, 4, 12, 5, 12, 18, 250);

  it.each([
    { waitMs: 1, expected: "1" },
    { waitMs: 333.4, expected: "1" },
    { waitMs: 1000, expected: "1" },
    { waitMs: 1000.5, expected: "2" },
    { waitMs: 4000, expected: "4" },
  ])("writes a wait of $waitMs ms as $expected delta-seconds, rounded up", ({ waitMs, expected }) => {
    expect(retryAfterValue("seconds", waitMs, now)).toBe(expected);
  });

  it.each([
    { waitMs: 1, expected: "Tue, 12 May 2026 05:12:19 GMT" },
    { waitMs: 749.9, expected: "Tue, 12 May 2026 05:12:19 GMT" },
    { waitMs: 750, expected: "Tue, 12 May 2026 05:12:19 GMT" }, // ends on a whole second: that one
    { waitMs: 750.1, expected: "Tue, 12 May 2026 05:12:20 GMT" },
    { waitMs: 86_400_000, expected: "Wed, 13 May 2026 05:12:19 GMT" },
  ])(
    "writes a wait of $waitMs ms from 05:12:18.250 as the IMF-fixdate $expected, never before it ends",
    ({ waitMs, expected }) => {
      const value = retryAfterValue("date", waitMs, now);
      expect(value).toBe(expected);
      expect(value).toMatch(
        /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/,
      );
      expect(Date.parse(value)).toBeGreaterThanOrEqual(now + waitMs);
      expect(Date.parse(value)).toBeLessThan(now + waitMs + 1000);
    },
  );

  it("pads single-digit days and hours", () => {
    expect(retryAfterValue("date", 500, Date.UTC(2027, 0, 3, 4, 5, 6, 600))).toBe(
      "Sun, 03 Jan 2027 04:05:08 GMT",
    );
  });
});

describe("generated trunks", () => {
  const build = (count: number) => {
    const state = stateFromSeed(DEFAULT_SEED, new Random(1));
    generateTrunks(state, count);
    return state;
  };

  it("are identical on every run", () => {
    const ids = (count: number) => {
      const state = build(count);
      return {
        vobiz: state.vobiz.get("MA_DEMO0001")?.trunks.page(3, 5),
        videosdk: state.videosdk.get("demo-videosdk-key")?.trunks.page(2, 5),
      };
    };
    expect(ids(50)).toEqual(ids(50));
  });

  it("look like the providers' trunks and have unique ids, even at 100 000", () => {
    const state = build(100_000);
    const vobiz = state.vobiz.get("MA_DEMO0001")?.trunks;
    const videosdk = state.videosdk.get("demo-videosdk-key")?.trunks;
    expect(vobiz?.size).toBe(100_003);
    expect(videosdk?.size).toBe(100_002);
    const vobizIds = new Set([...(vobiz?.values() ?? [])].map((t) => t.trunk_id));
    const sipIds = new Set([...(videosdk?.values() ?? [])].map((t) => t.trunkId));
    expect(vobizIds.size).toBe(100_003);
    expect(sipIds.size).toBe(100_002);
    const [sample] = vobiz?.page(50_000, 1) ?? [];
    expect(sample?.trunk_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sample?.trunk_domain).toBe(`${sample?.trunk_id}.sip.vobiz.ai`);
    expect(sample?.updated_at).toMatch(WRITTEN_STAMP);
    expect(parseMicros(sample?.updated_at ?? "")).toBeGreaterThanOrEqual(
      parseMicros(sample?.created_at ?? ""),
    );
    const [sip] = videosdk?.page(50_000, 1) ?? [];
    expect(sip?.trunkId).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(sip?.numbers.every((n) => /^\+1\d{10}$/.test(n))).toBe(true);
  });

  // providers.md: optional strings are left out of the JSON when unset, and webhook_method is
  // POST or GET. Clients must meet both shapes, so some generated trunks carry them, by number.
  it.each([
    { field: "credential_uuid", every: 3, nth: "3rd" },
    { field: "ipacl_uuid", every: 5, nth: "5th" },
    { field: "primary_uri_uuid", every: 7, nth: "7th" },
    { field: "fallback_uri_uuid", every: 14, nth: "14th" },
  ] as const)(
    "give every $nth trunk a $field (a v4 uuid), and leave it out of the others' JSON",
    ({ field, every }) => {
      const trunks = build(420).vobiz.get("MA_DEMO0001")?.trunks.page(3, 420) ?? [];
      expect(trunks).toHaveLength(420);
      for (const [i, trunk] of trunks.entries()) {
        const json = vobizJson(trunk);
        if ((i + 1) % every === 0) expect(json[field]).toMatch(UUID);
        else expect(json).not.toHaveProperty(field);
      }
    },
  );

  it("set webhook_method GET on every 4th trunk and POST on the rest", () => {
    const trunks = build(100).vobiz.get("MA_DEMO0001")?.trunks.page(3, 100) ?? [];
    const methods = trunks.map((trunk) => trunk.webhook_method);
    expect(methods.filter((method) => method === "GET")).toHaveLength(25);
    expect(methods.slice(0, 4)).toEqual(["POST", "POST", "POST", "GET"]);
  });

  it("draw distinct uuids that are no trunk's id", () => {
    const trunks = build(1_000).vobiz.get("MA_DEMO0001")?.trunks.page(0, 1_003) ?? [];
    const ids = new Set(trunks.map((trunk) => trunk.trunk_id));
    const uuids = trunks.flatMap((t) =>
      [t.credential_uuid, t.ipacl_uuid, t.primary_uri_uuid, t.fallback_uri_uuid].filter(
        (u) => u !== undefined,
      ),
    );
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(uuids.some((uuid) => ids.has(uuid))).toBe(false);
  });
});
