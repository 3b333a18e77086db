// The config loading API of @trunksync/core.
export { formatProblems } from "./format.js";
export { type LoadOptions, type LoadResult, loadConfig, loadConfigText } from "./load.js";
export { MAX_CONFIG_BYTES } from "./read.js";
export { composeTrunksSchema } from "./schema.js";
export { addSecretsAt, secretValues } from "./secrets.js";
export { closest, didYouMean, levenshtein } from "./suggest.js";
