import { connectProviders, ProviderError, trunkKey } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/build-plan.js";
import { plan } from "../src/plan.js";
import { type ReadProgress, readState } from "../src/read-state.js";
import type { PlanFilters } from "../src/select.js";
import { fakeClient, fakePlugin, makeConfig, NOW, plugins, remote } from "./builders.js";

const config = makeConfig(
  { "vobiz-prod": { type: "vobiz" }, videosdk: { type: "videosdk" }, "vobiz-empty": { type: "vobiz" } },
  [
    { provider: "vobiz-prod", id: "v2", fields: { max_concurrent_calls: 25 } },
    { provider: "vobiz-prod", id: "v1", fields: { max_concurrent_calls: 10 } },
    { provider: "vobiz-prod", id: "v-gone" },
    { provider: "videosdk", id: "s1", fields: { name: "Twilio inbound" } },
  ],
);
const vobizAccount = [
  remote("v1", { max_concurrent_calls: 10 }),
  remote("v2", { max_concurrent_calls: 10 }),
  remote("z9", {}),
  remote("u7", {}),
];
const sipAccount = [remote("s1", { name: "Twilio" })];
const none = { providers: [], trunks: [] };

function setup(options: { vobizFails?: Error; vobizCanList?: boolean } = {}) {
  const vobiz = fakeClient(vobizAccount, {
    ...(options.vobizCanList === false ? { canList: false } : {}),
    ...(options.vobizFails ? { fail: options.vobizFails } : {}),
  });
  const sip = fakeClient(sipAccount, { canList: false });
  const empty = fakeClient([remote("e1", {})]);
  const clients = new Map([
    ["vobiz-prod", vobiz.client],
    ["videosdk", sip.client],
    ["vobiz-empty", empty.client],
  ]);
  return { clients, vobiz, sip, empty };
}

