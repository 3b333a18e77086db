import { attachHttpClient, blockConcurrency, httpClientOf } from "./client-http.js";
import { quoted } from "./config/issue.js";
import type { Config, ProviderBlock } from "./config/types.js";
import { ConfigError } from "./errors.js";
import { baseUrlProblem } from "./http/base-url.js";
import { createHttpClient } from "./http/client.js";
import type { HttpClientOptions } from "./http/types.js";
import type { ClientMap, PluginMap, ProviderClient, ProviderPlugin } from "./plugin.js";
import { guardClient, tryPluginHook } from "./plugin-hooks.js";

const DEFAULT_TIMEOUT_MS = 30_000;

export interface ConnectOptions {
  /** Overrides every block's `concurrency` (the CLI's `--concurrency`). */
  concurrency?: number;
  onRetry?: HttpClientOptions["onRetry"];
}

/**
 * One HTTP client and one `ProviderClient` per provider block of `config` (only the blocks named
 * in `only`, when given), keyed and ordered by block name. Throws `ConfigError` for a block whose
 * type has no plugin or whose `baseUrl` is unusable, before any client is created, and a
 * `PluginError` naming the plugin when its `httpProfile` or `connect` throws unexpectedly. The
 * clients report their own methods' unexpected failures the same way (see `guardClient`).
 */
export function connectProviders(
  config: Config,
  plugins: PluginMap,
  options: ConnectOptions & { only?: readonly string[] } = {},
): ClientMap {
  const blocks = selectBlocks(config, options.only);
  // Every block is checked before any client exists, so a bad block never leaves others half-open.
  const resolved = blocks.map((block) => {
    const plugin = pluginOf(block, plugins);
    const baseUrl = baseUrlOf(block, plugin);
    const profile = tryPluginHook(block, plugin, "httpProfile", () => plugin.httpProfile(block.options));
    if (!profile.ok) throw profile.error;
    return { block, plugin, baseUrl, profile: profile.value };
  });
  const clients = new Map<string, ProviderClient>();
  for (const { block, plugin, baseUrl, profile } of resolved) {
    const concurrency = blockConcurrency(block, options.concurrency);
    const http = createHttpClient({
      provider: block.name,
      baseUrl,
      concurrency,
      timeoutMs: block.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      headers: profile.headers,
      errorMessagePaths: profile.errorMessagePaths,
      authHint: authHint(block, plugin),
      onRetry: options.onRetry,
    });
    // The plugin sees the concurrency in force, e.g. to choose between per-id reads and a list.
    const connected = tryPluginHook(block, plugin, "connect", () =>
      plugin.connect({ ...block.options, concurrency }, { providerName: block.name, http }),
    );
    if (!connected.ok) {
      // The caller gets no clients to close, so close those made so far (no sockets are open yet).
      void Promise.allSettled([http.close(), closeAll(clients)]);
      throw connected.error;
    }
    const client = guardClient(block, plugin, connected.value);
    attachHttpClient(client, http);
    clients.set(block.name, client);
  }
  return clients;
}

/** Closes every client and its HTTP client (keep-alive sockets), even if some fail to close. */
export async function closeAll(clients: ClientMap): Promise<void> {
  const closing = [...clients.values()].flatMap((client) => [client.close(), httpClientOf(client)?.close()]);
  const failed = (await Promise.allSettled(closing)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}

function selectBlocks(config: Config, only: readonly string[] | undefined): ProviderBlock[] {
  const names = Object.keys(config.providers).sort();
  for (const name of only ?? []) {
    if (!config.providers[name]) {
      const message = `no provider block "${name}" in ${config.file} (blocks: ${names.join(", ") || "none"})`;
      throw new ConfigError([
        { file: config.file, line: 0, col: 0, path: "/providers", message, severity: "error" },
      ]);
    }
  }
  const wanted = only ? new Set(only) : undefined;
  return names.filter((n) => !wanted || wanted.has(n)).map((n) => config.providers[n] as ProviderBlock);
}

function pluginOf(block: ProviderBlock, plugins: PluginMap): ProviderPlugin {
  const plugin = plugins.get(block.type);
  if (plugin) return plugin;
  const known = [...plugins.keys()].sort().join(", ") || "none";
  throw blockError(
    block,
    "/type",
    `provider block "${block.name}" has unknown type "${block.type}" (known: ${known})`,
  );
}

function baseUrlOf(block: ProviderBlock, plugin: ProviderPlugin): string {
  const baseUrl = block.options.baseUrl ?? plugin.defaultBaseUrl;
  const variable = block.envRefs.baseUrl;
  const problem = baseUrlProblem(baseUrl, quoted(baseUrl, variable ? [variable] : undefined));
  if (problem) throw blockError(block, "/baseUrl", `provider block "${block.name}": ${problem}`);
  return baseUrl;
}

/** Names the block and the environment variables its own options (the credentials) came from. */
function authHint(block: ProviderBlock, plugin: ProviderPlugin): string {
  const own = Object.keys((plugin.optionsSchema.properties as Record<string, unknown> | undefined) ?? {});
  const variables = own.map((option) => block.envRefs[option]).filter((v): v is string => v !== undefined);
  const vars = variables.length > 0 ? ` (${variables.join(", ")})` : "";
  return `check the credentials of provider block "${block.name}"${vars}`;
}

function blockError(block: ProviderBlock, pointer: string, message: string): ConfigError {
  const { file, line, col } = block.location;
  return new ConfigError([
    { file, line, col, path: `/providers/${block.name}${pointer}`, message, severity: "error" },
  ]);
}
