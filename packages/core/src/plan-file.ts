import { toPointer } from "./config/issue.js";
import { checker, checkerOf } from "./config/validate.js";
import { PLAN_SCHEMA } from "./plan-schema.js";
import { validatePlanFile } from "./plan-validator.js";

// A subpath of its own (`@trunksync/core/plan-file`): only `apply PLANFILE` and `pnpm schema` need
// the plan schema and its ~80 kB validator, so every other run skips loading them.
export { PLAN_SCHEMA };

/**
 * What keeps `value`, read from a plan file, from being a plan of this version: one line per
 * problem, `/changes/3/name: must be a string`, [] when it is one. A plan file is user input
 * (edited, truncated, from another version), so nothing is trusted before this passes.
 */
export function planFileProblems(value: unknown): string[] {
  const check = validatePlanFile ? checkerOf(validatePlanFile) : checker(PLAN_SCHEMA);
  return check(value, []).map((issue) => `${toPointer(issue.path) || "/"}: ${issue.message}`);
}
