import { createRequire } from "node:module";
import type { ErrorObject } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { FormatsPlugin } from "ajv-formats";
import { writeOnlyPaths } from "../field-rules.js";
import { isJsonObject, type JsonObject, type JsonSchema, type JsonValue } from "../json.js";
import {
  accountKey,
  type PrecompiledValidator,
  type ProviderOptions,
  type ProviderPlugin,
} from "../plugin.js";
import { redactor } from "../redaction.js";
import { AJV_FORMATS, AJV_OPTIONS } from "./ajv-options.js";
import { type EnvSources, fromEnv, type Issue, type JsonPath, quoted, subjectOf } from "./issue.js";
import { validateOutline } from "./outline-validator.js";
import type { ParsedYaml } from "./parse.js";
import { OUTLINE_SCHEMA, providerBlockSchema, trunkEntrySchema } from "./schema.js";
import { unsupportedFormats } from "./schema-formats.js";
import { addSecretsAt } from "./secrets.js";
import { didYouMean } from "./suggest.js";

/**
 * Checks a value against one schema and says what is wrong in trunks.yaml terms. `env` says which
 * strings came from `${env:…}`: messages name the variable instead of quoting those values.
 */
export type Checker = (value: unknown, base: JsonPath, env?: EnvSources) => Issue[];

/** A Checker of a validate function, precompiled or compiled here. */
export function checkerOf(validate: PrecompiledValidator): Checker {
  return (value, base, env) => (validate(value) ? [] : toIssues(validate.errors ?? [], base, env));
}

// ajv is CommonJS: required synchronously, and only once a schema has to be compiled here. The outline
// and built-in plugins come precompiled, so most runs never load ajv's compiler (~90 ms).
const require = createRequire(import.meta.url);
let compiler: Ajv2020 | undefined;

function ajv(): Ajv2020 {
  if (!compiler) {
    const { Ajv2020: Compiler } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
    // ajv-formats' CommonJS export is the plugin function itself.
    const addFormats = require("ajv-formats") as FormatsPlugin;
    compiler = new Compiler(AJV_OPTIONS);
    addFormats(compiler, AJV_FORMATS);
  }
  return compiler;
}

/** Compiles `schema`; with `checkSchema`, first checks it is valid JSON Schema (throws if not). */
export function checker(schema: JsonSchema, checkSchema = false): Checker {
  const compiling = ajv();
  if (checkSchema && !compiling.validateSchema(schema))
    throw new Error(compiling.errorsText(compiling.errors));
  return checkerOf(compiling.compile(schema));
}

export const checkOutline: Checker = validateOutline ? checkerOf(validateOutline) : checker(OUTLINE_SCHEMA);

export interface PluginCheckers {
  provider: Checker;
  trunk: Checker;
}
const byPlugin = new WeakMap<ProviderPlugin, PluginCheckers>();

/**
 * Once per plugin: a built-in plugin's precompiled validators, else its schemas compiled here. A
 * plugin that is not `builtin` has its schemas checked against the meta-schema first, and its
 * `validators` ignored. Throws when a (third-party) plugin's schema is invalid or does not compile.
 */
export function pluginCheckers(plugin: ProviderPlugin, builtin: boolean): PluginCheckers {
  let found = byPlugin.get(plugin);
  if (!found) {
    const precompiled = builtin ? plugin.validators : undefined;
    found = precompiled
      ? { provider: checkerOf(precompiled.provider), trunk: checkerOf(precompiled.trunk) }
      : compile(plugin, !builtin);
    byPlugin.set(plugin, found);
  }
  return found;
}

/** Compiles a plugin's schemas; throws why they cannot be (checkSchema: against the meta-schema first). */
function compile(plugin: ProviderPlugin, checkSchema: boolean): PluginCheckers {
  const { optionsSchema, trunkSchema } = plugin;
  const formats = unsupportedFormats({ optionsSchema, trunkSchema });
  if (formats) throw new Error(formats);
  return {
    provider: checker(providerBlockSchema(plugin), checkSchema),
    trunk: checker(trunkEntrySchema(plugin), checkSchema),
  };
}

/** The provider blocks of a document and what is known of them when its trunks are checked. */
export interface CheckedBlocks {
  providers: JsonObject;
  /** Block name → `type:`, for blocks with a type. */
  typeOf: ReadonlyMap<string, string>;
  /** Resolved plugins by type. */
  plugins: ReadonlyMap<string, ProviderPlugin>;
  /** Every issue found in the provider blocks: a block with one is left out of the account check. */
  blockIssues: readonly Issue[];
}

