import type { ClientMap, Config, PluginMap } from "@trunksync/core";
import { type BuildPlanOptions, type BuiltPlan, buildPlan } from "./build-plan.js";
import { type ReadStateOptions, readState } from "./read-state.js";

export type PlanOptions = BuildPlanOptions & Pick<ReadStateOptions, "onProgress">;

export interface PlanResult extends BuiltPlan {
  stats: { durationMs: number };
}

/** Reads remote state for the selected trunks and builds the plan: `readState` then `buildPlan`. */
export async function plan(
  config: Config,
  plugins: PluginMap,
  clients: ClientMap,
  options: PlanOptions,
): Promise<PlanResult> {
  const started = performance.now();
  const { reads, unmanaged } = await readState(config, clients, {
    filters: options.filters,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const built = buildPlan(config, plugins, reads, unmanaged, options);
  return { ...built, stats: { durationMs: performance.now() - started } };
}
