import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { PLUGIN_PACKAGE_PATTERN } from "./config/schema.js";
import { didYouMean } from "./config/suggest.js";
import { isJsonObject, type JsonObject } from "./json.js";
import type { ProviderPlugin } from "./plugin.js";

export type PluginResolution = { plugin: ProviderPlugin } | { error: string };

const packagePattern = new RegExp(PLUGIN_PACKAGE_PATTERN);

/**
 * The plugin for a provider block's `type`: a built-in by its type name, else a
 * `trunksync-provider-*` package installed where the config file is (resolved from `configDir`).
 */
export async function resolvePlugin(
  type: string,
  builtins: readonly ProviderPlugin[],
  configDir: string,
): Promise<PluginResolution> {
  const builtin = builtins.find((p) => p.type === type);
  if (builtin) return { plugin: builtin };
  const known = builtins.map((p) => p.type).sort();
  if (!packagePattern.test(type)) {
    // `type: acme` with trunksync-provider-acme installed: a file lookup, no import, no network.
    const packageName = `trunksync-provider-${type}`;
    const hint =
      packagePattern.test(packageName) && resolvePackage(packageName, configDir)
        ? ` (did you mean "${packageName}"?)`
        : didYouMean(type, known);
    return {
      error:
        `unknown provider type "${type}"${hint}; known types: ${known.join(", ")}` +
        ", or a plugin package named trunksync-provider-*",
    };
  }
  const found = resolvePackage(type, configDir);
  if (!found) {
    return {
      error: `provider plugin package "${type}" is not installed (looked from ${configDir}): npm i -D ${type}`,
    };
  }
  if ("error" in found) return { error: `cannot load provider plugin "${type}": ${found.error}` };
  const { entry } = found;
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (err) {
    return {
      error: `cannot load provider plugin "${type}": ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const plugin = [module.default, module.plugin].find(isProviderPlugin);
  return plugin
    ? { plugin }
    : {
        error:
          `package "${type}" is not a trunksync provider plugin: expected a default or \`plugin\` export ` +
          "with type, displayName, defaultBaseUrl, optionsSchema, trunkSchema, fields, httpProfile, updateBody and connect",
      };
}

/**
 * The file `import(name)` would load for a package installed at or above `dir`; why it cannot be
 * found when the package is there but its package.json is unusable; undefined when it is not there.
 */
function resolvePackage(name: string, dir: string): { entry: string } | { error: string } | undefined {
  const require = createRequire(join(dir, "noop.js"));
  try {
    return { entry: require.resolve(name) };
  } catch {
    // ESM-only packages (`exports` with only an `import` condition) are invisible to require.resolve,
    // and so is a package whose package.json does not parse: both are looked at below.
  }
  for (const base of require.resolve.paths(name) ?? []) {
    const manifest = join(base, name, "package.json");
    if (!existsSync(manifest)) continue;
    const read = readManifest(manifest);
    if (typeof read === "string") return { error: read };
    const entry = esmEntry(read);
    return entry === undefined ? undefined : { entry: join(dirname(manifest), entry) };
  }
  return undefined;
}

/** A package.json's content, or why it has none usable (naming the file: the user has to fix it). */
function readManifest(file: string): JsonObject | string {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return err instanceof SyntaxError
      ? `${file} is not valid JSON: ${reason}`
      : `cannot read ${file}: ${reason}`;
  }
  return isJsonObject(manifest) ? manifest : `${file} is not a JSON object`;
}

function esmEntry(manifest: JsonObject): string | undefined {
  const exports = manifest.exports;
  const root = typeof exports === "object" && exports !== null && "." in exports ? exports["."] : exports;
  return pickCondition(root) ?? (typeof manifest.main === "string" ? manifest.main : "index.js");
}

function pickCondition(target: unknown): string | undefined {
  if (typeof target === "string") return target;
  if (typeof target !== "object" || target === null) return undefined;
  const conditions = target as Record<string, unknown>;
  for (const condition of ["import", "node", "default"]) {
    const found = pickCondition(conditions[condition]);
    if (found) return found;
  }
  return undefined;
}

/** Duck-typed: a plugin from another package is a different module instance, so no instanceof. */
export function isProviderPlugin(value: unknown): value is ProviderPlugin {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Record<string, unknown>;
  const isObject = (v: unknown) => typeof v === "object" && v !== null;
  return (
    typeof p.type === "string" &&
    typeof p.displayName === "string" &&
    typeof p.defaultBaseUrl === "string" &&
    isObject(p.optionsSchema) &&
    isObject(p.trunkSchema) &&
    isObject(p.fields) &&
    typeof p.httpProfile === "function" &&
    typeof p.updateBody === "function" &&
    typeof p.connect === "function"
  );
}
