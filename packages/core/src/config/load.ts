import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import { baseUrlProblem } from "../http/base-url.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import type { PluginMap, ProviderOptions, ProviderPlugin } from "../plugin.js";
import type { Problem } from "../problem.js";
import { resolvePlugin } from "../registry.js";
import { type EnvRef, envSourcesOf, interpolate } from "./interpolate.js";
import { type EnvSources, fromEnv, type Issue, quoted, toPointer } from "./issue.js";
import type { ParsedYaml } from "./parse.js";
import { type PlainYaml, readPlainYaml } from "./plain-yaml.js";
import { readConfigFile } from "./read.js";
import { didYouMean } from "./suggest.js";
import type { Config, ProviderBlock, TrunkConfig } from "./types.js";
import { checkOutline, checkSharedAccounts, type PluginCheckers, pluginCheckers } from "./validate.js";

export interface LoadOptions {
  /** Where `${env:…}` values come from. Default: process.env. */
  env?: Record<string, string | undefined>;
  /** Plugins available by type name; other types are looked up as trunksync-provider-* packages. */
  builtins: readonly ProviderPlugin[];
  /** Base for a relative `file`. Default: process.cwd(). Problems keep `file` as given. */
  cwd?: string;
  /**
   * Where else to look for a trunksync-provider-* package, in order, when it is not installed
   * where the file is (see `resolvePlugin`'s `fallbackDirs`). The CLI passes its own directory.
   */
  pluginFallbackDirs?: readonly string[];
}

export interface LoadResult {
  /** Present only when there is no error-severity problem. */
  config?: Config;
  plugins: PluginMap;
  /** Every problem found, sorted by file, line and column. */
  problems: Problem[];
  /** The file's text, for `formatProblems`; absent when it could not be read. */
  source?: string;
  /** Set when the file does not exist (its one problem says so too). */
  missing?: true;
}

/** Loads and validates a trunks.yaml. Never throws for user mistakes: they come back as problems. */
export async function loadConfig(file: string, options: LoadOptions): Promise<LoadResult> {
  const absolute = resolve(options.cwd ?? process.cwd(), file);
  const read = await readConfigFile(absolute);
  if (!read.ok) {
    const problem = { file, line: read.line ?? 0, col: read.col ?? 0, path: "", message: read.message };
    const problems: Problem[] = [{ ...problem, severity: "error" }];
    return { plugins: new Map(), problems, ...(read.missing ? { missing: true as const } : {}) };
  }
  return loadParsed({ text: read.text, bytes: read.bytes, file, absolute }, options);
}

/** Like `loadConfig` for text already in memory; `file` names it in problems and locates plugins. */
export async function loadConfigText(text: string, file: string, options: LoadOptions): Promise<LoadResult> {
  const absolute = resolve(options.cwd ?? process.cwd(), file);
  return loadParsed({ text, bytes: new TextEncoder().encode(text), file, absolute }, options);
}

/** The config file: its text and bytes (for the digest), its name as given and its absolute path. */
interface Source {
  text: string;
  bytes: Uint8Array;
  file: string;
  absolute: string;
}

/** A parsed file, with what the fast reader adds when it read it. */
type Parsed = ParsedYaml & Partial<Pick<PlainYaml, "interpolable" | "locateItems">>;

/**
 * Plain block YAML, which nearly every trunks.yaml is, goes through the fast reader; any other file,
 * and any file with a problem to report, through the full parser, which locates every problem.
 */
async function loadParsed(source: Source, options: LoadOptions): Promise<LoadResult> {
  const plain = readPlainYaml(source.text);
  if (plain) {
    const result = await loadDocument(plain, source, options);
    if (result.problems.length === 0) return result;
  }
  const { parseYaml } = await import("./parse.js");
  return loadDocument(parseYaml(source.text), source, options);
}

async function loadDocument(parsed: Parsed, source: Source, options: LoadOptions): Promise<LoadResult> {
  const { file, absolute } = source;
  const plugins = new Map<string, ProviderPlugin>();
  const issues: Issue[] = [...parsed.issues];
  let config: Config | undefined;
  if (parsed.value !== undefined) {
    const env = options.env ?? process.env;
    const { value, issues: envIssues, refs } = interpolate(parsed.value, env, parsed.interpolable);
    // A value that lost its ${env:…} would also fail its schema; report only the missing variable.
    const tainted = new Set(envIssues.map((i) => toPointer(i.path)));
    const sources = envSourcesOf(refs);
    const lookup = { configDir: dirname(absolute), fallbackDirs: options.pluginFallbackDirs ?? [] };
    const checked = await check(value, options.builtins, lookup, plugins, parsed, sources);
    issues.push(...envIssues, ...checked.filter((i) => !tainted.has(toPointer(i.path))));
    if (!issues.some((i) => (i.severity ?? "error") === "error") && isJsonObject(value)) {
      config = build(value, source, parsed, blockEnvRefs(refs));
    }
  }
  const problems = dedupe(issues.map((issue) => toProblem(issue, file, parsed)));
  return { ...(config ? { config } : {}), plugins, problems, source: source.text };
}

