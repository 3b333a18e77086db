import { isJsonObject, type JsonValue } from "../json.js";
import { type EnvSources, type Issue, type JsonPath, toPointer } from "./issue.js";

export interface EnvRef {
  path: JsonPath;
  variable: string;
}

export interface Interpolated {
  value: JsonValue;
  issues: Issue[];
  /** Every `${env:NAME}` used, with where. */
  refs: EnvRef[];
}

// `$${` is an escaped literal `${`; `${…}` a reference; a lone `${` is unterminated.
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const ENV_REF = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** Paths as a tree: each step's next steps in the order first seen; a path ends at an empty map. */
type PathTree = Map<string | number, PathTree>;

/**
 * Replaces `${env:NAME}` inside string values (never keys) with the variable's value.
 * A missing or empty variable is an issue at the string that uses it; the value becomes "".
 * `only`, when the reader knows them, lists (in document order) the only strings that can change:
 * then nothing else is visited, which spares a walk over every trunk of a large file.
 */
export function interpolate(
  value: unknown,
  env: Record<string, string | undefined>,
  only?: readonly JsonPath[],
): Interpolated {
  const issues: Issue[] = [];
  const refs: EnvRef[] = [];
  // The path of the node being visited; copied only for an issue or a reference.
  const path: (string | number)[] = [];

  const visitString = (text: string): string => {
    if (!text.includes("${")) return text;
    const here = [...path];
    return text.replace(TOKEN, (token: string, inner: string | undefined) => {
      if (token === "$${") return "${";
      if (inner === undefined) {
        issues.push({
          path: here,
          needle: token,
          message: 'unterminated "${" (write "$${" for a literal "${")',
        });
        return token;
      }
      const name = ENV_REF.exec(inner)?.[1];
      if (name === undefined) {
        issues.push({
          path: here,
          needle: token,
          message: `unsupported reference "${token}": only \${env:NAME} is supported (write "$\${" for a literal "\${")`,
        });
        return token;
      }
      refs.push({ path: here, variable: name });
      const resolved = env[name];
      if (resolved === undefined || resolved === "") {
        issues.push({
          path: here,
          needle: token,
          message: `environment variable ${name} is ${resolved === undefined ? "not set" : "empty"}`,
        });
        return "";
      }
      return resolved;
    });
  };

  // Copy on write: a list or mapping in which nothing changes is returned as it is (a 10,000-trunk
  // file has references in its provider blocks only).
  const visit = (node: unknown): JsonValue => {
    if (typeof node === "string") return visitString(node);
    if (typeof node === "number" || typeof node === "boolean" || node === null) return node;
    if (Array.isArray(node)) {
      let out: JsonValue[] | undefined;
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        const item: unknown = node[i];
        const visited = visit(item);
        path.pop();
        if (visited !== item) out ??= node.slice(0, i);
        out?.push(visited);
      }
      return out ?? (node as JsonValue[]);
    }
    if (typeof node === "object") {
      const entries = Object.entries(node);
      let out: Record<string, JsonValue> | undefined;
      for (let i = 0; i < entries.length; i++) {
        const [key, child] = entries[i] as [string, unknown];
        path.push(key);
        const visited = visit(child);
        path.pop();
        if (visited !== child && out === undefined) {
          out = {};
          for (const [k, v] of entries.slice(0, i)) define(out, k, v as JsonValue);
        }
        if (out) define(out, key, visited);
      }
      return out ?? (node as Record<string, JsonValue>);
    }
    // YAML gives only JSON-like values here; anything else (e.g. undefined) reads as null.
    return null;
  };

  // The same copies as `visit` makes, along the listed paths only.
  const visitListed = (node: unknown, listed: PathTree): JsonValue => {
    if (Array.isArray(node)) {
      let out: JsonValue[] | undefined;
      for (const [index, next] of listed) {
        const item: unknown = node[Number(index)];
        path.push(index);
        const visited = next.size === 0 ? visit(item) : visitListed(item, next);
        path.pop();
        if (visited === item) continue;
        out ??= node.slice();
        out[Number(index)] = visited;
      }
      return out ?? (node as JsonValue[]);
    }
    if (!isJsonObject(node)) return visit(node);
    let out: Record<string, JsonValue> | undefined;
    for (const [step, next] of listed) {
      const key = String(step);
      const child = node[key];
      path.push(key);
      const visited = next.size === 0 ? visit(child) : visitListed(child, next);
      path.pop();
      if (visited === child) continue;
      if (!out) {
        out = {};
        for (const k of Object.keys(node)) define(out, k, node[k] as JsonValue);
      }
      define(out, key, visited);
    }
    return out ?? node;
  };

  return { value: only ? visitListed(value, pathTree(only)) : visit(value), issues, refs };
}

/**
 * Which variables filled the string at a path, so that a message about that string can name them
 * instead of quoting a value that may be a secret.
 */
export function envSourcesOf(refs: readonly EnvRef[]): EnvSources {
  if (refs.length === 0) return () => undefined;
  // Looked up only to word a problem: indexed then, not for every reference of a large valid file.
  let byPointer: Map<string, string[]> | undefined;
  return (path) => {
    byPointer ??= indexByPointer(refs);
    return byPointer.get(toPointer(path));
  };
}

function indexByPointer(refs: readonly EnvRef[]): Map<string, string[]> {
  const byPointer = new Map<string, string[]>();
  for (const { path, variable } of refs) {
    const pointer = toPointer(path);
    const names = byPointer.get(pointer);
    if (!names) byPointer.set(pointer, [variable]);
    else if (!names.includes(variable)) names.push(variable);
  }
  return byPointer;
}

function pathTree(paths: readonly JsonPath[]): PathTree {
  const root: PathTree = new Map();
  for (const path of paths) {
    let tree = root;
    for (const step of path) {
      let next = tree.get(step);
      if (!next) {
        next = new Map();
        tree.set(step, next);
      }
      tree = next;
    }
  }
  return root;
}

/** defineProperty, so a `__proto__` key stays a plain (and then unknown) key. */
function define(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
