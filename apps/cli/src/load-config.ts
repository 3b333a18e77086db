import {
  type Config,
  ExitError,
  formatProblems,
  type LoadResult,
  loadConfig,
  type PluginMap,
  type ProviderPlugin,
  redactor,
  sourceSecrets,
} from "@trunksync/core";
import { cliPackageDir } from "./install-dir.js";
import { type CliIO, useColor, writeLine } from "./io.js";
import { BUILTIN_PLUGINS } from "./plugins.js";

export interface LoadedConfig {
  config: Config;
  plugins: PluginMap;
  source: string;
}

/** A load, with the redaction every report of its problems goes through. */
export interface CliLoadResult extends LoadResult {
  /**
   * Replaces whatever in the file may be a secret (see core's `sourceSecrets`): problems quote the
   * file's lines and values, and a file with problems has no config to say which are secrets.
   * Leaves text as it is when there is no problem to report.
   */
  redact: (text: string) => string;
}

/**
 * Loads trunks.yaml relative to the CLI's cwd with its environment. Plugin packages are looked for
 * from the file's directory, then from where trunksync is installed.
 */
export async function loadForCli(
  file: string,
  io: CliIO,
  builtins: readonly ProviderPlugin[] = BUILTIN_PLUGINS,
): Promise<CliLoadResult> {
  const result = await loadConfig(file, {
    builtins,
    env: io.env,
    cwd: io.cwd,
    pluginFallbackDirs: [cliPackageDir()],
  });
  // A valid file reports nothing, and is not read again for its secrets.
  const secrets =
    result.problems.length === 0 || result.source === undefined
      ? []
      : await sourceSecrets(result.source, result.plugins, io.env);
  return { ...result, redact: redactor(secrets) };
}

/**
 * Prints problems (warnings too) on stderr as `file:line:col: message` with the offending line,
 * redacted. The line is redacted after it is cut to fit and the caret placed: the caret still points
 * at its column when that is before a secret.
 */
export function printProblems(result: CliLoadResult, file: string, io: CliIO): void {
  if (result.problems.length === 0) return;
  const sources = new Map(result.source === undefined ? [] : [[file, result.source]]);
  const report = formatProblems(result.problems, sources, { color: useColor(io.stderr, io.env) });
  io.stderr.write(result.redact(report));
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
