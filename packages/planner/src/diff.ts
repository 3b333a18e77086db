import {
  canonicalJson,
  type FieldChange,
  type FieldRule,
  getPath,
  type JsonObject,
  type JsonValue,
  leafPaths,
} from "@trunksync/core";

export type FieldRules = Readonly<Record<string, FieldRule>>;

const NO_RULE: FieldRule = {};

/**
 * The field changes that would bring `current` to `desired`, sorted by path.
 *
 * Only leaf paths present in `desired` are compared: a field left out of trunks.yaml is
 * unmanaged. Values go through the plugin's rules first (normalise, compare as a set), and a
 * sensitive field's change carries no values at all.
 */
export function diff(desired: JsonObject, current: JsonObject, rules: FieldRules): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const path of leafPaths(desired)) {
    const after = getPath(desired, path) as JsonValue;
    const before = getPath(current, path);
    const rule = rules[path] ?? NO_RULE;
    // Identical scalars compare equal under any rule but a normaliser's: skip the serialising.
    if (before === after && rule.normalize === undefined && !Array.isArray(after)) continue;
    if (before !== undefined && comparable(before, rule) === comparable(after, rule)) continue;
    if (isSensitive(path, rules)) changes.push({ path, sensitive: true });
    else if (before === undefined) changes.push({ path, after });
    else changes.push({ path, before, after });
  }
  return changes;
}

/** A string equal for two values exactly when the rule says they are the same. */
function comparable(value: JsonValue, rule: FieldRule): string {
  const normalize = rule.normalize ?? ((v: JsonValue) => v);
  if (!Array.isArray(value)) return canonicalJson(normalize(value));
  const items = value.map((item) => canonicalJson(normalize(item)));
  const ordered = rule.compare === "set" ? [...new Set(items)].sort() : items;
  return `[${ordered.join(",")}]`;
}

/** A path is sensitive when its own rule or an enclosing object's rule says so (`auth` covers `auth.password`). */
function isSensitive(path: string, rules: FieldRules): boolean {
  const parts = path.split(".");
  return parts.some((_, i) => rules[parts.slice(0, i + 1).join(".")]?.sensitive === true);
}
