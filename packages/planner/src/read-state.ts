import {
  type ClientMap,
  type Config,
  type ProviderClient,
  ProviderError,
  type TrunkRead,
  trunkKey,
  type UnmanagedReport,
} from "@trunksync/core";
import { compareStrings, type PlanFilters, selectProviders, selectTrunks } from "./select.js";

/** A trunk read, or the failure of its whole provider (e.g. bad credentials). */
export type StateRead = TrunkRead | { id: string; status: "provider-failed"; message: string };

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

interface ProviderState {
  reads: StateRead[];
  unmanaged?: UnmanagedReport;
}

/**
 * Reads the current state of every selected declared trunk, all providers concurrently (each
 * client's own pool bounds its requests). Without a `--trunk` filter a provider that can list
 * is read with one `list()`, which also yields its unmanaged trunks; otherwise with one `read(ids)`.
 * A provider whose call throws turns into `provider-failed` reads; other providers are unaffected.
 */
export async function readState(
  config: Config,
  clients: ClientMap,
  options: ReadStateOptions,
): Promise<ReadStateResult> {
  const { filters, onProgress } = options;
  const providers = selectProviders(config, filters);
  const trunks = selectTrunks(config, filters);
  let done = 0;
  const states = await Promise.all(
    providers.map(async (name) => {
      const client = clients.get(name);
      if (!client) throw new Error(`no client connected for provider block "${name}"`);
      const ids = [...new Set(trunks.filter((t) => t.provider === name).map((t) => t.id))];
      const type = config.providers[name]?.type ?? "";
      const state = await readProvider(name, type, client, ids, filters.trunks.length > 0);
      done += 1;
      onProgress?.({ provider: name, done, total: providers.length });
      return [name, state] as const;
    }),
  );
  const reads = new Map<string, StateRead>();
  const unmanaged: UnmanagedReport[] = [];
  for (const [name, state] of states) {
    for (const read of state.reads) reads.set(trunkKey(name, read.id), read);
    if (state.unmanaged) unmanaged.push(state.unmanaged);
  }
  return { reads, unmanaged };
}

async function readProvider(
  provider: string,
  providerType: string,
  client: ProviderClient,
  ids: string[],
  trunkFiltered: boolean,
): Promise<ProviderState> {
  try {
    if (!trunkFiltered && client.list) {
      const listed = new Map<string, TrunkRead>();
      for (const read of await client.list()) listed.set(read.id, read);
      const declared = new Set(ids);
      const others: string[] = [];
      for (const read of listed.values()) {
        if (read.status !== "missing" && !declared.has(read.id)) others.push(read.id);
      }
      others.sort(compareStrings);
      return {
        reads: ids.map((id) => listed.get(id) ?? { id, status: "missing" }),
        unmanaged: { provider, providerType, supported: true, count: others.length, ids: others },
      };
    }
    const answered = new Map((ids.length > 0 ? await client.read(ids) : []).map((read) => [read.id, read]));
    return {
      reads: ids.map(
        (id) =>
          answered.get(id) ?? {
            id,
            status: "failed",
            message: `the ${providerType} plugin returned no result`,
          },
      ),
      ...(trunkFiltered
        ? {}
        : { unmanaged: { provider, providerType, supported: false, count: 0, ids: [] } }),
    };
  } catch (error) {
    const message = failureMessage(provider, error);
    return { reads: ids.map((id) => ({ id, status: "provider-failed", message })) };
  }
}

/** `ProviderError` messages already name the provider and request; anything else gets the name added. */
function failureMessage(provider: string, error: unknown): string {
  if (error instanceof ProviderError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `[${provider}] ${detail}`;
}
