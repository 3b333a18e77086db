export { concurrencyOf, httpStatsOf } from "./client-http.js";
export * from "./config/api.js";
export { escapeInterpolation, isLiteralText } from "./config/escape.js";
export { sourceSecrets } from "./config/source-secrets.js";
export type * from "./config/types.js";
export * from "./connect.js";
export * from "./errors.js";
export { fieldRulesOf, sensitivePathsOf } from "./field-rules.js";
export * from "./fields.js";
export * from "./hash.js";
export { baseUrlProblem } from "./http/base-url.js";
export { createHttpClient } from "./http/client.js";
export type * from "./http/types.js";
export * from "./json.js";
export * from "./plan.js";
export * from "./plugin.js";
export {
  type PluginHookResult,
  pluginHookError,
  tryPluginHook,
  unmappedFieldsHint,
} from "./plugin-hooks.js";
export * from "./problem.js";
export * from "./redaction.js";
export {
  isProviderPlugin,
  type PluginResolution,
  type ResolvePluginOptions,
  resolvePlugin,
} from "./registry.js";
