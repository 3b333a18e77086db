interface Bucket {
  rate: number;
  tokens: number;
  refilledAt: number;
}

/**
 * Token buckets keyed by credential: each holds up to `rate` tokens (one second of burst, at
 * least one token so rates below 1/s still admit a request) and refills at `rate` per second.
 * A changed rate starts that credential's bucket afresh.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  /**
   * Takes a token; returns 0 when allowed, else the exact milliseconds until one is free (the
   * caller rounds up to the `Retry-After` form it sends).
   */
  take(key: string, rate: number, now = performance.now()): number {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined || bucket.rate !== rate) {
      bucket = { rate, tokens: Math.max(1, rate), refilledAt: now };
      this.#buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(Math.max(1, rate), bucket.tokens + ((now - bucket.refilledAt) / 1000) * rate);
      bucket.refilledAt = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return ((1 - bucket.tokens) / rate) * 1000;
  }

  clear(): void {
    this.#buckets.clear();
  }
}

/**
 * The two forms RFC 9110 §10.2.3 allows for `Retry-After`: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`). providers.md only says to honour it, so clients meet both.
 */
export const RETRY_AFTER_FORMS = ["seconds", "date"] as const;
export type RetryAfterForm = (typeof RETRY_AFTER_FORMS)[number];

/**
 * The `Retry-After` value for a wait of `waitMs` starting at `nowMs` (epoch ms). Both forms have
 * 1-second resolution and round up, so a client that honours the header never comes back before
 * a token is free: whole seconds (at least 1), or the first whole second of the wall clock at or
 * after the moment the wait ends, as an IMF-fixdate (`toUTCString` is exactly that format).
 */
export function retryAfterValue(form: RetryAfterForm, waitMs: number, nowMs: number): string {
  if (form === "seconds") return String(Math.max(1, Math.ceil(waitMs / 1000)));
  return new Date(Math.ceil((nowMs + waitMs) / 1000) * 1000).toUTCString();
}
