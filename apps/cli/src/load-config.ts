import {
  type Config,
  ExitError,
  formatProblems,
  type LoadResult,
  loadConfig,
  type PluginMap,
  type ProviderPlugin,
} from "@trunksync/core";
import { cliPackageDir } from "./install-dir.js";
import { type CliIO, useColor, writeLine } from "./io.js";
import { BUILTIN_PLUGINS } from "./plugins.js";

export interface LoadedConfig {
  config: Config;
  plugins: PluginMap;
  source: string;
}

/**
 * Loads trunks.yaml relative to the CLI's cwd with its environment. Plugin packages are looked for
 * from the file's directory, then from where trunksync is installed.
 */
export function loadForCli(
  file: string,
  io: CliIO,
  builtins: readonly ProviderPlugin[] = BUILTIN_PLUGINS,
): Promise<LoadResult> {
  return loadConfig(file, { builtins, env: io.env, cwd: io.cwd, pluginFallbackDirs: [cliPackageDir()] });
}

/** Prints problems (warnings too) on stderr as `file:line:col: message` with the offending line. */
export function printProblems(result: LoadResult, file: string, io: CliIO): void {
  if (result.problems.length === 0) return;
  const sources = new Map(result.source === undefined ? [] : [[file, result.source]]);
  io.stderr.write(formatProblems(result.problems, sources, { color: useColor(io.stderr, io.env) }));
  const errors = result.problems.filter((p) => p.severity === "error").length;
  if (errors > 0)
    writeLine(io.stderr, `✗ ${file} is invalid: ${errors} ${errors === 1 ? "problem" : "problems"}`);
}

/**
 * The config, or exit 1 after printing every problem: what plan, apply and drift start with.
 * Throws ExitError(1) with no message, since the problems are already on stderr.
 */
export async function loadOrExit(
  file: string,
  io: CliIO,
  opts: { builtins?: readonly ProviderPlugin[] } = {},
): Promise<LoadedConfig> {
  const result = await loadForCli(file, io, opts.builtins);
  printProblems(result, file, io);
  if (!result.config || result.source === undefined) throw new ExitError(1);
  return { config: result.config, plugins: result.plugins, source: result.source };
}
