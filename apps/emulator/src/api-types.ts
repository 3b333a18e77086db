import type { IncomingHttpHeaders } from "node:http";
import type { ApiRouteName, RequestRecord } from "./types.js";

/** What a provider handler sees of a request: already routed, body still raw text. */
export interface ApiRequest {
  route: ApiRouteName;
  headers: IncomingHttpHeaders;
  /** Vobiz: the `{auth_id}` path segment. */
  authId: string;
  /** The `{trunk_id}` / `:id` path segment; empty for collection routes. */
  trunkId: string;
  /** Raw query string without `?`; empty when absent. */
  query: string;
  body: string;
}

/** What a handler answers; the server writes it. */
export interface ApiResponse {
  status: number;
  /** JSON-serialised; no body when undefined (e.g. 204). */
  body?: unknown;
  headers?: Record<string, string>;
  fault?: RequestRecord["fault"];
}

/** Parses a JSON request body; `undefined` when it is not JSON (the caller answers 400). */
export function parseJsonBody(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
