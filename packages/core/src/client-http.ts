import type { ProviderBlock } from "./config/types.js";
import type { HttpClient, HttpStats } from "./http/types.js";
import type { ClientMap, ProviderClient } from "./plugin.js";

/** Requests in flight at once to a provider whose block sets no `concurrency`. */
const DEFAULT_CONCURRENCY = 8;

/** The cap in force for `block`: `override` (the CLI's `--concurrency`), else its own, else 8. */
export function blockConcurrency(block: ProviderBlock, override?: number): number {
  return override ?? block.options.concurrency ?? DEFAULT_CONCURRENCY;
}

// The HTTP client core made for each provider client: `closeAll` frees its sockets even when a
// plugin's `close` forgets to, and `httpStatsOf` reads its counters.
const httpOf = new WeakMap<ProviderClient, HttpClient>();

/** Records the HTTP client core created for `client` (called by `connectProviders`). */
export function attachHttpClient(client: ProviderClient, http: HttpClient): void {
  httpOf.set(client, http);
}

export function httpClientOf(client: ProviderClient): HttpClient | undefined {
  return httpOf.get(client);
}

/**
 * The cap on requests in flight `client` was connected with for `block`: the block's `concurrency`,
 * or the override every block got (the CLI's `--concurrency`). For a client core did not make (specs
 * hand some in), the block's own cap.
 */
export function concurrencyOf(client: ProviderClient, block: ProviderBlock): number {
  return httpOf.get(client)?.concurrency ?? blockConcurrency(block);
}

/**
 * Request counters of each connected provider, by block name in the map's order (`--verbose`,
 * benchmarks). Read-only snapshots; clients not made by `connectProviders` are left out.
 */
export function httpStatsOf(clients: ClientMap): Map<string, HttpStats> {
  const stats = new Map<string, HttpStats>();
  for (const [name, client] of clients) {
    const http = httpOf.get(client);
    if (http) stats.set(name, http.stats());
  }
  return stats;
}
