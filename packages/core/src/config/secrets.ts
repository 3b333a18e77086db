import { getPath } from "../fields.js";
import type { JsonSchema } from "../json.js";
import type { FieldRule, PluginMap, ProviderPlugin } from "../plugin.js";
import type { Config, ProviderBlock } from "./types.js";

/** Dotted paths of every `writeOnly` property in an object schema (`authToken`, `auth.password`). */
export function writeOnlyPaths(schema: JsonSchema, prefix = ""): string[] {
  const properties = schema.properties;
  if (typeof properties !== "object" || properties === null) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(properties as Record<string, JsonSchema>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child.writeOnly === true) out.push(path);
    out.push(...writeOnlyPaths(child, path));
  }
  return out.sort();
}

const rulesOf = new WeakMap<ProviderPlugin, Readonly<Record<string, FieldRule>>>();

/**
 * The comparison and display rules the diff applies to a plugin's trunk fields: its `fields`, with
 * every `writeOnly` field of its `trunkSchema` sensitive too. A write-only value is a secret whether
 * or not `fields` repeats it, so a plan never shows or stores it. Computed once per plugin.
 */
export function fieldRulesOf(plugin: ProviderPlugin): Readonly<Record<string, FieldRule>> {
  let rules = rulesOf.get(plugin);
  if (!rules) {
    const added = writeOnlyPaths(plugin.trunkSchema).filter(
      (path) => plugin.fields[path]?.sensitive !== true,
    );
    rules =
      added.length === 0
        ? plugin.fields
        : {
            ...plugin.fields,
            ...Object.fromEntries(added.map((path) => [path, { ...plugin.fields[path], sensitive: true }])),
          };
    rulesOf.set(plugin, rules);
  }
  return rules;
}

/** Dotted paths of a plugin's sensitive trunk fields (`sensitive` in `fields`, or `writeOnly`), sorted. */
export function sensitivePathsOf(plugin: ProviderPlugin): string[] {
  return Object.entries(fieldRulesOf(plugin))
    .filter(([, rule]) => rule.sensitive === true)
    .map(([path]) => path)
    .sort();
}

/** The values of a provider block's write-only options (its credentials). */
export function blockSecretValues(block: ProviderBlock, plugin: ProviderPlugin): string[] {
  return writeOnlyPaths(plugin.optionsSchema)
    .map((path) => getPath(block.options, path))
    .filter((value): value is string => typeof value === "string");
}

/**
 * Every secret value in a loaded config: write-only provider options (tokens) and sensitive
 * trunk fields (SIP passwords). Longest first, so redacting in order never leaves part of a
 * secret that contains a shorter one.
 */
export function secretValues(config: Config, plugins: PluginMap): string[] {
  const secrets = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === "string" && value !== "") secrets.add(value);
  };
  // Per provider block, the trunk fields that hold secrets; a block whose plugin has none (most)
  // costs its trunks one lookup each.
  const pathsOf = new Map<ProviderPlugin, string[]>();
  const secretFields = new Map<string, string[]>();
  for (const [name, block] of Object.entries(config.providers)) {
    const plugin = plugins.get(block.type);
    if (!plugin) continue;
    for (const value of blockSecretValues(block, plugin)) add(value);
    let paths = pathsOf.get(plugin);
    if (!paths) {
      paths = sensitivePathsOf(plugin);
      pathsOf.set(plugin, paths);
    }
    if (paths.length > 0) secretFields.set(name, paths);
  }
  for (const trunk of config.trunks) {
    const paths = secretFields.get(trunk.provider);
    if (paths) for (const path of paths) add(getPath(trunk.fields, path));
  }
  return [...secrets].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}
