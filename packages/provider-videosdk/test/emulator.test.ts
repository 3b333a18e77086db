import { type ClientMap, closeAll, connectProviders, ProviderError, type RetryInfo } from "@trunksync/core";
import { type Emulator, startEmulator } from "@trunksync/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { videosdkPlugin } from "../src/index.js";
import { emulatorConfig } from "./emulator-config.js";

// Over real sockets against the emulator on 127.0.0.1, through core's connectProviders.

const SEEDED = "SqlZqn1U1ezvhWGRek6ow";

let emulator: Emulator;
let clients: ClientMap | undefined;
beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterEach(async () => {
  if (clients) await closeAll(clients);
  clients = undefined;
  await emulator.close();
});

function connect(secret = "demo-videosdk-secret", retries: RetryInfo[] = []) {
  clients = connectProviders(emulatorConfig(emulator.url, secret), new Map([["videosdk", videosdkPlugin]]), {
    onRetry: (i) => retries.push(i),
  });
  const client = clients.get("videosdk");
  if (!client) throw new Error("no client");
  return client;
}

describe("videosdk against the emulator", () => {
  it("reads a trunk, updates it with a full body and reads the change back", async () => {
    const client = connect();
    const [before] = await client.read([SEEDED, "unknown-trunk"]);
    if (before?.status !== "found")
      throw new Error(`expected the seeded trunk, got ${JSON.stringify(before)}`);
    const body = videosdkPlugin.updateBody({
      ...before.trunk.fields,
      name: "Twilio inbound (EU)",
      numbers: ["+442071234567"],
    });
    if (!("body" in body)) throw new Error(`incomplete body: ${body.missing.join(", ")}`);
    const updated = await client.update(SEEDED, body.body);
    expect(updated.fields).toMatchObject({ name: "Twilio inbound (EU)", numbers: ["+442071234567"] });
    expect(updated.fingerprint).not.toBe(before.trunk.fingerprint);
    const [after] = await client.read([SEEDED]);
    expect(after).toEqual({ id: SEEDED, status: "found", trunk: updated });
    expect(emulator.stats().byRoute).toMatchObject({ "videosdk.get": 3, "videosdk.update": 1 });
  });

  it("reports an unknown trunk as missing", async () => {
    expect(await connect().read(["unknown-trunk"])).toEqual([{ id: "unknown-trunk", status: "missing" }]);
  });

  it("retries an injected 503 on an update (PUT is idempotent)", async () => {
    const retries: RetryInfo[] = [];
    const client = connect("demo-videosdk-secret", retries);
    const [read] = await client.read([SEEDED]);
    if (read?.status !== "found") throw new Error("expected the seeded trunk");
    emulator.faults.next(1, "fail", { status: 503, route: "videosdk.update" });
    const updated = await client.update(SEEDED, read.trunk.fields);
    expect(updated.fields).toEqual(read.trunk.fields);
    expect(retries).toMatchObject([{ method: "PUT", status: 503, attempt: 1 }]);
  });

  it("fails fast when the token is signed with the wrong secret, naming the block", async () => {
    const error = await connect("not-the-secret")
      .read([SEEDED])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    const message = (error as ProviderError).message;
    expect(message).toMatch(/^\[videosdk\] GET \/v2\/sip-trunk\/SqlZqn1U1ezvhWGRek6ow: 401 Unauthorized/);
    expect(message).toContain(
      'check the credentials of provider block "videosdk" (VIDEOSDK_API_KEY, VIDEOSDK_SECRET)',
    );
    expect(message).not.toContain("not-the-secret");
    expect(emulator.stats().total).toBe(1);
  });
});

// providers.md: VideoSDK's error bodies are undocumented; its message may be under `message`,
// `error`, `msg` or `statusMessage`. The plugin must report it from each; the emulator answers
// each form (`videoSdkMessageField`), over 127.0.0.1.

const UNKNOWN = "AAAAAAAAAAAAAAAAAAAAA";
const BODY = {
  auth: { username: "acme", password: "demo-sip-password" },
  name: "Twilio inbound",
  domain: "acme.pstn.twilio.com",
  direction: "inbound",
  numbers: ["+14155550100"],
};

/** The rejection of `promise`, which must be a ProviderError. */
async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe.each(["message", "error", "msg", "statusMessage"] as const)(
  "videosdk reports the provider's message from { statusCode, %s }",
  (field) => {
    /** Replaces the default emulator with one that words its errors this way. */
    async function start() {
      await emulator.close();
      emulator = await startEmulator({ port: 0, videoSdkMessageField: field });
      // What the plugin is up against: the error body in this form, straight from the emulator.
      const raw = await fetch(`${emulator.url}/v2/sip-trunk/${SEEDED}`);
      expect(Object.keys((await raw.json()) as object)).toEqual(["statusCode", field]);
    }

    it("on a 404 for an unknown trunk", async () => {
      await start();
      const error = await providerError(connect().update(UNKNOWN, BODY));
      expect(error.status).toBe(404);
      expect(error.detail).toBe(`Not Found: SIP trunk ${UNKNOWN} not found`);
    });

    it("on an update the provider refuses (an injected 422)", async () => {
      await start();
      emulator.faults.rejectUpdates(SEEDED, { status: 422, message: "trunk is provisioning" });
      const error = await providerError(connect().update(SEEDED, BODY));
      expect(error.status).toBe(422);
      expect(error.detail).toBe("Unprocessable Entity: trunk is provisioning");
    });

    it("on a token signed with the wrong secret", async () => {
      await start();
      const error = await providerError(connect("not-the-secret").read([SEEDED]));
      expect(error.status).toBe(401);
      expect(error.detail).toBe("Unauthorized: Invalid token: bad signature");
    });
  },
);
