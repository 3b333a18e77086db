import {
  type ClientMap,
  type Config,
  closeAll,
  connectProviders,
  ProviderError,
  type RetryInfo,
} from "@trunksync/core";
import { type Emulator, startEmulator } from "@trunksync/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { vobizPlugin } from "../src/index.js";

// Over real sockets against the emulator on 127.0.0.1, through core's connectProviders.

const AUTH_ID = "MA_DEMO0001";
const TOKEN = "demo-vobiz-token";
const SEEDED = "bfab10fb-cb97-488b-9c63-989c32980b0f";

let emulator: Emulator | undefined;
let clients: ClientMap | undefined;
afterEach(async () => {
  if (clients) await closeAll(clients);
  await emulator?.close();
  clients = undefined;
  emulator = undefined;
});

function config(baseUrl: string, authToken = TOKEN): Config {
  return {
    file: "/repo/trunks.yaml",
    digest: "sha256:0",
    providers: {
      "vobiz-prod": {
        name: "vobiz-prod",
        type: "vobiz",
        options: { type: "vobiz", baseUrl, authId: AUTH_ID, authToken, concurrency: 8 },
        envRefs: { authId: "VOBIZ_AUTH_ID", authToken: "VOBIZ_AUTH_TOKEN" },
        location: { file: "/repo/trunks.yaml", line: 3, col: 3 },
      },
    },
    trunks: [],
  };
}

function connect(em: Emulator, authToken?: string, retries: RetryInfo[] = []) {
  clients = connectProviders(config(em.url, authToken), new Map([["vobiz", vobizPlugin]]), {
    onRetry: (info) => retries.push(info),
  });
  const client = clients.get("vobiz-prod");
  if (!client) throw new Error("no client");
  return client;
}

/** An account holding exactly `count` generated trunks. */
async function emulatorWith(count: number, vobizCountField?: "total" | "total_count") {
  emulator = await startEmulator({
    port: 0,
    seed: { vobiz: [{ authId: AUTH_ID, authToken: TOKEN, trunks: [] }], videosdk: [] },
    generate: count,
    ...(vobizCountField ? { vobizCountField } : {}),
  });
  return emulator;
}

describe("vobiz against the emulator", () => {
  it.each(["total", "total_count"] as const)(
    "reads 250 trunks with exactly 3 list GETs and no PUT when the count is named %s",
    async (countField) => {
      const em = await emulatorWith(250, countField);
      const ids = [...(em.state.vobiz.get(AUTH_ID)?.trunks.values() ?? [])].map((t) => t.trunk_id);
      expect(ids).toHaveLength(250);
      const reads = await connect(em).read(ids);
      expect(reads.filter((r) => r.status === "found")).toHaveLength(250);
      const byRoute = em.stats().byRoute;
      expect(byRoute["vobiz.list"]).toBe(3);
      expect(byRoute["vobiz.get"] ?? 0).toBe(0);
      expect(byRoute["vobiz.update"] ?? 0).toBe(0);
    },
  );

  it("reads a few trunks with one GET each", async () => {
    emulator = await startEmulator({ port: 0 });
    const reads = await connect(emulator).read([SEEDED, "00000000-0000-4000-8000-000000000000"]);
    expect(reads).toEqual([
      {
        id: SEEDED,
        status: "found",
        trunk: {
          id: SEEDED,
          fields: { name: "Acme Production Trunk", max_concurrent_calls: 10, enabled: true },
          fingerprint: "2026-05-12T05:12:18.147340Z",
        },
      },
      { id: "00000000-0000-4000-8000-000000000000", status: "missing" },
    ]);
    expect(emulator.stats().byRoute["vobiz.get"]).toBe(2);
  });

  it("retries injected 503s and succeeds", async () => {
    emulator = await startEmulator({ port: 0 });
    emulator.faults.next(2, "fail", { status: 503, route: "vobiz.get" });
    const retries: RetryInfo[] = [];
    const [read] = await connect(emulator, TOKEN, retries).read([SEEDED]);
    expect(read?.status).toBe("found");
    expect(retries.map((r) => r.status)).toEqual([503, 503]);
    expect(emulator.stats().byStatus).toMatchObject({ "503": 2, "200": 1 });
  });

  it("waits as long as a 429's Retry-After asks and then succeeds", async () => {
    emulator = await startEmulator({ port: 0 });
    emulator.faults.set({ rateLimit: 1 }, "vobiz.get");
    const retries: RetryInfo[] = [];
    const client = connect(emulator, TOKEN, retries);
    const [first] = await client.read([SEEDED]);
    const [second] = await client.read([SEEDED]);
    expect([first?.status, second?.status]).toEqual(["found", "found"]);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ status: 429, attempt: 1 });
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(1_000);
  });

  it("fails fast on bad credentials, with one request and a message naming the provider block", async () => {
    emulator = await startEmulator({ port: 0 });
    const error = await connect(emulator, "wrong-token")
      .read([SEEDED])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    const message = (error as ProviderError).message;
    expect(message).toMatch(
      /^\[vobiz-prod\] GET \/api\/v1\/Account\/MA_DEMO0001\/trunks\/[\w-]+: 401 Unauthorized: /,
    );
    expect(message).toContain(
      'check the credentials of provider block "vobiz-prod" (VOBIZ_AUTH_ID, VOBIZ_AUTH_TOKEN)',
    );
    expect(message).not.toContain("wrong-token");
    expect(emulator.stats().total).toBe(1);
  });

  it("updates a trunk with a full body and reads the change back", async () => {
    emulator = await startEmulator({ port: 0 });
    const client = connect(emulator);
    const updated = await client.update(SEEDED, {
      name: "Acme Production Trunk",
      max_concurrent_calls: 25,
      enabled: false,
    });
    expect(updated.fields).toEqual({
      name: "Acme Production Trunk",
      max_concurrent_calls: 25,
      enabled: false,
    });
    expect(updated.fingerprint).not.toBe("2026-05-12T05:12:18.147340Z");
    const [read] = await client.read([SEEDED]);
    expect(read).toEqual({ id: SEEDED, status: "found", trunk: updated });
  });

  it("lists every trunk on the account", async () => {
    const em = await emulatorWith(230);
    const listed = (await connect(em).list?.()) ?? [];
    expect(listed).toHaveLength(230);
    expect(em.stats().byRoute["vobiz.list"]).toBe(3);
  });

  // providers.md's Decision: a plugin also reads trunk_status enabled/disabled as true/false.
  it.each([
    { status: "enabled", enabled: true },
    { status: "disabled", enabled: false },
  ] as const)("reads a served trunk_status of $status as enabled: $enabled", async ({ status, enabled }) => {
    emulator = await startEmulator({
      port: 0,
      seed: {
        vobiz: [{ authId: AUTH_ID, authToken: TOKEN, trunks: [{ trunk_id: SEEDED, trunk_status: status }] }],
        videosdk: [],
      },
    });
    const [read] = await connect(emulator).read([SEEDED]);
    expect(read).toMatchObject({ status: "found", trunk: { fields: { enabled } } });
  });
});

