import { type FieldChange, pluginHookError, type RemoteTrunk, undeclaredFields } from "@trunksync/core";
import { diff } from "@trunksync/planner";
import type { Target } from "./target.js";

/**
 * What the provider says it stored, against what the update asked for: a message naming the
 * fields that did not take (or why they could not be compared), or undefined when all did. Both
 * APIs answer an update with the trunk as stored, so an API that answers 200 but clamps or ignores
 * a field shows it here, without a second read of every trunk.
 */
export function notApplied(target: Target, stored: RemoteTrunk): string | undefined {
  let left: FieldChange[];
  try {
    left = diff(target.desired, stored.fields, target.rules);
  } catch (error) {
    // Only a plugin's `normalize` runs inside the diff.
    return pluginHookError(target.block, target.plugin, "normalize", error, [target.desired, stored.fields])
      .message;
  }
  if (left.length === 0) return undefined;
  const message = `provider accepted the update but stored ${left.map(storedValue).join(", ")}`;
  // A field the answer lacks, beside fields the plugin's schema does not declare: the plugin did
  // not map a field back (`channel_limit` for `max_channels`), rather than the provider ignoring it.
  const undeclared = left.some((change) => change.before === undefined && change.sensitive !== true)
    ? undeclaredFields(target.plugin, stored.fields)
    : [];
  if (undeclared.length === 0) return message;
  return (
    `${message}, while the plugin "${target.block.type}" read ${undeclared.join(", ")}, which its trunkSchema ` +
    "does not declare: likely a bug in the plugin (a field not mapped back to its update name); report it " +
    "to the plugin's authors"
  );
}

/** The diff leaves sensitive values out, so those are named by path alone. */
function storedValue(change: FieldChange): string {
  if (change.sensitive) return `a different ${change.path}`;
  return `${change.path}=${change.before === undefined ? "(unset)" : JSON.stringify(change.before)}`;
}
