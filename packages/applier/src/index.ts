export { apply } from "./apply.js";
export { printable, renderApplyReport } from "./report.js";
export { checkPlanSafety } from "./safety.js";
export { checkSavedPlan } from "./saved-plan.js";
export type {
  ApplyEvent,
  ApplyOptions,
  ApplyResult,
  ApplySummary,
  TrunkOutcome,
  TrunkStatus,
} from "./types.js";
