import { trunkKey } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import type { ProviderReads, StateRead } from "../src/read-state.js";
import { LazyRemoteState } from "../src/remote-state.js";
import { found, makeConfig, remote } from "./builders.js";

/** One provider block's declared trunks with their reads, in the given order. */
function providerReads(provider: string, entries: [string, StateRead][]): ProviderReads {
  const { trunks } = makeConfig(
    { [provider]: { type: "vobiz" } },
    entries.map(([id]) => ({ provider, id })),
  );
  return { provider, trunks, reads: entries.map(([, read]) => read) };
}

const remotes = { a2: remote("a2", { name: "A2" }), a1: remote("a1", { name: "A1" }), b1: remote("a1", {}) };
const providers = [
  providerReads("a", [
    ["a2", found(remotes.a2)],
    ["a1", found(remotes.a1)],
    ["gone", { id: "gone", status: "missing" }],
  ]),
  providerReads("b", [
    ["a1", found(remotes.b1)],
    ["down", { id: "down", status: "provider-failed", message: "[b] down" }],
  ]),
];
const expected = new Map([
  [trunkKey("a", "a2"), remotes.a2],
  [trunkKey("a", "a1"), remotes.a1],
  [trunkKey("b", "a1"), remotes.b1],
]);

describe("LazyRemoteState", () => {
  it("holds the found trunks by trunkKey, like the map it stands for", () => {
    const state = new LazyRemoteState(providers);
    expect(state.get(trunkKey("b", "a1"))).toBe(remotes.b1);
    expect(state.has(trunkKey("a", "gone"))).toBe(false);
    expect(state.get(trunkKey("b", "down"))).toBeUndefined();
    expect(state.size).toBe(3);
    expect(new Map(state)).toEqual(expected);
  });

  it("iterates in provider-block order, then config order, through every iterator", () => {
    const state = new LazyRemoteState(providers);
    expect([...state.keys()]).toEqual([...expected.keys()]);
    expect([...state.values()]).toEqual([...expected.values()]);
    expect([...state.entries()]).toEqual([...expected.entries()]);
    const seen: [string, string][] = [];
    state.forEach(
      function (this: { tag: string }, value, key, map) {
        expect(map).toBe(state);
        seen.push([key, `${this.tag}:${value.id}`]);
      },
      { tag: "t" },
    );
    expect(seen).toEqual([
      [trunkKey("a", "a2"), "t:a2"],
      [trunkKey("a", "a1"), "t:a1"],
      [trunkKey("b", "a1"), "t:a1"],
    ]);
  });

  it("answers the same after its first lookup as before it", () => {
    const state = new LazyRemoteState(providers);
    const first = state.get(trunkKey("a", "a1"));
    expect(first).toBe(remotes.a1);
    expect(new Map(state)).toEqual(expected);
    expect(state.get(trunkKey("a", "a1"))).toBe(first);
  });
});
