import type { Plan } from "@trunksync/core";
import { renderJson, renderMarkdown, renderText } from "@trunksync/planner";

export function renderPlan(plan: Plan, format: string, options: { color: boolean }): string {
  if (format === "json") return renderJson(plan);
  if (format === "markdown") return renderMarkdown(plan, {});
  return renderText(plan, options);
}