describe("readState", () => {
  it("lists a provider once when unfiltered, finding declared trunks and reporting the others as unmanaged", async () => {
    const { clients, vobiz } = setup();
    const { reads, unmanaged } = await readState(config, clients, { filters: none });
    expect(vobiz.calls).toEqual({ read: [], list: 1 });
    expect(reads.get(trunkKey("vobiz-prod", "v1"))).toMatchObject({ status: "found", trunk: { id: "v1" } });
    expect(reads.get(trunkKey("vobiz-prod", "v-gone"))).toEqual({ id: "v-gone", status: "missing" });
    expect(unmanaged.find((u) => u.provider === "vobiz-prod")).toEqual({
      provider: "vobiz-prod",
      providerType: "vobiz",
      supported: true,
      count: 2,
      ids: ["u7", "z9"],
    });
  });

  it("leaves trunks the account lists as missing out of the unmanaged report", async () => {
    const vobiz = fakeClient(vobizAccount, { reads: { z9: { id: "z9", status: "missing" } } });
    const { unmanaged } = await readState(config, new Map([["vobiz-prod", vobiz.client]]), {
      filters: { providers: ["vobiz-prod"], trunks: [] },
    });
    expect(unmanaged).toEqual([
      { provider: "vobiz-prod", providerType: "vobiz", supported: true, count: 1, ids: ["u7"] },
    ]);
  });

  it("reports a trunk the account lists twice once, declared or not", async () => {
    const vobiz = fakeClient([...vobizAccount, remote("z9", {}), remote("v1", { max_concurrent_calls: 10 })]);
    // Connected as the CLI connects it: core keeps each listed id once, for every caller.
    const connected = connectProviders(
      config,
      new Map([["vobiz", { ...fakePlugin("vobiz"), connect: () => vobiz.client }]]),
      {
        only: ["vobiz-prod"],
      },
    );
    const { reads, unmanaged } = await readState(config, connected, {
      filters: { providers: ["vobiz-prod"], trunks: [] },
    });
    expect(reads.get(trunkKey("vobiz-prod", "v1"))).toMatchObject({ status: "found", trunk: { id: "v1" } });
    expect(unmanaged).toEqual([
      { provider: "vobiz-prod", providerType: "vobiz", supported: true, count: 2, ids: ["u7", "z9"] },
    ]);
  });

  it("reads declared ids and reports the unmanaged list unavailable for a provider that cannot list", async () => {
    const { clients, sip } = setup();
    const { reads, unmanaged } = await readState(config, clients, { filters: none });
    expect(sip.calls).toEqual({ read: [["s1"]], list: 0 });
    expect(reads.get(trunkKey("videosdk", "s1"))).toMatchObject({ status: "found" });
    expect(unmanaged.find((u) => u.provider === "videosdk")).toEqual({
      provider: "videosdk",
      providerType: "videosdk",
      supported: false,
      count: 0,
      ids: [],
    });
  });

  it("still lists a provider block that declares no trunks, for its unmanaged report", async () => {
    const { clients, empty } = setup();
    const { unmanaged } = await readState(config, clients, { filters: none });
    expect(empty.calls.list).toBe(1);
    expect(unmanaged.map((u) => u.provider).sort()).toEqual(["videosdk", "vobiz-empty", "vobiz-prod"]);
    expect(unmanaged.find((u) => u.provider === "vobiz-empty")).toMatchObject({ count: 1, ids: ["e1"] });
  });

  it("reads only the filtered ids with a --trunk filter, and leaves the unmanaged report out", async () => {
    const { clients, vobiz, sip, empty } = setup();
    const { reads, unmanaged } = await readState(config, clients, {
      filters: { providers: [], trunks: ["v2"] },
    });
    expect(vobiz.calls).toEqual({ read: [["v2"]], list: 0 });
    expect(sip.calls.read).toEqual([]);
    expect(empty.calls).toEqual({ read: [], list: 0 });
    expect([...reads.keys()]).toEqual([trunkKey("vobiz-prod", "v2")]);
    expect(unmanaged).toEqual([]);
  });

  it("reads only the providers a --provider filter names", async () => {
    const { clients, vobiz, sip } = setup();
    const { reads, unmanaged } = await readState(config, clients, {
      filters: { providers: ["videosdk"], trunks: [] },
    });
    expect(vobiz.calls).toEqual({ read: [], list: 0 });
    expect(sip.calls.read).toEqual([["s1"]]);
    expect([...reads.keys()]).toEqual([trunkKey("videosdk", "s1")]);
    expect(unmanaged.map((u) => u.provider)).toEqual(["videosdk"]);
  });

  it("reads declared ids of a provider that cannot list, keeping the plugin's missing answers", async () => {
    const { clients, vobiz } = setup({ vobizCanList: false });
    const { reads } = await readState(config, clients, { filters: none });
    expect(vobiz.calls.read).toEqual([["v2", "v1", "v-gone"]]);
    expect(reads.get(trunkKey("vobiz-prod", "v-gone"))).toEqual({ id: "v-gone", status: "missing" });
  });

  it("marks a declared trunk the plugin returned nothing for as a failed read", async () => {
    const silent = { ...fakeClient([], { canList: false }).client, read: async () => [] };
    const { reads } = await readState(config, new Map([["vobiz-prod", silent]]), {
      filters: { providers: ["vobiz-prod"], trunks: [] },
    });
    expect(reads.get(trunkKey("vobiz-prod", "v1"))).toEqual({
      id: "v1",
      status: "failed",
      message: "the vobiz plugin returned no result",
    });
  });

  it.each([
    {
      name: "a ProviderError keeps its own message",
      error: new ProviderError(
        {
          provider: "vobiz-prod",
          method: "GET",
          path: "/api/v1/Account/MA_1/trunks",
          status: 401,
          hint: "check VOBIZ_AUTH_TOKEN",
        },
        "Unauthorized",
      ),
      message: "[vobiz-prod] GET /api/v1/Account/MA_1/trunks: 401 Unauthorized (check VOBIZ_AUTH_TOKEN)",
    },
    {
      name: "any other error gets the provider name",
      error: new Error("socket hang up"),
      message: "[vobiz-prod] socket hang up",
    },
  ])(
    "turns a failing provider into provider-failed reads without touching the others: $name",
    async ({ error, message }) => {
      const { clients } = setup({ vobizFails: error });
      const { reads, unmanaged } = await readState(config, clients, { filters: none });
      for (const id of ["v1", "v2", "v-gone"]) {
        expect(reads.get(trunkKey("vobiz-prod", id))).toEqual({ id, status: "provider-failed", message });
      }
      expect(reads.get(trunkKey("videosdk", "s1"))).toMatchObject({ status: "found" });
      expect(unmanaged.map((u) => u.provider).sort()).toEqual(["videosdk", "vobiz-empty"]);
    },
  );

  it("reads providers concurrently", async () => {
    const started: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const blocking = (name: string) => ({
      ...fakeClient([]).client,
      list: undefined,
      read: async (ids: readonly string[]) => {
        started.push(name);
        if (started.length === 2) release();
        await gate;
        return ids.map((id) => ({ id, status: "missing" as const }));
      },
    });
    const twoProviders = makeConfig({ a: { type: "vobiz" }, b: { type: "vobiz" } }, [
      { provider: "a", id: "1" },
      { provider: "b", id: "2" },
    ]);
    const clients = new Map([
      ["a", blocking("a")],
      ["b", blocking("b")],
    ]);
    // Each read waits until both have started: a sequential reader would never finish.
    const { reads } = await readState(twoProviders, clients, { filters: none });
    expect(started.sort()).toEqual(["a", "b"]);
    expect(reads.size).toBe(2);
  });

  it("reports progress once per provider", async () => {
    const { clients } = setup();
    const progress: ReadProgress[] = [];
    await readState(config, clients, { filters: none, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.provider).sort()).toEqual(["videosdk", "vobiz-empty", "vobiz-prod"]);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3]);
    expect(progress.every((p) => p.total === 3)).toBe(true);
  });
});

