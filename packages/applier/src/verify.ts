import type { FieldChange, ProviderClient, TrunkRead } from "@trunksync/core";
import { diff } from "@trunksync/planner";
import { errorMessage, outcomeOf } from "./outcome.js";
import type { Target } from "./target.js";
import type { TrunkOutcome } from "./types.js";

/**
 * Re-reads the applied trunks, one batched read per provider, and returns a failed outcome for
 * each one that does not read back as desired (keyed like `targets`). Some APIs answer 200 and
 * silently ignore or clamp a field; this is where that shows.
 */
export async function verifyApplied(
  targets: ReadonlyMap<string, Target>,
): Promise<Map<string, TrunkOutcome>> {
  const byProvider = new Map<string, { client: ProviderClient; entries: [string, Target][] }>();
  for (const [key, target] of targets) {
    const group = byProvider.get(target.change.provider) ?? { client: target.client, entries: [] };
    group.entries.push([key, target]);
    byProvider.set(target.change.provider, group);
  }
  const failures = new Map<string, TrunkOutcome>();
  await Promise.all(
    [...byProvider.values()].map(async ({ client, entries }) => {
      const ids = entries.map(([, t]) => t.change.id).sort();
      let reads: TrunkRead[];
      try {
        reads = await client.read(ids);
      } catch (error) {
        for (const [key, t] of entries) {
          failures.set(
            key,
            outcomeOf(t.change, "failed", `could not verify the update: ${errorMessage(error)}`),
          );
        }
        return;
      }
      const byId = new Map(reads.map((r) => [r.id, r]));
      for (const [key, t] of entries) {
        const message = mismatch(t, byId.get(t.change.id));
        if (message !== undefined) failures.set(key, outcomeOf(t.change, "failed", message));
      }
    }),
  );
  return failures;
}

function mismatch(target: Target, read: TrunkRead | undefined): string | undefined {
  if (!read || read.status === "missing") return "trunk no longer exists at the provider after the update";
  if (read.status === "failed") return `could not verify the update: ${read.message}`;
  const left = diff(target.desired, read.trunk.fields, target.plugin.fields);
  if (left.length === 0) return undefined;
  return `provider accepted the update but reads back ${left.map(readBack).join(", ")}`;
}

/** The diff leaves sensitive values out, so those are named by path alone. */
function readBack(change: FieldChange): string {
  if (change.sensitive) return `a different ${change.path}`;
  return `${change.path}=${change.before === undefined ? "(unset)" : JSON.stringify(change.before)}`;
}
