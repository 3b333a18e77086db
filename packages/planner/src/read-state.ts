import {
  type ClientMap,
  type Config,
  PluginError,
  type ProviderClient,
  ProviderError,
  type TrunkConfig,
  type TrunkRead,
  trunkKey,
  type UnmanagedReport,
} from "@trunksync/core";
import { compareStrings, type PlanFilters, selectProviders, selectTrunksByProvider } from "./select.js";

/**
 * A trunk read, or the failure of its whole provider block's read: `provider-failed` (e.g. bad
 * credentials), or `plugin-failed` when the block's plugin threw in `read` or `list` (its bug).
 */
export type StateRead =
  | TrunkRead
  | { id: string; status: "provider-failed" | "plugin-failed"; message: string };

export interface ReadProgress {
  /** The provider block just finished. */
  provider: string;
  /** Provider blocks finished so far, out of `total`. */
  done: number;
  total: number;
}

export interface ReadStateOptions {
  filters: PlanFilters;
  onProgress?: (progress: ReadProgress) => void;
}

export interface ReadStateResult {
  /** By `trunkKey(provider, id)`, one entry per selected declared trunk. */
  reads: Map<string, StateRead>;
  /**
   * By provider. Left out for a provider read with a `--trunk` filter (the account was not
   * listed) or whose read failed; `supported: false` when its API cannot list trunks.
   */
  unmanaged: UnmanagedReport[];
}

/**
 * One provider block's selected declared trunks (config order) and their reads: `reads[i]`
 * answers `trunks[i]`. Planning works on these rather than on one map keyed by `trunkKey`,
 * which would cost a key string per trunk.
 */
export interface ProviderReads {
  provider: string;
  trunks: readonly TrunkConfig[];
  reads: readonly StateRead[];
  unmanaged?: UnmanagedReport;
}

/**
 * Reads the current state of every selected declared trunk, all providers concurrently (each
 * client's own pool bounds its requests). Without a `--trunk` filter a provider that can list
 * is read with one `list()`, which also yields its unmanaged trunks; otherwise with one `read(ids)`.
 * A provider whose call throws turns into `provider-failed` reads (`plugin-failed` for a bug in its
 * plugin, a `PluginError`); other providers are unaffected.
 */
export async function readState(
  config: Config,
  clients: ClientMap,
  options: ReadStateOptions,
): Promise<ReadStateResult> {
  const reads = new Map<string, StateRead>();
  const providers = await readProviders(config, clients, options);
  for (const provider of providers) {
    provider.trunks.forEach((trunk, i) => {
      reads.set(trunkKey(provider.provider, trunk.id), provider.reads[i] as StateRead);
    });
  }
  return { reads, unmanaged: unmanagedOf(providers) };
}

/** The unmanaged reports of the blocks read, in their order. */
export function unmanagedOf(providers: readonly ProviderReads[]): UnmanagedReport[] {
  return providers.flatMap((provider) => (provider.unmanaged ? [provider.unmanaged] : []));
}

/** `readState` by provider block, sorted by name: what `plan` builds from. */
export async function readProviders(
  config: Config,
  clients: ClientMap,
  options: ReadStateOptions,
): Promise<ProviderReads[]> {
  const { filters, onProgress } = options;
  const trunks = selectTrunksByProvider(config, filters);
  const providers = selectProviders(config, filters, trunks);
  let done = 0;
  return Promise.all(
    providers.map(async (name) => {
      const client = clients.get(name);
      if (!client) throw new Error(`no client connected for provider block "${name}"`);
      const type = config.providers[name]?.type ?? "";
      const state = await readProvider(name, type, client, trunks.get(name) ?? [], filters.trunks.length > 0);
      done += 1;
      onProgress?.({ provider: name, done, total: providers.length });
      return state;
    }),
  );
}

async function readProvider(
  provider: string,
  providerType: string,
  client: ProviderClient,
  trunks: readonly TrunkConfig[],
  trunkFiltered: boolean,
): Promise<ProviderReads> {
  try {
    if (!trunkFiltered && client.list) {
      // One pass over the account's trunks: a declared one is kept for its read, any other is an
      // unmanaged trunk. Only the declared ids are indexed, not the whole account.
      const declared = new Set(trunks.map((trunk) => trunk.id));
      const found = new Map<string, TrunkRead>();
      const others: string[] = [];
      for (const read of await client.list()) {
        if (declared.has(read.id)) found.set(read.id, read);
        else if (read.status !== "missing") others.push(read.id);
      }
      const reads = trunks.map(
        (trunk): StateRead => found.get(trunk.id) ?? { id: trunk.id, status: "missing" },
      );
      // Each id once already: core's guard on `list` keeps the first of a trunk listed twice.
      others.sort(compareStrings);
      return {
        provider,
        trunks,
        reads,
        unmanaged: { provider, providerType, supported: true, count: others.length, ids: others },
      };
    }
    const ids = [...new Set(trunks.map((trunk) => trunk.id))];
    const answered = new Map<string, TrunkRead>();
    if (ids.length > 0) for (const read of await client.read(ids)) answered.set(read.id, read);
    const reads = trunks.map(
      (trunk): StateRead =>
        answered.get(trunk.id) ?? {
          id: trunk.id,
          status: "failed",
          message: `the ${providerType} plugin returned no result`,
        },
    );
    return {
      provider,
      trunks,
      reads,
      ...(trunkFiltered
        ? {}
        : { unmanaged: { provider, providerType, supported: false, count: 0, ids: [] } }),
    };
  } catch (error) {
    const message = failureMessage(provider, error);
    const status = error instanceof PluginError ? "plugin-failed" : "provider-failed";
    return { provider, trunks, reads: trunks.map((trunk) => ({ id: trunk.id, status, message })) };
  }
}

/** `ProviderError` and `PluginError` messages already name the provider; anything else gets the name added. */
function failureMessage(provider: string, error: unknown): string {
  if (error instanceof ProviderError || error instanceof PluginError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `[${provider}] ${detail}`;
}
