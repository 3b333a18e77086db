import { type JsonObject, type Plan, trunkKey, type UnmanagedReport } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/build-plan.js";
import type { StateRead } from "../src/read-state.js";
import type { PlanFilters } from "../src/select.js";
import {
  type BlockSpec,
  DIGEST,
  fakePlugin,
  found,
  makeConfig,
  NOW,
  plugins,
  remote,
  sipRules,
  type TrunkSpec,
} from "./builders.js";

const VOBIZ_ID = "bfab10fb-cb97-488b-9c63-989c32980b0f";
const SIP_ID = "SqlZqn1U1ezvhWGRek6ow";
const SECRET = "s3cr3t-twilio-password";

const allPlugins = plugins(
  fakePlugin("vobiz", { required: ["name", "max_concurrent_calls", "enabled"] }),
  fakePlugin("videosdk", {
    fields: sipRules,
    required: ["auth.username", "auth.password", "name", "domain", "direction", "numbers"],
  }),
);

const blocks: Record<string, BlockSpec> = {
  "vobiz-prod": { type: "vobiz" },
  videosdk: { type: "videosdk" },
};

const vobizRemote = remote(VOBIZ_ID, {
  name: "Acme Production Trunk",
  max_concurrent_calls: 10,
  enabled: true,
});
const sipRemote = remote(SIP_ID, {
  name: "Twilio inbound",
  domain: "acme.pstn.twilio.com",
  direction: "inbound",
  numbers: ["+14155550100"],
  auth: { username: "acme", password: "old-password" },
});

const noFilters: PlanFilters = { providers: [], trunks: [] };

function build(
  trunks: TrunkSpec[],
  reads: Record<string, StateRead>,
  options: {
    filters?: PlanFilters;
    maxChanges?: number;
    unmanaged?: UnmanagedReport[];
    blocks?: Record<string, BlockSpec>;
  } = {},
) {
  const config = makeConfig(options.blocks ?? blocks, trunks);
  const readMap = new Map(
    trunks.flatMap((t) => {
      const read = reads[`${t.provider}/${t.id}`];
      return read ? [[trunkKey(t.provider, t.id), read] as const] : [];
    }),
  );
  return buildPlan(config, allPlugins, readMap, options.unmanaged ?? [], {
    filters: options.filters ?? noFilters,
    toolVersion: "1.2.3",
    now: NOW,
    ...(options.maxChanges === undefined ? {} : { maxChanges: options.maxChanges }),
  });
}

const vobizTrunk = (fields: JsonObject, id = VOBIZ_ID): TrunkSpec => ({ provider: "vobiz-prod", id, fields });
const soleChange = (plan: Plan) => {
  expect(plan.changes).toHaveLength(1);
  return plan.changes[0];
};

