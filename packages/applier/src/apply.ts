import { concurrencyOf, type Plan, trunkKey } from "@trunksync/core";
import pLimit, { type LimitFunction } from "p-limit";
import { errorMessage, outcomeOf } from "./outcome.js";
import { indexTrunks, resolveTarget } from "./target.js";
import type { ApplyOptions, ApplyResult, ApplySummary, TrunkOutcome } from "./types.js";
import { updateTrunk } from "./update-trunk.js";

const INTERRUPTED = "interrupted";
const NOT_ATTEMPTED_FAIL_FAST = "not attempted: --fail-fast after an earlier failure";

/**
 * Executes a plan: exactly one update per trunk whose action is `update`, nothing for the others.
 *
 * Every trunk of the plan gets an outcome: `update` → applied / failed / skipped, `no-op` →
 * unchanged, and a plan `error` → failed with the plan's message (so an apply of a plan with errors
 * never looks successful). Updates run under the provider block's `concurrency` cap and the overall
 * `concurrency` cap at once. An update the provider answers with other values than those sent
 * fails its trunk (see `verify`). Never throws for a trunk's failure: it is reported in the result.
 */
export async function apply(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const startedAt = performance.now();
  const { signal, onEvent } = options;
  const overall = pLimit(options.concurrency ?? Number.POSITIVE_INFINITY);
  const perProvider = new Map<string, LimitFunction>();
  const outcomes = new Map<string, TrunkOutcome>();
  const verify = options.verify !== false;
  let failed = false;

  const stopReason = (): string | undefined => {
    if (signal?.aborted) return INTERRUPTED;
    if (options.failFast && failed) return NOT_ATTEMPTED_FAIL_FAST;
    return undefined;
  };
  const finish = (key: string, outcome: TrunkOutcome) => {
    outcomes.set(key, outcome);
    if (outcome.status === "failed") failed = true;
    onEvent?.({ type: "trunk-finished", outcome });
  };

  const configTrunks = indexTrunks(options.config);
  const tasks: Promise<void>[] = [];
  for (const change of plan.changes) {
    const key = trunkKey(change.provider, change.id);
    if (change.action === "no-op") {
      outcomes.set(key, outcomeOf(change, "unchanged"));
      continue;
    }
    if (change.action === "error") {
      outcomes.set(key, outcomeOf(change, "failed", change.error.message));
      continue;
    }
    const target = resolveTarget(change, key, options.config, configTrunks, options.plugins, options.clients);
    if ("error" in target) {
      finish(key, outcomeOf(change, "failed", target.error));
      continue;
    }
    let limit = perProvider.get(change.provider);
    if (!limit) {
      // The provider's cap: the one its client was connected with (a block's, or the override).
      limit = pLimit(concurrencyOf(target.client, target.block));
      perProvider.set(change.provider, limit);
    }
    // Provider slot outside, overall slot inside: a trunk queued behind its own provider does not
    // hold an overall slot that another provider's trunk could use.
    const run = async () => {
      const stop = stopReason();
      if (stop !== undefined) {
        finish(key, outcomeOf(change, "skipped", stop));
        return;
      }
      const { provider, providerType, id, name } = change;
      onEvent?.({
        type: "trunk-started",
        trunk: { provider, providerType, id, ...(name === undefined ? {} : { name }) },
      });
      let outcome: TrunkOutcome;
      try {
        outcome = await updateTrunk(target, options.state, stopReason, verify);
      } catch (error) {
        // Plugin hooks report their own failures; anything else unexpected fails this trunk, not the apply.
        outcome = outcomeOf(change, "failed", errorMessage(error));
      }
      finish(key, outcome);
    };
    tasks.push(limit(() => overall(run)));
  }
  await Promise.all(tasks);
  const interrupted = signal?.aborted === true;

  const sorted = [...outcomes.values()].sort(
    (a, b) => compare(a.provider, b.provider) || compare(a.id, b.id),
  );
  return {
    outcomes: sorted,
    summary: summarize(sorted),
    interrupted,
    durationMs: Math.round(performance.now() - startedAt),
  };
}

function summarize(outcomes: readonly TrunkOutcome[]): ApplySummary {
  const summary: ApplySummary = { applied: 0, unchanged: 0, failed: 0, skipped: 0 };
  for (const o of outcomes) summary[o.status] += 1;
  return summary;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
