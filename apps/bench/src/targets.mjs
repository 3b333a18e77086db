/**
 * The performance targets of issue 7. Measured and reported, never asserted: a missed target is
 * a finding for docs/performance.md, not a failed run.
 */
export const TARGETS = [
  {
    scenario: "plan-vobiz",
    text: "≤ 1.5 × bound",
    check: (s) => ({ measured: `${fixed(s.ratio.withStartup)} × bound`, met: s.ratio.withStartup <= 1.5 }),
    floor: floorRatio,
  },
  {
    scenario: "apply",
    text: "≤ 1.25 × bound",
    check: (s) => ({ measured: `${fixed(s.ratio.withStartup)} × bound`, met: s.ratio.withStartup <= 1.25 }),
    floor: floorRatio,
  },
  {
    scenario: "apply-rate-limited",
    text: "≥ 0.85 × rate, 0 failed trunks",
    check: (s) => ({
      measured: `${fixed(s.achievedRate / s.rate)} × rate, ${s.failedTrunks} failed`,
      met: s.achievedRate / s.rate >= 0.85 && s.failedTrunks === 0,
    }),
  },
  {
    scenario: "diff",
    text: "< 1 s CPU, < 300 MB RSS",
    check: (s) => ({
      measured: `${Math.round(s.planCpuMs)} ms CPU, ${Math.round(s.maxRssMb)} MB`,
      met: s.planCpuMs < 1000 && s.maxRssMb < 300,
    }),
  },
  {
    scenario: "naive",
    text: "trunksync ≥ 50 × faster (apply at concurrency 64, same 1,000 trunks)",
    check: (s) => ({ measured: `${fixed(s.speedup, 1)} × faster`, met: s.speedup >= 50 }),
    floor: (s) => (Number.isFinite(s.floorSpeedup) ? `${fixed(s.floorSpeedup, 1)} × faster` : undefined),
  },
];

/**
 * One row per target: what was measured and whether it was met (`met: false` when the scenario
 * failed), and where the bench ran a bare client for it, the same measure of that client.
 */
export function evaluateTargets(scenarios) {
  return TARGETS.map(({ scenario, text, check, floor }) => {
    const result = scenarios.find((s) => s.id === scenario);
    if (!result?.ok) return { scenario, target: text, measured: "scenario failed", met: false };
    const bare = floor?.(result, scenarios);
    return { scenario, target: text, ...check(result), ...(bare === undefined ? {} : { floor: bare }) };
  });
}

/** The bare client's ratio to the bound of `scenario`, from its `floor-` run, if it succeeded. */
function floorRatio(scenario, scenarios) {
  const floor = scenarios.find((s) => s.id === `floor-${scenario.id}`);
  return floor?.ok ? `${fixed(floor.ratio.withStartup)} × bound` : undefined;
}

function fixed(value, digits = 2) {
  return Number.isFinite(value) ? value.toFixed(digits) : "n/a";
}
