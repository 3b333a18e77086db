import { addSecretsAt, blockSecretValues } from "./config/secrets.js";
import type { ProviderBlock } from "./config/types.js";
import { PluginError, type PluginHook, TrunksyncError } from "./errors.js";
import { sensitivePathsOf } from "./field-rules.js";
import { isJsonObject, type JsonObject } from "./json.js";
import type { ProviderClient, ProviderPlugin, TrunkRead } from "./plugin.js";
import { redactor } from "./redaction.js";

/**
 * What a plugin hook gave: its value, or the error trunksync reports for what it threw (see
 * `pluginHookError`: a `PluginError`, or a trunksync error the plugin threw on purpose).
 */
export type PluginHookResult<T> = { ok: true; value: T } | { ok: false; error: TrunksyncError };

/**
 * Runs one of a plugin's synchronous hooks for `block`. A throw is not rethrown: it comes back as
 * the failure `pluginHookError` makes of it, its message scrubbed of the block's credentials and of
 * the sensitive fields of `trunks` (the trunk fields the hook was given), so each caller decides
 * what it costs (the run, or one trunk).
 */
export function tryPluginHook<T>(
  block: ProviderBlock,
  plugin: ProviderPlugin,
  hook: PluginHook,
  run: () => T,
  trunks: readonly JsonObject[] = [],
): PluginHookResult<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: pluginHookError(block, plugin, hook, error, trunks) };
  }
}

/**
 * What trunksync reports for an error thrown by one of a plugin's hooks. A deliberate trunksync error
 * (a `ConfigError` about credentials, a `ProviderError` from core's HTTP client) passes through;
 * anything else is a bug in the plugin, and the message says so, naming the block, the plugin as
 * the block's `type:`, the hook and, for a field rule's `normalize`, the field. The plugin's message
 * may quote what it was given, so it is scrubbed of the block's credentials and of the sensitive
 * fields of `trunks`, and the error keeps no `cause` (an inspected error shows its cause).
 * `tryPluginHook` is the way to call a hook; this is for code that catches a hook's throw itself
 * (the diff, around each `normalize`, where a wrapper per call would cost every trunk).
 */
export function pluginHookError(
  block: ProviderBlock,
  plugin: ProviderPlugin,
  hook: PluginHook,
  error: unknown,
  trunks: readonly JsonObject[] = [],
  field?: string,
): TrunksyncError {
  if (error instanceof TrunksyncError) return error;
  const redact = redactor([...blockSecrets(block, plugin), ...trunkSecrets(plugin, trunks)]);
  const reason = redact(error instanceof Error ? error.message : String(error));
  const where = field === undefined ? hook : `${hook} for field ${field}`;
  return new PluginError(
    block.name,
    block.type,
    hook,
    `provider block "${block.name}": plugin "${block.type}" failed in ${where}: ${reason} ` +
      `(a bug in the plugin "${block.type}", not in trunksync; report it to the plugin's authors)`,
    field,
  );
}

/**
 * `client` with each of its methods reporting a failure (thrown or rejected) as `pluginHookError`,
 * so that every caller (plan, apply, import, closing) names the plugin and shows no credential;
 * and with `list` giving each id once, its first read kept.
 */
export function guardClient(
  block: ProviderBlock,
  plugin: ProviderPlugin,
  client: ProviderClient,
): ProviderClient {
  const guard = async <T>(hook: PluginHook, run: () => Promise<T>, trunks?: JsonObject[]): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw pluginHookError(block, plugin, hook, error, trunks);
    }
  };
  const list = client.list;
  // Each id once, its first read kept; filtered after `guard`, since a failure here is not the plugin's.
  const listOnce = async (run: () => Promise<TrunkRead[]>): Promise<TrunkRead[]> => {
    const reads = await guard("list", run);
    const seen = new Set<string>();
    return reads.filter((read) => {
      if (seen.has(read.id)) return false;
      seen.add(read.id);
      return true;
    });
  };
  return {
    read: (ids) => guard("read", () => client.read(ids)),
    ...(list ? { list: () => listOnce(() => list.call(client)) } : {}),
    // The body is named as trunks.yaml names fields (the update API's names): scrub its secrets too.
    update: (id, body) => guard("update", () => client.update(id, body), [body]),
    close: () => guard("close", () => client.close()),
  };
}

/**
 * The hint for a trunk that cannot be updated or verified because a field is missing from what the
 * block's plugin read, when that read holds top-level fields the plugin's `trunkSchema` does not
 * declare: `the plugin "<type>" read channel_limit, which its trunkSchema does not declare: likely a
 * bug in the plugin (…); report it to the plugin's authors`. A read is in config vocabulary, so an
 * API name there (`channel_limit` for `max_channels`) was not mapped back. Undefined when every
 * field read is declared (or the schema has no `properties`). For messages about a trunk that
 * already failed: not for every trunk read.
 */
export function unmappedFieldsHint(
  block: ProviderBlock,
  plugin: ProviderPlugin,
  fields: JsonObject,
): string | undefined {
  const undeclared = undeclaredFields(plugin, fields);
  if (undeclared.length === 0) return undefined;
  return (
    `the plugin "${block.type}" read ${undeclared.join(", ")}, which its trunkSchema does not declare: ` +
    "likely a bug in the plugin (a field not mapped back to its update name); report it to the plugin's authors"
  );
}

/** The top-level fields of `fields` that the plugin's `trunkSchema` does not declare, sorted. */
function undeclaredFields(plugin: ProviderPlugin, fields: JsonObject): string[] {
  const { properties } = plugin.trunkSchema;
  if (!isJsonObject(properties)) return [];
  return Object.keys(fields)
    .filter((key) => !Object.hasOwn(properties, key))
    .sort();
}

/** The block's option values a plugin's message must not show: write-only ones and any from the environment. */
function blockSecrets(block: ProviderBlock, plugin: ProviderPlugin): string[] {
  const fromEnvironment = Object.keys(block.envRefs).map((option) => block.options[option]);
  return [
    ...blockSecretValues(block, plugin),
    ...fromEnvironment.filter((v): v is string => typeof v === "string"),
  ];
}

/** Every string at or under a sensitive path of `trunks` (a sensitive `auth` object's password too). */
function trunkSecrets(plugin: ProviderPlugin, trunks: readonly JsonObject[]): string[] {
  if (trunks.length === 0) return [];
  const paths = sensitivePathsOf(plugin);
  const secrets = new Set<string>();
  for (const fields of trunks) addSecretsAt(fields, paths, secrets);
  return [...secrets];
}
