import type { ErrorObject } from "ajv";
import type { HttpClient } from "./http/types.js";
import type { JsonObject, JsonSchema, JsonValue } from "./json.js";

/**
 * Options every provider block accepts whatever its type. Core adds these to each plugin's
 * `optionsSchema`, so plugins declare only their own (credentials and the like).
 */
export interface CommonProviderOptions {
  type: string;
  /** Override the provider's API origin (https, or http on a loopback host). */
  baseUrl?: string;
  /** Requests in flight to this provider at once. Default 8. */
  concurrency?: number;
  /** Per-request timeout in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** `apply` refuses a plan with more updates than this for the provider. */
  maxChanges?: number;
}

export type ProviderOptions = CommonProviderOptions & JsonObject;

/** How one trunk field is compared and shown. Keyed by dotted path (`auth.password`). */
export interface FieldRule {
  /** Arrays compare as unordered sets (after `normalize` of each element). */
  compare?: "set";
  /** Canonical form used for comparing, e.g. lower-case hostnames or E.164 numbers. */
  normalize?: (value: JsonValue) => JsonValue;
  /** Never printed, logged or written to plan files; a diff only says it changed. */
  sensitive?: boolean;
}

/**
 * Field rules by dotted path: what a plugin declares as `fields`, and what the diff applies
 * (`fieldRulesOf`: those, with every `writeOnly` trunk field sensitive).
 */
export type FieldRules = Readonly<Record<string, FieldRule>>;

/** A trunk as the provider has it now, in config vocabulary (the update API's field names). */
export interface RemoteTrunk {
  id: string;
  /** Every field the plugin can map from a read, whether or not trunks.yaml manages it. */
  fields: JsonObject;
  /** Changes whenever the trunk changes remotely: `updated_at`, else a hash of the normalised read. */
  fingerprint: string;
}

/** The outcome of reading one trunk. A failure of one trunk never hides the others. */
export type TrunkRead =
  | { id: string; status: "found"; trunk: RemoteTrunk }
  | { id: string; status: "missing" }
  | { id: string; status: "failed"; message: string };

/** A connection to one provider account (one provider block). */
export interface ProviderClient {
  /**
   * Current state of the given trunks, one entry per id (order not significant). A failure of one
   * trunk is its `failed` entry; one that concerns the whole account (401/403) rejects instead.
   * Used with `--trunk`, without `list`, and by `apply` of a saved plan (one id at a time).
   */
  read(ids: readonly string[]): Promise<TrunkRead[]>;
  /**
   * Every trunk on the account, every page of it. `plan`, `drift` and `apply` read through it when
   * no `--trunk` is given (also `import` and the unmanaged report), so an unchanged trunk must come
   * with the same fields and fingerprint as from `read`: a saved plan's fingerprints are compared
   * with `read`'s. Callers get each id once: core keeps the first read of an id listed twice (paged
   * lists overlap when trunks are added while listing), so a plugin need not filter. Absent when the
   * provider's API has no list: callers must say the feature is unavailable rather than guess.
   */
  list?(): Promise<TrunkRead[]>;
  /** Sends one full update body (from `ProviderPlugin.updateBody`) and returns the trunk as stored. */
  update(id: string, body: JsonObject): Promise<RemoteTrunk>;
  close(): Promise<void>;
}

export interface ConnectContext {
  /** The provider block's name in trunks.yaml, for messages. */
  providerName: string;
  /** Core's HTTP client, already set up with baseUrl, concurrency, timeouts and retries. */
  http: HttpClient;
}

/** What `connect` needs from core to build the HTTP client: static headers and error parsing. */
export interface HttpProfile {
  headers?: Record<string, string>;
  errorMessagePaths: readonly string[];
}

/** A validate function generated at build time by ajv standalone code; `errors` is set when it returns false. */
export interface PrecompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** A plugin's schemas compiled at build time (see `ProviderPlugin.validators`). */
export interface PluginValidators {
  /** A provider block: `providerBlockSchema`, core's common options plus `optionsSchema`. */
  readonly provider: PrecompiledValidator;
  /** A trunk entry: `trunkEntrySchema`, `provider` and `id` plus `trunkSchema`. */
  readonly trunk: PrecompiledValidator;
}

/**
 * A provider plugin: everything trunksync needs to know about one provider's trunk API.
 *
 * Implementers declare data (schemas, field rules, how to build an update body) and two or
 * three small functions that talk to the API through `ctx.http`. Retries, timeouts, concurrency,
 * diffing, redaction and rendering live in core/planner/applier and are not the plugin's job.
 * See packages/core/README.md for a walkthrough and a minimal example.
 */
