import {
  canonicalJson,
  type FieldChange,
  type FieldRule,
  type FieldRules,
  fieldRulesOf,
  getPath,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  leafPaths,
  type PluginHookResult,
  type ProviderBlock,
  type ProviderPlugin,
  pluginHookError,
} from "@trunksync/core";
import { compareStrings } from "./select.js";

/** Whose trunk is diffed: a provider block and its plugin, whose field rules the diff applies. */
export interface DiffScope {
  readonly block: ProviderBlock;
  readonly plugin: ProviderPlugin;
}

const NO_RULE: FieldRule = {};

/**
 * The field changes that would bring `current` to `desired`, sorted by path.
 *
 * Only leaf paths present in `desired` are compared: a field left out of trunks.yaml is
 * unmanaged. Values go through the plugin's rules first (normalise, compare as a set), and a
 * sensitive field's change carries no values at all. The rules are always `fieldRulesOf(plugin)`,
 * never the plugin's `fields` alone, so a `writeOnly` field is sensitive whatever `fields` says.
 * A field's `normalize` that throws fails the diff with a `PluginError` naming the hook and the
 * field, its message scrubbed of both sides' secrets; any other error is trunksync's and is thrown.
 */
export function diff(
  desired: JsonObject,
  current: JsonObject,
  scope: DiffScope,
): PluginHookResult<FieldChange[]> {
  let changes: FieldChange[];
  try {
    changes = fieldChanges(desired, current, fieldRulesOf(scope.plugin));
  } catch (error) {
    if (!(error instanceof NormalizeFailure)) throw error;
    const { block, plugin } = scope;
    const failure = pluginHookError(block, plugin, "normalize", error.thrown, [desired, current], error.path);
    return { ok: false, error: failure };
  }
  return { ok: true, value: changes };
}

/**
 * `diff` under the given rules, throwing `NormalizeFailure` for a `normalize` that throws: for
 * `diff` and the diff's specs only (the package exports `diff`, whose rules cannot be bypassed).
 */
export function fieldChanges(desired: JsonObject, current: JsonObject, rules: FieldRules): FieldChange[] {
  const changes: FieldChange[] = [];
  if (!walk(desired, current, "", rules, changes)) return diffByPaths(desired, current, rules);
  // Paths are unique here, so sorting the few changes orders them as sorting every leaf path would.
  return changes.length > 1 ? changes.sort((a, b) => compareStrings(a.path, b.path)) : changes;
}

/**
 * `fieldChanges` by its definition: every leaf path of `desired`, sorted, looked up on both sides
 * with `getPath`. `fieldChanges` walks both objects together instead, which allocates no path list;
 * it falls back to this for keys that are empty or hold a dot, where a dotted path is ambiguous.
 */
export function diffByPaths(desired: JsonObject, current: JsonObject, rules: FieldRules): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const path of leafPaths(desired)) {
    compareLeaf(path, getPath(desired, path) as JsonValue, getPath(current, path), rules, changes);
  }
  return changes;
}

/** What a field rule's `normalize` threw, and at which field: only `diff` catches it. */
class NormalizeFailure extends Error {
  constructor(
    readonly path: string,
    readonly thrown: unknown,
  ) {
    super(`normalize threw for field ${path}`);
  }
}

/** Compares the leaves under `desired` with `current`'s; false when a key needs `diffByPaths`. */
function walk(
  desired: JsonObject,
  current: JsonObject | undefined,
  prefix: string,
  rules: FieldRules,
  changes: FieldChange[],
): boolean {
  for (const key of Object.keys(desired)) {
    if (key === "" || key.includes(".")) return false;
    const path = prefix === "" ? key : `${prefix}.${key}`;
    const after = desired[key] as JsonValue;
    const before = current === undefined ? undefined : current[key];
    if (!isJsonObject(after)) compareLeaf(path, after, before, rules, changes);
    else if (!walk(after, isJsonObject(before) ? before : undefined, path, rules, changes)) return false;
  }
  return true;
}

function compareLeaf(
  path: string,
  after: JsonValue,
  before: JsonValue | undefined,
  rules: FieldRules,
  changes: FieldChange[],
): void {
  const rule = rules[path] ?? NO_RULE;
  if (rule.normalize === undefined && isScalar(after) && isPrimitiveOrAbsent(before)) {
    // Their JSON is equal exactly when they are identical: no need to serialise them.
    if (before === after) return;
  } else if (before !== undefined && comparable(before, rule, path) === comparable(after, rule, path)) return;
  if (isSensitive(path, rules)) changes.push({ path, sensitive: true });
  else if (before === undefined) changes.push({ path, after });
  else changes.push({ path, before, after });
}

/** A string equal for two values exactly when the rule says they are the same. */
function comparable(value: JsonValue, rule: FieldRule, path: string): string {
  if (!Array.isArray(value)) return canonicalJson(normalized(value, rule, path));
  const items = value.map((item) => canonicalJson(normalized(item, rule, path)));
  const ordered = rule.compare === "set" ? [...new Set(items)].sort() : items;
  return `[${ordered.join(",")}]`;
}

/**
 * The value in the rule's canonical form. Only the plugin's `normalize` is inside the `try`, so
 * `diff` blames the plugin for its throws alone, and names the field.
 */
function normalized(value: JsonValue, rule: FieldRule, path: string): JsonValue {
  const { normalize } = rule;
  if (normalize === undefined) return value;
  try {
    return normalize(value);
  } catch (error) {
    throw new NormalizeFailure(path, error);
  }
}

/** Strings, booleans and finite numbers: no other value has the same JSON as one of these. */
function isScalar(value: JsonValue): boolean {
  const type = typeof value;
  return type === "string" || type === "boolean" || (type === "number" && Number.isFinite(value));
}

/** Values that cannot serialise like an `isScalar` value unless identical to it (NaN writes `null`). */
function isPrimitiveOrAbsent(value: JsonValue | undefined): boolean {
  const type = typeof value;
  return (
    value === null || type === "string" || type === "boolean" || type === "number" || type === "undefined"
  );
}

/** A path is sensitive when its own rule or an enclosing object's rule says so (`auth` covers `auth.password`). */
function isSensitive(path: string, rules: FieldRules): boolean {
  if (rules[path]?.sensitive === true) return true;
  for (let dot = path.indexOf("."); dot !== -1; dot = path.indexOf(".", dot + 1)) {
    if (rules[path.slice(0, dot)]?.sensitive === true) return true;
  }
  return false;
}
