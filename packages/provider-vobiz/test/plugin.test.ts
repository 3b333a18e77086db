import {
  connectProviders,
  createHttpClient,
  type JsonObject,
  type ProviderClient,
  ProviderError,
  type ProviderPlugin,
} from "@trunksync/core";
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import defaultExport, { optionsSchema, trunkSchema, vobizPlugin } from "../src/index.js";
import { idOf, vobizTrunk } from "./trunks.js";

const ORIGIN = "https://api.vobiz.ai";
const AUTH_ID = "MA_TEST0001";
const TOKEN = "vobiz-secret-token";
const BASE = `/api/v1/Account/${AUTH_ID}/trunks`;

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

function connect(concurrency = 4, authId = AUTH_ID): ProviderClient {
  const options = { type: "vobiz", authId, authToken: TOKEN, concurrency };
  const profile = vobizPlugin.httpProfile(options);
  const http = createHttpClient({
    provider: "vobiz-prod",
    baseUrl: vobizPlugin.defaultBaseUrl,
    concurrency,
    timeoutMs: 5_000,
    dispatcher: agent,
    sleep: async () => {},
    ...profile,
  });
  return vobizPlugin.connect(options, { providerName: "vobiz-prod", http });
}

/** The client as every caller gets it, through core's `connectProviders` (which lists each id once). */
function connectThroughCore(concurrency = 1): ProviderClient {
  // Core's own HTTP client goes unused (it opens no socket before a request): the mock agent answers.
  const mocked: ProviderPlugin = { ...vobizPlugin, connect: () => connect(concurrency) };
  const location = { file: "/repo/trunks.yaml", line: 3, col: 3 };
  const options = { type: "vobiz", authId: AUTH_ID, authToken: TOKEN, concurrency };
  const block = { name: "vobiz-prod", type: "vobiz", options, envRefs: {}, location };
  const config = { file: location.file, digest: "sha256:0", providers: { "vobiz-prod": block }, trunks: [] };
  const client = connectProviders(config, new Map([["vobiz", mocked]])).get("vobiz-prod");
  if (!client) throw new Error("no client");
  return client;
}

const api = () => agent.get(ORIGIN);

/** Serves `count` trunks as list pages of 100, with the count under `countField` (or none). */
function serveList(count: number, countField: "total" | "total_count" | null, pages: number) {
  for (let page = 0; page < pages; page += 1) {
    const offset = page * 100;
    const objects = Array.from({ length: Math.max(0, Math.min(100, count - offset)) }, (_, i) =>
      vobizTrunk(offset + i),
    );
    const meta: JsonObject = { limit: 100, offset, ...(countField ? { [countField]: count } : {}) };
    api()
      .intercept({ path: `${BASE}?limit=100&offset=${offset}`, method: "GET" })
      .reply(200, { meta, objects });
  }
}

describe("the vobiz plugin object", () => {
  it("is the named and the default export, with its schemas", () => {
    expect(defaultExport).toBe(vobizPlugin);
    expect(vobizPlugin.optionsSchema).toBe(optionsSchema);
    expect(vobizPlugin.trunkSchema).toBe(trunkSchema);
    expect(vobizPlugin).toMatchObject({ type: "vobiz", defaultBaseUrl: ORIGIN, fields: {} });
  });

  it("tells which account a block reads: its auth id, whatever the token", () => {
    const options = { type: "vobiz", authId: AUTH_ID, authToken: TOKEN };
    expect(vobizPlugin.accountId?.(options)).toBe(AUTH_ID);
    expect(vobizPlugin.accountId?.({ ...options, authToken: "another-token" })).toBe(AUTH_ID);
  });

  it("authenticates with X-Auth-ID and X-Auth-Token and reads errors from the envelope first", () => {
    expect(vobizPlugin.httpProfile({ type: "vobiz", authId: AUTH_ID, authToken: TOKEN })).toEqual({
      headers: { "X-Auth-ID": AUTH_ID, "X-Auth-Token": TOKEN },
      errorMessagePaths: ["error.message", "message", "error"],
    });
  });
});

