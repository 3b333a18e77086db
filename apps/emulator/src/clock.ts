/**
 * Vobiz timestamps: ISO-8601 UTC with microseconds (`2026-05-12T05:12:18.147340Z`). JavaScript
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

export function formatMicros(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const iso = new Date(seconds * 1000).toISOString(); // 2026-05-12T05:12:18.000Z
  // join() yields one flat string: 100 000 generated trunks each hold two of these.
  return [iso.slice(0, 19), ".", String(micros - seconds * 1_000_000).padStart(6, "0"), "Z"].join("");
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
