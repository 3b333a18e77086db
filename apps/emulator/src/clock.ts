/**
 * Vobiz timestamps: ISO-8601 UTC to the microsecond, with a varying number of fractional digits
 * (the seed page shows `2026-05-12T05:12:18.147340Z` and `2026-03-25T10:05:00Z`). JavaScript
 * dates stop at milliseconds, so time is kept as integer microseconds since the epoch.
 */

const FRACTION = /\.(\d+)Z$/;

/** Microseconds since the epoch of an ISO-8601 UTC timestamp with 0–9 fractional digits. */
export function parseMicros(timestamp: string): number {
  const millis = Date.parse(timestamp);
  if (Number.isNaN(millis)) return 0;
  const fraction = FRACTION.exec(timestamp)?.[1] ?? "";
  const micros = Number(fraction.padEnd(6, "0").slice(0, 6));
  return Math.floor(millis / 1000) * 1_000_000 + micros;
}

/**
 * Microseconds as a timestamp whose fraction has no trailing zeros (`…:18.14734Z`, `…:07.5Z`, and
 * `…:00Z` without a dot), so clients meet fractions of every length and cannot assume six digits.
 */
export function formatMicros(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const iso = new Date(seconds * 1000).toISOString(); // 2026-05-12T05:12:18.000Z
  let fraction = micros - seconds * 1_000_000;
  // join() yields one flat string: 100 000 generated trunks each hold two of these.
  if (fraction === 0) return [iso.slice(0, 19), "Z"].join("");
  let digits = 6;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits -= 1;
  }
  return [iso.slice(0, 19), ".", String(fraction).padStart(digits, "0"), "Z"].join("");
}

let last = 0;

/** Now, in microseconds, never equal to an earlier answer of this process. */
export function nowMicros(): number {
  const now = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  last = Math.max(now, last + 1);
  return last;
}

/** A timestamp for a change to something last stamped `previous`: now, but strictly later. */
export function nextTimestamp(previous: string): string {
  return formatMicros(Math.max(nowMicros(), parseMicros(previous) + 1));
}
