import { describe, expect, it } from "vitest";
import {
  ACME_TRUNK,
  client,
  emulatorForEachTest,
  stampMicros,
  start,
  VOBIZ_ID,
  VOBIZ_TOKEN,
  vobizError,
  WRITTEN_STAMP,
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
const BACKUP_TRUNK = "3c1f7a52-9d4e-4b8a-a1c6-2f5e8d9b0a17";
const UNKNOWN_TRUNK = "00000000-0000-4000-8000-000000000000";
const PUT_BODY = { name: "Acme Production Trunk", max_concurrent_calls: 10, enabled: true };

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

  it("stamps each update with a strictly later updated_at, even when nothing changed", async () => {
    const stamps: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, PUT_BODY);
      stamps.push((response.body as { updated_at: string }).updated_at);
    }
    for (const stamp of stamps) expect(stamp).toMatch(WRITTEN_STAMP);
    const micros = ["2026-05-12T05:12:18.147340Z", ...stamps].map(stampMicros);
    for (let i = 1; i < micros.length; i++) expect(micros[i]).toBeGreaterThan(micros[i - 1] ?? 0);
  });
});

describe("Vobiz timestamps: microseconds, with as many fractional digits as needed", () => {
  it("serves seeded stamps as written: the seed page's six digits, and whole seconds without a fraction", async () => {
    const acme = (await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body;
    expect(acme).toMatchObject({
      created_at: "2026-05-12T05:11:52.054462Z",
      updated_at: "2026-05-12T05:12:18.147340Z",
    });
    const backup = (await server.api.vobiz("GET", `/${BACKUP_TRUNK}`)).body;
    expect(backup).toMatchObject({ created_at: "2026-05-13T08:30:00Z", updated_at: "2026-05-20T11:02:45Z" });
  });

  // A stored stamp in the future makes the next one exactly a microsecond later, whatever the clock.
  it.each([
    { previous: "2100-01-01T00:00:00.999999Z", next: "2100-01-01T00:00:01Z" },
    { previous: "2100-01-01T00:00:00.499999Z", next: "2100-01-01T00:00:00.5Z" },
    { previous: "2100-01-01T00:00:00.147339Z", next: "2100-01-01T00:00:00.14734Z" },
    { previous: "2100-01-01T00:00:00Z", next: "2100-01-01T00:00:00.000001Z" },
  ])("writes the stamp after $previous as $next, trailing zeros dropped", async ({ previous, next }) => {
    const future = await start({
      seed: {
        vobiz: [
          {
            authId: VOBIZ_ID,
            authToken: VOBIZ_TOKEN,
            trunks: [{ trunk_id: ACME_TRUNK, updated_at: previous }],
          },
        ],
        videosdk: [],
      },
    });
    try {
      const response = await client(future).vobiz("PUT", `/${ACME_TRUNK}`, PUT_BODY);
      expect(response.body).toMatchObject({ updated_at: next });
    } finally {
      await future.close();
    }
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

  // A value of the wrong JSON type (OpenAPI: name string, max_concurrent_calls integer, enabled
  // boolean) is an invalid parameter, like a missing one.
  it.each([
    { field: "name", value: 42, problem: "must be a string" },
    { field: "max_concurrent_calls", value: "10", problem: "must be an integer" },
    { field: "max_concurrent_calls", value: 2.5, problem: "must be an integer" },
    { field: "max_concurrent_calls", value: null, problem: "must be an integer" },
    { field: "enabled", value: "true", problem: "must be a boolean" },
    { field: "enabled", value: null, problem: "must be a boolean" },
  ])(
    "rejects $field = $value as 400 INVALID_PARAMETERS naming the field",
    async ({ field, value, problem }) => {
      const body = { ...PUT_BODY, [field]: value };
      const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, body);
      expect(response.status).toBe(400);
      expect(vobizError(response.body)).toMatchObject({
        code: "INVALID_PARAMETERS",
        message: `Invalid parameters: ${field} ${problem}`,
        details: { [field]: problem },
      });
    },
  );

  // providers.md: "422 validation failed (field errors in `details`)". A value of the right type
  // that the API cannot take is that, not an invalid parameter.
  it.each([
    { field: "name", value: "x".repeat(256), problem: "must be 1 to 255 characters" },
    { field: "name", value: "", problem: "must be 1 to 255 characters" },
    { field: "max_concurrent_calls", value: -1, problem: "must be from 0 to 9007199254740991" },
    { field: "max_concurrent_calls", value: 2 ** 53, problem: "must be from 0 to 9007199254740991" },
  ])(
    "rejects $field = $value as 422 VALIDATION_FAILED with the field error in details, changing nothing",
    async ({ field, value, problem }) => {
      const before = (await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body;
      const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, { ...PUT_BODY, [field]: value });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ status: "error", timestamp: expect.any(String) });
      expect(vobizError(response.body)).toEqual({
        code: "VALIDATION_FAILED",
        message: `Validation failed: ${field} ${problem}`,
        details: { [field]: problem },
      });
      expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body).toEqual(before);
    },
  );

  it("names every out-of-range field in one 422", async () => {
    const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, {
      name: "",
      max_concurrent_calls: -5,
      enabled: false,
    });
    expect(response.status).toBe(422);
    expect(vobizError(response.body)).toMatchObject({
      message:
        "Validation failed: name must be 1 to 255 characters; max_concurrent_calls must be from 0 to 9007199254740991",
      details: {
        name: "must be 1 to 255 characters",
        max_concurrent_calls: "must be from 0 to 9007199254740991",
      },
    });
  });

  it("answers 400 naming only the missing field when a body also has an out-of-range value", async () => {
    const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, {
      name: "x".repeat(256),
      enabled: true,
    });
    expect(response.status).toBe(400);
    expect(vobizError(response.body)).toMatchObject({
      code: "INVALID_PARAMETERS",
      details: { max_concurrent_calls: "is required" },
    });
    expect(Object.keys(vobizError(response.body).details)).toEqual(["max_concurrent_calls"]);
  });

  it("answers 404 rather than 422 for an unknown trunk", async () => {
    const response = await server.api.vobiz("PUT", `/${UNKNOWN_TRUNK}`, {
      ...PUT_BODY,
      max_concurrent_calls: -1,
    });
    expect(response.status).toBe(404);
  });

  it.each([
    { method: "PUT", case: "exactly 255 characters", name: "x".repeat(255), status: 200 },
    { method: "PUT", case: "256 characters", name: "x".repeat(256), status: 422 },
    { method: "PUT", case: "200 emoji (400 UTF-16 units)", name: "😀".repeat(200), status: 200 },
    { method: "PUT", case: "255 emoji", name: "😀".repeat(255), status: 200 },
    { method: "PUT", case: "256 emoji", name: "😀".repeat(256), status: 422 },
    { method: "PUT", case: "an empty name", name: "", status: 422 },
    { method: "POST", case: "exactly 255 characters", name: "x".repeat(255), status: 201 },
    { method: "POST", case: "256 characters", name: "x".repeat(256), status: 422 },
    { method: "POST", case: "200 emoji (400 UTF-16 units)", name: "😀".repeat(200), status: 201 },
  ])(
    "counts name length in characters, not UTF-16 units: $method with $case answers $status",
    async ({ method, name, status }) => {
      const response =
        method === "PUT"
          ? await server.api.vobiz("PUT", `/${ACME_TRUNK}`, { ...PUT_BODY, name })
          : await server.api.vobiz("POST", "", { name, trunk_type: "INBOUND" });
      expect(response.status).toBe(status);
      if (status === 422)
        expect(vobizError(response.body).details).toEqual({ name: "must be 1 to 255 characters" });
      else expect(response.body).toMatchObject({ name });
    },
  );

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
    expect(trunk.created_at).toMatch(WRITTEN_STAMP);
    const list = (await server.api.vobiz("GET")).body as { objects: { trunk_id: string }[] };
    expect(list.objects.at(-1)?.trunk_id).toBe(trunk.trunk_id);
  });

  it("creates an INBOUND trunk as trunk_direction inbound, with the default limit of 10", async () => {
    const response = await server.api.vobiz("POST", "", { name: "New inbound", trunk_type: "INBOUND" });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: "New inbound",
      trunk_direction: "inbound",
      concurrent_calls_limit: 10,
      trunk_status: "active",
    });
    const id = (response.body as { trunk_id: string }).trunk_id;
    expect((await server.api.vobiz("GET", `/${id}`)).body).toEqual(response.body);
  });

  it.each([
    { body: { trunk_type: "INBOUND" }, field: "name", status: 400 },
    { body: { name: "No type" }, field: "trunk_type", status: 400 },
    { body: { name: "Typed", trunk_type: 1 }, field: "trunk_type", status: 400 },
    {
      body: { name: "Fraction", trunk_type: "INBOUND", max_concurrent_calls: 1.5 },
      field: "max_concurrent_calls",
      status: 400,
    },
    { body: { name: "Lower", trunk_type: "inbound" }, field: "trunk_type", status: 422 },
    {
      body: { name: "Negative", trunk_type: "INBOUND", max_concurrent_calls: -1 },
      field: "max_concurrent_calls",
      status: 422,
    },
  ])(
    "refuses to create without a valid $field ($status), creating nothing",
    async ({ body, field, status }) => {
      const response = await server.api.vobiz("POST", "", body);
      expect(response.status).toBe(status);
      expect(Object.keys(vobizError(response.body).details)).toEqual([field]);
      expect(server.emulator.state.vobiz.get(VOBIZ_ID)?.trunks.size).toBe(3);
    },
  );

  it("deletes an idle trunk (204) and then answers 404 for it", async () => {
    const response = await server.api.vobiz("DELETE", `/${ACME_TRUNK}`);
    expect(response).toMatchObject({ status: 204, body: undefined });
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(404);
  });

  it("answers 404 with the envelope to a DELETE of an unknown trunk", async () => {
    const response = await server.api.vobiz("DELETE", `/${UNKNOWN_TRUNK}`);
    expect(response.status).toBe(404);
    expect(vobizError(response.body)).toMatchObject({
      code: "NOT_FOUND",
      details: { trunk_id: "not found" },
    });
    expect(((await server.api.vobiz("GET")).body as { meta: { total: number } }).meta.total).toBe(3);
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
  const valid = { "X-Auth-ID": VOBIZ_ID, "X-Auth-Token": VOBIZ_TOKEN };
  const credentials = [
    { case: "no credentials", account: "Account", authId: VOBIZ_ID, headers: {} },
    {
      case: "a wrong token",
      account: "Account",
      authId: VOBIZ_ID,
      headers: { ...valid, "X-Auth-Token": "nope" },
    },
    { case: "no token", account: "Account", authId: VOBIZ_ID, headers: { "X-Auth-ID": VOBIZ_ID } },
    {
      case: "an X-Auth-ID other than the path's",
      account: "Account",
      authId: VOBIZ_ID,
      headers: { ...valid, "X-Auth-ID": "MA_OTHER" },
    },
    {
      case: "an unknown account",
      account: "Account",
      authId: "MA_OTHER",
      headers: { ...valid, "X-Auth-ID": "MA_OTHER" },
    },
    {
      case: "a lower-case account path and valid credentials",
      account: "account",
      authId: VOBIZ_ID,
      headers: valid,
    },
  ];
  const requests = [
    { method: "GET", target: "a trunk", rest: `/${ACME_TRUNK}`, body: undefined },
    { method: "PUT", target: "a trunk", rest: `/${ACME_TRUNK}`, body: { ...PUT_BODY, name: "Hijacked" } },
    { method: "DELETE", target: "a trunk", rest: `/${ACME_TRUNK}`, body: undefined },
    { method: "GET", target: "the list", rest: "", body: undefined },
    { method: "POST", target: "the list", rest: "", body: { name: "Intruder", trunk_type: "INBOUND" } },
  ];
  it.each(credentials.flatMap((credential) => requests.map((request) => ({ ...credential, ...request }))))(
    "answers 401 with the envelope to $method on $target with $case, changing nothing",
    async ({ account, authId, headers, method, rest, body }) => {
      const before = (await server.api.vobiz("GET", "?limit=100")).body;
      const path = `/api/v1/${account}/${authId}/trunks${rest}`;
      const response = await server.api.send(method, path, headers as Record<string, string>, body);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: "error", error: { code: "UNAUTHORIZED" } });
      expect((await server.api.vobiz("GET", "?limit=100")).body).toEqual(before);
    },
  );

  it.each([
    { method: "GET", body: undefined },
    { method: "PUT", body: PUT_BODY },
    { method: "DELETE", body: undefined },
  ])("answers 404 to $method of another account's trunk, which stays as it was", async ({ method, body }) => {
    const twoAccounts = await start({
      seed: {
        vobiz: [
          { authId: "MA_A", authToken: "token-a", trunks: [{ trunk_id: ACME_TRUNK, name: "A's trunk" }] },
          { authId: "MA_B", authToken: "token-b", trunks: [] },
        ],
        videosdk: [],
      },
    });
    try {
      const asB = { "X-Auth-ID": "MA_B", "X-Auth-Token": "token-b" };
      const asA = { "X-Auth-ID": "MA_A", "X-Auth-Token": "token-a" };
      const other = client(twoAccounts);
      const before = (await other.send("GET", `/api/v1/Account/MA_A/trunks/${ACME_TRUNK}`, asA)).body;
      const response = await other.send(method, `/api/v1/Account/MA_B/trunks/${ACME_TRUNK}`, asB, body);
      expect(response.status).toBe(404);
      expect(vobizError(response.body).code).toBe("NOT_FOUND");
      const after = await other.send("GET", `/api/v1/Account/MA_A/trunks/${ACME_TRUNK}`, asA);
      expect(after).toMatchObject({ status: 200, body: before });
    } finally {
      await twoAccounts.close();
    }
  });

  it("answers 404 with the envelope for an unknown trunk", async () => {
    const response = await server.api.vobiz("GET", `/${UNKNOWN_TRUNK}`);
    expect(response.status).toBe(404);
    expect(vobizError(response.body).code).toBe("NOT_FOUND");
    const update = await server.api.vobiz("PUT", `/${UNKNOWN_TRUNK}`, {
      name: "x",
      max_concurrent_calls: 1,
      enabled: true,
    });
    expect(update.status).toBe(404);
  });

  it.each([
    { case: "an unknown path", method: "GET", path: "/api/v1/Account/MA_DEMO0001/numbers" },
    { case: "the bare origin", method: "GET", path: "/" },
  ])("answers 404 to $case", async ({ method, path }) => {
    const response = await server.api.send(method, path, {
      "X-Auth-ID": VOBIZ_ID,
      "X-Auth-Token": VOBIZ_TOKEN,
    });
    expect(response.status).toBe(404);
  });

  it("answers 405 with Allow to PATCH, which is not documented, and changes nothing", async () => {
    const before = (await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body;
    const response = await server.api.vobiz("PATCH", `/${ACME_TRUNK}`, { ...PUT_BODY, name: "Patched" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, PUT, DELETE");
    expect(vobizError(response.body).code).toBe("METHOD_NOT_ALLOWED");
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body).toEqual(before);
  });
});
