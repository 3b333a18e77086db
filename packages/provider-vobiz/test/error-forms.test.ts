import { type ClientMap, type Config, closeAll, connectProviders, ProviderError } from "@trunksync/core";
import { type Emulator, startEmulator } from "@trunksync/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { vobizPlugin } from "../src/index.js";

// providers.md: Vobiz documents an envelope `{ status, error: { code, message, details }, … }`
// and its SDK also knows a flatter `{ api_id, error }`. The plugin must report the provider's
// message from either; the emulator answers each form (`vobizErrorBody`), over 127.0.0.1.

const AUTH_ID = "MA_DEMO0001";
const TOKEN = "demo-vobiz-token";
const SEEDED = "bfab10fb-cb97-488b-9c63-989c32980b0f";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const BODY = { name: "Acme Production Trunk", max_concurrent_calls: 25, enabled: true };

let emulator: Emulator | undefined;
let clients: ClientMap | undefined;
afterEach(async () => {
  if (clients) await closeAll(clients);
  await emulator?.close();
  clients = undefined;
  emulator = undefined;
});

function connect(em: Emulator, authToken = TOKEN) {
  const config: Config = {
    file: "/repo/trunks.yaml",
    digest: "sha256:0",
    providers: {
      "vobiz-prod": {
        name: "vobiz-prod",
        type: "vobiz",
        options: { type: "vobiz", baseUrl: em.url, authId: AUTH_ID, authToken },
        envRefs: { authId: "VOBIZ_AUTH_ID", authToken: "VOBIZ_AUTH_TOKEN" },
        location: { file: "/repo/trunks.yaml", line: 3, col: 3 },
      },
    },
    trunks: [],
  };
  clients = connectProviders(config, new Map([["vobiz", vobizPlugin]]));
  const client = clients.get("vobiz-prod");
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

describe.each([
  { form: "envelope" as const, keys: ["status", "error", "timestamp", "requestId"] },
  { form: "flat" as const, keys: ["api_id", "error"] },
])("vobiz reports the provider's message from the $form error body", ({ form, keys }) => {
  async function start() {
    emulator = await startEmulator({ port: 0, vobizErrorBody: form });
    // What the plugin is up against: the error body in this form, straight from the emulator.
    const raw = await fetch(`${emulator.url}/api/v1/Account/${AUTH_ID}/trunks/${UNKNOWN}`, {
      headers: { "X-Auth-ID": AUTH_ID, "X-Auth-Token": TOKEN },
    });
    expect(Object.keys((await raw.json()) as object)).toEqual(keys);
    return emulator;
  }

  it("on a 404 for an unknown trunk", async () => {
    const error = await providerError(connect(await start()).update(UNKNOWN, BODY));
    expect(error.status).toBe(404);
    expect(error.detail).toBe(`Not Found: Trunk ${UNKNOWN} not found`);
  });

  it("on an update the provider refuses (an injected 422)", async () => {
    const em = await start();
    em.faults.rejectUpdates(SEEDED, { status: 422, message: "trunk is locked by compliance" });
    const error = await providerError(connect(em).update(SEEDED, BODY));
    expect(error.status).toBe(422);
    expect(error.detail).toBe("Unprocessable Entity: trunk is locked by compliance");
  });

  it("on bad credentials", async () => {
    const error = await providerError(connect(await start(), "wrong-token").read([SEEDED]));
    expect(error.status).toBe(401);
    expect(error.detail).toMatch(/^Unauthorized: Authentication failed: check X-Auth-ID and X-Auth-Token/);
  });
});
