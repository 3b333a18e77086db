import {
  deepMerge,
  type JsonObject,
  type RemoteState,
  type RemoteTrunk,
  tryPluginHook,
} from "@trunksync/core";
import { withUnmappedHint } from "@trunksync/planner";
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
  const { change, block, plugin, client } = target;
  const current = await currentState(target, state);
  if (!current.ok) return outcomeOf(change, current.status, current.message);

  const { fields } = current.trunk;
  const merged = deepMerge(fields, target.desired);
  // Worded as `plan` words it: the plugin's bug, its message scrubbed of the trunk's secrets.
  const built = tryPluginHook(block, plugin, "updateBody", () => plugin.updateBody(merged), [merged, fields]);
  if (!built.ok) return outcomeOf(change, "failed", built.error.message);
  if ("missing" in built.value) {
    return outcomeOf(change, "failed", missingMessage(target, built.value.missing, fields));
  }
  const stop = stopReason();
  if (stop !== undefined) return outcomeOf(change, "skipped", stop);
  let stored: RemoteTrunk;
  try {
    stored = await client.update(change.id, built.value.body);
  } catch (error) {
    return outcomeOf(change, "failed", errorMessage(error));
  }
  const unapplied = verify ? notApplied(target, stored) : undefined;
  return unapplied === undefined ? outcomeOf(change, "applied") : outcomeOf(change, "failed", unapplied);
}

/** Fields a full update still lacks, with the plugin's likely bug when its read hints at one. */
function missingMessage(target: Target, missing: readonly string[], current: JsonObject): string {
  const them = missing.length === 1 ? "it" : "them";
  const message = `cannot build a full update: ${missing.join(", ")} missing`;
  return withUnmappedHint(message, target.block, target.plugin, current, {
    text: `set ${them} in trunks.yaml`,
    separator: " — ",
  });
}
