import type { FieldChange, RemoteTrunk } from "@trunksync/core";
import { diff } from "@trunksync/planner";
import type { Target } from "./target.js";

/**
 * What the provider says it stored, against what the update asked for: a message naming the
 * fields that did not take, or undefined when all did. Both APIs answer an update with the trunk
 * as stored, so an API that answers 200 but clamps or ignores a field shows it here, without a
 * second read of every trunk.
 */
export function notApplied(target: Target, stored: RemoteTrunk): string | undefined {
  const left = diff(target.desired, stored.fields, target.plugin.fields);
  if (left.length === 0) return undefined;
  return `provider accepted the update but stored ${left.map(storedValue).join(", ")}`;
}

/** The diff leaves sensitive values out, so those are named by path alone. */
function storedValue(change: FieldChange): string {
  if (change.sensitive) return `a different ${change.path}`;
  return `${change.path}=${change.before === undefined ? "(unset)" : JSON.stringify(change.before)}`;
}
