import type { HttpClient, HttpStats } from "./http/types.js";
import type { ClientMap, ProviderClient } from "./plugin.js";

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
 * The cap on requests in flight the client was connected with: its block's `concurrency`, or the
 * override every block got (the CLI's `--concurrency`). Undefined for clients core did not make.
 */
export function concurrencyOf(client: ProviderClient): number | undefined {
  return httpOf.get(client)?.concurrency;
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
