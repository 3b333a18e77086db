import { describe, expect, it } from "vitest";
import type { ProviderClient, TrunkRead } from "../src/plugin.js";
import { guardClient } from "../src/plugin-hooks.js";
import { block, plugin } from "./fixtures/nested-auth.js";

function listing(reads: TrunkRead[]): ProviderClient {
  return {
    read: async () => [],
    list: async () => reads,
    update: async () => ({ id: "", fields: {}, fingerprint: "" }),
    close: async () => {},
  };
}

describe("guardClient's list", () => {
  it("gives each id once, keeping its first read, in the plugin's order", async () => {
    const first: TrunkRead = { id: "t1", status: "found", trunk: { id: "t1", fields: {}, fingerprint: "a" } };
    const again: TrunkRead = { id: "t1", status: "found", trunk: { id: "t1", fields: {}, fingerprint: "b" } };
    const other: TrunkRead = { id: "t2", status: "missing" };
    const client = guardClient(block, plugin, listing([first, other, again]));
    expect(await client.list?.()).toEqual([first, other]);
  });

  it("stays absent for a client without one", () => {
    const { list: _, ...withoutList } = listing([]);
    expect(guardClient(block, plugin, withoutList).list).toBeUndefined();
  });
});
