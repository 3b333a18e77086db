import { describe, expect, it } from "vitest";
import { toRemoteTrunk, updateBody } from "../src/mapping.js";
import { idOf, vobizTrunk } from "./trunks.js";

describe("reading a Vobiz trunk into config vocabulary", () => {
  it("maps concurrent_calls_limit, trunk_status and name, fingerprinted by updated_at", () => {
    const raw = vobizTrunk(1, { name: "Acme Production Trunk", concurrent_calls_limit: 25 });
    expect(toRemoteTrunk(raw)).toEqual({
      trunk: {
        id: idOf(1),
        fields: { name: "Acme Production Trunk", max_concurrent_calls: 25, enabled: true },
        fingerprint: "2026-05-12T05:12:18.000001Z",
      },
    });
  });

  it.each([
    { status: "active", enabled: true },
    { status: "enabled", enabled: true },
    { status: "inactive", enabled: false },
    { status: "disabled", enabled: false },
    { status: "Inactive", enabled: false },
  ])("reads trunk_status $status as enabled: $enabled", ({ status, enabled }) => {
    const mapped = toRemoteTrunk(vobizTrunk(1, { trunk_status: status }));
    expect("trunk" in mapped && mapped.trunk.fields.enabled).toBe(enabled);
  });

  it("refuses a trunk_status it does not know, naming the value", () => {
    expect(toRemoteTrunk(vobizTrunk(1, { trunk_status: "suspended" }))).toEqual({
      problem: 'trunk_status "suspended" is not one of active, inactive, enabled, disabled',
    });
  });

  it.each([
    { field: "trunk_id", value: null, expected: 'field "trunk_id" is missing or not a string' },
    { field: "name", value: 7, expected: 'field "name" is missing or not a string' },
    {
      field: "concurrent_calls_limit",
      value: "10",
      expected: 'field "concurrent_calls_limit" is missing or not an integer',
    },
    {
      field: "concurrent_calls_limit",
      value: 2.5,
      expected: 'field "concurrent_calls_limit" is missing or not an integer',
    },
    { field: "trunk_status", value: true, expected: 'field "trunk_status" is missing or not a string' },
    { field: "updated_at", value: null, expected: 'field "updated_at" is missing or not a string' },
  ])("refuses a trunk whose $field is $value", ({ field, value, expected }) => {
    expect(toRemoteTrunk(vobizTrunk(1, { [field]: value }))).toEqual({ problem: expected });
  });

  it("refuses a trunk that is not an object", () => {
    expect(toRemoteTrunk(["x"])).toEqual({ problem: "the trunk is not a JSON object" });
  });
});

describe("building a Vobiz update body", () => {
  it("sends name, max_concurrent_calls and enabled, and nothing else", () => {
    const merged = { name: "Acme", max_concurrent_calls: 25, enabled: false, description: "x" };
    expect(updateBody(merged)).toEqual({ body: { name: "Acme", max_concurrent_calls: 25, enabled: false } });
  });

  it("names every field a full replace still lacks", () => {
    expect(updateBody({ max_concurrent_calls: 25 })).toEqual({ missing: ["name", "enabled"] });
  });
});