/**
 * Trunk ids declared under two provider blocks that read the same account (`accountKey`: the same
 * type, API endpoint and plugin `accountId`). Each block would set the trunk to its own entry, and
 * every apply would undo the previous one. Reported at the later entry's `id`, naming the block and
 * line of the first; the same id twice under one block is the duplicate check's. A block whose
 * options have a problem is left out, and a plugin's `accountId` that throws is reported at its block.
 */
export function checkSharedAccounts(
  blocks: CheckedBlocks,
  trunks: readonly JsonValue[],
  parsed: Pick<ParsedYaml, "locate">,
  env: EnvSources,
): Issue[] {
  const { accounts, issues } = blockAccounts(blocks, env);
  // Most files have one block per account: then no trunk needs a look.
  if (new Set(accounts.values()).size === accounts.size) return issues;
  const first = new Map<string, { index: number; provider: string }>();
  for (let index = 0; index < trunks.length; index++) {
    const trunk = trunks[index];
    if (!isJsonObject(trunk) || typeof trunk.provider !== "string" || typeof trunk.id !== "string") continue;
    const account = accounts.get(trunk.provider);
    if (account === undefined) continue;
    const key = JSON.stringify([account, trunk.id]);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, { index, provider: trunk.provider });
      continue;
    }
    if (earlier.provider === trunk.provider) continue;
    const type = blocks.typeOf.get(trunk.provider) ?? "";
    const displayName = blocks.plugins.get(type)?.displayName ?? type;
    const line = parsed.locate(["trunks", earlier.index]).line;
    const id = quoted(trunk.id, env(["trunks", index, "id"]));
    issues.push({
      path: ["trunks", index, "id"],
      message:
        `trunk ${id} is already declared on line ${line} under provider "${earlier.provider}", which reads the ` +
        `same ${displayName} account as provider "${trunk.provider}": apply would update it from both entries, ` +
        "each undoing the other; declare it once",
    });
  }
  return issues;
}

/** Each usable block's `accountKey`, by block name; a throwing `accountId` is an issue at its block. */
function blockAccounts(
  { providers, typeOf, plugins, blockIssues }: CheckedBlocks,
  env: EnvSources,
): { accounts: Map<string, string>; issues: Issue[] } {
  const flawed = new Set(blockIssues.filter((i) => i.path[0] === "providers").map((i) => i.path[1]));
  const accounts = new Map<string, string>();
  const issues: Issue[] = [];
  for (const [name, type] of typeOf) {
    const plugin = plugins.get(type);
    const options = providers[name];
    if (!plugin?.accountId || flawed.has(name) || !isJsonObject(options)) continue;
    try {
      const key = accountKey(type, plugin, options as ProviderOptions);
      if (key !== undefined) accounts.set(name, key);
    } catch (error) {
      // Worded as core's other hook failures, its credentials scrubbed (PluginError's wording).
      const thrown = error instanceof Error ? error.message : String(error);
      const reason = blockRedactor(name, plugin, options, env)(thrown);
      issues.push({
        path: ["providers", name],
        at: "key",
        message:
          `provider block "${name}": plugin "${type}" failed in accountId: ${reason} ` +
          `(a bug in the plugin "${type}", not in trunksync; report it to the plugin's authors)`,
      });
    }
  }
  return { accounts, issues };
}

/** Scrubs a block's write-only option values and those from the environment. */
function blockRedactor(name: string, plugin: ProviderPlugin, options: JsonObject, env: EnvSources) {
  const secrets = new Set<string>();
  addSecretsAt(options, writeOnlyPaths(plugin.optionsSchema), secrets);
  for (const [option, value] of Object.entries(options)) {
    if (typeof value === "string" && env(["providers", name, option])) secrets.add(value);
  }
  return redactor([...secrets]);
}

