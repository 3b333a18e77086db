import type { HttpMethod } from "./types.js";

/** Only idempotent methods are retried: repeating them cannot apply a change twice. */
export const RETRYABLE_METHODS: ReadonlySet<HttpMethod> = new Set(["GET", "PUT"]);

/** Answers that mean "try again later": rate limiting and a gateway or upstream that is briefly unwell. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Network failures worth another attempt: the connection broke or went quiet mid-request.
 * `ECONNREFUSED` is deliberately absent: it means nothing listens at the baseUrl (a wrong
 * `baseUrl`, or an emulator that is not running), which retrying cannot fix, so it fails at once.
 * DNS failures (`ENOTFOUND`) are absent for the same reason.
 */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

export interface BackoffOptions {
  minDelayMs: number;
  maxDelayMs: number;
}

/**
 * Delay before the attempt after `attempt` (1-based): `minDelayMs · 2^(attempt-1)` capped at
 * `maxDelayMs`, then "equal jitter" (a random point in its upper half) so that many requests
 * failing together do not retry in lock-step, while each still waits at least half the step.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const step = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Milliseconds a `Retry-After` header asks for: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; a date in the past means "now" (0).
 */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // HTTP dates always name a weekday and month; this keeps Date.parse from reading "-3" as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
