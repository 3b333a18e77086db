import { deepMerge, pluginHookError, type RemoteState, type RemoteTrunk } from "@trunksync/core";
import { currentState } from "./current-state.js";
import { errorMessage, outcomeOf } from "./outcome.js";
import type { Target } from "./target.js";
import type { TrunkOutcome } from "./types.js";
import { notApplied } from "./verify.js";

/**
 * Sends the one update of a trunk: its desired fields laid over the current remote ones, so a
 * full-replace API gets every field the config leaves out with its current value, never a default.
 * `stopReason` is asked right before the write, so nothing is sent once the apply is stopping.
 * With `verify`, the trunk the provider answers with must hold the desired values.
 */
export async function updateTrunk(
  target: Target,
  state: RemoteState | undefined,
  stopReason: () => string | undefined,
  verify: boolean,
): Promise<TrunkOutcome> {
  const { change, plugin, client } = target;
  const current = await currentState(target, state);
  if (!current.ok) return outcomeOf(change, current.status, current.message);

  const merged = deepMerge(current.trunk.fields, target.desired);
  let built: ReturnType<typeof plugin.updateBody>;
  try {
    built = plugin.updateBody(merged);
  } catch (error) {
    // Worded as `plan` words it: the plugin's bug, its message scrubbed of the trunk's secrets.
    const failure = pluginHookError(target.block, plugin, "updateBody", error, [
      merged,
      current.trunk.fields,
    ]);
    return outcomeOf(change, "failed", failure.message);
  }
  if ("missing" in built) {
    return outcomeOf(
      change,
      "failed",
      `cannot build a full update: ${built.missing.join(", ")} missing — set ${built.missing.length === 1 ? "it" : "them"} in trunks.yaml`,
    );
  }
  const stop = stopReason();
  if (stop !== undefined) return outcomeOf(change, "skipped", stop);
  let stored: RemoteTrunk;
  try {
    stored = await client.update(change.id, built.body);
  } catch (error) {
    return outcomeOf(change, "failed", errorMessage(error));
  }
  const unapplied = verify ? notApplied(target, stored) : undefined;
  return unapplied === undefined ? outcomeOf(change, "applied") : outcomeOf(change, "failed", unapplied);
}
