import type { JsonValue } from "../json.js";
import type { Issue, JsonPath } from "./issue.js";

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

/**
 * Replaces `${env:NAME}` inside string values (never keys) with the variable's value.
 * A missing or empty variable is an issue at the string that uses it; the value becomes "".
 */
export function interpolate(value: unknown, env: Record<string, string | undefined>): Interpolated {
  const issues: Issue[] = [];
  const refs: EnvRef[] = [];

  const visitString = (text: string, path: JsonPath): string => {
    if (!text.includes("${")) return text;
    return text.replace(TOKEN, (token: string, inner: string | undefined) => {
      if (token === "$${") return "${";
      if (inner === undefined) {
        issues.push({ path, needle: token, message: 'unterminated "${" (write "$${" for a literal "${")' });
        return token;
      }
      const name = ENV_REF.exec(inner)?.[1];
      if (name === undefined) {
        issues.push({
          path,
          needle: token,
          message: `unsupported reference "${token}": only \${env:NAME} is supported (write "$\${" for a literal "\${")`,
        });
        return token;
      }
      refs.push({ path, variable: name });
      const resolved = env[name];
      if (resolved === undefined || resolved === "") {
        issues.push({
          path,
          needle: token,
          message: `environment variable ${name} is ${resolved === undefined ? "not set" : "empty"}`,
        });
        return "";
      }
      return resolved;
    });
  };

  const visit = (node: unknown, path: JsonPath): JsonValue => {
    if (typeof node === "string") return visitString(node, path);
    if (typeof node === "number" || typeof node === "boolean" || node === null) return node;
    if (Array.isArray(node)) return node.map((item, i) => visit(item, [...path, i]));
    if (typeof node === "object") {
      const out: Record<string, JsonValue> = {};
      for (const [key, child] of Object.entries(node)) {
        // defineProperty, so a `__proto__` key stays a plain (and then unknown) key.
        Object.defineProperty(out, key, {
          value: visit(child, [...path, key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    // YAML gives only JSON-like values here; anything else (e.g. undefined) reads as null.
    return null;
  };

  return { value: visit(value, []), issues, refs };
}