/** Schema and cross-reference checks of an interpolated document. Fills `plugins` as types resolve. */
async function check(
  doc: JsonValue,
  builtins: readonly ProviderPlugin[],
  lookup: PluginLookup,
  plugins: Map<string, ProviderPlugin>,
  parsed: ParsedYaml,
  env: EnvSources,
): Promise<Issue[]> {
  const issues = checkOutline(doc, [], env);
  if (!isJsonObject(doc)) return issues;
  const providers = isJsonObject(doc.providers) ? doc.providers : {};
  const trunks = Array.isArray(doc.trunks) ? doc.trunks : [];
  const typeOf = new Map<string, string>();
  for (const [name, block] of Object.entries(providers)) {
    if (isJsonObject(block) && typeof block.type === "string" && block.type !== "")
      typeOf.set(name, block.type);
  }
  const failures = await resolveTypes(new Set(typeOf.values()), builtins, lookup, plugins);
  const checkers = compileCheckers(plugins, builtins, failures);
  const blockIssues = checkProviders(providers, typeOf, checkers, failures, env);
  issues.push(
    ...blockIssues,
    ...checkTrunks(trunks, typeOf, checkers, parsed, env),
    ...checkSharedAccounts({ providers, typeOf, plugins, blockIssues }, trunks, parsed, env),
  );
  return issues;
}

/** Where plugin packages are looked for: from the config file's directory, then the fallbacks. */
interface PluginLookup {
  configDir: string;
  fallbackDirs: readonly string[];
}

/** Resolves each type once, in a stable order; returns why the others could not be. */
async function resolveTypes(
  types: ReadonlySet<string>,
  builtins: readonly ProviderPlugin[],
  { configDir, fallbackDirs }: PluginLookup,
  plugins: Map<string, ProviderPlugin>,
): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  for (const type of [...types].sort()) {
    const resolution = await resolvePlugin(type, builtins, configDir, { fallbackDirs });
    if ("plugin" in resolution) plugins.set(type, resolution.plugin);
    else failures.set(type, resolution.error);
  }
  return failures;
}

/**
 * Each resolved type's compiled schemas. A plugin whose schema ajv rejects gets none, and the
 * reason joins `failures`, so each of its provider blocks reports it at `type`.
 */
function compileCheckers(
  plugins: ReadonlyMap<string, ProviderPlugin>,
  builtins: readonly ProviderPlugin[],
  failures: Map<string, string>,
): Map<string, PluginCheckers> {
  const checkers = new Map<string, PluginCheckers>();
  for (const [type, plugin] of plugins) {
    try {
      checkers.set(type, pluginCheckers(plugin, builtins.includes(plugin)));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      // Named as the block's `type:` names it: the package name for a trunksync-provider-* plugin.
      failures.set(type, `provider plugin "${type}" has an invalid schema: ${reason}`);
    }
  }
  return checkers;
}

function checkProviders(
  providers: JsonObject,
  typeOf: ReadonlyMap<string, string>,
  checkers: ReadonlyMap<string, PluginCheckers>,
  failures: ReadonlyMap<string, string>,
  env: EnvSources,
): Issue[] {
  const issues: Issue[] = [];
  for (const [name, type] of typeOf) {
    const block = providers[name] as JsonObject;
    const failure = failures.get(type);
    if (failure !== undefined) {
      const path = ["providers", name, "type"];
      const variables = env(path);
      // Every reason quotes the type; a type from the environment is named by its variable instead.
      const message = variables
        ? `type (${fromEnv(variables)}) names no usable provider plugin; write the type in the file to see why`
        : failure;
      issues.push({ path, message });
    }
    const check = checkers.get(type);
    if (!check) continue;
    const found = check.provider(block, ["providers", name], env);
    issues.push(...found);
    const baseUrl = block.baseUrl;
    // Worded (naming its variables) only when there is a problem: `env` is indexed on first use.
    const problem =
      typeof baseUrl === "string" && baseUrlProblem(baseUrl) !== undefined
        ? baseUrlProblem(baseUrl, quoted(baseUrl, env(["providers", name, "baseUrl"])))
        : undefined;
    // A baseUrl the schema already rejected (`format: uri`) is reported once, by the schema.
    if (problem && !found.some((issue) => issue.path[2] === "baseUrl"))
      issues.push({ path: ["providers", name, "baseUrl"], message: problem });
  }
  return issues;
}

