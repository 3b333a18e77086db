import { describe, expect, it } from "vitest";
import { apply } from "../src/index.js";
import { batches, deferred, Gauge, type TrunkSpec, world } from "./builders.js";

const remote = { name: "Old", max_concurrent_calls: 10, enabled: true };

function trunks(provider: string, count: number): TrunkSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    provider,
    id: `${provider}-${String(i).padStart(2, "0")}`,
    desired: { name: "New" },
    remote,
  }));
}

describe("apply concurrency", () => {
  it.each([
    {
      name: "caps updates in flight at the provider block's concurrency",
      providerCap: 3,
      overall: undefined,
      cap: 3,
    },
    { name: "caps updates in flight at the overall concurrency", providerCap: 8, overall: 2, cap: 2 },
    { name: "honours the lower of the two caps", providerCap: 4, overall: 5, cap: 4 },
  ])("$name", async ({ providerCap, overall, cap }) => {
    const w = world({ providers: { p: { concurrency: providerCap } }, trunks: trunks("p", 11) });
    w.client("p").beforePut = batches(cap, 11);

    const result = await apply(w.plan, { ...w, concurrency: overall });

    expect(w.gauge.max).toBe(cap);
    expect(result.summary.applied).toBe(11);
  });

  it("defaults a provider block to 8 updates in flight", async () => {
    const w = world({ providers: { p: {} }, trunks: trunks("p", 20) });
    w.client("p").beforePut = batches(8, 20);

    await apply(w.plan, w);

    expect(w.gauge.max).toBe(8);
  });

  it("keeps the overall cap across providers while each stays under its own", async () => {
    const gauge = new Gauge();
    const w = world({
      providers: { a: { concurrency: 2 }, b: { concurrency: 2 } },
      trunks: [...trunks("a", 6), ...trunks("b", 6)],
      gauge,
    });
    const perProvider = { a: new Gauge(), b: new Gauge() };
    const gate = batches(3, 12);
    for (const name of ["a", "b"] as const) {
      w.client(name).beforePut = async () => {
        perProvider[name].enter();
        await gate();
        perProvider[name].leave();
      };
    }

    const result = await apply(w.plan, { ...w, concurrency: 3 });

    expect(gauge.max).toBe(3);
    expect(perProvider.a.max).toBeLessThanOrEqual(2);
    expect(perProvider.b.max).toBeLessThanOrEqual(2);
    expect(result.summary.applied).toBe(12);
  });
});

describe("apply interrupted", () => {
  it("starts no request after the signal aborts, finishes those in flight and skips the rest", async () => {
    const w = world({ providers: { p: { concurrency: 2 } }, trunks: trunks("p", 5) });
    const controller = new AbortController();
    const twoStarted = deferred();
    const release = deferred();
    w.client("p").beforePut = async () => {
      if (w.gauge.current === 2) twoStarted.resolve();
      await release.promise;
    };

    const applying = apply(w.plan, { ...w, signal: controller.signal });
    await twoStarted.promise;
    controller.abort();
    release.resolve();
    const result = await applying;

    expect(w.client("p").puts.map((p) => p.id)).toEqual(["p-00", "p-01"]);
    // No read of any kind after the signal.
    expect(w.client("p").reads).toEqual([]);
    expect(result.interrupted).toBe(true);
    expect(result.outcomes.map((o) => [o.id, o.status, o.message])).toEqual([
      ["p-00", "applied", undefined],
      ["p-01", "applied", undefined],
      ["p-02", "skipped", "interrupted"],
      ["p-03", "skipped", "interrupted"],
      ["p-04", "skipped", "interrupted"],
    ]);
  });

  it("reads no further trunk of a saved plan once the signal aborts", async () => {
    const w = world({ providers: { p: { concurrency: 1 } }, trunks: trunks("p", 3) });
    const controller = new AbortController();
    const putStarted = deferred();
    const release = deferred();
    w.client("p").beforePut = async () => {
      putStarted.resolve();
      await release.promise;
    };

    const applying = apply(w.plan, { ...w, state: undefined, signal: controller.signal });
    await putStarted.promise;
    controller.abort();
    release.resolve();
    const result = await applying;

    // Only p-00's re-read before its PUT: p-01 and p-02 are never read.
    expect(w.client("p").reads).toEqual([["p-00"]]);
    expect(result.summary).toMatchObject({ applied: 1, skipped: 2 });
  });

  it("sends no PUT for a trunk whose re-read was in flight when the signal aborted", async () => {
    const w = world({ providers: { p: {} }, trunks: trunks("p", 1) });
    const controller = new AbortController();
    const client = w.client("p");
    const read = client.read.bind(client);
    const readStarted = deferred();
    const release = deferred();
    client.read = async (ids) => {
      readStarted.resolve();
      await release.promise;
      return read(ids);
    };

    const applying = apply(w.plan, { ...w, state: undefined, signal: controller.signal });
    await readStarted.promise;
    controller.abort();
    release.resolve();
    const result = await applying;

    expect(client.puts).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({ status: "skipped", message: "interrupted" });
  });

  it("sends nothing when the signal has already aborted", async () => {
    const w = world({ providers: { p: {} }, trunks: trunks("p", 3) });

    const result = await apply(w.plan, { ...w, signal: AbortSignal.abort() });

    expect(w.client("p").puts).toEqual([]);
    expect(result.summary).toEqual({ applied: 0, unchanged: 0, failed: 0, skipped: 3 });
    expect(result.interrupted).toBe(true);
  });

  it("is not interrupted when the signal never aborts", async () => {
    const w = world({ providers: { p: {} }, trunks: trunks("p", 2) });

    const result = await apply(w.plan, { ...w, signal: new AbortController().signal });

    expect(result.interrupted).toBe(false);
  });
});
