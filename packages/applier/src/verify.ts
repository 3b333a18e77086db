import type { FieldChange, RemoteTrunk } from "@trunksync/core";
import { diff, withUnmappedHint } from "@trunksync/planner";
import type { Target } from "./target.js";

/**
 * What the provider says it stored, against what the update asked for: a message naming the
 * fields that did not take (or why they could not be compared), or undefined when all did. Both
 * APIs answer an update with the trunk as stored, so an API that answers 200 but clamps or ignores
 * a field shows it here, without a second read of every trunk.
 */
export function notApplied(target: Target, stored: RemoteTrunk): string | undefined {
  const left = diff(target.desired, stored.fields, target);
  if (!left.ok) return left.error.message;
  if (left.value.length === 0) return undefined;
  const message = `provider accepted the update but stored ${left.value.map(storedValue).join(", ")}`;
  // A field the answer lacks, beside fields the plugin's schema does not declare: the plugin did
  // not map a field back (`channel_limit` for `max_channels`), rather than the provider ignoring it.
  const lacksOne = left.value.some((change) => change.before === undefined && change.sensitive !== true);
  return lacksOne ? withUnmappedHint(message, target.block, target.plugin, stored.fields) : message;
}

/** The diff leaves sensitive values out, so those are named by path alone. */
function storedValue(change: FieldChange): string {
  if (change.sensitive) return `a different ${change.path}`;
  return `${change.path}=${change.before === undefined ? "(unset)" : JSON.stringify(change.before)}`;
}
