import { basename } from "node:path";
import {
  type Config,
  deepMerge,
  type FieldChange,
  fieldRulesOf,
  type JsonObject,
  PLAN_VERSION,
  type Plan,
  type PlanErrorKind,
  type PluginMap,
  type ProviderBlock,
  type ProviderPlugin,
  type RemoteState,
  type TrunkChange,
  type TrunkConfig,
  type TrunkRef,
  trunkKey,
  tryPluginHook,
  type UnmanagedReport,
} from "@trunksync/core";
import { diff } from "./diff.js";
import type { ProviderReads, StateRead } from "./read-state.js";
import { LazyRemoteState } from "./remote-state.js";
import { checkSafety } from "./safety.js";
import { compareStrings, type PlanFilters, selectTrunksByProvider } from "./select.js";
import { withUnmappedHint } from "./unmapped-hint.js";

export interface BuildPlanOptions {
  filters: PlanFilters;
  /** Global limit on updates (`--max-changes`), on top of each block's `maxChanges`. */
  maxChanges?: number;
  /** trunksync's version, recorded in the plan. */
  toolVersion: string;
  /** Creation time; defaults to now. */
  now?: Date;
}

export interface BuiltPlan {
  plan: Plan;
  /** Remote trunks that were found, by `trunkKey`: the applier's base for update bodies. Never serialise it. */
  state: RemoteState;
}

/**
 * Turns remote reads into a `Plan`: one change per selected declared trunk, sorted by provider
 * then id. Pure: no I/O, no secrets in the result (sensitive changes carry no values).
 */
export function buildPlan(
  config: Config,
  plugins: PluginMap,
  reads: ReadonlyMap<string, StateRead>,
  unmanaged: readonly UnmanagedReport[],
  options: BuildPlanOptions,
): BuiltPlan {
  const providers: ProviderReads[] = [];
  for (const [provider, trunks] of selectTrunksByProvider(config, options.filters)) {
    const found = trunks.map(
      (trunk): StateRead =>
        reads.get(trunkKey(provider, trunk.id)) ?? {
          id: trunk.id,
          status: "failed",
          message: "the trunk was not read",
        },
    );
    providers.push({ provider, trunks, reads: found });
  }
  return buildPlanByProvider(config, plugins, providers, unmanaged, options);
}

/** `buildPlan` from reads grouped by provider block, as `readProviders` returns them. */
export function buildPlanByProvider(
  config: Config,
  plugins: PluginMap,
  providers: readonly ProviderReads[],
  unmanaged: readonly UnmanagedReport[],
  options: BuildPlanOptions,
): BuiltPlan {
  // Blocks by name, each block's changes by id: the plan's order, with no sort across all trunks.
  const byName = [...providers].sort((a, b) => compareStrings(a.provider, b.provider));
  const planned: TrunkChange[][] = [];
  for (const { provider, trunks, reads } of byName) {
    if (trunks.length === 0) continue;
    const target = resolve(config, plugins, provider);
    planned.push(sortById(trunks.map((trunk, i) => planTrunk(target, trunk, reads[i] as StateRead))));
  }
  const changes = planned.length === 1 ? (planned[0] as TrunkChange[]) : planned.flat();
  const plan: Plan = {
    version: PLAN_VERSION,
    createdAt: (options.now ?? new Date()).toISOString(),
    tool: { name: "trunksync", version: options.toolVersion },
    // The base name only: an absolute path would leak the runner's layout into PR comments.
    config: { file: basename(config.file), digest: config.digest },
    filters: {
      providers: [...options.filters.providers].sort(compareStrings),
      trunks: [...options.filters.trunks].sort(compareStrings),
    },
    changes,
    unmanaged: [...unmanaged].sort((a, b) => compareStrings(a.provider, b.provider)),
    summary: summarise(changes),
    safety: checkSafety(changes, config.providers, options.maxChanges),
  };
  return { plan, state: new LazyRemoteState(byName) };
}

/** Sorted by id (stable), skipping the sort when the config already lists the block's trunks by id. */
function sortById(changes: TrunkChange[]): TrunkChange[] {
  for (let i = 1; i < changes.length; i++) {
    if ((changes[i - 1] as TrunkChange).id > (changes[i] as TrunkChange).id) {
      return changes.sort((a, b) => compareStrings(a.id, b.id));
    }
  }
  return changes;
}

/** A provider block with its plugin, looked up once per block rather than once per trunk. */
interface Target {
  provider: string;
  providerType: string;
  block: ProviderBlock;
  plugin: ProviderPlugin;
}

