import type { Options } from "ajv";
import type { FormatName, FormatOptions } from "ajv-formats";

/**
 * How trunksync compiles schemas, both at run time (validate.ts) and at build time (precompile.ts),
 * so a precompiled validator reports exactly what a runtime-compiled one would.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  // `toIssue` words its messages from the failing schema and value (`parentSchema`, `data`).
  verbose: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
  // Checking a schema against the 2020-12 meta-schema compiles that (large) meta-schema first: tens
  // of milliseconds. Built-in schemas are checked once, at build time (precompile.ts); a third-party
  // plugin's are checked when compiled (validate.ts `checker`).
  validateSchema: false,
} as const satisfies Options;

/**
 * The `format`s trunksync's schemas may use, from ajv-formats in its "fast" mode. Its full `uri` is
 * an RFC 3986 expression that V8 takes ~5 ms to run the first time and ~3 ms each time after (once
 * per provider block's `baseUrl`); the fast one only checks for a scheme and no whitespace, and
 * `baseUrl` is parsed as a URL after the schema anyway (http/base-url.ts). `hostname` is the same in
 * both modes.
 */
export const SCHEMA_FORMATS: readonly FormatName[] = ["uri", "hostname"];

export const AJV_FORMATS: FormatOptions = { mode: "fast", formats: [...SCHEMA_FORMATS] };
