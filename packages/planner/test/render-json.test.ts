import type { Plan } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { renderJson } from "../src/render/json.js";
import { failure, makePlan, noop, update } from "./builders.js";

const plan = makePlan([
  update(
    "videosdk",
    "s1",
    [{ path: "auth", before: { username: "b", password: "x" }, after: { username: "a" } }],
    "Twilio",
  ),
  noop("vobiz-prod", "v2"),
  failure("vobiz-prod", "v3", "not-found", "gone"),
]);

/** The same data with every object's keys in reverse insertion order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  ) as T;
}

describe("renderJson", () => {
  const json = renderJson(plan);

  it("is pretty JSON ending in a newline", () => {
    expect(json.endsWith("}\n")).toBe(true);
    expect(json.split("\n")[1]).toBe('  "version": 1,');
  });

  it("round-trips to the same plan", () => {
    expect(JSON.parse(json)).toEqual(plan);
  });

  it("writes the same text whatever order the keys were built in", () => {
    expect(renderJson(reversedKeys<Plan>(plan))).toBe(json);
  });

  it("orders a change's keys for reading: which trunk, then what happens", () => {
    const keys = Object.keys(JSON.parse(json).changes[0]);
    expect(keys).toEqual(["provider", "providerType", "id", "name", "action", "fingerprint", "changes"]);
  });

  it("sorts keys inside field values and leaves the plan it was given as it was", () => {
    const nested = makePlan([
      update("videosdk", "s1", [
        { path: "auth", before: { username: "b" }, after: { username: "a", password: "p" } },
      ]),
    ]);
    const text = renderJson(nested);
    expect(text.indexOf('"password": "p"')).toBeLessThan(text.indexOf('"username": "a"'));
    expect(
      Object.keys((nested.changes[0] as { changes: { after: object }[] }).changes[0]?.after ?? {}),
    ).toEqual(["username", "password"]);
  });
});