describe("reading a few trunks", () => {
  it("sends one authenticated GET per id and reports unknown ids as missing", async () => {
    let headers: Record<string, string> = {};
    api()
      .intercept({ path: `${BASE}/${idOf(1)}`, method: "GET" })
      .reply(200, (opts) => {
        headers = opts.headers as Record<string, string>;
        return vobizTrunk(1);
      });
    api()
      .intercept({ path: `${BASE}/${idOf(2)}`, method: "GET" })
      .reply(404, { status: "error", error: { code: "NOT_FOUND", message: "trunk not found" } });
    const reads = await connect().read([idOf(1), idOf(2)]);
    expect(reads).toEqual([
      { id: idOf(1), status: "found", trunk: expect.objectContaining({ id: idOf(1) }) },
      { id: idOf(2), status: "missing" },
    ]);
    expect(headers["x-auth-id"]).toBe(AUTH_ID);
    expect(headers["x-auth-token"]).toBe(TOKEN);
  });

  it("URL-encodes the auth id in the Account path", async () => {
    api()
      .intercept({ path: `/api/v1/Account/MA%2FODD%20ID/trunks/${idOf(1)}`, method: "GET" })
      .reply(200, vobizTrunk(1));
    const [read] = await connect(4, "MA/ODD ID").read([idOf(1)]);
    expect(read?.status).toBe("found");
  });

  it("fails one trunk with an unknown status, naming provider, trunk and value, and keeps the others", async () => {
    api()
      .intercept({ path: `${BASE}/${idOf(1)}`, method: "GET" })
      .reply(200, vobizTrunk(1, { trunk_status: "suspended" }));
    api()
      .intercept({ path: `${BASE}/${idOf(2)}`, method: "GET" })
      .reply(200, vobizTrunk(2));
    const reads = await connect().read([idOf(1), idOf(2)]);
    expect(reads[0]).toEqual({
      id: idOf(1),
      status: "failed",
      message: `[vobiz-prod] trunk ${idOf(1)}: trunk_status "suspended" is not one of active, inactive, enabled, disabled`,
    });
    expect(reads[1]?.status).toBe("found");
  });

  it("fails one trunk whose read errs, with the provider's message", async () => {
    api()
      .intercept({ path: `${BASE}/${idOf(1)}`, method: "GET" })
      .reply(400, { error: { message: "bad trunk id" } });
    const [read] = await connect().read([idOf(1)]);
    expect(read).toEqual({
      id: idOf(1),
      status: "failed",
      message: `[vobiz-prod] GET ${BASE}/${idOf(1)}: 400 Bad Request: bad trunk id`,
    });
  });

  it("rejects the whole read on bad credentials, so the provider is reported once", async () => {
    api()
      .intercept({ path: `${BASE}/${idOf(1)}`, method: "GET" })
      .reply(401, { error: { message: "invalid auth" } });
    const error = await connect()
      .read([idOf(1)])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).status).toBe(401);
    expect((error as ProviderError).message).not.toContain(TOKEN);
  });
});

describe("reading many trunks through the list", () => {
  it.each(["total", "total_count"] as const)(
    "pages 250 trunks in 3 GETs of 100 when the count is named %s",
    async (countField) => {
      serveList(250, countField, 3);
      const ids = [idOf(0), idOf(149), idOf(249), "not-there", idOf(7)];
      const reads = await connect(4).read(ids);
      expect(reads.map((r) => [r.id, r.status])).toEqual([
        [idOf(0), "found"],
        [idOf(149), "found"],
        [idOf(249), "found"],
        ["not-there", "missing"],
        [idOf(7), "found"],
      ]);
    },
  );

  it("asks for exactly one page when the count fits in it", async () => {
    serveList(100, "total", 1);
    expect(await connect(1).list?.()).toHaveLength(100);
  });

  it("pages on until a short page when the answer has no count", async () => {
    serveList(230, null, 3);
    const reads = (await connect(1).list?.()) ?? [];
    expect(reads).toHaveLength(230);
    expect(new Set(reads.map((r) => r.id)).size).toBe(230);
  });

  it("lists each trunk once even when pages overlap", async () => {
    const meta = { limit: 100, offset: 0, total: 101 };
    api()
      .intercept({ path: `${BASE}?limit=100&offset=0`, method: "GET" })
      .reply(200, { meta, objects: Array.from({ length: 100 }, (_, i) => vobizTrunk(i)) });
    api()
      .intercept({ path: `${BASE}?limit=100&offset=100`, method: "GET" })
      .reply(200, { meta: { ...meta, offset: 100 }, objects: [vobizTrunk(99)] });
    expect(await connectThroughCore(1).list?.()).toHaveLength(100);
  });

  it("fails the list when an answer has no objects array", async () => {
    api()
      .intercept({ path: `${BASE}?limit=100&offset=0`, method: "GET" })
      .reply(200, { meta: { total: 3 } });
    const error = await connect(1)
      .list?.()
      .catch((e: unknown) => e);
    expect((error as ProviderError).message).toBe(
      `[vobiz-prod] GET ${BASE}?limit=100&offset=0: the trunk list answer has no \`objects\` array`,
    );
  });

  it("fails the list when a trunk has no trunk_id", async () => {
    const objects = [vobizTrunk(0), { name: "anonymous" }];
    api()
      .intercept({ path: `${BASE}?limit=100&offset=0`, method: "GET" })
      .reply(200, { meta: { total: 2 }, objects });
    const error = await connect(1)
      .list?.()
      .catch((e: unknown) => e);
    expect((error as ProviderError).message).toBe(
      `[vobiz-prod] GET ${BASE}: trunk number 2 of the list has no trunk_id`,
    );
  });
});

describe("updating a trunk", () => {
  it("PUTs the full body and returns the trunk as stored", async () => {
    let sent: unknown;
    api()
      .intercept({ path: `${BASE}/${idOf(3)}`, method: "PUT" })
      .reply(200, (opts) => {
        sent = JSON.parse(String(opts.body));
        return vobizTrunk(3, { name: "Acme", concurrent_calls_limit: 25, trunk_status: "inactive" });
      });
    const body = { name: "Acme", max_concurrent_calls: 25, enabled: false };
    const trunk = await connect().update(idOf(3), body);
    expect(sent).toEqual(body);
    expect(trunk.fields).toEqual(body);
  });

  it("fails when the stored trunk cannot be read back", async () => {
    api()
      .intercept({ path: `${BASE}/${idOf(3)}`, method: "PUT" })
      .reply(200, vobizTrunk(3, { trunk_status: "paused" }));
    const error = await connect()
      .update(idOf(3), { name: "A", max_concurrent_calls: 1, enabled: true })
      .catch((e) => e);
    expect((error as ProviderError).message).toBe(
      `[vobiz-prod] PUT ${BASE}/${idOf(3)}: the updated trunk ${idOf(3)} cannot be read back: trunk_status "paused" is not one of active, inactive, enabled, disabled`,
    );
  });
});