/** Each trunk against its provider's type; undeclared providers and duplicate ids. */
function checkTrunks(
  trunks: JsonValue[],
  typeOf: ReadonlyMap<string, string>,
  checkers: ReadonlyMap<string, PluginCheckers>,
  parsed: ParsedYaml,
  env: EnvSources,
): Issue[] {
  const issues: Issue[] = [];
  // Per provider block, each id's first index.
  const firstIndex = new Map<string, Map<string, number>>();
  const names = [...typeOf.keys()].sort();
  for (let index = 0; index < trunks.length; index++) {
    const trunk = trunks[index];
    if (!isJsonObject(trunk) || typeof trunk.provider !== "string") continue;
    const provider = trunk.provider;
    const type = typeOf.get(provider);
    if (type === undefined) {
      const path = ["trunks", index, "provider"];
      const variables = env(path);
      const declared =
        names.length > 0 ? `declared providers: ${names.join(", ")}` : "no providers are declared";
      // A close match would hint at a value from the environment: no suggestion then.
      const hint = variables ? "" : didYouMean(provider, names);
      issues.push({ path, message: `unknown provider ${quoted(provider, variables)}${hint}; ${declared}` });
      continue;
    }
    // A type that did not resolve or compile was reported at its provider block.
    const check = checkers.get(type);
    if (check) {
      const found = check.trunk(trunk, ["trunks", index], env);
      if (found.length > 0) issues.push(...found);
    }
    if (typeof trunk.id !== "string" || trunk.id === "") continue;
    let ids = firstIndex.get(provider);
    if (!ids) {
      ids = new Map();
      firstIndex.set(provider, ids);
    }
    const first = ids.get(trunk.id);
    if (first === undefined) {
      ids.set(trunk.id, index);
      continue;
    }
    const line = parsed.locate(["trunks", first]).line;
    const id = quoted(trunk.id, env(["trunks", index, "id"]));
    const owner = quoted(provider, env(["trunks", index, "provider"]));
    issues.push({
      path: ["trunks", index, "id"],
      message: `duplicate trunk ${id} for provider ${owner} (first defined on line ${line})`,
    });
  }
  return issues;
}

/** Each provider block's own options that came from `${env:…}` (option → variable), from one pass over the refs. */
function blockEnvRefs(refs: readonly EnvRef[]): Map<string, Record<string, string>> {
  const entries = new Map<string, [string, string][]>();
  for (const { path, variable } of refs) {
    if (path[0] !== "providers" || path.length !== 3) continue;
    const name = String(path[1]);
    const own = entries.get(name);
    const entry: [string, string] = [String(path[2]), variable];
    if (own) own.push(entry);
    else entries.set(name, [entry]);
  }
  return new Map([...entries].map(([name, own]) => [name, Object.fromEntries(own)]));
}

function build(
  doc: JsonObject,
  { file, absolute, bytes }: Source,
  parsed: Parsed,
  envRefs: ReadonlyMap<string, Record<string, string>>,
): Config {
  // No prototype: a block named `toString` or `__proto__` is looked up like any other name.
  const providers: Record<string, ProviderBlock> = Object.create(null);
  for (const [name, value] of Object.entries(doc.providers as JsonObject)) {
    const options = value as ProviderOptions;
    const { line, col } = parsed.locate(["providers", name], "key");
    providers[name] = {
      name,
      type: options.type,
      options,
      envRefs: envRefs.get(name) ?? {},
      location: { file, line, col },
    };
  }
  const entries = (doc.trunks ?? []) as JsonObject[];
  const positions = parsed.locateItems?.(["trunks"]);
  const trunks: TrunkConfig[] = [];
  for (let index = 0; index < entries.length; index++) {
    const trunk = entries[index] as JsonObject;
    const { line, col } = positions?.[index] ?? parsed.locate(["trunks", index]);
    const { provider, id, ...fields } = trunk;
    trunks.push({ provider: String(provider), id: String(id), fields, location: { file, line, col } });
  }
  const digest = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  return { file: absolute, digest, providers, trunks };
}

function toProblem(issue: Issue, file: string, parsed: ParsedYaml): Problem {
  const { line, col } = issue.pos ?? parsed.locate(issue.path, issue.at, issue.needle);
  return {
    file,
    line,
    col,
    path: toPointer(issue.path),
    message: issue.message,
    severity: issue.severity ?? "error",
  };
}

/** The same problem found twice (outline and type schema both check `id`) is shown once; then sorted. */
function dedupe(problems: Problem[]): Problem[] {
  const unique = new Map(problems.map((p) => [`${p.line}:${p.col}:${p.path}:${p.message}`, p]));
  return [...unique.values()].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
