export type * from "./config/types.js";
export * from "./errors.js";
export * from "./fields.js";
export type * from "./http/types.js";
export * from "./json.js";
export * from "./plan.js";
export * from "./plugin.js";
export * from "./problem.js";
