import { describe, expect, it } from "vitest";
import { VIDEOSDK_MESSAGE_FIELDS } from "../src/error-body.js";
import { type EmulatorOptions, mintVideoSdkToken, startEmulator } from "../src/index.js";
import {
  ACME_TRUNK,
  emulatorPerTest,
  type JsonResponse,
  SEED_SIP_TRUNK,
  SIP_BODY,
  type TestEmulator,
  VIDEOSDK_KEY,
  VIDEOSDK_SECRET,
  VOBIZ_ID,
  VOBIZ_TOKEN,
} from "./helpers.js";

// providers.md tells clients to read Vobiz's message from `error.message`, then `message`, then
// `error` (string), and VideoSDK's from `message`, `error`, `msg` or `statusMessage`. Options make
// the emulator answer each of those forms, so clients can be tested against all of them.

const server = emulatorPerTest();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PUT_BODY = { name: "Acme Production Trunk", max_concurrent_calls: 10, enabled: true };

/** One way to make the emulator answer with an error, and the message that answer carries. */
interface ErrorCase {
  case: string;
  status: number;
  message: RegExp;
  request: (s: TestEmulator) => Promise<JsonResponse>;
}

/** A Vobiz error also carries a code: the envelope's `error.code`, the flat form's `error`. */
interface VobizErrorCase extends ErrorCase {
  code: string;
}

/**
 * Swaps a stored trunk for a copy whose `name` throws when read: a handler that serialises it
 * fails as a bug would, through the live store tests may change.
 */
function breakTrunk<T extends object>(
  store: { get(id: string): T | undefined; set(id: string, trunk: T): void },
  id: string,
): void {
  const trunk = store.get(id);
  if (trunk === undefined) throw new Error(`no trunk ${id} to break`);
  const broken = { ...trunk };
  Object.defineProperty(broken, "name", {
    get() {
      throw new Error("store corrupted");
    },
  });
  store.set(id, broken);
}

const ACME_PATH = `/api/v1/Account/${VOBIZ_ID}/trunks/${ACME_TRUNK}`;

