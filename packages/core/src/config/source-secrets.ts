import { sensitivePathsOf, writeOnlyPaths } from "../field-rules.js";
import { isJsonObject, type JsonSchema, type JsonValue } from "../json.js";
import type { PluginMap, ProviderPlugin } from "../plugin.js";
import { interpolate } from "./interpolate.js";
import { providerBlockSchema, trunkEntrySchema } from "./schema.js";

/**
 * Every string in a trunks.yaml that may be a secret, for redacting the report of a file with
 * problems: its messages and the source lines they quote. A file with problems has no `Config`, so
 * `secretValues` cannot say; and a problem is most often exactly where a secret is written wrongly.
 * Read from the parsed document, valid or not:
 * - every string at or under a path declared sensitive (`writeOnly` provider options such as
 *   `authToken`, sensitive or `writeOnly` trunk fields such as `auth.password`), whatever its type;
 * - every string at or under a path that should lead to one but holds something else (a string
 *   `auth: "user:password"` where a mapping holding `password` was expected);
 * - every string under a key the schema does not know, in a mapping that declares a sensitive
 *   property: a misspelt sibling of a secret (`pasword:`) is most likely the secret;
 * each as written in the file and as `${env:…}` interpolation resolves it, and every environment
 * value it reads. A `${env:NAME}` reference itself is not a secret, and stays readable.
 * `plugins` are the load's (`LoadResult.plugins`): a block whose type did not resolve is skipped.
 * A file that does not parse as YAML gives nothing: without its structure nothing says where a
 * secret is.
 */
export async function sourceSecrets(
  text: string,
  plugins: PluginMap,
  env: Record<string, string | undefined>,
): Promise<string[]> {
  // Loaded only here, as the loader loads it: only a file with problems is read by the full parser.
  const { parseYaml } = await import("./parse.js");
  const doc = parseYaml(text).value;
  if (!isJsonObject(doc)) return [];
  const secrets = new Set<string>();
  const add = (value: JsonValue | undefined) => addStrings(value, env, secrets);
  // A block's type and a trunk's provider may come from the environment too.
  const resolved = (value: JsonValue | undefined) =>
    typeof value === "string" ? String(interpolate(value, env).value) : undefined;

  const blockPlugins = new Map<string, ProviderPlugin>();
  const providers = isJsonObject(doc.providers) ? doc.providers : {};
  for (const [name, block] of Object.entries(providers)) {
    if (!isJsonObject(block)) continue;
    const type = resolved(block.type);
    const plugin = type === undefined ? undefined : plugins.get(type);
    if (!plugin) continue;
    blockPlugins.set(name, plugin);
    collect(
      block,
      providerBlockSchema(plugin),
      "",
      sensitiveRules(writeOnlyPaths(plugin.optionsSchema)),
      add,
    );
  }

  const trunkRules = new Map<ProviderPlugin, { schema: JsonSchema; rules: SensitiveRules }>();
  for (const trunk of Array.isArray(doc.trunks) ? doc.trunks : []) {
    if (!isJsonObject(trunk)) continue;
    const provider = resolved(trunk.provider);
    const plugin = provider === undefined ? undefined : blockPlugins.get(provider);
    if (!plugin) continue;
    let entry = trunkRules.get(plugin);
    if (!entry) {
      entry = { schema: trunkEntrySchema(plugin), rules: sensitiveRules(sensitivePathsOf(plugin)) };
      trunkRules.set(plugin, entry);
    }
    collect(trunk, entry.schema, "", entry.rules, add);
  }
  return [...secrets];
}

/** Dotted sensitive paths, and what the walk asks of them. */
interface SensitiveRules {
  /** The path is sensitive: everything under it is secret. */
  is(path: string): boolean;
  /** A sensitive path lies strictly under this one. */
  leadsTo(path: string): boolean;
  /** Whether the mapping at this path declares a sensitive property. */
  hasSensitiveChild(path: string): boolean;
}

function sensitiveRules(paths: readonly string[]): SensitiveRules {
  const all = new Set(paths);
  const prefixes = new Set<string>();
  const parents = new Set<string>();
  for (const path of paths) {
    const steps = path.split(".");
    for (let i = 1; i < steps.length; i++) prefixes.add(steps.slice(0, i).join("."));
    parents.add(steps.slice(0, -1).join("."));
  }
  return {
    is: (path) => all.has(path),
    leadsTo: (path) => prefixes.has(path),
    hasSensitiveChild: (path) => parents.has(path),
  };
}

/** Walks `value` (at dotted `path`, checked against `schema`) and adds what may be secret. */
function collect(
  value: JsonValue | undefined,
  schema: JsonSchema | undefined,
  path: string,
  rules: SensitiveRules,
  add: (value: JsonValue | undefined) => void,
): void {
  if (rules.is(path)) {
    add(value);
    return;
  }
  if (!isJsonObject(value)) {
    // A string, list or number where a mapping holding a secret belongs may be that secret.
    if (rules.leadsTo(path)) add(value);
    return;
  }
  const known = propertiesOf(schema);
  const guardsSecret = rules.hasSensitiveChild(path);
  for (const key of Object.keys(value)) {
    const child = path === "" ? key : `${path}.${key}`;
    if (guardsSecret && !(key in known) && !rules.is(child)) add(value[key]);
    else collect(value[key], known[key], child, rules, add);
  }
}

/**
 * The properties an object schema declares, its combinators' branches included (a plugin may
 * declare alternatives with `oneOf`). No prototype: a key such as `toString` is unknown like any other.
 */
function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  const known: Record<string, JsonSchema> = Object.create(null);
  if (schema === undefined) return known;
  for (const part of [
    schema,
    ...branches(schema.allOf),
    ...branches(schema.anyOf),
    ...branches(schema.oneOf),
  ]) {
    if (isJsonObject(part.properties)) Object.assign(known, part.properties);
  }
  return known;
}

function branches(value: unknown): JsonSchema[] {
  return Array.isArray(value) ? value.filter((branch): branch is JsonSchema => isJsonObject(branch)) : [];
}

/**
 * Adds every string in `value`: as the file holds it, unless it reads the environment (then a
 * `${env:NAME}` stays readable), and as interpolation resolves it, with each variable's value.
 */
function addStrings(
  value: JsonValue | undefined,
  env: Record<string, string | undefined>,
  into: Set<string>,
) {
  if (typeof value === "string") {
    const { value: text, refs } = interpolate(value, env);
    if (refs.length === 0) into.add(value);
    if (typeof text === "string" && text !== "") into.add(text);
    for (const { variable } of refs) {
      const resolved = env[variable];
      if (resolved) into.add(resolved);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) addStrings(item, env, into);
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) addStrings(value[key], env, into);
  }
}
