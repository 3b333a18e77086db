import type { JsonValue } from "./json.js";

/**
 * A plan is plain, serialisable data (schemas/plan.schema.json). Renderers are pure functions
 * of it and the applier consumes it. Sensitive values never appear in it: a sensitive field
 * change carries `sensitive: true` and neither `before` nor `after`.
 */
export const PLAN_VERSION = 1;

export interface FieldChange {
  /** Dotted path in config vocabulary, e.g. `max_concurrent_calls`, `auth.password`. */
  path: string;
  /** Remote value; absent when the remote has none or the field is sensitive. */
  before?: JsonValue;
  /** Desired value from trunks.yaml; absent when the field is sensitive. */
  after?: JsonValue;
  sensitive?: true;
}

export interface TrunkRef {
  /** Provider block name. */
  provider: string;
  /** Plugin type of that block. */
  providerType: string;
  id: string;
  /** Desired `name` when the config has one, else the remote one: for display only. */
  name?: string;
}

/**
 * Why a trunk cannot be planned. `provider-failed`: the block's read failed as a whole (e.g. bad
 * credentials); `plugin-failed`: a hook of the block's plugin threw (a bug in the plugin), on this
 * trunk (`updateBody`, a `normalize`) or for the whole block (`read`, `list`).
 */
export type PlanErrorKind = "not-found" | "read-failed" | "incomplete" | "provider-failed" | "plugin-failed";

export type TrunkChange =
  | (TrunkRef & { action: "update"; fingerprint: string; changes: FieldChange[] })
  | (TrunkRef & { action: "no-op"; fingerprint: string })
  | (TrunkRef & { action: "error"; error: { kind: PlanErrorKind; message: string } });

export type PlanAction = TrunkChange["action"];

/** Remote trunks on an account that trunks.yaml does not declare (informational). */
export interface UnmanagedReport {
  provider: string;
  providerType: string;
  /** False when the provider's API cannot list trunks; count and ids are then empty. */
  supported: boolean;
  count: number;
  ids: string[];
}

export interface SafetyViolation {
  /** Provider block name, or null for the global `--max-changes`. */
  provider: string | null;
  limit: number;
  count: number;
}

export interface Plan {
  version: typeof PLAN_VERSION;
  createdAt: string;
  tool: { name: "trunksync"; version: string };
  /** The config the plan was made from: `apply plan.json` refuses if the digest moved. */
  config: { file: string; digest: string };
  filters: { providers: string[]; trunks: string[] };
  /** Sorted by provider, then trunk id. */
  changes: TrunkChange[];
  /** Sorted by provider. */
  unmanaged: UnmanagedReport[];
  summary: { update: number; noop: number; error: number };
  safety: { safe: boolean; violations: SafetyViolation[] };
}
