import type { TrunkStore } from "./trunk-store.js";

/** A Vobiz trunk exactly as the API returns it (seed page "Update a Trunk", providers.md). */
export interface VobizTrunk {
  trunk_id: string;
  account_id: string;
  name: string;
  trunk_domain: string;
  /** The API writes active/inactive; `enabled`/`disabled` come only from seeds (plugins read both). */
  trunk_status: "active" | "inactive" | "enabled" | "disabled";
  secure: boolean;
  trunk_direction: "inbound" | "outbound" | "both";
  concurrent_calls_limit: number;
  cps_limit: number;
  description: string;
  transport: "udp" | "tcp" | "tls";
  recording: boolean;
  enable_transcription: boolean;
  pii_redaction: boolean;
  webhook_method: "POST" | "GET";
  recording_webhook_enabled: boolean;
  /** Optional strings: left out of the JSON when unset. */
  credential_uuid?: string;
  ipacl_uuid?: string;
  primary_uri_uuid?: string;
  fallback_uri_uuid?: string;
  inbound_destination?: string;
  webhook_url?: string;
  created_at: string;
  updated_at: string;
}

/** What the emulator stores per Vobiz trunk: the API object plus state the API never shows. */
export interface VobizTrunkRecord extends VobizTrunk {
  /** Calls in progress; DELETE answers 409 while this is above 0. Never serialised. */
  active_calls: number;
}

/** A VideoSDK SIP trunk exactly as `/v2/sip-trunk` returns it (no timestamps, password in clear). */
export interface VideoSdkTrunk {
  trunkId: string;
  auth: { username: string; password: string };
  name: string;
  domain: string;
  direction: "inbound" | "outbound";
  numbers: string[];
}

/** Seed input: any subset of a trunk; the rest is filled with the provider's defaults. */
export type VobizSeedTrunk = Partial<VobizTrunkRecord>;
export type VideoSdkSeedTrunk = Partial<VideoSdkTrunk>;

export interface EmulatorSeed {
  vobiz: { authId: string; authToken: string; trunks?: VobizSeedTrunk[] }[];
  videosdk: { apiKey: string; secret: string; trunks?: VideoSdkSeedTrunk[] }[];
}

export interface VobizAccount {
  authId: string;
  authToken: string;
  /** Creation order is list order. */
  trunks: TrunkStore<VobizTrunkRecord>;
}

export interface VideoSdkAccount {
  apiKey: string;
  secret: string;
  trunks: TrunkStore<VideoSdkTrunk>;
}

/**
 * The emulator's live store. Tests may read and change it directly (e.g. set `active_calls`);
 * changes are visible to the next request. Keyed by auth id / API key.
 */
export interface EmulatorState {
  vobiz: Map<string, VobizAccount>;
  videosdk: Map<string, VideoSdkAccount>;
}

/** Stable names of every route, used for per-route faults, counters and the request log. */
export type ApiRouteName =
  | "vobiz.list"
  | "vobiz.create"
  | "vobiz.get"
  | "vobiz.update"
  | "vobiz.delete"
  | "videosdk.create"
  | "videosdk.get"
  | "videosdk.update";

/** Also counted: a wrong-case Vobiz path (401), a wrong method (405), a malformed path (400), no route (404). */
export type RouteName =
  | ApiRouteName
  | "vobiz.unauthorized-path"
  | "method-not-allowed"
  | "bad-path"
  | "not-found";

export const API_ROUTE_NAMES: readonly ApiRouteName[] = [
  "vobiz.list",
  "vobiz.create",
  "vobiz.get",
  "vobiz.update",
  "vobiz.delete",
  "videosdk.create",
  "videosdk.get",
  "videosdk.update",
];

/** One request the emulator answered (or dropped). Secrets are replaced by `[redacted]`. */
export interface RequestRecord {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names; `x-auth-token` and `authorization` redacted. */
  headers: Record<string, string>;
  /** Parsed JSON body (with `auth.password` redacted), the raw text if not JSON, undefined if empty. */
  body: unknown;
  /** Status sent; 0 when the connection was reset or closed without an answer. */
  status: number;
  /** Set when a fault decided the outcome. */
  fault?: "fail" | "rate-limit" | "reset" | "hang" | "reject-update";
  /** The `Retry-After` header sent with a 429, as sent: what a client may not come back before. */
  retryAfter?: string;
  /** Epoch milliseconds. */
  startedAt: number;
  /** From the first byte received to the response finishing, latency included. */
  durationMs: number;
  route: RouteName;
}

export interface EmulatorStats {
  /** Requests received (admin routes excluded). */
  total: number;
  byRoute: Record<string, number>;
  /** Answers by status; "0" counts resets and hangs once their connection closed. */
  byStatus: Record<string, number>;
  inFlight: number;
  peakInFlight: number;
}
