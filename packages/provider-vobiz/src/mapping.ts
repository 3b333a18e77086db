import { isJsonObject, type JsonObject, type RemoteTrunk } from "@trunksync/core";

/** Status words Vobiz uses, as `enabled` (providers.md: active|enabled ⇒ true, inactive|disabled ⇒ false). */
const ENABLED_BY_STATUS: Readonly<Record<string, boolean>> = {
  active: true,
  enabled: true,
  inactive: false,
  disabled: false,
};

/** The fields of a PUT body, all required: the update replaces the trunk's settings. */
export const UPDATE_FIELDS = ["name", "max_concurrent_calls", "enabled"] as const;

/**
 * A trunk object from the API in config vocabulary (`concurrent_calls_limit` → `max_concurrent_calls`,
 * `trunk_status` → `enabled`), fingerprinted by `updated_at`; or what makes it unusable.
 */
export function toRemoteTrunk(raw: unknown): { trunk: RemoteTrunk } | { problem: string } {
  if (!isJsonObject(raw)) return { problem: "the trunk is not a JSON object" };
  const { trunk_id, name, concurrent_calls_limit, trunk_status, updated_at } = raw;
  if (typeof trunk_id !== "string" || trunk_id === "")
    return { problem: fieldProblem("trunk_id", "a string") };
  if (typeof name !== "string") return { problem: fieldProblem("name", "a string") };
  if (typeof concurrent_calls_limit !== "number" || !Number.isInteger(concurrent_calls_limit)) {
    return { problem: fieldProblem("concurrent_calls_limit", "an integer") };
  }
  if (typeof trunk_status !== "string") return { problem: fieldProblem("trunk_status", "a string") };
  const enabled = ENABLED_BY_STATUS[trunk_status.toLowerCase()];
  if (enabled === undefined) {
    return {
      problem: `trunk_status ${JSON.stringify(trunk_status)} is not one of active, inactive, enabled, disabled`,
    };
  }
  if (typeof updated_at !== "string" || updated_at === "")
    return { problem: fieldProblem("updated_at", "a string") };
  return {
    trunk: {
      id: trunk_id,
      fields: { name, max_concurrent_calls: concurrent_calls_limit, enabled },
      fingerprint: updated_at,
    },
  };
}

function fieldProblem(field: string, expected: string): string {
  return `field "${field}" is missing or not ${expected}`;
}

/** The full PUT body for `merged` (config over current), or the fields that are still unknown. */
export function updateBody(merged: JsonObject): { body: JsonObject } | { missing: string[] } {
  const missing = UPDATE_FIELDS.filter((field) => merged[field] === undefined);
  if (missing.length > 0) return { missing };
  const body: JsonObject = {};
  for (const field of UPDATE_FIELDS) body[field] = merged[field] as JsonObject[string];
  return { body };
}