// providers.md: Vobiz documents an envelope `{ status, error: { code, message, details }, … }`
// and its SDK also knows a flatter `{ api_id, error, message }`. The plugin must report the
// provider's message from either; the emulator answers each form (`vobizErrorBody`), over
// 127.0.0.1. The flat form puts a short code in `error` and the message in `message`, so only a
// plugin that reads `message` before `error` (providers.md's order) reports the message.

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const BACKUP = "3c1f7a52-9d4e-4b8a-a1c6-2f5e8d9b0a17";
const BODY = { name: "Acme Production Trunk", max_concurrent_calls: 25, enabled: true };

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
  { form: "flat" as const, keys: ["api_id", "error", "message"] },
])("vobiz reports the provider's message from the $form error body", ({ form, keys }) => {
  async function start() {
    emulator = await startEmulator({ port: 0, vobizErrorBody: form });
    // What the plugin is up against: the error body in this form, straight from the emulator.
    const raw = await fetch(`${emulator.url}/api/v1/Account/${AUTH_ID}/trunks/${UNKNOWN}`, {
      headers: { "X-Auth-ID": AUTH_ID, "X-Auth-Token": TOKEN },
    });
    const body = (await raw.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(keys);
    // Flat: the code in `error`, the message in `message`. The details below are the message, so
    // a plugin that read `error` first would fail them with "Not Found: NOT_FOUND".
    if (form === "flat") {
      expect(body).toMatchObject({ error: "NOT_FOUND", message: `Trunk ${UNKNOWN} not found` });
    }
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

  // providers.md: "422 validation failed (field errors in `details`)". The emulator answers it for
  // a well-typed value out of range; its message names the field, so both forms carry it.
  it("on a value the provider refuses (a 422 naming the field), failing only that trunk", async () => {
    const em = await start();
    const client = connect(em);
    // Both in flight at once, as an apply sends them.
    const refused = providerError(client.update(SEEDED, { ...BODY, name: "x".repeat(256) }));
    const accepted = client.update(BACKUP, {
      name: "Acme Backup Trunk",
      max_concurrent_calls: 5,
      enabled: true,
    });
    const error = await refused;
    expect(error.status).toBe(422);
    expect(error.detail).toBe("Unprocessable Entity: Validation failed: name must be 1 to 255 characters");
    expect(error.message).toBe(
      `[vobiz-prod] PUT /api/v1/Account/${AUTH_ID}/trunks/${SEEDED}: 422 ${error.detail}`,
    );
    expect(await accepted).toMatchObject({
      id: BACKUP,
      fields: { name: "Acme Backup Trunk", max_concurrent_calls: 5, enabled: true },
    });
    expect(em.state.vobiz.get(AUTH_ID)?.trunks.get(SEEDED)?.name).toBe("Acme Production Trunk");
    // A 422 is final: sent once, not retried.
    expect(em.stats().byStatus["422"]).toBe(1);
    expect(em.stats().byRoute["vobiz.update"]).toBe(2);
  });

  it("on bad credentials", async () => {
    const error = await providerError(connect(await start(), "wrong-token").read([SEEDED]));
    expect(error.status).toBe(401);
    expect(error.detail).toMatch(/^Unauthorized: Authentication failed: check X-Auth-ID and X-Auth-Token/);
  });
});
