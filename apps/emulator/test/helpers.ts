import { type Emulator, type EmulatorOptions, mintVideoSdkToken, startEmulator } from "../src/index.js";

export const VOBIZ_ID = "MA_DEMO0001";
export const VOBIZ_TOKEN = "demo-vobiz-token";
export const ACME_TRUNK = "bfab10fb-cb97-488b-9c63-989c32980b0f";
export const VIDEOSDK_KEY = "demo-videosdk-key";
export const VIDEOSDK_SECRET = "demo-videosdk-secret";
export const SEED_SIP_TRUNK = "SqlZqn1U1ezvhWGRek6ow";

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface Client {
  send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<JsonResponse>;
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
  ): Promise<JsonResponse> => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
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

/** The `error.message` / `details` of a Vobiz error envelope. */
export function vobizError(body: unknown): {
  code: string;
  message: string;
  details: Record<string, string>;
} {
  return (body as { error: { code: string; message: string; details: Record<string, string> } }).error;
}