describe("buildPlan: one trunk", () => {
  it("plans an update with the remote fingerprint and the changed fields", () => {
    const { plan } = build([vobizTrunk({ max_concurrent_calls: 25 })], {
      [`vobiz-prod/${VOBIZ_ID}`]: found(vobizRemote),
    });
    expect(soleChange(plan)).toEqual({
      provider: "vobiz-prod",
      providerType: "vobiz",
      id: VOBIZ_ID,
      name: "Acme Production Trunk",
      action: "update",
      fingerprint: `fp-${VOBIZ_ID}`,
      changes: [{ path: "max_concurrent_calls", before: 10, after: 25 }],
    });
  });

  it("names the trunk after trunks.yaml when the config sets a name", () => {
    const { plan } = build([vobizTrunk({ name: "Renamed" })], {
      [`vobiz-prod/${VOBIZ_ID}`]: found(vobizRemote),
    });
    expect(soleChange(plan)).toMatchObject({ name: "Renamed", action: "update" });
  });

  it("plans no-op when every managed field matches", () => {
    const { plan } = build([vobizTrunk({ max_concurrent_calls: 10, enabled: true })], {
      [`vobiz-prod/${VOBIZ_ID}`]: found(vobizRemote),
    });
    expect(soleChange(plan)).toEqual({
      provider: "vobiz-prod",
      providerType: "vobiz",
      id: VOBIZ_ID,
      name: "Acme Production Trunk",
      action: "no-op",
      fingerprint: `fp-${VOBIZ_ID}`,
    });
  });

  it.each<{ name: string; read: StateRead | undefined; kind: string; message: string }>([
    {
      name: "reports not-found with what to do when the provider has no such trunk",
      read: { id: VOBIZ_ID, status: "missing" },
      kind: "not-found",
      message: `trunk ${VOBIZ_ID} not found at provider vobiz-prod; check the id or create it in the provider's console`,
    },
    {
      name: "reports read-failed with the read's message",
      read: { id: VOBIZ_ID, status: "failed", message: "unknown trunk_status 'suspended'" },
      kind: "read-failed",
      message: "unknown trunk_status 'suspended'",
    },
    {
      name: "reports provider-failed with the provider's error",
      read: {
        id: VOBIZ_ID,
        status: "provider-failed",
        message: "[vobiz-prod] GET /api/v1/Account/MA_1/trunks: 401 bad",
      },
      kind: "provider-failed",
      message: "[vobiz-prod] GET /api/v1/Account/MA_1/trunks: 401 bad",
    },
    {
      name: "reports read-failed when no read result exists for the trunk",
      read: undefined,
      kind: "read-failed",
      message: "the trunk was not read",
    },
  ])("$name", ({ read, kind, message }) => {
    const { plan, state } = build(
      [vobizTrunk({ name: "Main" })],
      read ? { [`vobiz-prod/${VOBIZ_ID}`]: read } : {},
    );
    expect(soleChange(plan)).toEqual({
      provider: "vobiz-prod",
      providerType: "vobiz",
      id: VOBIZ_ID,
      name: "Main",
      action: "error",
      error: { kind, message },
    });
    expect(state.size).toBe(0);
  });

  it("reports incomplete, naming the fields to add, when a full update body cannot be built", () => {
    const partial = remote(VOBIZ_ID, { name: "Acme", enabled: true });
    const { plan } = build([vobizTrunk({ name: "Acme 2" })], { [`vobiz-prod/${VOBIZ_ID}`]: found(partial) });
    const change = soleChange(plan);
    expect(change).toMatchObject({ action: "error", error: { kind: "incomplete" } });
    expect(change?.action === "error" && change.error.message).toMatch(
      /max_concurrent_calls.*add it to this trunk in trunks\.yaml/,
    );
  });

  it("keeps a matching trunk no-op even when its update body could not be built", () => {
    const partial = remote(VOBIZ_ID, { name: "Acme" });
    const { plan } = build([vobizTrunk({ name: "Acme" })], { [`vobiz-prod/${VOBIZ_ID}`]: found(partial) });
    expect(soleChange(plan)).toMatchObject({ action: "no-op" });
  });

  it("builds the update body from config values laid over remote ones", () => {
    const { plan } = build(
      [{ provider: "videosdk", id: SIP_ID, fields: { auth: { username: "newUser" } } }],
      {
        [`videosdk/${SIP_ID}`]: found(sipRemote),
      },
    );
    expect(soleChange(plan)).toMatchObject({ action: "update", changes: [{ path: "auth.username" }] });
  });
});

describe("buildPlan: the whole plan", () => {
  const trunks: TrunkSpec[] = [
    { provider: "videosdk", id: SIP_ID, fields: { numbers: ["+14155550101"] } },
    vobizTrunk({ max_concurrent_calls: 10 }, "c-noop"),
    vobizTrunk({ max_concurrent_calls: 30 }, "a-update"),
    vobizTrunk({ name: "gone" }, "b-missing"),
  ];
  const reads: Record<string, StateRead> = {
    [`videosdk/${SIP_ID}`]: found(sipRemote),
    "vobiz-prod/a-update": found({ ...vobizRemote, id: "a-update" }),
    "vobiz-prod/b-missing": { id: "b-missing", status: "missing" },
    "vobiz-prod/c-noop": found({ ...vobizRemote, id: "c-noop" }),
  };
  const order = (plan: Plan) => plan.changes.map((c) => `${c.provider}/${c.id}`);
  const expectedOrder = [
    `videosdk/${SIP_ID}`,
    "vobiz-prod/a-update",
    "vobiz-prod/b-missing",
    "vobiz-prod/c-noop",
  ];

  it.each([
    { name: "as declared", trunks },
    { name: "reversed", trunks: [...trunks].reverse() },
    { name: "rotated", trunks: [...trunks.slice(2), ...trunks.slice(0, 2)] },
  ])("sorts changes by provider then id whatever the config order ($name)", ({ trunks: input }) => {
    const { plan } = build(input, reads);
    expect(order(plan)).toEqual(expectedOrder);
    expect(plan).toEqual(build(trunks, reads).plan);
  });

  it("counts updates, no-ops and errors in the summary", () => {
    expect(build(trunks, reads).plan.summary).toEqual({ update: 2, noop: 1, error: 1 });
  });

  it("records the tool, the config's base name and digest, the time and sorted filters", () => {
    const { plan } = build(trunks, reads, {
      filters: { providers: ["vobiz-prod"], trunks: ["c-noop", "a-update"] },
    });
    expect(plan).toMatchObject({
      version: 1,
      createdAt: "2025-01-02T03:04:05.000Z",
      tool: { name: "trunksync", version: "1.2.3" },
      config: { file: "trunks.yaml", digest: DIGEST },
      filters: { providers: ["vobiz-prod"], trunks: ["a-update", "c-noop"] },
    });
  });

  it.each([
    {
      name: "a provider filter keeps that provider's trunks",
      filters: { providers: ["videosdk"], trunks: [] },
      expected: [`videosdk/${SIP_ID}`],
    },
    {
      name: "a trunk filter keeps those ids",
      filters: { providers: [], trunks: ["c-noop", SIP_ID] },
      expected: [`videosdk/${SIP_ID}`, "vobiz-prod/c-noop"],
    },
    {
      name: "both filters must match",
      filters: { providers: ["vobiz-prod"], trunks: [SIP_ID, "a-update"] },
      expected: ["vobiz-prod/a-update"],
    },
  ])("plans only selected trunks: $name", ({ filters, expected }) => {
    expect(order(build(trunks, reads, { filters }).plan)).toEqual(expected);
  });

  it("keeps the remote state of every found trunk, and only those", () => {
    const { state } = build(trunks, reads);
    expect([...state.keys()].sort()).toEqual(
      [
        trunkKey("videosdk", SIP_ID),
        trunkKey("vobiz-prod", "a-update"),
        trunkKey("vobiz-prod", "c-noop"),
      ].sort(),
    );
    expect(state.get(trunkKey("videosdk", SIP_ID))).toBe(sipRemote);
  });

  it("sorts unmanaged reports by provider", () => {
    const report = (provider: string): UnmanagedReport => ({
      provider,
      providerType: "vobiz",
      supported: true,
      count: 0,
      ids: [],
    });
    const { plan } = build(trunks, reads, { unmanaged: [report("zeta"), report("alpha"), report("mid")] });
    expect(plan.unmanaged.map((u) => u.provider)).toEqual(["alpha", "mid", "zeta"]);
  });

  it("never puts a sensitive value in the plan", () => {
    const desired = { auth: { username: "acme", password: SECRET } };
    const { plan } = build([{ provider: "videosdk", id: SIP_ID, fields: desired }], {
      [`videosdk/${SIP_ID}`]: found(sipRemote),
    });
    expect(soleChange(plan)).toMatchObject({
      action: "update",
      changes: [{ path: "auth.password", sensitive: true }],
    });
    const serialised = JSON.stringify(plan);
    expect(serialised).not.toContain(SECRET);
    expect(serialised).not.toContain("old-password");
  });
});

