import { afterEach, beforeEach } from "vitest";
import { parseMicros } from "../src/clock.js";
import { type Emulator, type EmulatorOptions, mintVideoSdkToken, startEmulator } from "../src/index.js";

export const VOBIZ_ID = "MA_DEMO0001";
export const VOBIZ_TOKEN = "demo-vobiz-token";
export const ACME_TRUNK = "bfab10fb-cb97-488b-9c63-989c32980b0f";
export const VIDEOSDK_KEY = "demo-videosdk-key";
export const VIDEOSDK_SECRET = "demo-videosdk-secret";
export const SEED_SIP_TRUNK = "SqlZqn1U1ezvhWGRek6ow";
/** A valid body for a VideoSDK trunk PUT. */
export const SIP_BODY = {
  auth: { username: "u", password: "p" },
  name: "Renamed",
  domain: "d.example.com",
  direction: "inbound",
  numbers: [] as string[],
};

/** A stamp the emulator writes: whole seconds, or a fraction of 1–6 digits without trailing zeros. */
export const WRITTEN_STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,5}[1-9])?Z$/;

/**
 * Microseconds since the epoch of an ISO-8601 UTC stamp with 0–6 fractional digits. Stamps must
 * be compared this way: as strings, `…:18Z` sorts after the later `…:18.5Z`.
 */
export function stampMicros(stamp: string): number {
  // Strict, unlike the clock's own reader: a malformed stamp fails the spec rather than reading as 0.
  if (!/^.{19}(?:\.\d{1,6})?Z$/.test(stamp)) throw new Error(`not a timestamp: ${stamp}`);
  return parseMicros(stamp);
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface Client {
  /**
   * Sends `body` (a string as is, anything else as JSON) declared as `contentType`, by default
   * application/json; null declares none. The body goes as bytes, so fetch adds no type of its own.
   */
  send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
    contentType?: string | null,
  ): Promise<JsonResponse>;
  /** `/api/v1/Account/MA_DEMO0001/trunks{rest}` with the demo credentials. */
  vobiz(method: string, rest?: string, body?: unknown): Promise<JsonResponse>;
  /** `/v2/sip-trunk{rest}` with a fresh token for the demo account. */
  videosdk(method: string, rest?: string, body?: unknown): Promise<JsonResponse>;
}

/** A client for one emulator, speaking real HTTP to 127.0.0.1. Bodies that are strings are sent raw. */
export function client(emulator: Emulator): Client {
  const send = async (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
    contentType: string | null = "application/json",
  ): Promise<JsonResponse> => {
    const bytes = (value: unknown) =>
      new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers:
        body === undefined || contentType === null ? headers : { "content-type": contentType, ...headers },
      ...(body === undefined ? {} : { body: bytes(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : JSON.parse(text),
    };
  };
  const vobizHeaders = { "X-Auth-ID": VOBIZ_ID, "X-Auth-Token": VOBIZ_TOKEN };
  return {
    send,
    vobiz: (method: string, rest = "", body?: unknown): Promise<JsonResponse> =>
      send(method, `/api/v1/Account/${VOBIZ_ID}/trunks${rest}`, vobizHeaders, body),
    videosdk: (method: string, rest = "", body?: unknown): Promise<JsonResponse> =>
      send(
        method,
        `/v2/sip-trunk${rest}`,
        { Authorization: mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET) },
        body,
      ),
  };
}

/** Starts an emulator for the tests of one file; stop it in `afterAll`/`afterEach`. */
export function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, ...options });
}

/** The emulator of the running test and a client for it. */
export interface TestEmulator {
  readonly emulator: Emulator;
  readonly api: Client;
}

/**
 * An emulator per test, started by `boot(options)` in the test (each test picks its options) and
 * closed after it. `emulator` and `api` throw until the test has booted one.
 */
export function emulatorPerTest(): TestEmulator & { boot(options?: EmulatorOptions): Promise<void> } {
  let running: TestEmulator | undefined;
  afterEach(async () => {
    const stopping = running;
    running = undefined;
    await stopping?.emulator.close();
  });
  const current = (): TestEmulator => {
    if (running === undefined) throw new Error("no emulator is running: boot() one in this test first");
    return running;
  };
  return {
    async boot(options: EmulatorOptions = {}) {
      const emulator = await start(options);
      running = { emulator, api: client(emulator) };
    },
    get emulator() {
      return current().emulator;
    },
    get api() {
      return current().api;
    },
  };
}

/** An emulator with `options` started before each test and closed after it. */
export function emulatorForEachTest(options: EmulatorOptions = {}): TestEmulator {
  const perTest = emulatorPerTest();
  beforeEach(() => perTest.boot(options));
  return perTest;
}

/** The `error.message` / `details` of a Vobiz error envelope. */
export function vobizError(body: unknown): {
  code: string;
  message: string;
  details: Record<string, string>;
} {
  return (body as { error: { code: string; message: string; details: Record<string, string> } }).error;
}
