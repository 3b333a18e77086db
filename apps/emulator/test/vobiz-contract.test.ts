import { describe, expect, it } from "vitest";
import {
  ACME_TRUNK,
  client,
  emulatorForEachTest,
  start,
  VOBIZ_ID,
  VOBIZ_TOKEN,
  vobizError,
} from "./helpers.js";

/** Field order of the 200 response on the seed page "Update a Trunk". */
const SEED_RESPONSE_KEYS = [
  "trunk_id",
  "account_id",
  "name",
  "trunk_domain",
  "trunk_status",
  "secure",
  "trunk_direction",
  "concurrent_calls_limit",
  "cps_limit",
  "description",
  "transport",
  "recording",
  "enable_transcription",
  "pii_redaction",
  "webhook_method",
  "recording_webhook_enabled",
  "created_at",
  "updated_at",
];
const MICROSECOND_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

const server = emulatorForEachTest();

describe("Vobiz PUT examples from the seed page", () => {
  it.each([
    {
      example: "rename the trunk",
      body: { name: "Updated Production Trunk", max_concurrent_calls: 10, enabled: true },
      expected: { name: "Updated Production Trunk", concurrent_calls_limit: 10, trunk_status: "active" },
    },
    {
      example: "disable the trunk",
      body: { name: "Acme Production Trunk", max_concurrent_calls: 10, enabled: false },
      expected: { name: "Acme Production Trunk", concurrent_calls_limit: 10, trunk_status: "inactive" },
    },
    {
      example: "raise the concurrent-call limit",
      body: { name: "Acme Production Trunk", max_concurrent_calls: 25, enabled: true },
      expected: { name: "Acme Production Trunk", concurrent_calls_limit: 25, trunk_status: "active" },
    },
  ])("answers 200 with the full trunk to '$example'", async ({ body, expected }) => {
    const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, body);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body as object)).toEqual(SEED_RESPONSE_KEYS);
    expect(response.body).toMatchObject({
      ...expected,
      trunk_id: ACME_TRUNK,
      account_id: VOBIZ_ID,
      trunk_domain: `${ACME_TRUNK}.sip.vobiz.ai`,
      cps_limit: 2,
      secure: false,
      transport: "udp",
      webhook_method: "POST",
      created_at: "2026-05-12T05:11:52.054462Z",
    });
    const read = await server.api.vobiz("GET", `/${ACME_TRUNK}`);
    expect(read.body).toEqual(response.body);
  });

  it("stamps each update with a strictly later microsecond updated_at", async () => {
    const body = { name: "Acme Production Trunk", max_concurrent_calls: 10, enabled: true };
    const stamps = ["2026-05-12T05:12:18.147340Z"];
    for (let i = 0; i < 5; i++) {
      const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, body);
      stamps.push((response.body as { updated_at: string }).updated_at);
    }
    for (const stamp of stamps) expect(stamp).toMatch(MICROSECOND_UTC);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });
});

