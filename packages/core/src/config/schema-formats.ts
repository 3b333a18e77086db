import { isJsonObject, type JsonSchema, type JsonValue } from "../json.js";
import { SCHEMA_FORMATS } from "./ajv-options.js";
import { type JsonPath, toPointer } from "./issue.js";

// Keywords whose value is a schema, a list of schemas, or a map of names to schemas (2020-12 and
// draft-07): only there can a `format` be a keyword rather than, say, a trunk field named `format`.
const SCHEMA_KEYWORDS = new Set([
  "additionalItems",
  "additionalProperties",
  "contains",
  "contentSchema",
  "else",
  "if",
  "items",
  "not",
  "propertyNames",
  "then",
  "unevaluatedItems",
  "unevaluatedProperties",
]);
const LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf", "prefixItems", "items"]);
const MAP_KEYWORDS = new Set([
  "$defs",
  "definitions",
  "dependencies",
  "dependentSchemas",
  "patternProperties",
  "properties",
]);

/**
 * Why a plugin's schemas cannot be compiled because of their `format`s, or undefined. ajv in strict
 * mode refuses a format it does not know with `unknown format "date-time" ignored in schema…`, which
 * reads like a warning and names one; this names every one, where it is, and what is allowed.
 */
export function unsupportedFormats(schemas: Readonly<Record<string, JsonSchema>>): string | undefined {
  const found: string[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    walk(schema as JsonValue, [], (path, format) => {
      found.push(`"${format}" (${name} ${path.length === 0 ? "root" : toPointer(path)})`);
    });
  }
  if (found.length === 0) return undefined;
  const uses = found.length === 1 ? `format ${found[0]} is` : `formats ${found.join(", ")} are`;
  const allowed = SCHEMA_FORMATS.join(" and ");
  return `${uses} not supported; a plugin's schemas may use the formats ${allowed} only (check others with a pattern)`;
}

function walk(schema: JsonValue, path: JsonPath, report: (path: JsonPath, format: string) => void): void {
  if (!isJsonObject(schema)) return;
  const { format } = schema;
  if (typeof format === "string" && !(SCHEMA_FORMATS as readonly string[]).includes(format))
    report(path, format);
  for (const [keyword, value] of Object.entries(schema)) {
    if (Array.isArray(value) && LIST_KEYWORDS.has(keyword)) {
      for (const [i, item] of value.entries()) walk(item, [...path, keyword, i], report);
    } else if (SCHEMA_KEYWORDS.has(keyword)) {
      walk(value, [...path, keyword], report);
    } else if (MAP_KEYWORDS.has(keyword) && isJsonObject(value)) {
      for (const [name, item] of Object.entries(value)) walk(item, [...path, keyword, name], report);
    }
  }
}
