import type { JsonObject } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { apply, checkSavedPlan } from "../src/index.js";
import { configOf, world } from "./builders.js";

const remote = {
  name: "Old",
  max_concurrent_calls: 10,
  enabled: true,
  auth: { username: "u", password: "remote-pw" },
};

describe("apply of a saved plan (no remote state at hand)", () => {
  it("re-reads each trunk right before its PUT and sends the update when nothing moved", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
    });

    const result = await apply(w.plan, { ...w, state: undefined, verify: false });

    expect(w.client("p").reads).toEqual([["t1"]]);
    expect(w.client("p").puts).toEqual([
      { id: "t1", body: { name: "New", max_concurrent_calls: 10, enabled: true } },
    ]);
    expect(result.outcomes[0]?.status).toBe("applied");
  });

  it("skips a trunk whose fingerprint moved since the plan, without a PUT", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
    });
    w.client("p").seed("t1", { ...remote, enabled: false }, "v2");

    const result = await apply(w.plan, { ...w, state: undefined });

    expect(w.client("p").puts).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({
      status: "skipped",
      message: "changed remotely since plan — re-run plan",
    });
  });

  it.each<{ name: string; planned: JsonObject; now: JsonObject }>([
    {
      name: "skips a trunk whose secret now equals the remote one",
      planned: { name: "Old", auth: { username: "u", password: "pw-at-plan-time" } },
      now: { name: "Old", auth: { username: "u", password: "remote-pw" } },
    },
    {
      name: "skips a trunk whose secret is now set where the plan had none",
      planned: { name: "Old", max_concurrent_calls: 20 },
      now: { name: "Old", max_concurrent_calls: 20, auth: { username: "u", password: "new-pw" } },
    },
    {
      name: "skips a trunk whose interpolated value changed since the plan",
      planned: { name: "Acme (prod)" },
      now: { name: "Acme (staging)" },
    },
  ])("$name", async ({ planned, now }) => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: planned, remote }],
    });
    const config = configOf({ p: {} }, [{ provider: "p", id: "t1", desired: now }]);

    const result = await apply(w.plan, { ...w, config, state: undefined });

    expect(w.client("p").puts).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({
      status: "skipped",
      message: "desired values changed since plan — re-run plan",
    });
  });

  it("fails a trunk that no longer exists at the provider", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
    });
    w.client("p").trunks.delete("t1");

    const result = await apply(w.plan, { ...w, state: undefined });

    expect(w.client("p").puts).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({
      status: "failed",
      message: "trunk no longer exists at the provider",
    });
  });

  it("fails a trunk whose re-read fails, with the provider's message", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
    });
    w.client("p").read = async (ids) =>
      ids.map((id) => ({ id, status: "failed", message: "[p] GET /t1: 503 busy" }));

    const result = await apply(w.plan, { ...w, state: undefined });

    expect(result.outcomes[0]).toMatchObject({ status: "failed", message: "[p] GET /t1: 503 busy" });
  });
});

describe("checkSavedPlan", () => {
  const w = world({
    providers: { p: {} },
    trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
  });
  const made = new Date(w.plan.createdAt).getTime();
  const hour = 3_600_000;

  it.each([
    {
      name: "accepts a fresh plan of the same trunks.yaml",
      plan: w.plan,
      config: w.config,
      age: 0,
      reasons: [],
    },
    {
      name: "refuses when trunks.yaml changed since the plan",
      plan: w.plan,
      config: { ...w.config, digest: "sha256:2" },
      age: 0,
      reasons: ["trunks.yaml changed since the plan was made — re-run plan"],
    },
    {
      name: "refuses a plan older than the maximum age",
      plan: w.plan,
      config: w.config,
      age: 3 * hour,
      reasons: ["plan is older than 2h (made 2025-01-01T12:00:00.000Z) — re-run plan"],
    },
    {
      name: "accepts a plan made up to 5 minutes ahead of this clock (skew between machines)",
      plan: w.plan,
      config: w.config,
      age: -5 * 60_000,
      reasons: [],
    },
    {
      name: "refuses a plan made later than now, which --max-plan-age could never expire",
      plan: w.plan,
      config: w.config,
      age: -hour,
      reasons: ["plan creation time 2025-01-01T12:00:00.000Z is in the future — re-run plan"],
    },
    {
      name: "refuses a plan file version it does not know",
      plan: JSON.parse(JSON.stringify({ ...w.plan, version: 2 })),
      config: w.config,
      age: 0,
      reasons: ["plan file version 2 is not supported (this trunksync reads version 1) — re-run plan"],
    },
    {
      name: "refuses a plan whose creation time is not a date",
      plan: { ...w.plan, createdAt: "yesterday" },
      config: w.config,
      age: 0,
      reasons: ['plan creation time "yesterday" is not a date — re-run plan'],
    },
  ])("$name", ({ plan, config, age, reasons }) => {
    expect(checkSavedPlan(plan, config, { maxAgeMs: 2 * hour, now: new Date(made + age) })).toEqual(reasons);
  });

  it.each([
    { maxAgeMs: 1, words: "1ms" },
    { maxAgeMs: 90_000, words: "1m30s" },
    { maxAgeMs: 5_400_000, words: "1h30m" },
    { maxAgeMs: 86_400_000, words: "1d" },
  ])("words a maximum age of $maxAgeMs ms exactly, as $words", ({ maxAgeMs, words }) => {
    const reasons = checkSavedPlan(w.plan, w.config, { maxAgeMs, now: new Date(made + maxAgeMs + 1) });
    expect(reasons).toEqual([`plan is older than ${words} (made ${w.plan.createdAt}) — re-run plan`]);
  });

  it("lists every reason at once", () => {
    const reasons = checkSavedPlan(
      w.plan,
      { ...w.config, digest: "sha256:2" },
      {
        maxAgeMs: hour,
        now: new Date(made + 2 * hour),
      },
    );

    expect(reasons).toHaveLength(2);
  });
});
