import { describe, expect, it } from "vitest";
import { type PlanFilters, selectTrunks, selectTrunksByProvider } from "../src/select.js";
import { makeConfig } from "./builders.js";

const config = makeConfig({ z: { type: "vobiz" }, a: { type: "vobiz" }, m: { type: "videosdk" } }, [
  { provider: "z", id: "z2" },
  { provider: "a", id: "a1" },
  { provider: "z", id: "z1" },
  { provider: "m", id: "m1" },
  { provider: "a", id: "z1" },
]);
const idsByProvider = (filters: PlanFilters) =>
  [...selectTrunksByProvider(config, filters)].map(([provider, trunks]) => [
    provider,
    trunks.map((t) => t.id),
  ]);

describe("selectTrunksByProvider", () => {
  it.each<{ name: string; filters: PlanFilters; expected: [string, string[]][] }>([
    {
      name: "groups every trunk by provider block, blocks in order of first declaration, trunks in config order",
      filters: { providers: [], trunks: [] },
      expected: [
        ["z", ["z2", "z1"]],
        ["a", ["a1", "z1"]],
        ["m", ["m1"]],
      ],
    },
    {
      name: "keeps only the blocks a provider filter names",
      filters: { providers: ["m", "z"], trunks: [] },
      expected: [
        ["z", ["z2", "z1"]],
        ["m", ["m1"]],
      ],
    },
    {
      name: "keeps only the ids a trunk filter names, in every block, leaving out emptied blocks",
      filters: { providers: [], trunks: ["z1"] },
      expected: [
        ["z", ["z1"]],
        ["a", ["z1"]],
      ],
    },
    {
      name: "needs both filters to match",
      filters: { providers: ["a"], trunks: ["z1", "m1"] },
      expected: [["a", ["z1"]]],
    },
  ])("$name", ({ filters, expected }) => {
    expect(idsByProvider(filters)).toEqual(expected);
  });

  it.each<PlanFilters>([
    { providers: [], trunks: [] },
    { providers: ["a", "m"], trunks: [] },
    { providers: [], trunks: ["z1", "m1"] },
  ])("selects the same trunks as selectTrunks (%o)", (filters) => {
    const grouped = [...selectTrunksByProvider(config, filters).values()].flat();
    expect(new Set(grouped)).toEqual(new Set(selectTrunks(config, filters)));
    expect(grouped).toHaveLength(selectTrunks(config, filters).length);
  });
});
