import type { JsonSchema } from "./json.js";
import type { FieldRules, ProviderPlugin } from "./plugin.js";

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

const rulesOf = new WeakMap<ProviderPlugin, FieldRules>();

/**
 * The comparison and display rules the diff applies to a plugin's trunk fields: its `fields`, with
 * every `writeOnly` field of its `trunkSchema` sensitive too. A write-only value is a secret whether
 * or not `fields` repeats it, so a plan never shows or stores it. Computed once per plugin; the
 * planner's `diff` takes its rules from here alone, never from `fields`.
 */
export function fieldRulesOf(plugin: ProviderPlugin): FieldRules {
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

/**
 * Dotted paths of a plugin's sensitive trunk fields (`sensitive` in `fields`, or `writeOnly`), sorted.
 * A path covers everything under it: a sensitive `auth` makes `auth.password` secret too.
 */
export function sensitivePathsOf(plugin: ProviderPlugin): string[] {
  return Object.entries(fieldRulesOf(plugin))
    .filter(([, rule]) => rule.sensitive === true)
    .map(([path]) => path)
    .sort();
}