/** Every kind of Vobiz error answer, with the message each one carries. */
const VOBIZ_ERRORS: VobizErrorCase[] = [
  {
    case: "an unknown trunk",
    code: "NOT_FOUND",
    status: 404,
    message: /^Trunk 00000000-0000-4000-8000-000000000000 not found$/,
    request: (s) => s.api.vobiz("GET", "/00000000-0000-4000-8000-000000000000"),
  },
  {
    case: "bad credentials",
    code: "UNAUTHORIZED",
    status: 401,
    message: /^Authentication failed/,
    request: (s) => s.api.send("GET", `/api/v1/Account/${VOBIZ_ID}/trunks`, { "X-Auth-ID": VOBIZ_ID }),
  },
  {
    case: "a lower-case account path",
    code: "UNAUTHORIZED",
    status: 401,
    message: /^Authentication failed/,
    request: (s) => s.api.send("GET", `/api/v1/account/${VOBIZ_ID}/trunks`, {}),
  },
  {
    case: "a PUT missing fields",
    code: "INVALID_PARAMETERS",
    status: 400,
    message: /^Invalid parameters: max_concurrent_calls is required; enabled is required$/,
    request: (s) => s.api.vobiz("PUT", `/${ACME_TRUNK}`, { name: "x" }),
  },
  {
    case: "a PUT with a value out of range",
    code: "VALIDATION_FAILED",
    status: 422,
    // The flat form has no details: its message alone must name the field and the problem.
    message: /^Validation failed: max_concurrent_calls must be from 0 to 9007199254740991$/,
    request: (s) => s.api.vobiz("PUT", `/${ACME_TRUNK}`, { ...PUT_BODY, max_concurrent_calls: -1 }),
  },
  {
    case: "an injected 503",
    code: "SERVICE_UNAVAILABLE",
    status: 503,
    message: /^Service Unavailable$/,
    request: (s) => {
      s.emulator.faults.next(1, "fail", { status: 503 });
      return s.api.vobiz("GET");
    },
  },
  {
    case: "a rejected update",
    code: "VALIDATION_FAILED",
    status: 422,
    message: /^trunk is locked$/,
    request: (s) => {
      s.emulator.faults.rejectUpdates(ACME_TRUNK, { message: "trunk is locked" });
      return s.api.vobiz("PUT", `/${ACME_TRUNK}`, PUT_BODY);
    },
  },
  {
    case: "the rate limit",
    code: "RATE_LIMIT_EXCEEDED",
    status: 429,
    message: /^Rate limit exceeded/,
    request: async (s) => {
      s.emulator.faults.set({ rateLimit: 0.1 });
      await s.api.vobiz("GET");
      return s.api.vobiz("GET");
    },
  },
  {
    case: "an unknown route",
    code: "NOT_FOUND",
    status: 404,
    message: /^No route for/,
    request: (s) => s.api.vobiz("GET", `/${ACME_TRUNK}/calls`),
  },
  {
    case: "a method the trunk does not have",
    code: "METHOD_NOT_ALLOWED",
    status: 405,
    message: new RegExp(`^Method PATCH is not allowed on ${ACME_PATH}; allowed: GET, HEAD, PUT, DELETE$`),
    request: (s) => s.api.vobiz("PATCH", `/${ACME_TRUNK}`, PUT_BODY),
  },
  {
    case: "a malformed percent-escape in the path",
    code: "INVALID_PARAMETERS",
    status: 400,
    message: /^Malformed percent-encoding in path segment "bfab%zz"$/,
    request: (s) => s.api.vobiz("GET", "/bfab%zz"),
  },
  {
    case: "a body sent as text/plain",
    code: "UNSUPPORTED_MEDIA_TYPE",
    status: 415,
    message: /^Unsupported Media Type: send the body as application\/json, got "text\/plain"$/,
    request: (s) =>
      s.api.send(
        "PUT",
        ACME_PATH,
        { "X-Auth-ID": VOBIZ_ID, "X-Auth-Token": VOBIZ_TOKEN },
        PUT_BODY,
        "text/plain",
      ),
  },
  {
    case: "an exception in the handler",
    code: "INTERNAL_ERROR",
    status: 500,
    message: /^Internal error: store corrupted$/,
    request: (s) => {
      const store = s.emulator.state.vobiz.get(VOBIZ_ID)?.trunks;
      if (store === undefined) throw new Error("no demo account");
      breakTrunk(store, ACME_TRUNK);
      return s.api.vobiz("GET", `/${ACME_TRUNK}`);
    },
  },
];

