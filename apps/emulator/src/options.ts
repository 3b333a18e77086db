import {
  VIDEOSDK_MESSAGE_FIELDS,
  type VideoSdkMessageField,
  VOBIZ_ERROR_BODIES,
  type VobizErrorBody,
} from "./error-body.js";
import { EmulatorInputError } from "./errors.js";
import { checkSettings } from "./faults.js";
import { RETRY_AFTER_FORMS, type RetryAfterForm } from "./rate-limiter.js";
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
  /**
   * The form of a 429's `Retry-After`: "seconds" (default), delta-seconds such as `2`, or "date",
   * an HTTP date (IMF-fixdate, `Tue, 12 May 2026 05:12:19 GMT`) from the emulator's clock. Both
   * round up to whole seconds, so a client that honours them never comes back early.
   */
  retryAfter?: RetryAfterForm;
  /** Probability in [0, 1] of answering `failStatus` instead of the real answer. */
  failRate?: number;
  /** Default 503. */
  failStatus?: number;
  /** Name of the count in a Vobiz list's `meta` (older API versions say `total_count`). Default "total". */
  vobizCountField?: VobizCountField;
  /**
   * Vobiz's error body: "envelope" (default), the documented
   * `{ status: "error", error: { code, message, details }, timestamp, requestId }`, or "flat",
   * the SDK's `{ api_id, error, message }`: the code (`NOT_FOUND`) in `error`, the message in `message`.
   */
  vobizErrorBody?: VobizErrorBody;
  /** The field of VideoSDK's error body `{ statusCode, <field> }` that holds the message. Default "message". */
  videoSdkMessageField?: VideoSdkMessageField;
  /** Serve the `/__emulator/*` admin routes. Default false. */
  admin?: boolean;
  /** Request records kept (ring buffer). Default 10 000; 0 turns the log off. */
  requestLog?: number;
}

/** Names of the count in a Vobiz list's `meta`: `total`, or `total_count` (older API versions). */
export const VOBIZ_COUNT_FIELDS = ["total", "total_count"] as const;
export type VobizCountField = (typeof VOBIZ_COUNT_FIELDS)[number];

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
  checkChoice("retryAfter", options.retryAfter, RETRY_AFTER_FORMS);
  checkChoice("vobizCountField", options.vobizCountField, VOBIZ_COUNT_FIELDS);
  checkChoice("vobizErrorBody", options.vobizErrorBody, VOBIZ_ERROR_BODIES);
  checkChoice("videoSdkMessageField", options.videoSdkMessageField, VIDEOSDK_MESSAGE_FIELDS);
}

/** "a or b", "a, b or c": the allowed values of a choice, for messages. */
export function choices(allowed: readonly string[], quote = (value: string) => value): string {
  const quoted = allowed.map(quote);
  return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

/**
 * An option outside its allowed values. The message is the API's (values as JavaScript strings);
 * the fields let the command line word it as a flag's (`--error-body must be envelope or flat, got "x"`).
 */
export class ChoiceError extends EmulatorInputError {
  constructor(
    readonly option: string,
    readonly allowed: readonly string[],
    readonly value: string,
  ) {
    super(`${option} must be ${choices(allowed, (v) => JSON.stringify(v))}, got ${value}`);
  }
}

function checkChoice(name: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) throw new ChoiceError(name, allowed, String(value));
}

function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw new EmulatorInputError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
