export { type BuildPlanOptions, type BuiltPlan, buildPlan } from "./build-plan.js";
export { type DiffScope, diff } from "./diff.js";
export { type PlanOptions, type PlanResult, plan } from "./plan.js";
export {
  type ReadProgress,
  type ReadStateOptions,
  type ReadStateResult,
  readState,
  type StateRead,
} from "./read-state.js";
export { renderJson } from "./render/json.js";
export {
  DEFAULT_MARKDOWN_MAX_LENGTH,
  type MarkdownOptions,
  renderDriftMarkdown,
  renderMarkdown,
} from "./render/markdown.js";
export { renderDriftText, renderText, type TextOptions } from "./render/text.js";
export { checkSafety } from "./safety.js";
export { type PlanFilters, selectProviders, selectTrunks } from "./select.js";
export { type HintAdvice, withUnmappedHint } from "./unmapped-hint.js";
