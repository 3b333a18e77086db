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

export interface ResolvePluginOptions {
  /**
   * Directories to look for a plugin package from after `configDir`, in order: a package installed
   * for the project wins. The CLI passes its own package directory, so that a plugin installed next
   * to it (globally, or in the same node_modules) is found too.
   */
  fallbackDirs?: readonly string[];
}

/**
 * The plugin for a provider block's `type`: a built-in by its type name, else a
 * `trunksync-provider-*` package installed where the config file is (resolved from `configDir`
 * upwards), else one installed where `fallbackDirs` resolve it.
 */
export async function resolvePlugin(
  type: string,
  builtins: readonly ProviderPlugin[],
  configDir: string,
  options: ResolvePluginOptions = {},
): Promise<PluginResolution> {
  const builtin = builtins.find((p) => p.type === type);
  if (builtin) return { plugin: builtin };
  const known = builtins.map((p) => p.type).sort();
  const dirs = [configDir, ...(options.fallbackDirs ?? [])];
  if (!packagePattern.test(type)) {
    // `type: acme` with trunksync-provider-acme installed: a file lookup, no import, no network.
    const packageName = `trunksync-provider-${type}`;
    const hint =
      packagePattern.test(packageName) && findPackage(packageName, dirs)
        ? ` (did you mean "${packageName}"?)`
        : didYouMean(type, known);
    return {
      error:
        `unknown provider type "${type}"${hint}; known types: ${known.join(", ")}` +
        ", or a plugin package named trunksync-provider-*",
    };
  }
  const found = findPackage(type, dirs);
  if (!found) return { error: notInstalled(type, configDir, options.fallbackDirs ?? []) };
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
          "with type, displayName, defaultBaseUrl, optionsSchema, trunkSchema, fields, httpProfile, updateBody and connect " +
          "(and accountId, when present, a function)",
      };
}

/** Where `name` is installed as seen from the first of `dirs` that has it (see `resolvePackage`). */
function findPackage(name: string, dirs: readonly string[]): ReturnType<typeof resolvePackage> {
  for (const dir of dirs) {
    const found = resolvePackage(name, dir);
    if (found) return found;
  }
  return undefined;
}

/** Names every place looked from, and how to install the package in each. */
function notInstalled(name: string, configDir: string, fallbackDirs: readonly string[]): string {
  const missing = `provider plugin package "${name}" is not installed`;
  if (fallbackDirs.length === 0) return `${missing} (looked from ${configDir}): npm i -D ${name}`;
  return (
    `${missing} (looked from ${configDir}, then from ${fallbackDirs.join(", then from ")}): ` +
    `npm i -D ${name} in the project, or npm i -g ${name} next to a global trunksync`
  );
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
    typeof p.connect === "function" &&
    // Optional hooks: absent, or functions core can call.
    (p.accountId === undefined || typeof p.accountId === "function")
  );
}
