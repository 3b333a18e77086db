import { isJsonObject, type JsonObject, type JsonValue } from "./json.js";

/** Value at a dotted path (`auth.password`), or undefined. */
export function getPath(obj: JsonObject, path: string): JsonValue | undefined {
  // Most fields are top-level; planning 100,000 trunks calls this for every one of their fields.
  if (!path.includes(".")) return obj[path];
  let cur: JsonValue | undefined = obj;
  for (const key of path.split(".")) {
    if (!isJsonObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Dotted paths of every leaf (non-object value) in `obj`, sorted. Arrays are leaves. */
export function leafPaths(obj: JsonObject, prefix = ""): string[] {
  const out: string[] = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const path = prefix ? `${prefix}.${key}` : key;
    if (isJsonObject(value)) out.push(...leafPaths(value, path));
    else out.push(path);
  }
  return out.sort();
}

/**
 * `over` laid on top of `base`, recursively for objects; arrays and scalars in `over` replace.
 * This is how a full-replace update body keeps every field the config does not manage.
 */
export function deepMerge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isJsonObject(prev) && isJsonObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

/** JSON with object keys sorted, so equal values serialise equally (digests, fingerprints). */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
