import type { Config, TrunkConfig } from "@trunksync/core";

/** `--provider` and `--trunk` filters; an empty list selects everything. */
export interface PlanFilters {
  providers: readonly string[];
  trunks: readonly string[];
}

/** Declared trunks the filters select, in config order. */
export function selectTrunks(config: Config, filters: PlanFilters): TrunkConfig[] {
  return config.trunks.filter(selects(filters));
}

/**
 * Declared trunks the filters select, by provider block in order of first declaration, each
 * list in config order: planning works per provider, so it groups the trunks once.
 */
export function selectTrunksByProvider(config: Config, filters: PlanFilters): Map<string, TrunkConfig[]> {
  const selected = selects(filters);
  const byProvider = new Map<string, TrunkConfig[]>();
  for (const trunk of config.trunks) {
    if (!selected(trunk)) continue;
    const list = byProvider.get(trunk.provider);
    if (list) list.push(trunk);
    else byProvider.set(trunk.provider, [trunk]);
  }
  return byProvider;
}

/**
 * Provider blocks to read, sorted. With a `--trunk` filter only the blocks holding a selected
 * trunk; otherwise every selected block, even one without trunks (its unmanaged report).
 * `selected` is the grouping of `selectTrunksByProvider` for the same filters.
 */
export function selectProviders(
  config: Config,
  filters: PlanFilters,
  selected: ReadonlyMap<string, readonly TrunkConfig[]>,
): string[] {
  const names = Object.keys(config.providers).filter(
    (name) => filters.providers.length === 0 || filters.providers.includes(name),
  );
  if (filters.trunks.length === 0) return names.sort();
  return names.filter((name) => selected.has(name)).sort();
}

/** Plain code-unit order: deterministic whatever the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function selects(filters: PlanFilters): (trunk: TrunkConfig) => boolean {
  // Sets, so a long `--trunk` list costs one lookup per declared trunk rather than a scan.
  const providers = new Set(filters.providers);
  const ids = new Set(filters.trunks);
  return (trunk) =>
    (providers.size === 0 || providers.has(trunk.provider)) && (ids.size === 0 || ids.has(trunk.id));
}
