import type { ClientMap, Config, FieldChange, PluginMap, RemoteState, TrunkRef } from "@trunksync/core";

export type TrunkStatus = "applied" | "unchanged" | "failed" | "skipped";

/** What happened to one trunk of the plan. Plain data without secrets: safe to print or serialise. */
export interface TrunkOutcome {
  provider: string;
  id: string;
  name?: string;
  status: TrunkStatus;
  /** Why a trunk failed or was skipped. */
  message?: string;
  /** The plan's (redacted) field changes, for trunks the plan meant to update. */
  changes?: FieldChange[];
}

export interface ApplySummary {
  applied: number;
  unchanged: number;
  failed: number;
  skipped: number;
}

export interface ApplyResult {
  /** Every trunk of the plan, sorted by provider, then id. */
  outcomes: TrunkOutcome[];
  summary: ApplySummary;
  /** The signal aborted before every update had started. */
  interrupted: boolean;
  durationMs: number;
}

/** Progress of an apply, for progress lines. Only trunks the plan updates produce events. */
export type ApplyEvent =
  | { type: "trunk-started"; trunk: TrunkRef }
  | { type: "trunk-finished"; outcome: TrunkOutcome };

export interface ApplyOptions {
  /** The re-loaded config: the only source of desired values (secrets come from it, never from a plan). */
  config: Config;
  plugins: PluginMap;
  clients: ClientMap;
  /**
   * Remote state read while planning in this same process. Absent for a saved plan: each target
   * trunk is then re-read right before its update and skipped if it moved since the plan.
   */
  state?: RemoteState;
  /** Updates in flight at once across all providers. Default: only the per-provider caps apply. */
  concurrency?: number;
  /**
   * After the first trunk that fails during this apply, start no other (the rest are skipped).
   * A plan `error` entry is reported as failed but does not trigger this: it was known before.
   */
  failFast?: boolean;
  /** Aborting starts no new update; in-flight ones finish and the rest are skipped as interrupted. */
  signal?: AbortSignal;
  /** Fail a trunk whose update the provider answers with other values than those sent. Default true. */
  verify?: boolean;
  onEvent?: (event: ApplyEvent) => void;
}
