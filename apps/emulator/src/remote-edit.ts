import { nextTimestamp } from "./clock.js";
import { EmulatorInputError } from "./errors.js";
import type { EmulatorState, VideoSdkTrunk, VobizTrunk, VobizTrunkRecord } from "./types.js";
import { videoSdkJson } from "./videosdk-trunk.js";
import { vobizJson } from "./vobiz-trunk.js";

export type Provider = "vobiz" | "videosdk";

/** Fields a console edit cannot change. */
const FIXED = new Set(["trunk_id", "account_id", "created_at", "updated_at", "trunkId"]);
const VOBIZ_OPTIONAL = new Set([
  "credential_uuid",
  "ipacl_uuid",
  "primary_uri_uuid",
  "fallback_uri_uuid",
  "inbound_destination",
  "webhook_url",
]);

export function findVobizTrunk(state: EmulatorState, id: string): VobizTrunkRecord | undefined {
  for (const account of state.vobiz.values()) {
    const trunk = account.trunks.get(id);
    if (trunk !== undefined) return trunk;
  }
  return undefined;
}

export function findVideoSdkTrunk(state: EmulatorState, id: string): VideoSdkTrunk | undefined {
  for (const account of state.videosdk.values()) {
    const trunk = account.trunks.get(id);
    if (trunk !== undefined) return trunk;
  }
  return undefined;
}

/**
 * Changes stored fields directly, as an edit in the provider's console would between `plan` and
 * `apply`. Vobiz trunks get a new `updated_at` (unless only `active_calls` changed). Each value
 * must have the stored field's type.
 */
export function remoteEdit(
  state: EmulatorState,
  provider: Provider,
  id: string,
  patch: Record<string, unknown>,
): VobizTrunk | VideoSdkTrunk {
  const trunk = provider === "vobiz" ? findVobizTrunk(state, id) : findVideoSdkTrunk(state, id);
  if (trunk === undefined) throw new EmulatorInputError(`no ${provider} trunk with id ${id}`);
  const fields = trunk as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (FIXED.has(key)) throw new EmulatorInputError(`${key} cannot be edited`);
    const current = fields[key];
    const optional = provider === "vobiz" && VOBIZ_OPTIONAL.has(key);
    if (current === undefined && !optional)
      throw new EmulatorInputError(`${provider} trunks have no field ${key}`);
    const expected = optional ? "a string" : describe(current);
    if (describe(value) !== expected) throw new EmulatorInputError(`${key} must be ${expected}`);
  }
  Object.assign(fields, structuredClone(patch));
  if (provider === "vobiz") {
    const record = trunk as VobizTrunkRecord;
    // Calls coming and going are not an edit of the trunk's configuration.
    if (Object.keys(patch).some((key) => key !== "active_calls")) {
      record.updated_at = nextTimestamp(record.updated_at);
    }
    return vobizJson(record);
  }
  return videoSdkJson(trunk as VideoSdkTrunk);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
