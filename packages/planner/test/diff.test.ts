import {
  type FieldChange,
  type FieldRule,
  type FieldRules,
  type JsonObject,
  type JsonValue,
  PluginError,
  type ProviderBlock,
  type ProviderPlugin,
} from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { type DiffScope, diff, diffByPaths, fieldChanges } from "../src/diff.js";
import { fakePlugin, makeConfig, sipRules } from "./builders.js";

interface Case {
  name: string;
  desired: JsonObject;
  current: JsonObject;
  rules?: Record<string, FieldRule>;
  expected: FieldChange[];
}

const cases: Case[] = [
  {
    name: "reports a changed scalar with before and after",
    desired: { max_concurrent_calls: 25 },
    current: { max_concurrent_calls: 10 },
    expected: [{ path: "max_concurrent_calls", before: 10, after: 25 }],
  },
  {
    name: "leaves fields that trunks.yaml does not mention unmanaged",
    desired: { name: "Acme" },
    current: { name: "Acme", max_concurrent_calls: 10, enabled: false, description: "x" },
    expected: [],
  },
  {
    name: "keeps enabled when only name changes",
    desired: { name: "New", enabled: true },
    current: { name: "Old", enabled: true },
    expected: [{ path: "name", before: "Old", after: "New" }],
  },
  {
    name: "treats reordered and duplicated numbers as the same set",
    desired: { numbers: ["+14155550100", "+14155550101"] },
    current: { numbers: ["+14155550101", "+14155550100", "+14155550101"] },
    rules: sipRules,
    expected: [],
  },
  {
    name: "normalises each number before comparing the set",
    desired: { numbers: ["+1 415-555-0100"] },
    current: { numbers: ["+14155550100"] },
    rules: sipRules,
    expected: [],
  },
  {
    name: "reports a set that gained a number",
    desired: { numbers: ["+14155550100", "+14155550102"] },
    current: { numbers: ["+14155550100"] },
    rules: sipRules,
    expected: [{ path: "numbers", before: ["+14155550100"], after: ["+14155550100", "+14155550102"] }],
  },
  {
    name: "compares arrays in order when no set rule applies",
    desired: { codecs: ["PCMU", "PCMA"] },
    current: { codecs: ["PCMA", "PCMU"] },
    expected: [{ path: "codecs", before: ["PCMA", "PCMU"], after: ["PCMU", "PCMA"] }],
  },
  {
    name: "ignores a difference in domain case",
    desired: { domain: "Acme.PSTN.twilio.com" },
    current: { domain: "acme.pstn.twilio.com" },
    rules: sipRules,
    expected: [],
  },
  {
    name: "hides the values of a changed sensitive field",
    desired: { auth: { password: "new-secret" } },
    current: { auth: { password: "old-secret" } },
    rules: sipRules,
    expected: [{ path: "auth.password", sensitive: true }],
  },
  {
    name: "reports nothing for an unchanged sensitive field",
    desired: { auth: { password: "same" } },
    current: { auth: { password: "same" } },
    rules: sipRules,
    expected: [],
  },
  {
    name: "treats every field under a sensitive object as sensitive",
    desired: { auth: { username: "a" } },
    current: { auth: { username: "b" } },
    rules: { auth: { sensitive: true } },
    expected: [{ path: "auth.username", sensitive: true }],
  },
  {
    name: "reports a nested auth.username change by its dotted path",
    desired: { auth: { username: "newUser" } },
    current: { auth: { username: "acme", password: "p" } },
    rules: sipRules,
    expected: [{ path: "auth.username", before: "acme", after: "newUser" }],
  },
  {
    name: "omits before when the remote has no value",
    desired: { description: "main line" },
    current: {},
    expected: [{ path: "description", after: "main line" }],
  },
  {
    name: "omits before when the remote value is not an object on the way",
    desired: { auth: { username: "a" } },
    current: { auth: null },
    expected: [{ path: "auth.username", after: "a" }],
  },
  {
    name: "compares objects inside arrays deeply, whatever their key order",
    desired: { routes: [{ host: "a", port: 5060 }] },
    current: { routes: [{ port: 5060, host: "a" }] },
    expected: [],
  },
  {
    name: "distinguishes a number from the same digits as a string",
    desired: { max_concurrent_calls: 25 },
    current: { max_concurrent_calls: "25" },
    expected: [{ path: "max_concurrent_calls", before: "25", after: 25 }],
  },
  {
    name: "sorts changes by path",
    desired: { name: "n", auth: { username: "u" }, domain: "d.example" },
    current: { name: "m", auth: { username: "v" }, domain: "c.example" },
    expected: [
      { path: "auth.username", before: "v", after: "u" },
      { path: "domain", before: "c.example", after: "d.example" },
      { path: "name", before: "m", after: "n" },
    ],
  },
];

