import { createRequire } from "node:module";
import type { ErrorObject } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { FormatsPlugin } from "ajv-formats";
import type { JsonSchema } from "../json.js";
import type { PrecompiledValidator, ProviderPlugin } from "../plugin.js";
import { AJV_FORMATS, AJV_OPTIONS } from "./ajv-options.js";
import { type EnvSources, fromEnv, type Issue, type JsonPath, subjectOf } from "./issue.js";
import { validateOutline } from "./outline-validator.js";
import { OUTLINE_SCHEMA, providerBlockSchema, trunkEntrySchema } from "./schema.js";
import { unsupportedFormats } from "./schema-formats.js";
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
