import type { Config, Plan, SafetyViolation } from "@trunksync/core";
import { checkSafety } from "@trunksync/planner";

/**
 * Change-count limits an apply must respect before any write: each provider block's `maxChanges`
 * and the global `maxChanges` (`--max-changes`), counted over updates only. Provider limits come
 * from `config` (the re-loaded one) when given, else the plan's recorded ones are kept.
 * [] = safe. Same order as the planner's: providers by name, then the global limit.
 */
export function checkPlanSafety(
  plan: Plan,
  options: { maxChanges?: number; config?: Config },
): SafetyViolation[] {
  const { violations } = checkSafety(plan.changes, options.config?.providers ?? {}, options.maxChanges);
  if (options.config) return violations;
  return [...plan.safety.violations.filter((v) => v.provider !== null), ...violations];
}