describe("Vobiz PUT is a replace of name, max_concurrent_calls and enabled", () => {
  it("reads back the write names under their read names", async () => {
    const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, {
      name: "Acme Production Trunk",
      max_concurrent_calls: 7,
      enabled: false,
    });
    const trunk = response.body as Record<string, unknown>;
    expect(trunk).toMatchObject({ concurrent_calls_limit: 7, trunk_status: "inactive" });
    expect(trunk).not.toHaveProperty("max_concurrent_calls");
    expect(trunk).not.toHaveProperty("enabled");
  });

  it.each([
    { field: "name", body: { max_concurrent_calls: 10, enabled: true } },
    { field: "max_concurrent_calls", body: { name: "Acme Production Trunk", enabled: true } },
    { field: "enabled", body: { name: "Acme Production Trunk", max_concurrent_calls: 10 } },
  ])("rejects a body without $field with 400 naming it, and changes nothing", async ({ field, body }) => {
    const before = (await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body;
    const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: "error", timestamp: expect.any(String) });
    expect((response.body as { requestId: unknown }).requestId).toEqual(expect.any(String));
    const error = vobizError(response.body);
    expect(error.code).toBe("INVALID_PARAMETERS");
    expect(Object.keys(error.details)).toEqual([field]);
    expect(error.message).toContain(field);
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body).toEqual(before);
  });

  it.each([
    { field: "name", value: 42 },
    { field: "name", value: "x".repeat(256) },
    { field: "max_concurrent_calls", value: "10" },
    { field: "max_concurrent_calls", value: 2.5 },
    { field: "max_concurrent_calls", value: -1 },
    { field: "enabled", value: "true" },
    { field: "enabled", value: null },
  ])("rejects $field = $value as 400 naming the field", async ({ field, value }) => {
    const body = { name: "Acme Production Trunk", max_concurrent_calls: 10, enabled: true, [field]: value };
    const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, body);
    expect(response.status).toBe(400);
    expect(vobizError(response.body).details).toHaveProperty(field);
  });

  it("leaves every field outside the three untouched and ignores unknown extras", async () => {
    const trunk = "7e2d4b90-5a3c-4f1e-8b7d-6c9a0e1f2d34";
    const before = (await server.api.vobiz("GET", `/${trunk}`)).body as Record<string, unknown>;
    const response = await server.api.vobiz("PUT", `/${trunk}`, {
      name: "Renamed",
      max_concurrent_calls: 3,
      enabled: true,
      cps_limit: 99,
      description: "ignored",
    });
    expect(response.status).toBe(200);
    const after = response.body as Record<string, unknown>;
    const unchanged = (t: Record<string, unknown>) => {
      const { name, concurrent_calls_limit, trunk_status, updated_at, ...rest } = t;
      return rest;
    };
    expect(unchanged(after)).toEqual(unchanged(before));
    expect(after).toMatchObject({ cps_limit: 5, webhook_url: "https://hooks.acme.example/vobiz/recordings" });
  });

  it("answers 400 to a malformed JSON body", async () => {
    const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, "{ name: ");
    expect(response.status).toBe(400);
    expect(vobizError(response.body).details).toHaveProperty("body");
  });
});