const block = makeConfig({ sip: { type: "trunksync-provider-sip" } }, []).providers.sip as ProviderBlock;

/** A block of a plugin (written `type: trunksync-provider-sip`) with these `fields` and `trunkSchema`. */
function scopeOf(fields: FieldRules = {}, trunkSchema: ProviderPlugin["trunkSchema"] = {}): DiffScope {
  return { block, plugin: { ...fakePlugin("sip", { fields: { ...fields } }), trunkSchema } };
}

describe("diff", () => {
  it.each(cases)("$name", ({ desired, current, rules, expected }) => {
    expect(diff(desired, current, scopeOf(rules))).toEqual({ ok: true, value: expected });
  });

  it("leaves its inputs untouched", () => {
    const desired = { numbers: ["+1 415 555 0100"], domain: "A.example" };
    const current = { numbers: ["+14155550100"], domain: "a.example" };
    const before = structuredClone({ desired, current });
    diff(desired, current, scopeOf(sipRules));
    expect({ desired, current }).toEqual(before);
  });

  it("applies the plugin's rules as fieldRulesOf gives them: a writeOnly field is sensitive though `fields` omits it", () => {
    const schema = { properties: { pin: { type: "string", writeOnly: true } } };
    expect(diff({ pin: "1234" }, { pin: "9876" }, scopeOf({}, schema))).toEqual({
      ok: true,
      value: [{ path: "pin", sensitive: true }],
    });
  });
});

describe("diff with a field rule whose normalize throws", () => {
  const PASSWORD = "pw-nested-R5t8Yu";
  const rules: FieldRules = {
    auth: { sensitive: true },
    domain: {
      normalize: (value) => {
        throw new TypeError(`no canonical form for a ${typeof value} beside ${PASSWORD}`);
      },
    },
  };
  const desired = { domain: "A.example", auth: { password: PASSWORD } };
  const result = diff(desired, { domain: "a.example", auth: { password: "old" } }, scopeOf(rules));

  it("fails with the plugin's PluginError, naming the hook and the field", () => {
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.error;
    expect(error).toBeInstanceOf(PluginError);
    expect(error).toMatchObject({
      provider: "sip",
      pluginType: "trunksync-provider-sip",
      hook: "normalize",
      field: "domain",
      message:
        'provider block "sip": plugin "trunksync-provider-sip" failed in normalize for field domain: no ' +
        'canonical form for a string beside [redacted] (a bug in the plugin "trunksync-provider-sip", not in ' +
        "trunksync; report it to the plugin's authors)",
    });
  });

  it("throws an error raised outside normalize as it is: trunksync's own, not blamed on the plugin", () => {
    const walkBug = new Error("a bug in the walk");
    const throwing = {
      get domain(): JsonValue {
        throw walkBug;
      },
    } as JsonObject;
    expect(() => diff(throwing, { domain: "a.example" }, scopeOf(rules))).toThrow(walkBug);
  });
});