describe("buildPlan: safety", () => {
  const updates = (provider: string, n: number): TrunkSpec[] =>
    Array.from({ length: n }, (_, i) => ({
      provider,
      id: `${provider}-${i}`,
      fields: { max_concurrent_calls: 99 },
    }));
  const readsFor = (trunks: TrunkSpec[]) =>
    Object.fromEntries(
      trunks.map((t) => [
        `${t.provider}/${t.id}`,
        found(remote(t.id, { name: t.id, max_concurrent_calls: 1, enabled: true })),
      ]),
    );
  const twoVobiz = (a?: number, b?: number) => ({
    a: { type: "vobiz", ...(a === undefined ? {} : { maxChanges: a }) },
    b: { type: "vobiz", ...(b === undefined ? {} : { maxChanges: b }) },
  });

  it.each([
    { name: "safe without limits", limits: twoVobiz(), global: undefined, violations: [] },
    { name: "safe at exactly the provider limit", limits: twoVobiz(3, 2), global: undefined, violations: [] },
    {
      name: "unsafe above a provider's maxChanges",
      limits: twoVobiz(2, 5),
      global: undefined,
      violations: [{ provider: "a", limit: 2, count: 3 }],
    },
    { name: "safe at exactly the global limit", limits: twoVobiz(), global: 5, violations: [] },
    {
      name: "unsafe above the global limit",
      limits: twoVobiz(),
      global: 4,
      violations: [{ provider: null, limit: 4, count: 5 }],
    },
    {
      name: "lists provider violations by provider, then the global one",
      limits: twoVobiz(0, 1),
      global: 0,
      violations: [
        { provider: "a", limit: 0, count: 3 },
        { provider: "b", limit: 1, count: 2 },
        { provider: null, limit: 0, count: 5 },
      ],
    },
  ])("$name", ({ limits, global, violations }) => {
    const trunks = [...updates("b", 2), ...updates("a", 3)];
    const { plan } = build(trunks, readsFor(trunks), {
      blocks: limits,
      ...(global === undefined ? {} : { maxChanges: global }),
    });
    expect(plan.summary.update).toBe(5);
    expect(plan.safety).toEqual({ safe: violations.length === 0, violations });
    expect(plan.changes).toHaveLength(5);
  });

  it("counts only updates, not errors or no-ops, against a limit", () => {
    const trunks = [
      ...updates("a", 1),
      { provider: "a", id: "missing" },
      { provider: "a", id: "same", fields: { max_concurrent_calls: 1 } },
    ];
    const reads = { ...readsFor(trunks), "a/missing": { id: "missing", status: "missing" } as const };
    const { plan } = build(trunks, reads, { blocks: twoVobiz(1) });
    expect(plan.summary).toEqual({ update: 1, noop: 1, error: 1 });
    expect(plan.safety.safe).toBe(true);
  });
});
