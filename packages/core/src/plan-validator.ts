import type { PrecompiledValidator } from "./plugin.js";

/**
 * PLAN_SCHEMA's precompiled validator. This source is a placeholder: the build replaces
 * dist/plan-validator.js with ajv standalone code (scripts/precompile-validators.mjs). Run from
 * source (the specs), it is absent and the schema is compiled instead.
 */
export const validatePlanFile: PrecompiledValidator | undefined = undefined;
