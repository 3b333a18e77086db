/** A path into the parsed document: map keys and sequence indexes. */
export type JsonPath = readonly (string | number)[];

/**
 * A problem found before it has a line and column. `at` says which part of the node to point at:
 * the value itself, the key naming it (unknown keys), or the key owning an object (missing keys).
 */
export interface Issue {
  path: JsonPath;
  message: string;
  at?: "value" | "key" | "owner";
  /** Text to point at inside the value, e.g. the `${env:NAME}` that failed. */
  needle?: string;
  severity?: "error" | "warning";
  /** Already known position (YAML syntax errors), used instead of locating `path`. */
  pos?: { line: number; col: number };
}

/** `/trunks/3/name` (RFC 6901 escaping). */
export function toPointer(path: JsonPath): string {
  return path.map((seg) => `/${String(seg).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** How a message names the thing at `path`: `name`, `numbers[1]`, `provider "vobiz-prod"`, `trunks[0]`. */
export function subjectOf(path: JsonPath): string {
  if (path.length === 0) return "the document";
  if (path.length === 2 && path[0] === "providers") return `provider "${String(path[1])}"`;
  const last = path.at(-1);
  if (typeof last === "number") return `${subjectOf(path.slice(0, -1))}[${last}]`;
  return String(last);
}

/** The `${env:…}` variables whose values went into the string at a path; undefined for a literal. */
export type EnvSources = (path: JsonPath) => readonly string[] | undefined;

/**
 * How a message names a value that came from the environment: by where it came from, never by
 * its text, which may be a secret (`from ${env:SIP_PASSWORD}`).
 */
export function fromEnv(variables: readonly string[]): string {
  return `from ${variables.map((name) => `\${env:${name}}`).join(" and ")}`;
}

/** A value as a message quotes it: `"text"`, or `(from ${env:NAME})` when it came from the environment. */
export function quoted(value: string, variables: readonly string[] | undefined): string {
  return variables ? `(${fromEnv(variables)})` : `"${value}"`;
}