describe("Vobiz error bodies (vobizErrorBody)", () => {
  it.each(VOBIZ_ERRORS)(
    "answers $case ($status) in the documented envelope by default",
    async ({ status, code, message, request }) => {
      await server.boot();
      const response = await request(server);
      expect(response.status).toBe(status);
      expect(response.body).toEqual({
        status: "error",
        error: {
          code,
          message: expect.stringMatching(message),
          details: expect.any(Object),
        },
        timestamp: expect.any(String),
        requestId: expect.any(String),
      });
    },
  );

  // `error` and `message` differ, so a client that reads `error` before `message` shows the code:
  // only providers.md's order (`error.message`, then `message`, then `error`) finds the message.
  it.each(VOBIZ_ERRORS)(
    "answers $case ($status) as { api_id, error: $code, message } when flat",
    async ({ status, code, message, request }) => {
      await server.boot({ vobizErrorBody: "flat" });
      const response = await request(server);
      expect(response.status).toBe(status);
      expect(response.body).toEqual({
        api_id: expect.stringMatching(UUID),
        error: code,
        message: expect.stringMatching(message),
      });
      expect(Object.keys(response.body as object)).toEqual(["api_id", "error", "message"]);
    },
  );

  it("gives every flat answer its own api_id", async () => {
    await server.boot({ vobizErrorBody: "flat" });
    const ids = new Set<unknown>();
    for (let i = 0; i < 3; i++)
      ids.add(((await server.api.vobiz("GET", "/missing")).body as { api_id: unknown }).api_id);
    expect(ids.size).toBe(3);
  });

  it("accepts envelope, the default, by name", async () => {
    await server.boot({ vobizErrorBody: "envelope" });
    expect((await server.api.vobiz("GET", "/missing")).body).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});

/** Every kind of VideoSDK error answer, with the message each one carries. */
const VIDEOSDK_ERRORS: ErrorCase[] = [
  {
    case: "an unknown trunk",
    status: 404,
    message: /^SIP trunk AAAAAAAAAAAAAAAAAAAAA not found$/,
    request: (s) => s.api.videosdk("GET", "/AAAAAAAAAAAAAAAAAAAAA"),
  },
  {
    case: "a missing token",
    status: 401,
    message: /^Authorization header is missing$/,
    request: (s) => s.api.send("GET", `/v2/sip-trunk/${SEED_SIP_TRUNK}`, {}),
  },
  {
    case: "an invalid body",
    status: 400,
    message: /^name must be a string of at least 3 characters$/,
    request: (s) => s.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, { ...SIP_BODY, name: "ab" }),
  },
  {
    case: "an injected 502",
    status: 502,
    message: /^Bad Gateway$/,
    request: (s) => {
      s.emulator.faults.next(1, "fail", { status: 502 });
      return s.api.videosdk("GET", `/${SEED_SIP_TRUNK}`);
    },
  },
  {
    case: "a rejected update",
    status: 400,
    message: /^trunk is provisioning$/,
    request: (s) => {
      s.emulator.faults.rejectUpdates(SEED_SIP_TRUNK, { status: 400, message: "trunk is provisioning" });
      return s.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, SIP_BODY);
    },
  },
  {
    case: "an unknown route",
    status: 404,
    message: /^No route for \/v2\/sip-trunk\/AAAAAAAAAAAAAAAAAAAAA\/numbers$/,
    request: (s) => s.api.videosdk("GET", "/AAAAAAAAAAAAAAAAAAAAA/numbers"),
  },
  {
    case: "a method the collection does not have (no list)",
    status: 405,
    message: /^Method GET is not allowed on \/v2\/sip-trunk; allowed: POST$/,
    request: (s) => s.api.videosdk("GET"),
  },
  {
    case: "a malformed percent-escape in the path",
    status: 400,
    message: /^Malformed percent-encoding in path segment "%E0%A4%A"$/,
    request: (s) => s.api.videosdk("GET", "/%E0%A4%A"),
  },
  {
    case: "a body sent as a form",
    status: 415,
    message:
      /^Unsupported Media Type: send the body as application\/json, got "application\/x-www-form-urlencoded"$/,
    request: (s) =>
      s.api.send(
        "POST",
        "/v2/sip-trunk",
        { Authorization: mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET) },
        "name=x",
        "application/x-www-form-urlencoded",
      ),
  },
  {
    case: "an exception in the handler",
    status: 500,
    message: /^Internal error: store corrupted$/,
    request: (s) => {
      const store = s.emulator.state.videosdk.get(VIDEOSDK_KEY)?.trunks;
      if (store === undefined) throw new Error("no demo account");
      breakTrunk(store, SEED_SIP_TRUNK);
      return s.api.videosdk("GET", `/${SEED_SIP_TRUNK}`);
    },
  },
];

describe("VideoSDK error bodies (videoSdkMessageField)", () => {
  it.each(VIDEOSDK_MESSAGE_FIELDS.flatMap((field) => VIDEOSDK_ERRORS.map((row) => ({ field, ...row }))))(
    "answers $case ($status) as { statusCode, $field }",
    async ({ field, status, message, request }) => {
      await server.boot(field === "message" ? {} : { videoSdkMessageField: field });
      const response = await request(server);
      expect(response.status).toBe(status);
      expect(response.body).toEqual({ statusCode: status, [field]: expect.stringMatching(message) });
    },
  );
});

describe("error form options", () => {
  it.each([
    {
      options: { vobizErrorBody: "nested" },
      error: /vobizErrorBody must be "envelope" or "flat", got nested/,
    },
    {
      options: { videoSdkMessageField: "detail" },
      error: /videoSdkMessageField must be "message", "error", "msg" or "statusMessage", got detail/,
    },
  ])("refuses $options with a message naming the option", async ({ options, error }) => {
    await expect(startEmulator(options as EmulatorOptions)).rejects.toThrow(error);
  });
});