describe("Vobiz trunk objects", () => {
  it("leaves unset optional strings out of the JSON and includes set ones", async () => {
    const plain = (await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body;
    expect(Object.keys(plain as object)).toEqual(SEED_RESPONSE_KEYS);
    const withHooks = (await server.api.vobiz("GET", "/7e2d4b90-5a3c-4f1e-8b7d-6c9a0e1f2d34")).body;
    expect(withHooks).toMatchObject({
      webhook_url: "https://hooks.acme.example/vobiz/recordings",
      inbound_destination: "sip:support@acme.example",
    });
    expect(withHooks).not.toHaveProperty("credential_uuid");
    expect(withHooks).not.toHaveProperty("active_calls");
  });

  it("creates a trunk with Vobiz's defaults (201) and lists it last", async () => {
    const response = await server.api.vobiz("POST", "", {
      name: "New outbound",
      trunk_type: "OUTBOUND",
      max_concurrent_calls: 4,
    });
    expect(response.status).toBe(201);
    const trunk = response.body as Record<string, unknown>;
    expect(Object.keys(trunk)).toEqual(SEED_RESPONSE_KEYS);
    expect(trunk).toMatchObject({
      name: "New outbound",
      account_id: VOBIZ_ID,
      trunk_direction: "outbound",
      concurrent_calls_limit: 4,
      cps_limit: 2,
      secure: false,
      transport: "udp",
      trunk_status: "active",
      trunk_domain: `${trunk.trunk_id}.sip.vobiz.ai`,
    });
    expect(trunk.trunk_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(trunk.created_at).toMatch(MICROSECOND_UTC);
    const list = (await server.api.vobiz("GET")).body as { objects: { trunk_id: string }[] };
    expect(list.objects.at(-1)?.trunk_id).toBe(trunk.trunk_id);
  });

  it.each([
    { body: { trunk_type: "INBOUND" }, field: "name" },
    { body: { name: "No type" }, field: "trunk_type" },
    { body: { name: "Lower", trunk_type: "inbound" }, field: "trunk_type" },
  ])("refuses to create without a valid $field", async ({ body, field }) => {
    const response = await server.api.vobiz("POST", "", body);
    expect(response.status).toBe(400);
    expect(vobizError(response.body).details).toHaveProperty(field);
  });

  it("deletes an idle trunk (204) and then answers 404 for it", async () => {
    const response = await server.api.vobiz("DELETE", `/${ACME_TRUNK}`);
    expect(response).toMatchObject({ status: 204, body: undefined });
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(404);
  });

  it("refuses to delete a trunk with active calls (409)", async () => {
    const trunk = server.emulator.state.vobiz.get(VOBIZ_ID)?.trunks.get(ACME_TRUNK);
    if (trunk === undefined) throw new Error("seed trunk missing");
    trunk.active_calls = 3;
    const response = await server.api.vobiz("DELETE", `/${ACME_TRUNK}`);
    expect(response.status).toBe(409);
    expect(vobizError(response.body).code).toBe("CONFLICT");
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(200);
  });
});

describe("Vobiz errors", () => {
  const trunkPath = `/api/v1/Account/${VOBIZ_ID}/trunks/${ACME_TRUNK}`;

  it.each([
    { case: "no credentials", path: trunkPath, headers: {} },
    { case: "a wrong token", path: trunkPath, headers: { "X-Auth-ID": VOBIZ_ID, "X-Auth-Token": "nope" } },
    { case: "no token", path: trunkPath, headers: { "X-Auth-ID": VOBIZ_ID } },
    {
      case: "an X-Auth-ID other than the path's",
      path: trunkPath,
      headers: { "X-Auth-ID": "MA_OTHER", "X-Auth-Token": VOBIZ_TOKEN },
    },
    {
      case: "an unknown account",
      path: `/api/v1/Account/MA_OTHER/trunks/${ACME_TRUNK}`,
      headers: { "X-Auth-ID": "MA_OTHER", "X-Auth-Token": VOBIZ_TOKEN },
    },
    {
      case: "a lower-case account path with valid credentials",
      path: `/api/v1/account/${VOBIZ_ID}/trunks/${ACME_TRUNK}`,
      headers: { "X-Auth-ID": VOBIZ_ID, "X-Auth-Token": VOBIZ_TOKEN },
    },
    {
      case: "a lower-case account list path",
      path: `/api/v1/account/${VOBIZ_ID}/trunks`,
      headers: { "X-Auth-ID": VOBIZ_ID, "X-Auth-Token": VOBIZ_TOKEN },
    },
  ])("answers 401 with the envelope to $case", async ({ path, headers }) => {
    const response = await server.api.send("GET", path, headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ status: "error", error: { code: "UNAUTHORIZED" } });
  });

  it("answers 404 for another account's trunk", async () => {
    const twoAccounts = await start({
      seed: {
        vobiz: [
          { authId: "MA_A", authToken: "token-a", trunks: [{ trunk_id: ACME_TRUNK }] },
          { authId: "MA_B", authToken: "token-b", trunks: [] },
        ],
        videosdk: [],
      },
    });
    try {
      const asB = { "X-Auth-ID": "MA_B", "X-Auth-Token": "token-b" };
      const other = client(twoAccounts);
      expect((await other.send("GET", `/api/v1/Account/MA_B/trunks/${ACME_TRUNK}`, asB)).status).toBe(404);
      const asA = { "X-Auth-ID": "MA_A", "X-Auth-Token": "token-a" };
      expect((await other.send("GET", `/api/v1/Account/MA_A/trunks/${ACME_TRUNK}`, asA)).status).toBe(200);
    } finally {
      await twoAccounts.close();
    }
  });

  it("answers 404 with the envelope for an unknown trunk", async () => {
    const response = await server.api.vobiz("GET", "/00000000-0000-4000-8000-000000000000");
    expect(response.status).toBe(404);
    expect(vobizError(response.body).code).toBe("NOT_FOUND");
    const update = await server.api.vobiz("PUT", "/00000000-0000-4000-8000-000000000000", {
      name: "x",
      max_concurrent_calls: 1,
      enabled: true,
    });
    expect(update.status).toBe(404);
  });

  it.each([
    { case: "an unknown path", method: "GET", path: "/api/v1/Account/MA_DEMO0001/numbers" },
    {
      case: "PATCH, which is not documented",
      method: "PATCH",
      path: `/api/v1/Account/${VOBIZ_ID}/trunks/${ACME_TRUNK}`,
    },
    { case: "the bare origin", method: "GET", path: "/" },
  ])("answers 404 to $case", async ({ method, path }) => {
    const response = await server.api.send(method, path, {
      "X-Auth-ID": VOBIZ_ID,
      "X-Auth-Token": VOBIZ_TOKEN,
    });
    expect(response.status).toBe(404);
  });
});