export interface ProviderPlugin<O extends ProviderOptions = ProviderOptions> {
  /**
   * For a built-in plugin (passed to core as `builtins`), the `type:` of a provider block that
   * selects it, e.g. `vobiz`. A `trunksync-provider-*` package is selected and named by its package
   * name instead, and this is unused: give it the short name (`acme`).
   */
  readonly type: string;
  readonly displayName: string;
  /** API origin used when the block sets no `baseUrl`. */
  readonly defaultBaseUrl: string;
  /**
   * JSON Schema of the plugin's own provider-block options (`properties`, `required`).
   * Mark credentials `writeOnly: true`: core redacts them and `import` writes `${env:…}` for them.
   * Both schemas are compiled in ajv's strict mode, and may use the formats `uri` and `hostname` only.
   */
  readonly optionsSchema: JsonSchema;
  /**
   * JSON Schema of a trunk entry's fields besides `provider` and `id`, named as in the
   * provider's update API. Sensitive fields carry `writeOnly: true`.
   */
  readonly trunkSchema: JsonSchema;
  /**
   * The schemas above precompiled, so a run need not load ajv's compiler (~90 ms). Optional: without
   * it core compiles the schemas at run time. Only honoured for the plugins a caller passes as
   * `builtins` (the CLI's own, built with core by `@trunksync/core/precompile`, so the common options
   * compiled in are this core's); a `trunksync-provider-*` package's schemas are always compiled
   * from source and checked against the JSON Schema meta-schema.
   */
  readonly validators?: PluginValidators;
  /** Comparison and display rules by dotted field path. Fields not listed compare by value. */
  readonly fields: FieldRules;
  /** How core's HTTP client finds auth headers and error messages for this API. */
  httpProfile(options: O): HttpProfile;
  /**
   * The full body of an update request for `merged` (config values laid over the current
   * remote values). Return the dotted paths that are still missing when a full body cannot be
   * built, so the plan can say which field to add to trunks.yaml.
   */
  updateBody(merged: JsonObject): { body: JsonObject } | { missing: string[] };
  connect(options: O, ctx: ConnectContext): ProviderClient;
  /**
   * Optional. The account that a block's options (after `${env:…}` interpolation, already valid
   * against `optionsSchema`) authenticate as on the provider's API, e.g. its account id or API key:
   * not a secret. Core scopes it by the block's `type:` and API endpoint (`baseUrl`, else
   * `defaultBaseUrl`), so it need not include them. Two blocks that give the same value read the same
   * trunks: `validate` then refuses a trunk id declared under both, and `import` a new block beside an
   * existing one (both would update the same trunk, one undoing the other). Return undefined when the
   * options do not say. Without this hook core cannot tell, and checks nothing.
   */
  accountId?(options: O): string | undefined;
}

/** Plugins by `type`, as resolved for one config (built-ins plus any `trunksync-provider-*`). */
export type PluginMap = ReadonlyMap<string, ProviderPlugin>;

/** Connected clients by provider block name. */
export type ClientMap = ReadonlyMap<string, ProviderClient>;

/** Remote trunks read while planning, by `trunkKey`. In memory only: never serialised (it holds secrets). */
export type RemoteState = ReadonlyMap<string, RemoteTrunk>;

/**
 * Which account a provider block of `type` reads: equal for two blocks exactly when their plugin's
 * `accountId` gives the same value on the same API endpoint. Undefined when the plugin has no
 * `accountId`, it gives none (or ""), or the endpoint is not a URL (a problem reported elsewhere).
 * Throws what `accountId` throws. Nothing to show anyone: only compared.
 */
export function accountKey(
  type: string,
  plugin: ProviderPlugin,
  options: ProviderOptions,
): string | undefined {
  if (plugin.accountId === undefined) return undefined;
  const account = plugin.accountId(options);
  const endpoint = apiEndpoint(options.baseUrl ?? plugin.defaultBaseUrl);
  if (account === undefined || account === "" || endpoint === undefined) return undefined;
  return JSON.stringify([type, endpoint, account]);
}

/**
 * `baseUrl` as core's HTTP client uses it: its origin (scheme, lower-case host, port unless the
 * default) and path without trailing slashes, so `https://API.example.com/` is `https://api.example.com`.
 */
function apiEndpoint(baseUrl: string): string | undefined {
  if (!URL.canParse(baseUrl)) return undefined;
  const url = new URL(baseUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Key of a trunk across providers: ids are only unique within a provider block. */
export function trunkKey(provider: string, id: string): string {
  return `${provider}\u0000${id}`;
}
