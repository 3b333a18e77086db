// Build-time only: turns schemas into ajv standalone validator modules, so a run need not load ajv's
// compiler. Run after tsc by core's build (the outline) and by built-in plugin packages' builds.
import { rm, writeFile } from "node:fs/promises";
import { _, Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import addFormatsPlugin, { type FormatsPlugin } from "ajv-formats";
import type { JsonSchema } from "../json.js";
import { PLAN_SCHEMA } from "../plan-schema.js";
import type { ProviderPlugin } from "../plugin.js";
import { AJV_FORMATS, AJV_OPTIONS } from "./ajv-options.js";
import { OUTLINE_SCHEMA, providerBlockSchema, trunkEntrySchema } from "./schema.js";

const addFormats = addFormatsPlugin as unknown as FormatsPlugin;

/** What validator-runtime.ts offers generated code in place of ajv's `require("ajv/dist/runtime/…")`. */
const RUNTIME_HELPERS = new Set(["ucs2length"]);

/**
 * An ES module with one standalone validator per entry of `schemas`, exported under its key, compiled
 * with the options validate.ts compiles with at run time. Generated code imports its helpers from
 * `runtime` (a specifier of validator-runtime.js). Throws when a schema is not valid JSON Schema or
 * needs an ajv runtime helper validator-runtime.ts does not provide, or a format ajv-formats checks
 * with a function rather than an inline regular expression.
 */
export function standaloneModule(schemas: Readonly<Record<string, JsonSchema>>, runtime: string): string {
  const ajv = new Ajv2020({
    ...AJV_OPTIONS,
    code: { source: true, esm: true, formats: _`formatFunctions` },
  });
  addFormats(ajv, AJV_FORMATS);
  for (const [name, schema] of Object.entries(schemas)) {
    if (!ajv.validateSchema(schema)) throw new Error(`schema ${name}: ${ajv.errorsText(ajv.errors)}`);
    ajv.addSchema(schema, name);
  }
  const exports = Object.fromEntries(Object.keys(schemas).map((name) => [name, name]));
  const helpers = new Set<string>();
  const code = standaloneCode
    .default(ajv, exports)
    // ES modules are strict already, and imports read better first.
    .replace(/^"use strict";/, "")
    .replace(/require\("ajv\/dist\/runtime\/(\w+)"\)\.default/g, (call, helper: string) => {
      if (!RUNTIME_HELPERS.has(helper))
        throw new Error(`generated code needs ${call}: add it to validator-runtime.ts`);
      helpers.add(helper);
      return helper;
    });
  if (code.includes("require("))
    throw new Error("generated code still calls require(): it cannot run as ESM");
  if (code.includes("formatFunctions"))
    throw new Error(
      "generated code needs a format function: precompiled validators take regular-expression formats only",
    );
  const names = [...helpers].sort();
  const imports = names.length > 0 ? `import { ${names.join(", ")} } from ${JSON.stringify(runtime)};\n` : "";
  return `// Generated at build time by @trunksync/core/precompile (ajv standalone code). Do not edit.\n${imports}${code}\n`;
}

/**
 * Writes a generated module over the placeholder tsc emitted for it, and drops the placeholder's
 * source map, which no longer describes the file.
 */
async function replaceEmitted(file: URL, source: string): Promise<void> {
  await writeFile(file, source);
  await rm(new URL(`${file.href}.map`), { force: true });
}

/**
 * Core's build, after tsc: replaces the placeholders `dist/config/outline-validator.js` and
 * `dist/plan-validator.js` (see their sources) with the outline and plan schemas precompiled.
 */
export async function writeCoreValidators(dist: URL): Promise<void> {
  const outline = standaloneModule({ validateOutline: OUTLINE_SCHEMA }, "./validator-runtime.js");
  const plan = standaloneModule({ validatePlanFile: PLAN_SCHEMA }, "./config/validator-runtime.js");
  await replaceEmitted(new URL("config/outline-validator.js", dist), outline);
  await replaceEmitted(new URL("plan-validator.js", dist), plan);
}

/**
 * A built-in plugin package's build, after tsc: replaces `dist/validators.js` (a placeholder in
 * source exporting `validators: PluginValidators | undefined = undefined`) with the plugin's
 * schemas precompiled, exported as `validators: PluginValidators`. `dist` is the package's dist
 * directory.
 */
export function writePluginValidators(plugin: ProviderPlugin, dist: URL): Promise<void> {
  const schemas = { provider: providerBlockSchema(plugin), trunk: trunkEntrySchema(plugin) };
  const source = `${standaloneModule(schemas, "@trunksync/core/validator-runtime")}export const validators = { provider, trunk };\n`;
  return replaceEmitted(new URL("validators.js", dist), source);
}
