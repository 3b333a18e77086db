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

  /** Takes a token; returns 0 when allowed, else the whole seconds (≥ 1) until one is free. */
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
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
  }

  clear(): void {
    this.#buckets.clear();
  }
}
