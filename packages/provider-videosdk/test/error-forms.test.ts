import { type ClientMap, closeAll, connectProviders, ProviderError } from "@trunksync/core";
import { type Emulator, startEmulator } from "@trunksync/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { videosdkPlugin } from "../src/index.js";
import { emulatorConfig } from "./emulator-config.js";

// providers.md: VideoSDK's error bodies are undocumented; its message may be under `message`,
// `error`, `msg` or `statusMessage`. The plugin must report it from each; the emulator answers
// each form (`videoSdkMessageField`), over 127.0.0.1.

const SEEDED = "SqlZqn1U1ezvhWGRek6ow";
const UNKNOWN = "AAAAAAAAAAAAAAAAAAAAA";
const BODY = {
  auth: { username: "acme", password: "demo-sip-password" },
  name: "Twilio inbound",
  domain: "acme.pstn.twilio.com",
  direction: "inbound",
  numbers: ["+14155550100"],
};

let emulator: Emulator | undefined;
let clients: ClientMap | undefined;
afterEach(async () => {
  if (clients) await closeAll(clients);
  await emulator?.close();
  clients = undefined;
  emulator = undefined;
});

function connect(em: Emulator, secret = "demo-videosdk-secret") {
  clients = connectProviders(emulatorConfig(em.url, secret), new Map([["videosdk", videosdkPlugin]]));
  const client = clients.get("videosdk");
  if (!client) throw new Error("no client");
  return client;
}

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
    async function start() {
      emulator = await startEmulator({ port: 0, videoSdkMessageField: field });
      // What the plugin is up against: the error body in this form, straight from the emulator.
      const raw = await fetch(`${emulator.url}/v2/sip-trunk/${SEEDED}`);
      expect(Object.keys((await raw.json()) as object)).toEqual(["statusCode", field]);
      return emulator;
    }

    it("on a 404 for an unknown trunk", async () => {
      const error = await providerError(connect(await start()).update(UNKNOWN, BODY));
      expect(error.status).toBe(404);
      expect(error.detail).toBe(`Not Found: SIP trunk ${UNKNOWN} not found`);
    });

    it("on an update the provider refuses (an injected 422)", async () => {
      const em = await start();
      em.faults.rejectUpdates(SEEDED, { status: 422, message: "trunk is provisioning" });
      const error = await providerError(connect(em).update(SEEDED, BODY));
      expect(error.status).toBe(422);
      expect(error.detail).toBe("Unprocessable Entity: trunk is provisioning");
    });

    it("on a token signed with the wrong secret", async () => {
      const error = await providerError(connect(await start(), "not-the-secret").read([SEEDED]));
      expect(error.status).toBe(401);
      expect(error.detail).toBe("Unauthorized: Invalid token: bad signature");
    });
  },
);
