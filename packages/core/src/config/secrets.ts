import { sensitivePathsOf, writeOnlyPaths } from "../field-rules.js";
import { getPath } from "../fields.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import type { PluginMap, ProviderPlugin } from "../plugin.js";
import type { Config, ProviderBlock } from "./types.js";

/**
 * Adds to `into` every non-empty string at or under one of `paths` (dotted) in `fields`: a path is
 * secret whole, so a sensitive `auth` holding `{ password }` gives the password, and an array's
 * strings are each added. The one place a secret path's values are collected.
 */
export function addSecretsAt(fields: JsonObject, paths: readonly string[], into: Set<string>): void {
  for (const path of paths) addStrings(getPath(fields, path), into);
}

function addStrings(value: JsonValue | undefined, into: Set<string>): void {
  if (typeof value === "string") {
    if (value !== "") into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) addStrings(item, into);
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) addStrings(value[key], into);
  }
}

/** Adds the values of a provider block's write-only options (its credentials) to `into`, and returns it. */
export function blockSecretValues(
  block: ProviderBlock,
  plugin: ProviderPlugin,
  into: Set<string> = new Set(),
): Set<string> {
  addSecretsAt(block.options, writeOnlyPaths(plugin.optionsSchema), into);
  return into;
}

/**
 * Every secret value in a loaded config: write-only provider options (tokens) and sensitive
 * trunk fields (SIP passwords), with every string under a sensitive object. Sorted longest first,
 * then by code unit, for a stable output (`redactor` orders what it is given itself).
 */
export function secretValues(config: Config, plugins: PluginMap): string[] {
  const secrets = new Set<string>();
  // Per provider block, the trunk fields that hold secrets; a block whose plugin has none (most)
  // costs its trunks one lookup each.
  const secretFields = new Map<string, string[]>();
  for (const [name, block] of Object.entries(config.providers)) {
    const plugin = plugins.get(block.type);
    if (!plugin) continue;
    blockSecretValues(block, plugin, secrets);
    const paths = sensitivePathsOf(plugin);
    if (paths.length > 0) secretFields.set(name, paths);
  }
  for (const trunk of config.trunks) {
    const paths = secretFields.get(trunk.provider);
    if (paths) addSecretsAt(trunk.fields, paths, secrets);
  }
  return [...secrets].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}
