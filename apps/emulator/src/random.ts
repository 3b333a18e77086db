/** A small seeded PRNG (mulberry32): same seed, same trunks, on every machine. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A version-4-shaped UUID (Vobiz trunk ids). */
  uuid(): string {
    let hex = "";
    for (let i = 0; i < 4; i++) hex += (this.next() * 4294967296).toString(16).padStart(8, "0");
    const variant = "89ab"[this.int(0, 3)] as string;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** A 21-character URL-safe id like VideoSDK's trunk ids (nanoid alphabet). */
  urlSafeId(): string {
    let id = "";
    for (let i = 0; i < 21; i++) id += URL_SAFE[Math.floor(this.next() * 64)];
    return id;
  }
}

const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
