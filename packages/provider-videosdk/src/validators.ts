import type { PluginValidators } from "@trunksync/core";

/**
 * The plugin's schemas precompiled. This source is a placeholder: the build replaces
 * dist/validators.js with ajv standalone code (scripts/precompile-validators.mjs). Run from source
 * (the specs), it is absent and core compiles the schemas instead.
 */
export const validators: PluginValidators | undefined = undefined;
