import type { ClientMap, Config, PluginMap } from "@trunksync/core";
import { type BuildPlanOptions, type BuiltPlan, buildPlanByProvider } from "./build-plan.js";
import { type ReadStateOptions, readProviders, unmanagedOf } from "./read-state.js";

export type PlanOptions = BuildPlanOptions & Pick<ReadStateOptions, "onProgress">;

export interface PlanResult extends BuiltPlan {
  stats: { durationMs: number };
}

/**
 * Reads remote state for the selected trunks and builds the plan: `readState` then `buildPlan`,
 * handing the reads over by provider block rather than through `readState`'s map.
 */
export async function plan(
  config: Config,
  plugins: PluginMap,
  clients: ClientMap,
  options: PlanOptions,
): Promise<PlanResult> {
  const started = performance.now();
  const providers = await readProviders(config, clients, {
    filters: options.filters,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const built = buildPlanByProvider(config, plugins, providers, unmanagedOf(providers), options);
  return { ...built, stats: { durationMs: performance.now() - started } };
}
