import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { trunkKey } from "@trunksync/core";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsPlugin, { type FormatsPlugin } from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/build-plan.js";
import type { StateRead } from "../src/read-state.js";
import {
  fakePlugin,
  found,
  makeConfig,
  makePlan,
  NOW,
  plugins,
  remote,
  sipRules,
  update,
} from "./builders.js";

// ajv-formats' default export is typed for CommonJS interop; under NodeNext it needs the cast.
const addFormats = addFormatsPlugin as unknown as FormatsPlugin;
const schemaPath = fileURLToPath(new URL("../../../schemas/plan.schema.json", import.meta.url));
const ajv = new Ajv2020({ allErrors: true, strictSchema: true, strictTypes: false });
addFormats(ajv, ["date-time"]);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

const errorsOf = (value: unknown) => (validate(value) ? [] : (validate.errors ?? []));

/** A plan with every kind of change, an unmanaged report of each sort and safety violations. */
function realPlan() {
  const config = makeConfig({ v: { type: "vobiz", maxChanges: 0 }, s: { type: "videosdk" } }, [
    { provider: "v", id: "update", fields: { max_concurrent_calls: 25, description: "new" } },
    { provider: "v", id: "noop", fields: { max_concurrent_calls: 10 } },
    { provider: "v", id: "missing" },
    { provider: "v", id: "failed" },
    { provider: "v", id: "incomplete", fields: { enabled: false } },
    { provider: "s", id: "secret", fields: { auth: { password: "hunter2" }, numbers: ["+1"] } },
    { provider: "s", id: "down" },
  ]);
  const reads: [string, string, StateRead][] = [
    ["v", "update", found(remote("update", { max_concurrent_calls: 10 }))],
    ["v", "noop", found(remote("noop", { max_concurrent_calls: 10 }))],
    ["v", "missing", { id: "missing", status: "missing" }],
    ["v", "failed", { id: "failed", status: "failed", message: "bad status" }],
    ["v", "incomplete", found(remote("incomplete", { enabled: true }))],
    ["s", "secret", found(remote("secret", { name: "Twilio", auth: { password: "old" }, numbers: ["+2"] }))],
    ["s", "down", { id: "down", status: "provider-failed", message: "[s] GET /v2/sip-trunk/down: 401 no" }],
  ];
  return buildPlan(
    config,
    plugins(
      fakePlugin("vobiz", { required: ["max_concurrent_calls"] }),
      fakePlugin("videosdk", { fields: sipRules, required: ["name"] }),
    ),
    new Map(reads.map(([p, id, read]) => [trunkKey(p, id), read])),
    [
      { provider: "s", providerType: "videosdk", supported: false, count: 0, ids: [] },
      { provider: "v", providerType: "vobiz", supported: true, count: 1, ids: ["other"] },
    ],
    { filters: { providers: [], trunks: [] }, toolVersion: "1.2.3", now: NOW, maxChanges: 0 },
  ).plan;
}

describe("schemas/plan.schema.json", () => {
  const plan = realPlan();

  it("covers every action and error kind in the sample plan", () => {
    const kinds = plan.changes.map((c) => (c.action === "error" ? c.error.kind : c.action)).sort();
    expect(kinds).toEqual([
      "incomplete",
      "no-op",
      "not-found",
      "provider-failed",
      "read-failed",
      "update",
      "update",
    ]);
    expect(plan.safety.violations).toHaveLength(2);
  });

  it("accepts a plan built by buildPlan", () => {
    expect(errorsOf(JSON.parse(JSON.stringify(plan)))).toEqual([]);
  });

  it("accepts an empty plan", () => {
    expect(errorsOf(makePlan([]))).toEqual([]);
  });

  const bad = (mutate: (p: Record<string, unknown>) => void) => {
    const copy = structuredClone(
      makePlan([update("v", "t", [{ path: "a", before: 1, after: 2 }])]),
    ) as unknown as Record<string, unknown>;
    mutate(copy);
    return copy;
  };
  const firstChange = (p: Record<string, unknown>) =>
    (p.changes as Record<string, unknown>[])[0] as Record<string, unknown>;
  const firstField = (p: Record<string, unknown>) =>
    (firstChange(p).changes as Record<string, unknown>[])[0] as Record<string, unknown>;

  it.each([
    {
      name: "a sensitive change that carries a value",
      mutate: (p: Record<string, unknown>) => Object.assign(firstField(p), { sensitive: true }),
    },
    {
      name: "a non-sensitive change without after",
      mutate: (p: Record<string, unknown>) => delete firstField(p).after,
    },
    {
      name: "an unknown action",
      mutate: (p: Record<string, unknown>) => Object.assign(firstChange(p), { action: "delete" }),
    },
    {
      name: "an update without a fingerprint",
      mutate: (p: Record<string, unknown>) => delete firstChange(p).fingerprint,
    },
    {
      name: "a no-op that lists changes",
      mutate: (p: Record<string, unknown>) => Object.assign(firstChange(p), { action: "no-op" }),
    },
    {
      name: "an unknown top-level key",
      mutate: (p: Record<string, unknown>) => Object.assign(p, { secrets: {} }),
    },
    {
      name: "an unknown error kind",
      mutate: (p: Record<string, unknown>) =>
        Object.assign(p, {
          changes: [
            {
              provider: "v",
              providerType: "v",
              id: "t",
              action: "error",
              error: { kind: "oops", message: "m" },
            },
          ],
        }),
    },
    {
      name: "ids in an unsupported unmanaged report",
      mutate: (p: Record<string, unknown>) =>
        Object.assign(p, {
          unmanaged: [{ provider: "s", providerType: "s", supported: false, count: 1, ids: ["x"] }],
        }),
    },
    {
      name: "a malformed digest",
      mutate: (p: Record<string, unknown>) =>
        Object.assign(p, { config: { file: "trunks.yaml", digest: "md5:x" } }),
    },
    { name: "another version", mutate: (p: Record<string, unknown>) => Object.assign(p, { version: 2 }) },
  ])("rejects $name", ({ mutate }) => {
    expect(errorsOf(bad(mutate)).length).toBeGreaterThan(0);
  });
});
