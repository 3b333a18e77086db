import type { VobizSeedTrunk, VobizTrunk, VobizTrunkRecord } from "./types.js";

/** Optional string fields, in the order they are written; absent from the JSON when unset. */
const OPTIONAL_STRINGS = [
  "credential_uuid",
  "ipacl_uuid",
  "primary_uri_uuid",
  "fallback_uri_uuid",
  "inbound_destination",
  "webhook_url",
] as const;

/** A stored trunk from a partial one, with Vobiz's defaults for everything left out. */
export function vobizRecord(
  accountId: string,
  partial: VobizSeedTrunk & { trunk_id: string },
  timestamp: string,
): VobizTrunkRecord {
  const record: VobizTrunkRecord = {
    trunk_id: partial.trunk_id,
    account_id: accountId,
    name: partial.name ?? "Untitled trunk",
    trunk_domain: partial.trunk_domain ?? `${partial.trunk_id}.sip.vobiz.ai`,
    trunk_status: partial.trunk_status ?? "active",
    secure: partial.secure ?? false,
    trunk_direction: partial.trunk_direction ?? "both",
    concurrent_calls_limit: partial.concurrent_calls_limit ?? 10,
    cps_limit: partial.cps_limit ?? 2,
    description: partial.description ?? "",
    transport: partial.transport ?? "udp",
    recording: partial.recording ?? false,
    enable_transcription: partial.enable_transcription ?? false,
    pii_redaction: partial.pii_redaction ?? false,
    webhook_method: partial.webhook_method ?? "POST",
    recording_webhook_enabled: partial.recording_webhook_enabled ?? false,
    created_at: partial.created_at ?? timestamp,
    updated_at: partial.updated_at ?? partial.created_at ?? timestamp,
    active_calls: partial.active_calls ?? 0,
  };
  for (const key of OPTIONAL_STRINGS) {
    const value = partial[key];
    if (value !== undefined) record[key] = value;
  }
  return record;
}

/** The API's JSON for a stored trunk: documented field order, unset optionals left out. */
export function vobizJson(record: VobizTrunkRecord): VobizTrunk {
  const json: VobizTrunk = {
    trunk_id: record.trunk_id,
    account_id: record.account_id,
    name: record.name,
    trunk_domain: record.trunk_domain,
    trunk_status: record.trunk_status,
    secure: record.secure,
    trunk_direction: record.trunk_direction,
    concurrent_calls_limit: record.concurrent_calls_limit,
    cps_limit: record.cps_limit,
    description: record.description,
    transport: record.transport,
    recording: record.recording,
    enable_transcription: record.enable_transcription,
    pii_redaction: record.pii_redaction,
    webhook_method: record.webhook_method,
    recording_webhook_enabled: record.recording_webhook_enabled,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
  for (const key of OPTIONAL_STRINGS) {
    const value = record[key];
    if (value !== undefined && value !== "") json[key] = value;
  }
  return json;
}