/** Shapes beyond the rules above, for checking that walking fields means the same as diffing by paths. */
const shapes: Case[] = [
  {
    name: "orders integer-like keys as strings, as sorted paths do",
    desired: { "10": 1, "9": 2, b: 3, a: 4 },
    current: { "10": 0, "9": 0, b: 0, a: 0 },
    expected: [
      { path: "10", before: 0, after: 1 },
      { path: "9", before: 0, after: 2 },
      { path: "a", before: 0, after: 4 },
      { path: "b", before: 0, after: 3 },
    ],
  },
  {
    name: "reaches leaves several objects deep and ignores empty objects",
    desired: { a: { b: { c: 1, d: [1, 2] }, e: {} }, f: null },
    current: { a: { b: { c: 2, d: [2, 1] } }, f: null },
    expected: [
      { path: "a.b.c", before: 2, after: 1 },
      { path: "a.b.d", before: [2, 1], after: [1, 2] },
    ],
  },
  {
    name: "compares a scalar with an object or array the remote holds in its place",
    desired: { a: "x", b: 1, c: { d: true } },
    current: { a: { x: 1 }, b: [1], c: "d" },
    expected: [
      { path: "a", before: { x: 1 }, after: "x" },
      { path: "b", before: [1], after: 1 },
      { path: "c.d", after: true },
    ],
  },
  {
    name: "tells null, false, 0 and the empty string apart",
    desired: { a: null, b: false, c: 0, d: "" },
    current: { a: false, b: 0, c: "", d: null },
    expected: [
      { path: "a", before: false, after: null },
      { path: "b", before: 0, after: false },
      { path: "c", before: "", after: 0 },
      { path: "d", before: null, after: "" },
    ],
  },
  {
    name: "runs a normaliser on identical scalars too",
    desired: { domain: "A.example", other: "A.example" },
    current: { domain: "a.example", other: "A.example" },
    rules: { domain: { normalize: (v) => (typeof v === "string" ? v.toLowerCase() : v) } },
    expected: [],
  },
  {
    name: "lets a normaliser make different scalars equal",
    desired: { n: 1, m: "b" },
    current: { n: 3, m: "a" },
    rules: { n: { normalize: () => "same" }, m: { normalize: (v) => v } },
    expected: [{ path: "m", before: "a", after: "b" }],
  },
  {
    name: "hides a sensitive scalar change and a change under a sensitive object",
    desired: { token: "new", auth: { realm: { name: "r2" } }, name: "n" },
    current: { token: "old", auth: { realm: { name: "r1" } }, name: "m" },
    rules: { token: { sensitive: true }, auth: { sensitive: true } },
    expected: [
      { path: "auth.realm.name", sensitive: true },
      { path: "name", before: "m", after: "n" },
      { path: "token", sensitive: true },
    ],
  },
  {
    name: "compares a set of objects whatever their order and key order",
    desired: { routes: [{ host: "a", port: 1 }, { host: "b" }] },
    current: { routes: [{ host: "b" }, { port: 1, host: "a" }] },
    rules: { routes: { compare: "set" } },
    expected: [],
  },
];

type Pair = Omit<Case, "rules" | "expected">;

describe("diff walks fields to the result of diffing every sorted leaf path", () => {
  it.each([...cases, ...shapes])("$name", ({ desired, current, rules, expected }) => {
    expect(fieldChanges(desired, current, rules ?? {})).toEqual(expected);
    expect(diffByPaths(desired, current, rules ?? {})).toEqual(expected);
  });

  it.each<Pair>([
    {
      name: "numbers that JSON writes as null",
      desired: { a: null, b: Number.NaN },
      current: { a: Number.NaN, b: null },
    },
    {
      name: "a remote object where a leaf is wanted",
      desired: { a: { b: 1 } },
      current: { a: { b: { c: 1 } } },
    },
  ])("agrees with diffByPaths on $name", ({ desired, current }) => {
    expect(fieldChanges(desired, current, {})).toEqual(diffByPaths(desired, current, {}));
  });

  it.each<Pair>([
    { name: "a key holding a dot", desired: { "a.b": 1, a: { c: 2 } }, current: { a: { b: 1, c: 3 } } },
    {
      name: "a dotted key beside the object it names",
      desired: { "a.b": 1, a: { b: 2 } },
      current: { a: { b: 3 } },
    },
    { name: "an empty key", desired: { "": { a: 1 }, b: 2 }, current: { a: 2, b: 3 } },
  ])("falls back to diffByPaths for $name, where a dotted path is ambiguous", ({ desired, current }) => {
    const changes = fieldChanges(desired, current, sipRules);
    expect(changes).toEqual(diffByPaths(desired, current, sipRules));
    expect(changes.length).toBeGreaterThan(0);
  });
});