describe("plan", () => {
  it("reads state and builds the plan in one call", async () => {
    const { clients } = setup();
    const result = await plan(config, plugins(fakePlugin("vobiz"), fakePlugin("videosdk")), clients, {
      filters: none,
      toolVersion: "1.0.0",
      now: NOW,
    });
    expect(result.plan.changes.map((c) => `${c.provider}/${c.id}:${c.action}`)).toEqual([
      "videosdk/s1:update",
      "vobiz-prod/v-gone:error",
      "vobiz-prod/v1:no-op",
      "vobiz-prod/v2:update",
    ]);
    expect(result.plan.unmanaged.map((u) => u.provider)).toEqual(["videosdk", "vobiz-empty", "vobiz-prod"]);
    expect(result.state.size).toBe(3);
    expect(result.stats.durationMs).toBeGreaterThanOrEqual(0);
  });

  it.each<PlanFilters>([
    none,
    { providers: ["videosdk", "vobiz-prod"], trunks: [] },
    { providers: [], trunks: ["v2", "s1", "v-gone"] },
  ])("plans byte for byte what readState then buildPlan plan, with the same state (%o)", async (filters) => {
    const pluginMap = plugins(fakePlugin("vobiz"), fakePlugin("videosdk"));
    const options = { filters, toolVersion: "1.0.0", now: NOW };
    const planned = await plan(config, pluginMap, setup().clients, options);
    const { reads, unmanaged } = await readState(config, setup().clients, { filters });
    const built = buildPlan(config, pluginMap, reads, unmanaged, options);
    expect(JSON.stringify(planned.plan)).toBe(JSON.stringify(built.plan));
    expect([...planned.state]).toEqual([...built.state]);
    expect(planned.state.size).toBeGreaterThan(0);
  });
});
