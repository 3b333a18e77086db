import { EmulatorInputError } from "./errors.js";
import { checkSettings } from "./faults.js";
import type { EmulatorSeed } from "./types.js";

export interface EmulatorOptions {
  /** Loopback only: 127.0.0.1 (default), another 127.x address, ::1 or localhost. */
  host?: string;
  /** Default 0: a free port chosen by the OS. */
  port?: number;
  /** Accounts and trunks; default `DEFAULT_SEED`. */
  seed?: EmulatorSeed;
  /** Adds this many deterministic trunks per provider to the first account of each. */
  generate?: number;
  latencyMs?: number;
  jitterMs?: number;
  /** Requests per second per credential; 429 with `Retry-After` beyond it. Default unlimited. */
  rateLimit?: number;
  /** Probability in [0, 1] of answering `failStatus` instead of the real answer. */
  failRate?: number;
  /** Default 503. */
  failStatus?: number;
  /** Name of the count in a Vobiz list's `meta` (older API versions say `total_count`). Default "total". */
  vobizCountField?: "total" | "total_count";
  /** Serve the `/__emulator/*` admin routes. Default false. */
  admin?: boolean;
  /** Request records kept (ring buffer). Default 10 000; 0 turns the log off. */
  requestLog?: number;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

/** Throws an `EmulatorInputError` naming the first option that is out of range. */
export function checkOptions(options: EmulatorOptions): void {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK.test(host)) {
    throw new EmulatorInputError(
      `refusing to listen on ${host}: the emulator only binds to loopback addresses (127.0.0.1, ::1, localhost)`,
    );
  }
  checkInteger("port", options.port, 0, 65_535);
  checkInteger("generate", options.generate, 0, 10_000_000);
  checkInteger("requestLog", options.requestLog, 0, Number.MAX_SAFE_INTEGER);
  checkSettings({
    latencyMs: options.latencyMs,
    jitterMs: options.jitterMs,
    rateLimit: options.rateLimit,
    failRate: options.failRate,
    failStatus: options.failStatus,
  });
  const countField = options.vobizCountField;
  if (countField !== undefined && countField !== "total" && countField !== "total_count") {
    throw new EmulatorInputError(
      `vobizCountField must be "total" or "total_count", got ${String(countField)}`,
    );
  }
}

function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw new EmulatorInputError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
