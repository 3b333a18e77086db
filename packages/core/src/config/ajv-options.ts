import type { Options } from "ajv";

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

/** The `format`s trunksync's schemas may use, from ajv-formats. */
export const AJV_FORMATS = ["uri", "hostname"] as const;
