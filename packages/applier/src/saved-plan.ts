import { type Config, PLAN_VERSION, type Plan } from "@trunksync/core";

/** How far ahead of this machine's clock a plan made on another may be dated. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Reasons to refuse applying a plan saved to a file, before anything is read or written; [] when it
 * may be applied. Per-trunk checks (remote fingerprint, desired values) happen during the apply.
 */
export function checkSavedPlan(
  plan: Plan,
  config: Config,
  options: { maxAgeMs: number; now?: Date },
): string[] {
  const reasons: string[] = [];
  // A plan file is user input: its version may be anything despite the type.
  const version: unknown = plan.version;
  if (version !== PLAN_VERSION) {
    reasons.push(
      `plan file version ${JSON.stringify(version)} is not supported (this trunksync reads version ${PLAN_VERSION}) — re-run plan`,
    );
  }
  if (plan.config.digest !== config.digest) {
    reasons.push("trunks.yaml changed since the plan was made — re-run plan");
  }
  const createdAt = Date.parse(plan.createdAt);
  const now = (options.now ?? new Date()).getTime();
  if (Number.isNaN(createdAt)) {
    reasons.push(`plan creation time ${JSON.stringify(plan.createdAt)} is not a date — re-run plan`);
  } else if (createdAt - now > CLOCK_SKEW_MS) {
    reasons.push(`plan creation time ${plan.createdAt} is in the future — re-run plan`);
  } else if (now - createdAt > options.maxAgeMs) {
    reasons.push(
      `plan is older than ${formatDuration(options.maxAgeMs)} (made ${plan.createdAt}) — re-run plan`,
    );
  }
  return reasons;
}

/** 7_200_000 → `2h`, 5_400_000 → `1h30m`, 1 → `1ms`: exact, in the units a duration flag takes. */
function formatDuration(ms: number): string {
  const units: [string, number][] = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
  ];
  let rest = Math.round(ms);
  let text = "";
  for (const [unit, size] of units) {
    const amount = Math.floor(rest / size);
    if (amount > 0) text += `${amount}${unit}`;
    rest -= amount * size;
  }
  return text || "0ms";
}
