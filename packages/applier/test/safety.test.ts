import { describe, expect, it } from "vitest";
import { checkPlanSafety } from "../src/index.js";
import { type TrunkSpec, world } from "./builders.js";

const remote = { name: "Old", max_concurrent_calls: 10, enabled: true };
const updates = (provider: string, count: number): TrunkSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    provider,
    id: `${provider}${i}`,
    desired: { name: "New" },
    remote,
  }));

describe("checkPlanSafety", () => {
  const w = world({
    providers: { a: { maxChanges: 2 }, b: {} },
    trunks: [
      ...updates("a", 3),
      ...updates("b", 2),
      { provider: "b", id: "same", desired: { name: "Old" }, remote },
    ],
  });

  it.each([
    {
      name: "allows a plan within every limit",
      maxChanges: 10,
      config: { ...w.config, providers: {} },
      expected: [],
    },
    {
      name: "refuses more updates than --max-changes, counting only updates",
      maxChanges: 4,
      config: { ...w.config, providers: {} },
      expected: [{ provider: null, limit: 4, count: 5 }],
    },
    {
      name: "refuses more updates for a provider than its maxChanges",
      maxChanges: undefined,
      config: w.config,
      expected: [{ provider: "a", limit: 2, count: 3 }],
    },
    {
      name: "reports the provider limits, then the global one",
      maxChanges: 0,
      config: w.config,
      expected: [
        { provider: "a", limit: 2, count: 3 },
        { provider: null, limit: 0, count: 5 },
      ],
    },
  ])("$name", ({ maxChanges, config, expected }) => {
    expect(checkPlanSafety(w.plan, { maxChanges, config })).toEqual(expected);
  });

  it("keeps the plan's provider violations when no config is given, with the global limit re-checked", () => {
    const violation = { provider: "a", limit: 1, count: 3 };
    const plan = {
      ...w.plan,
      safety: { safe: false, violations: [violation, { provider: null, limit: 1, count: 5 }] },
    };

    expect(checkPlanSafety(plan, { maxChanges: 6 })).toEqual([violation]);
  });
});
