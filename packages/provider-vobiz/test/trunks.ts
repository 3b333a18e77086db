import type { JsonObject } from "@trunksync/core";

/** A Vobiz trunk object as the API returns it (seed page "Update a Trunk"), number `n`. */
export function vobizTrunk(n: number, overrides: JsonObject = {}): JsonObject {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  return {
    trunk_id: id,
    account_id: "MA_TEST0001",
    name: `Trunk ${n}`,
    trunk_domain: `${id}.sip.vobiz.ai`,
    trunk_status: "active",
    secure: false,
    trunk_direction: "both",
    concurrent_calls_limit: 10,
    cps_limit: 2,
    description: "",
    transport: "udp",
    recording: false,
    enable_transcription: false,
    pii_redaction: false,
    webhook_method: "POST",
    recording_webhook_enabled: false,
    created_at: "2026-05-12T05:11:52.054462Z",
    updated_at: `2026-05-12T05:12:18.${String(n).padStart(6, "0")}Z`,
    ...overrides,
  };
}

export function idOf(n: number): string {
  return String(vobizTrunk(n).trunk_id);
}
