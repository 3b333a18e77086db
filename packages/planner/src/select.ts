import type { Config, TrunkConfig } from "@trunksync/core";

/** `--provider` and `--trunk` filters; an empty list selects everything. */
export interface PlanFilters {
  providers: readonly string[];
  trunks: readonly string[];
}

/** Declared trunks the filters select, in config order. */
export function selectTrunks(config: Config, filters: PlanFilters): TrunkConfig[] {
  return config.trunks.filter(
    (trunk) =>
      (filters.providers.length === 0 || filters.providers.includes(trunk.provider)) &&
      (filters.trunks.length === 0 || filters.trunks.includes(trunk.id)),
  );
}

/**
 * Provider blocks to read, sorted. With a `--trunk` filter only the blocks holding a selected
 * trunk; otherwise every selected block, even one without trunks (its unmanaged report).
 */
export function selectProviders(config: Config, filters: PlanFilters): string[] {
  const names = Object.keys(config.providers).filter(
    (name) => filters.providers.length === 0 || filters.providers.includes(name),
  );
  if (filters.trunks.length === 0) return names.sort();
  const holding = new Set(selectTrunks(config, filters).map((trunk) => trunk.provider));
  return names.filter((name) => holding.has(name)).sort();
}

/** Plain code-unit order: deterministic whatever the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
