import {
  type Config,
  type JsonObject,
  type ProviderBlock,
  type ProviderClient,
  type ProviderPlugin,
  type TrunkChange,
  type TrunkConfig,
  trunkKey,
} from "@trunksync/core";

export type UpdateChange = Extract<TrunkChange, { action: "update" }>;

/** Everything needed to update one trunk: the plan's entry, its desired fields and its provider. */
export interface Target {
  change: UpdateChange;
  /** `trunkKey(provider, id)`: the trunk's key in the config index and the remote state. */
  key: string;
  /** Managed fields from the re-loaded config, secrets included: never put into a result. */
  desired: JsonObject;
  block: ProviderBlock;
  plugin: ProviderPlugin;
  client: ProviderClient;
}

/** The config's trunks by provider and id, built once per apply rather than searched per trunk. */
export function indexTrunks(config: Config): ReadonlyMap<string, TrunkConfig> {
  return new Map(config.trunks.map((t) => [trunkKey(t.provider, t.id), t]));
}

/** Finds the config, plugin and client for a planned update, or says why it cannot be applied. */
export function resolveTarget(
  change: UpdateChange,
  key: string,
  config: Config,
  trunks: ReadonlyMap<string, TrunkConfig>,
  plugins: ReadonlyMap<string, ProviderPlugin>,
  clients: ReadonlyMap<string, ProviderClient>,
): Target | { error: string } {
  const block = config.providers[change.provider];
  if (!block)
    return { error: `provider block "${change.provider}" is not in the config any more — re-run plan` };
  const trunk = trunks.get(key);
  if (!trunk) return { error: "trunk is not in the config any more — re-run plan" };
  const plugin = plugins.get(block.type);
  if (!plugin) return { error: `no provider plugin for type "${block.type}"` };
  const client = clients.get(change.provider);
  if (!client) return { error: `no connection to provider "${change.provider}"` };
  return { change, key, desired: trunk.fields, block, plugin, client };
}
