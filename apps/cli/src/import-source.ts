import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import {
  accountKey,
  baseUrlProblem,
  type Config,
  ConfigError,
  ExitError,
  type JsonObject,
  loadConfigText,
  type PluginMap,
  type Problem,
  type ProviderOptions,
  type ProviderPlugin,
} from "@trunksync/core";
import { isNode, parseDocument, stringify } from "yaml";
import { type CliIO, writeLine } from "./io.js";
import { type LoadedConfig, loadOrExit } from "./load-config.js";
import { CREDENTIAL_ENV, newProviderBlock } from "./new-provider-block.js";
import { BUILTIN_PLUGINS } from "./plugins.js";

/** The provider block `import` reads from, loaded and validated like any config. */
export interface ImportSource {
  /** A config holding at least the block, to connect with. */
  config: Config;
  plugins: PluginMap;
  plugin: ProviderPlugin;
  /** The block as it is written in YAML (`${env:…}` placeholders), for a file that lacks it. */
  blockYaml: JsonObject;
  /**
   * The other blocks of the file that read the same account, in file order: a trunk declared under
   * one of them is theirs, and declared under this block too, `validate` would refuse it.
   */
  sameAccount: string[];
}

/**
 * The block named `name` in `configFile` when the file declares it. Otherwise, for a built-in type
 * named `name`, a new block of that type whose credentials come from the conventional environment
 * variables: written as placeholders, validated by core's loader like a file would be.
 */
export async function importSource(
  configFile: string,
  name: string,
  baseUrl: string | undefined,
  io: CliIO,
): Promise<ImportSource> {
  const exists = await isFile(resolve(io.cwd, configFile));
  const loaded = exists ? await loadOrExit(configFile, io) : undefined;
  if (loaded) {
    const block = loaded.config.providers[name];
    if (block) {
      if (baseUrl !== undefined) {
        throw new ExitError(
          1,
          `--base-url is only for a new provider block; "${name}" is declared in ${configFile}: set its baseUrl there`,
        );
      }
      const raw = parseDocument(loaded.source).getIn(["providers", name]);
      const plugin = loaded.plugins.get(block.type) as ProviderPlugin;
      const blockYaml = (isNode(raw) ? raw.toJSON() : {}) as JsonObject;
      const sameAccount = blocksReading(loaded, block.type, plugin, block.options).filter((n) => n !== name);
      return { config: loaded.config, plugins: loaded.plugins, plugin, blockYaml, sameAccount };
    }
  }
  const blockYaml = newProviderBlock(name, baseUrl);
  if (!blockYaml) {
    const builtins = [...CREDENTIAL_ENV.keys()].join(", ");
    const where = exists ? `${configFile} has no provider block "${name}"` : `${configFile} does not exist`;
    throw new ExitError(
      1,
      `${where}, and "${name}" is not a built-in provider type (${builtins}) that import can set up; ` +
        "declare the provider block in trunks.yaml first, or pass -c with the file that has it",
    );
  }
  // The flag's value is checked as the flag's, before the block is built around it. The loader's
  // schema checks it again (`format: uri` refuses whitespace a URL parser drops or escapes), and
  // reportNewBlockProblems names the flag in that message too.
  const badUrl = baseUrl === undefined ? undefined : baseUrlProblem(baseUrl);
  if (badUrl !== undefined) throw new ExitError(1, `--base-url: ${badUrl}`);
  const variables = Object.values(CREDENTIAL_ENV.get(name) ?? {});
  const unset = variables.filter((v) => !io.env[v]);
  if (unset.length > 0) {
    throw new ExitError(
      1,
      `set ${unset.join(" and ")} to import from a new "${name}" provider block ` +
        `(the block reads its credentials from ${variables.join(" and ")})`,
    );
  }
  const text = stringify({ version: 1, providers: { [name]: blockYaml }, trunks: [] });
  const result = await loadConfigText(text, configFile, {
    builtins: BUILTIN_PLUGINS,
    env: io.env,
    cwd: io.cwd,
  });
  const error = reportNewBlockProblems(result.problems, name, io);
  if (!result.config) throw error ?? new ExitError(1);
  const plugin = result.plugins.get(name) as ProviderPlugin;
  const options = result.config.providers[name]?.options;
  const [twin] = loaded && options ? blocksReading(loaded, name, plugin, options) : [];
  if (twin !== undefined) {
    throw new ExitError(
      1,
      `provider block "${twin}" in ${configFile} already reads this ${plugin.displayName} account: ` +
        `import into it with --provider ${twin} (a new "${name}" block for the same account would declare its trunks twice)`,
    );
  }
  return { config: result.config, plugins: result.plugins, plugin, blockYaml, sameAccount: [] };
}

/**
 * The blocks of `existing`, in file order, that read the account a block of `type` with `options`
 * reads (see core's `accountKey`); none when the plugin cannot say.
 */
function blocksReading(
  existing: LoadedConfig,
  type: string,
  plugin: ProviderPlugin,
  options: ProviderOptions,
): string[] {
  const account = accountKey(type, plugin, options);
  if (account === undefined) return [];
  return Object.values(existing.config.providers)
    .filter((block) => {
      const own = existing.plugins.get(block.type);
      return block.type === type && own !== undefined && accountKey(type, own, block.options) === account;
    })
    .map((block) => block.name);
}

/**
 * The problems of a block import built in memory, placed nowhere: a line and column in its document
 * would point into no file. Warnings go to stderr now, as `warning: …`; the errors come back as one
 * ConfigError for main to print. A problem with the block's baseUrl is the --base-url flag's, and
 * names it. Exported for its spec.
 */
export function reportNewBlockProblems(
  problems: readonly Problem[],
  name: string,
  io: CliIO,
): ConfigError | undefined {
  const baseUrl = `/providers/${name}/baseUrl`;
  const unplaced = problems.map((p) => ({
    ...p,
    file: "",
    line: 0,
    col: 0,
    message: p.path === baseUrl ? `--base-url: ${p.message}` : p.message,
  }));
  for (const p of unplaced) if (p.severity === "warning") writeLine(io.stderr, `warning: ${p.message}`);
  const errors = unplaced.filter((p) => p.severity === "error");
  return errors.length > 0 ? new ConfigError(errors) : undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