function resolve(config: Config, plugins: PluginMap, provider: string): Target {
  const block = config.providers[provider];
  const plugin = block === undefined ? undefined : plugins.get(block.type);
  if (block === undefined || !plugin) {
    throw new Error(
      `no plugin for provider block "${provider}" (a wiring bug: the config loader resolves plugins)`,
    );
  }
  return { provider, providerType: block.type, block, plugin };
}

function planTrunk(target: Target, trunk: TrunkConfig, read: StateRead): TrunkChange {
  const remote = read.status === "found" ? read.trunk.fields : undefined;
  const ref: Ref = {
    provider: target.provider,
    providerType: target.providerType,
    id: trunk.id,
    // A plugin that marks `name` sensitive gets no display name: a plan never holds a secret.
    name: fieldRulesOf(target.plugin).name?.sensitive
      ? undefined
      : (displayName(trunk.fields) ?? (remote && displayName(remote))),
  };
  switch (read.status) {
    case "provider-failed":
    case "plugin-failed":
      return failure(ref, read.status, read.message);
    case "failed":
      return failure(ref, "read-failed", read.message);
    case "missing":
      return failure(
        ref,
        "not-found",
        `trunk ${trunk.id} not found at provider ${trunk.provider}; check the id or create it in the provider's console`,
      );
    case "found": {
      const { fingerprint, fields: current } = read.trunk;
      // A plugin's hook that throws (a field's `normalize`, `updateBody`) fails this trunk only.
      const changes = diff(trunk.fields, current, target);
      if (!changes.ok) return failure(ref, "plugin-failed", changes.error.message);
      if (changes.value.length === 0) return noOp(ref, fingerprint);
      const merged = deepMerge(current, trunk.fields);
      const { block, plugin } = target;
      const body = () => plugin.updateBody(merged);
      const built = tryPluginHook(block, plugin, "updateBody", body, [merged, current]);
      if (!built.ok) return failure(ref, "plugin-failed", built.error.message);
      if ("missing" in built.value) {
        return failure(ref, "incomplete", incompleteMessage(trunk, built.value.missing, target, current));
      }
      return update(ref, fingerprint, changes.value);
    }
  }
}

/*
 * Each change is one object literal per shape, not a spread of a shared `TrunkRef`: a plan keeps
 * one change per declared trunk, and V8 gave the spread copies several times a literal's memory
 * (37 MB against 11 MB for the changes of 100,000 trunks), so every collection while planning
 * copied more too.
 */
type Ref = Omit<TrunkRef, "name"> & { name: string | undefined };

function noOp({ provider, providerType, id, name }: Ref, fingerprint: string): TrunkChange {
  return name === undefined
    ? { provider, providerType, id, action: "no-op", fingerprint }
    : { provider, providerType, id, name, action: "no-op", fingerprint };
}

function update(
  { provider, providerType, id, name }: Ref,
  fingerprint: string,
  changes: FieldChange[],
): TrunkChange {
  return name === undefined
    ? { provider, providerType, id, action: "update", fingerprint, changes }
    : { provider, providerType, id, name, action: "update", fingerprint, changes };
}

function failure(
  { provider, providerType, id, name }: Ref,
  kind: PlanErrorKind,
  message: string,
): TrunkChange {
  const error = { kind, message };
  return name === undefined
    ? { provider, providerType, id, action: "error", error }
    : { provider, providerType, id, name, action: "error", error };
}

function summarise(changes: readonly TrunkChange[]): Plan["summary"] {
  const summary = { update: 0, noop: 0, error: 0 };
  for (const change of changes) {
    if (change.action === "update") summary.update += 1;
    else if (change.action === "no-op") summary.noop += 1;
    else summary.error += 1;
  }
  return summary;
}

function incompleteMessage(
  trunk: TrunkConfig,
  missing: readonly string[],
  target: Target,
  current: JsonObject,
): string {
  const fields = [...missing].sort(compareStrings).join(", ");
  const them = missing.length === 1 ? "it" : "them";
  const message =
    `trunk ${trunk.id} at provider ${trunk.provider} cannot be updated: the update replaces the whole trunk ` +
    `and the provider did not return ${fields}`;
  // Only here, on a trunk that already failed: the read returned fields its own trunkSchema does
  // not declare, so the plugin likely forgot to map one back (read `channel_limit`, update `max_channels`).
  return withUnmappedHint(message, target.block, target.plugin, current, {
    text: `add ${them} to this trunk in trunks.yaml`,
    separator: "; ",
  });
}

function displayName(fields: JsonObject): string | undefined {
  return typeof fields.name === "string" ? fields.name : undefined;
}
