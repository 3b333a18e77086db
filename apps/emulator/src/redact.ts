import type { IncomingHttpHeaders } from "node:http";
import { isObject, parseJsonBody } from "./api-types.js";

const SECRET_HEADERS = new Set(["authorization", "x-auth-token"]);
const REDACTED = "[redacted]";

/** Header copy for the request log with credentials replaced. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    copy[name] = SECRET_HEADERS.has(name) ? REDACTED : Array.isArray(value) ? value.join(", ") : value;
  }
  return copy;
}

/** Logged body: parsed JSON with a SIP `auth.password` replaced; raw text if not JSON. */
export function redactBody(text: string): unknown {
  if (text === "") return undefined;
  const parsed = parseJsonBody(text);
  if (parsed === undefined) return text;
  const body = parsed.value;
  if (isObject(body) && isObject(body.auth) && "password" in body.auth) {
    return { ...body, auth: { ...body.auth, password: REDACTED } };
  }
  return body;
}
