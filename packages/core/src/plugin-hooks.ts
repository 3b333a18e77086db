import { blockSecretValues, sensitivePathsOf } from "./config/secrets.js";
import type { ProviderBlock } from "./config/types.js";
import { PluginError, TrunksyncError } from "./errors.js";
import { getPath } from "./fields.js";
import { redact } from "./http/error-message.js";
import { isJsonObject, type JsonObject } from "./json.js";
import type { ProviderClient, ProviderPlugin } from "./plugin.js";

/**
 * What trunksync reports for an error thrown by one of a plugin's hooks. A deliberate trunksync error
 * (a `ConfigError` about credentials, a `ProviderError` from core's HTTP client) passes through;
 * anything else is a bug in the plugin, and the message says so, naming the block, the plugin as
 * the block's `type:` and the hook. The plugin's message may quote what it was given, so it is
 * scrubbed of the block's credentials and of the sensitive fields of `trunks` (the trunk fields the
 * hook was given), and the error keeps no `cause` (an inspected error shows its cause).
 */
export function pluginHookError(
  block: ProviderBlock,
  plugin: ProviderPlugin,
  hook: string,
  error: unknown,
  trunks: readonly JsonObject[] = [],
): TrunksyncError {
  if (error instanceof TrunksyncError) return error;
  const secrets = [...blockSecrets(block, plugin), ...trunkSecrets(plugin, trunks)];
  const reason = redact(error instanceof Error ? error.message : String(error), secrets);
  return new PluginError(
    block.name,
    block.type,
    hook,
    `provider block "${block.name}": plugin "${block.type}" failed in ${hook}: ${reason} ` +
      `(a bug in the plugin "${block.type}", not in trunksync; report it to the plugin's authors)`,
  );
}

/** Runs a synchronous hook, throwing `pluginHookError` for what it throws. */
export function callPluginHook<T>(
  block: ProviderBlock,
  plugin: ProviderPlugin,
  hook: string,
  run: () => T,
  trunks: readonly JsonObject[] = [],
): T {
  try {
    return run();
  } catch (error) {
    throw pluginHookError(block, plugin, hook, error, trunks);
  }
}

/**
 * `client` with each of its methods reporting a failure (thrown or rejected) as `pluginHookError`,
 * so that every caller (plan, apply, import, closing) names the plugin and shows no credential.
 */
export function guardClient(
  block: ProviderBlock,
  plugin: ProviderPlugin,
  client: ProviderClient,
): ProviderClient {
  const guard = async <T>(hook: string, run: () => Promise<T>, trunks?: JsonObject[]): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw pluginHookError(block, plugin, hook, error, trunks);
    }
  };
  const list = client.list;
  return {
    read: (ids) => guard("read", () => client.read(ids)),
    ...(list ? { list: () => guard("list", () => list.call(client)) } : {}),
    // The body is named as trunks.yaml names fields (the update API's names): scrub its secrets too.
    update: (id, body) => guard("update", () => client.update(id, body), [body]),
    close: () => guard("close", () => client.close()),
  };
}

/**
 * The top-level fields of a trunk a plugin read (`RemoteTrunk.fields`) that its `trunkSchema` does
 * not declare, sorted; none for a schema without `properties`. Any is a plugin bug: a read is in
 * config vocabulary, so an API name there (`channel_limit` for `max_channels`) was not mapped back.
 * For messages about a trunk that already failed: not for every trunk read.
 */
export function undeclaredFields(plugin: ProviderPlugin, fields: JsonObject): string[] {
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

function trunkSecrets(plugin: ProviderPlugin, trunks: readonly JsonObject[]): string[] {
  if (trunks.length === 0) return [];
  const paths = sensitivePathsOf(plugin);
  return trunks
    .flatMap((fields) => paths.map((path) => getPath(fields, path)))
    .filter((v): v is string => typeof v === "string");
}
