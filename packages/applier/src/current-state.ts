import { canonicalJson, type FieldChange, type RemoteState, type RemoteTrunk } from "@trunksync/core";
import { diff } from "@trunksync/planner";
import { errorMessage } from "./outcome.js";
import type { Target } from "./target.js";

export type CurrentState =
  | { ok: true; trunk: RemoteTrunk }
  | { ok: false; status: "failed" | "skipped"; message: string };

const MOVED_REMOTELY = "changed remotely since plan — re-run plan";
const DESIRED_CHANGED = "desired values changed since plan — re-run plan";

/**
 * The trunk's current remote state to merge the update over. With `state` (planned in this process)
 * it is what the plan was made from. Without it (a saved plan) the trunk is re-read now, and refused
 * if it moved since the plan or if the config now asks for something else (e.g. a secret in the
 * environment changed), since the plan the user approved would no longer be what gets sent.
 */
export async function currentState(target: Target, state: RemoteState | undefined): Promise<CurrentState> {
  const { change } = target;
  if (state) {
    const trunk = state.get(target.key);
    if (trunk) return { ok: true, trunk };
    return { ok: false, status: "failed", message: "no remote state was read for this trunk — re-run plan" };
  }
  let read: Awaited<ReturnType<typeof target.client.read>>;
  try {
    read = await target.client.read([change.id]);
  } catch (error) {
    return { ok: false, status: "failed", message: errorMessage(error) };
  }
  const entry = read.find((r) => r.id === change.id);
  if (!entry || entry.status === "missing") {
    return { ok: false, status: "failed", message: "trunk no longer exists at the provider" };
  }
  if (entry.status === "failed") return { ok: false, status: "failed", message: entry.message };
  if (entry.trunk.fingerprint !== change.fingerprint) {
    return { ok: false, status: "skipped", message: MOVED_REMOTELY };
  }
  const now = diff(target.desired, entry.trunk.fields, target);
  if (!now.ok) return { ok: false, status: "failed", message: now.error.message };
  if (!sameChanges(now.value, change.changes)) {
    return { ok: false, status: "skipped", message: DESIRED_CHANGED };
  }
  return { ok: true, trunk: entry.trunk };
}

/** Same paths with the same desired values; sensitive values are not in a plan, so only their paths count. */
function sameChanges(a: readonly FieldChange[], b: readonly FieldChange[]): boolean {
  const keys = (changes: readonly FieldChange[]) =>
    changes
      .map((c) =>
        JSON.stringify([c.path, c.sensitive === true, c.after === undefined ? null : canonicalJson(c.after)]),
      )
      .sort()
      .join("\n");
  return keys(a) === keys(b);
}