function toIssues(errors: readonly ErrorObject[], base: JsonPath, env: EnvSources | undefined): Issue[] {
  // A failed oneOf/anyOf is reported once, as a whole, not as the soup of its branches' errors.
  const combinators = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
  const inBranch = (e: ErrorObject) =>
    combinators.some((c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`));
  return errors
    .filter((e) => !inBranch(e) && e.keyword !== "if" && e.keyword !== "propertyNames")
    .map((e) => {
      const path = [...base, ...parsePointer(e.instancePath)];
      return toIssue(e, path, env?.(path));
    });
}

/** `variables`: where the value came from when that was the environment (then it is never quoted). */
function toIssue(error: ErrorObject, path: JsonPath, variables: readonly string[] | undefined): Issue {
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const subject = subjectOf(path);
  if (error.propertyName !== undefined) {
    const rule = error.keyword === "pattern" ? `: it must match ${String(params.pattern)}` : "";
    return {
      path: [...path, error.propertyName],
      at: "key",
      message: `invalid key "${error.propertyName}" in ${subject}${rule}`,
    };
  }
  const got = describe(error.data, schema.writeOnly === true, variables);
  switch (error.keyword) {
    case "required":
      return {
        path,
        at: "owner",
        message: `${subject} is missing required key "${String(params.missingProperty)}"`,
      };
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((schema.properties ?? {}) as object);
      const hint =
        didYouMean(key, known) || (known.length > 0 ? `; expected one of: ${known.sort().join(", ")}` : "");
      return { path: [...path, key], at: "key", message: `unknown key "${key}" in ${subject}${hint}` };
    }
    case "type":
      return { path, message: `${subject} must be ${typeName(String(params.type))}, got ${got}` };
    case "const":
      return { path, message: `${subject} must be ${JSON.stringify(params.allowedValue)}, got ${got}` };
    case "enum": {
      const allowed = (Array.isArray(params.allowedValues) ? params.allowedValues : []).map(String);
      // A close match would hint at the value: none for one from the environment.
      const hint = typeof error.data === "string" && !variables ? didYouMean(error.data, allowed) : "";
      return { path, message: `${subject} must be one of ${allowed.join(", ")}, got ${got}${hint}` };
    }
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum": {
      const relation = {
        minimum: "at least",
        exclusiveMinimum: "more than",
        maximum: "at most",
        exclusiveMaximum: "less than",
      }[error.keyword];
      return { path, message: `${subject} must be ${relation} ${String(params.limit)}, got ${got}` };
    }
    case "minLength":
      return params.limit === 1
        ? { path, message: `${subject} must not be empty` }
        : { path, message: `${subject} must be at least ${String(params.limit)} characters, got ${got}` };
    case "maxLength":
      return {
        path,
        message: `${subject} must be at most ${String(params.limit)} characters, got ${length(error.data)}`,
      };
    case "pattern": {
      // A schema's `title` says what the value must be in words: a long pattern reads as noise.
      if (typeof schema.title === "string")
        return { path, message: `${subject} must be ${schema.title}, got ${got}` };
      const about = typeof schema.description === "string" ? ` (${lowerFirst(schema.description)})` : "";
      return {
        path,
        message: `${subject} must match ${String(params.pattern)}, got ${got}${about.replace(/\.\)$/, ")")}`,
      };
    }
    case "format":
      return { path, message: `${subject} must be a valid ${String(params.format)}, got ${got}` };
    case "uniqueItems": {
      const [first, second] = [Number(params.j), Number(params.i)].sort((a, b) => a - b);
      return {
        path: [...path, second ?? 0],
        message: `${subjectOf([...path, second ?? 0])} repeats ${subjectOf([...path, first ?? 0])}`,
      };
    }
    case "minItems":
      return { path, message: `${subject} must have at least ${String(params.limit)} items` };
    case "maxItems":
      return { path, message: `${subject} must have at most ${String(params.limit)} items` };
    case "oneOf":
    case "anyOf":
      return {
        path,
        at: "owner",
        message: `${subject} ${alternatives(error.keyword, schema[error.keyword])}`,
      };
    default:
      return { path, message: `${subject} ${error.message ?? "is invalid"}` };
  }
}

/** `must set exactly one of: token | apiKey + secret`, from the branches' `required` lists. */
function alternatives(keyword: "oneOf" | "anyOf", branches: unknown): string {
  const options = (Array.isArray(branches) ? branches : []).map((branch: unknown) => {
    const required = (branch as { required?: unknown }).required;
    return Array.isArray(required) ? required.map(String).join(" + ") : "";
  });
  const quantity = keyword === "oneOf" ? "exactly one" : "at least one";
  return options.every((o) => o !== "")
    ? `must set ${quantity} of: ${options.join(" | ")}`
    : `must match ${quantity} of the allowed shapes`;
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    object: "a mapping",
    array: "a list",
    integer: "an integer",
    null: "null",
  };
  return names[type] ?? `a ${type}`;
}

/**
 * How a bad value is shown: short, and never the value itself when it is a secret or came from the
 * environment (any such value may be a credential; the variable's name says where to look).
 */
function describe(value: unknown, secret: boolean, variables: readonly string[] | undefined): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  const kind = typeof value === "string" ? "a string" : `a ${typeof value}`;
  if (variables) return `${kind} (${fromEnv(variables)})`;
  if (secret) return kind;
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function length(value: unknown): string {
  return typeof value === "string" ? `${value.length} characters` : "a longer value";
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function parsePointer(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((seg) => seg.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((seg) => (/^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : seg));
}
