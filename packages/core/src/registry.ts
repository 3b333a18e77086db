import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { PLUGIN_PACKAGE_PATTERN } from "./config/schema.js";
import { didYouMean } from "./config/suggest.js";
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
    return {
      error:
        `unknown provider type "${type}"${didYouMean(type, known)}; known types: ${known.join(", ")}` +
        ", or a plugin package named trunksync-provider-*",
    };
  }
  const entry = resolvePackage(type, configDir);
  if (!entry) {
    return {
      error: `provider plugin package "${type}" is not installed (looked from ${configDir}): npm i -D ${type}`,
    };
  }
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

/** The file `import(name)` would load for a package installed at or above `dir`. */
function resolvePackage(name: string, dir: string): string | undefined {
  const require = createRequire(join(dir, "noop.js"));
  try {
    return require.resolve(name);
  } catch {
    // ESM-only packages (`exports` with only an `import` condition) are invisible to require.resolve.
  }
  for (const base of require.resolve.paths(name) ?? []) {
    const manifest = join(base, name, "package.json");
    if (!existsSync(manifest)) continue;
    const entry = esmEntry(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>);
    return entry === undefined ? undefined : join(dirname(manifest), entry);
  }
  return undefined;
}

function esmEntry(manifest: Record<string, unknown>): string | undefined {
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
