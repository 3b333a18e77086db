import { describe, expect, it } from "vitest";
import { int, markdownTable, ratio, replaceLatestSection } from "../src/report.mjs";
import { evaluateTargets } from "../src/targets.mjs";

describe("markdownTable", () => {
  it("right-aligns columns whose header starts with >", () => {
    expect(markdownTable(["name", ">ms"], [["plan", "1,234"]])).toBe(
      ["| name | ms |", "| --- | ---: |", "| plan | 1,234 |"].join("\n"),
    );
  });
});

describe("number formatting", () => {
  it.each([
    { value: 1234.5, expected: "1,235" },
    { value: 0.4, expected: "0" },
    { value: Number.NaN, expected: "n/a" },
    { value: undefined, expected: "n/a" },
  ])("formats $value as $expected", ({ value, expected }) => {
    expect(int(value)).toBe(expected);
  });

  it("shows a missing ratio as a dash", () => {
    expect(ratio(undefined)).toBe("—");
    expect(ratio(1.234)).toBe("1.23×");
  });
});

describe("replaceLatestSection", () => {
  const doc = "# Perf\n\n<!-- bench:latest:start -->\nold\n<!-- bench:latest:end -->\n\nafter\n";

  it("replaces only what lies between the markers", () => {
    expect(replaceLatestSection(doc, "new table\n")).toBe(
      "# Perf\n\n<!-- bench:latest:start -->\nnew table\n<!-- bench:latest:end -->\n\nafter\n",
    );
  });

  it("refuses a document without markers", () => {
    expect(() => replaceLatestSection("# Perf\n", "x")).toThrow(/markers/);
  });
});

describe("evaluateTargets", () => {
  const passing = [
    { id: "plan-vobiz", ok: true, ratio: { withStartup: 1.4 } },
    { id: "apply", ok: true, ratio: { withStartup: 1.25 } },
    { id: "apply-rate-limited", ok: true, achievedRate: 90, rate: 100, failedTrunks: 0 },
    { id: "diff", ok: true, planCpuMs: 900, maxRssMb: 250 },
    { id: "naive", ok: true, speedup: 55 },
  ];
  const met = (scenarios) => Object.fromEntries(evaluateTargets(scenarios).map((t) => [t.scenario, t.met]));

  it("marks every target met when each is within its limit", () => {
    expect(Object.values(met(passing))).toEqual([true, true, true, true, true]);
  });

  it.each([
    { id: "plan-vobiz", change: { ratio: { withStartup: 1.51 } } },
    { id: "apply", change: { ratio: { withStartup: 1.3 } } },
    { id: "apply-rate-limited", change: { achievedRate: 84 } },
    { id: "apply-rate-limited", change: { failedTrunks: 1 } },
    { id: "diff", change: { planCpuMs: 1000 } },
    { id: "diff", change: { maxRssMb: 300 } },
    { id: "naive", change: { speedup: 49.9 } },
    { id: "naive", change: { ok: false } },
  ])("marks $id missed with $change", ({ id, change }) => {
    const scenarios = passing.map((s) => (s.id === id ? { ...s, ...change } : s));
    expect(met(scenarios)[id]).toBe(false);
  });
});

describe("evaluateTargets with a bare client", () => {
  const scenarios = [
    { id: "plan-vobiz", ok: true, ratio: { withStartup: 2.2 } },
    { id: "floor-plan-vobiz", ok: true, ratio: { withStartup: 1.61 } },
    { id: "apply", ok: true, ratio: { withStartup: 1.4 } },
    { id: "floor-apply", ok: false, ratio: { withStartup: 1.1 } },
    { id: "naive", ok: true, speedup: 42, floorSpeedup: 61.25 },
    { id: "diff", ok: true, planCpuMs: 900, maxRssMb: 250 },
  ];
  const targets = evaluateTargets(scenarios);
  const floors = Object.fromEntries(targets.map((t) => [t.scenario, t.floor]));

  it("reports the bare client's measure beside the target it bounds", () => {
    expect(floors["plan-vobiz"]).toBe("1.61 × bound");
    expect(floors.naive).toBe("61.3 × faster");
  });

  it("leaves it out when the bare client's run failed or did not happen", () => {
    expect(floors.apply).toBeUndefined();
    // The diff has no bare client: its target row is there, with no floor.
    expect(targets.find((t) => t.scenario === "diff")).toMatchObject({ met: true });
    expect(Object.hasOwn(targets.find((t) => t.scenario === "diff") ?? {}, "floor")).toBe(false);
  });

  it("judges the target on trunksync's measure alone", () => {
    const planTarget = targets.find((t) => t.scenario === "plan-vobiz");
    expect(planTarget).toMatchObject({ measured: "2.20 × bound", met: false });
  });
});
