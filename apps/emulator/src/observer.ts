import type { EmulatorStats, RequestRecord } from "./types.js";

/**
 * Request log (a ring buffer: memory stays flat however long the emulator runs) and counters.
 * Requests are counted when they arrive and logged when their answer finishes or their
 * connection closes, so in-flight spans the whole exchange, latency included.
 */
export class Observer {
  readonly #capacity: number;
  #ring: RequestRecord[] = [];
  #next = 0;
  #total = 0;
  #byRoute: Record<string, number> = {};
  #byStatus: Record<string, number> = {};
  #inFlight = 0;
  #peak = 0;
  #idle: (() => void)[] = [];

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  started(route: string): void {
    this.#total += 1;
    this.#byRoute[route] = (this.#byRoute[route] ?? 0) + 1;
    this.#inFlight += 1;
    if (this.#inFlight > this.#peak) this.#peak = this.#inFlight;
  }

  /** `record` is only called when the log keeps records, so a disabled log costs nothing. */
  finished(status: number, record: () => RequestRecord): void {
    this.#inFlight -= 1;
    if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
    this.#byStatus[status] = (this.#byStatus[status] ?? 0) + 1;
    if (this.#capacity === 0) return;
    if (this.#ring.length < this.#capacity) {
      this.#ring.push(record());
    } else {
      this.#ring[this.#next] = record();
      this.#next = (this.#next + 1) % this.#capacity;
    }
  }

  /** Resolves once no request is in flight (every one answered, reset or closed). */
  idle(): Promise<void> {
    return this.#inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Oldest first. */
  requests(): RequestRecord[] {
    return this.#ring.length < this.#capacity
      ? [...this.#ring]
      : [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)];
  }

  stats(): EmulatorStats {
    return {
      total: this.#total,
      byRoute: { ...this.#byRoute },
      byStatus: { ...this.#byStatus },
      inFlight: this.#inFlight,
      peakInFlight: this.#peak,
    };
  }

  /** Clears log, counters and peak; requests still in flight stay counted as in flight. */
  reset(): void {
    this.#ring = [];
    this.#next = 0;
    this.#total = 0;
    this.#byRoute = {};
    this.#byStatus = {};
    this.#peak = this.#inFlight;
  }
}
