import type { IncomingHttpHeaders } from "node:http";
import type { Provider } from "./remote-edit.js";
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
  /** As sent; a non-empty body reaches a handler only when declared JSON (see `isJsonContentType`). */
  body: string;
}

/** An error answer, before it is written in the body form the emulator's options chose. */
export interface ApiError {
  provider: Provider;
  message: string;
  /** Vobiz: each bad field or parameter and what is wrong with it. */
  details?: Record<string, string>;
}

/** What a handler answers; the server writes it. */
export interface ApiResponse {
  status: number;
  /** JSON-serialised; no body when undefined (e.g. 204). */
  body?: unknown;
  /** Set instead of `body` on errors: the server renders the provider's error body from it. */
  error?: ApiError;
  headers?: Record<string, string>;
  fault?: RequestRecord["fault"];
}

/** Routes that read a body: only these answer 415 to a body that is not declared JSON. */
export const BODY_ROUTES: ReadonlySet<ApiRouteName> = new Set([
  "vobiz.create",
  "vobiz.update",
  "videosdk.create",
  "videosdk.update",
]);

const JSON_MEDIA_TYPE = /^\s*application\/json\s*(;|$)/i;

/** `application/json`, with any parameters (`; charset=utf-8`), in any letter case. */
export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && JSON_MEDIA_TYPE.test(header);
}

/** Parses a JSON request body; `undefined` when it is not JSON (the caller answers 400). */
export function parseJsonBody(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * A provider route's body. An empty body reads as `{}`, as behind a typical JSON body parser, so
 * the route answers its usual "field is required" errors.
 */
export function parseRequestBody(text: string): { value: unknown } | undefined {
  return text === "" ? { value: {} } : parseJsonBody(text);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Length in characters (code points), not UTF-16 units: an emoji counts once. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _character of text) count += 1;
  return count;
}
