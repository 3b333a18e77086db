import type { PrecompiledValidator } from "../plugin.js";

/**
 * The outline schema's precompiled validator. This source is a placeholder: the build replaces
 * dist/config/outline-validator.js with ajv standalone code for OUTLINE_SCHEMA
 * (scripts/precompile-validators.mjs). Run from source (the specs), it is absent and validate.ts
 * compiles the schema instead.
 */
export const validateOutline: PrecompiledValidator | undefined = undefined;
