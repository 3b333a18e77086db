import type { Config, Plan, SafetyViolation, TrunkChange } from "@trunksync/core";
import { compareStrings } from "./select.js";

/**
 * Checks update counts against each provider block's `maxChanges` and the global limit
 * (`--max-changes`). An unsafe plan is still a complete plan: `plan` flags it, `apply` refuses it.
 */
export function checkSafety(
  changes: readonly TrunkChange[],
  providers: Config["providers"],
  maxChanges?: number,
): Plan["safety"] {
  const updates = new Map<string, number>();
  for (const change of changes) {
    if (change.action === "update") updates.set(change.provider, (updates.get(change.provider) ?? 0) + 1);
  }
  const violations: SafetyViolation[] = [];
  for (const [provider, count] of [...updates].sort(([a], [b]) => compareStrings(a, b))) {
    const limit = providers[provider]?.options.maxChanges;
    if (typeof limit === "number" && count > limit) violations.push({ provider, limit, count });
  }
  const total = [...updates.values()].reduce((sum, n) => sum + n, 0);
  if (maxChanges !== undefined && total > maxChanges) {
    violations.push({ provider: null, limit: maxChanges, count: total });
  }
  return { safe: violations.length === 0, violations };
}
