import type { Dispatcher } from "undici";
import type { JsonValue } from "../json.js";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the provider's baseUrl, starting with `/`. */
  path: string;
  query?: Record<string, string | number>;
  body?: JsonValue;
  /** Per-request headers, e.g. a freshly minted token. Never logged. */
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON body; `undefined` for an empty body (e.g. 204). */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** Counters for `--verbose`, progress lines and benchmarks. */
export interface HttpStats {
  requests: number;
  retries: number;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
}

/**
 * The one HTTP client every plugin uses, created by core per provider block.
 * It owns connection pooling (in-flight requests ≤ the block's `concurrency`), timeouts,
 * retries (GET and PUT only: both are idempotent) and error shaping: a non-2xx answer after
 * retries rejects with a `ProviderError` whose message comes from the plugin's `errorMessagePaths`.
 */
export interface HttpClient {
  readonly provider: string;
  /** Requests in flight at once, at most (the `concurrency` it was created with). */
  readonly concurrency: number;
  request(req: HttpRequest): Promise<HttpResponse>;
  stats(): HttpStats;
  close(): Promise<void>;
}

export interface HttpClientOptions {
  /** Provider block name, used in every error message. */
  provider: string;
  baseUrl: string;
  /** Maximum requests in flight to this provider. */
  concurrency: number;
  /** Per-attempt timeout for connect, headers and body. */
  timeoutMs: number;
  /** Overall deadline for one request including all retries. Default: 4 × timeoutMs. */
  deadlineMs?: number;
  /** Attempts in all, first one included. Default 6. */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt, with jitter, capped by maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Sent on every request (e.g. static auth headers). */
  headers?: Record<string, string>;
  /** Dotted paths tried in order to find a human message in an error body. */
  errorMessagePaths?: readonly string[];
  /** Added to 401/403 errors: which provider block / environment variables to check. */
  authHint?: string;
  /** Called before each retry; used for progress lines. */
  onRetry?: (info: RetryInfo) => void;
  /** Sends the requests instead of the client's own pool (tests pass an undici `MockAgent`); not closed by `close()`. */
  dispatcher?: Dispatcher;
  /** Waits between attempts; tests inject one to observe delays without waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch, for the deadline and `Retry-After` dates. Default `Date.now`. */
  now?: () => number;
}

/** What `onRetry` learns about the attempt that failed and the wait before the next one. */
export interface RetryInfo {
  method: HttpMethod;
  path: string;
  /** The attempt that failed, 1-based. */
  attempt: number;
  /** HTTP status of the failed attempt; absent for network errors. */
  status?: number;
  /** Error code of a network failure, e.g. `ECONNRESET`. */
  code?: string;
  /** How long the client waits before the next attempt. */
  delayMs: number;
}

export type { JsonValue };
