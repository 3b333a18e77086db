import { parseArgs } from "node:util";
import type { VideoSdkMessageField, VobizErrorBody } from "./error-body.js";
import { EmulatorInputError } from "./errors.js";
import { ChoiceError, checkOptions, choices, type EmulatorOptions, type VobizCountField } from "./options.js";
import type { RetryAfterForm } from "./rate-limiter.js";

const FLAGS: Record<string, string> = {
  host: "--host",
  port: "--port",
  generate: "--generate",
  latencyMs: "--latency-ms",
  jitterMs: "--jitter-ms",
  rateLimit: "--rate-limit",
  retryAfter: "--retry-after",
  failRate: "--fail-rate",
  failStatus: "--fail-status",
  vobizCountField: "--count-field",
  vobizErrorBody: "--error-body",
  videoSdkMessageField: "--message-field",
  requestLog: "--request-log",
};

export const USAGE = `Usage: trunksync-emulator [options]

A local server of the Vobiz and VideoSDK trunk APIs (loopback only).

Options:
  --port N              port to listen on (default 0: any free port)
  --host HOST           loopback address to bind (default 127.0.0.1)
  --seed FILE           JSON seed: { "vobiz": [...], "videosdk": [...] } (default: built-in demo accounts)
  --generate N          add N generated trunks per provider to the first account of each
  --latency-ms N        delay every answer by N ms
  --jitter-ms N         plus a random 0..N ms
  --rate-limit N        requests per second per credential; 429 with Retry-After beyond it
  --retry-after FORM    Retry-After of a 429: seconds (default, e.g. 2) or date (an HTTP date)
  --fail-rate P         probability 0..1 of answering --fail-status instead
  --fail-status N       status for random failures (default 503)
  --count-field NAME    Vobiz list count name: total (default) or total_count
  --error-body FORM     Vobiz error body: envelope (default) or flat ({ api_id, error: code, message })
  --message-field NAME  VideoSDK error message field: message (default), error, msg or statusMessage
  --admin               serve the /__emulator/* admin routes
  --request-log N       request records kept for inspection (default 10000, 0 = off)
  -h, --help            show this help
`;

export interface CliArgs {
  options: EmulatorOptions;
  seedFile?: string;
  help: boolean;
}

/** Flags to options; throws `EmulatorInputError` naming the flag on any bad value. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        seed: { type: "string" },
        generate: { type: "string" },
        "latency-ms": { type: "string" },
        "jitter-ms": { type: "string" },
        "rate-limit": { type: "string" },
        "retry-after": { type: "string" },
        "fail-rate": { type: "string" },
        "fail-status": { type: "string" },
        "count-field": { type: "string" },
        "error-body": { type: "string" },
        "message-field": { type: "string" },
        admin: { type: "boolean" },
        "request-log": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new EmulatorInputError((error as Error).message);
  }
  const number = (flag: string): number | undefined => {
    const text = values[flag];
    if (typeof text !== "string") return undefined;
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value))
      throw new EmulatorInputError(`--${flag} must be a number, got "${text}"`);
    return value;
  };
  // Choices go through as typed; checkOptions refuses any other value.
  const options: EmulatorOptions = {
    host: values.host as string | undefined,
    port: number("port"),
    generate: number("generate"),
    latencyMs: number("latency-ms"),
    jitterMs: number("jitter-ms"),
    rateLimit: number("rate-limit"),
    retryAfter: values["retry-after"] as RetryAfterForm | undefined,
    failRate: number("fail-rate"),
    failStatus: number("fail-status"),
    vobizCountField: values["count-field"] as VobizCountField | undefined,
    vobizErrorBody: values["error-body"] as VobizErrorBody | undefined,
    videoSdkMessageField: values["message-field"] as VideoSdkMessageField | undefined,
    requestLog: number("request-log"),
    admin: values.admin === true,
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  try {
    checkOptions(defined);
  } catch (error) {
    // Same checks as the API, reported in the vocabulary of flags: a choice's values as typed.
    const flag = (name: string) => FLAGS[name] ?? name;
    const message =
      error instanceof ChoiceError
        ? `${flag(error.option)} must be ${choices(error.allowed)}, got "${error.value}"`
        : (error as Error).message.replace(/^\w+/, flag);
    throw new EmulatorInputError(message);
  }
  return {
    options: defined as EmulatorOptions,
    ...(typeof values.seed === "string" ? { seedFile: values.seed } : {}),
    help: values.help === true,
  };
}
