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
    let at = 0;
    for (let word = 0; word < 4; word++) {
      const bits = (this.next() * 4294967296) >>> 0;
      for (let shift = 28; shift >= 0; shift -= 4) {
        if (at === 8 || at === 13 || at === 18 || at === 23) SCRATCH[at++] = DASH;
        SCRATCH[at++] = HEX[(bits >>> shift) & 15] as number;
      }
    }
    SCRATCH[14] = 0x34; // version 4
    SCRATCH[19] = HEX[8 + ((SCRATCH[19] as number) & 3)] as number; // variant 10xx: 8, 9, a or b
    return SCRATCH.toString("latin1", 0, 36);
  }

  /** A 21-character URL-safe id like VideoSDK's trunk ids (nanoid alphabet). */
  urlSafeId(): string {
    for (let i = 0; i < 21; i++) SCRATCH[i] = URL_SAFE[Math.floor(this.next() * 64)] as number;
    return SCRATCH.toString("latin1", 0, 21);
  }
}

/**
 * Ids are written as bytes and decoded once: one flat string per id, no intermediate pieces
 * (100 000 generated trunks must start fast and stay small).
 */
const SCRATCH = Buffer.alloc(36);
const HEX = Buffer.from("0123456789abcdef", "latin1");
const DASH = 0x2d;
const URL_SAFE = Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", "latin1");
