import type { FieldChange, FieldRule, JsonObject } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { diff } from "../src/diff.js";
import { sipRules } from "./builders.js";

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

describe("diff", () => {
  it.each(cases)("$name", ({ desired, current, rules, expected }) => {
    expect(diff(desired, current, rules ?? {})).toEqual(expected);
  });

  it("leaves its inputs untouched", () => {
    const desired = { numbers: ["+1 415 555 0100"], domain: "A.example" };
    const current = { numbers: ["+14155550100"], domain: "a.example" };
    const before = structuredClone({ desired, current });
    diff(desired, current, sipRules);
    expect({ desired, current }).toEqual(before);
  });
});
