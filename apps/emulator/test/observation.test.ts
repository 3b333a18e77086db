import { describe, expect, it } from "vitest";
import {
  ACME_TRUNK,
  emulatorPerTest,
  SEED_SIP_TRUNK,
  SIP_BODY,
  stampMicros,
  VIDEOSDK_SECRET,
  VOBIZ_ID,
  VOBIZ_TOKEN,
} from "./helpers.js";

const server = emulatorPerTest();

/** A PUT body with a password distinctive enough to spot if the log kept it. */
const SECRET_SIP_BODY = {
  ...SIP_BODY,
  auth: { username: "u", password: "sip-secret-123" },
  direction: "outbound",
  numbers: ["+14155550100"],
};

describe("request log", () => {
  it("records method, path, query, body, status and route, with credentials redacted", async () => {
    await server.boot();
    await server.api.vobiz("GET", "?limit=5&offset=1");
    await server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, SECRET_SIP_BODY);
    const [list, put] = server.emulator.requests;
    expect(list).toMatchObject({
      method: "GET",
      path: `/api/v1/Account/${VOBIZ_ID}/trunks`,
      query: { limit: "5", offset: "1" },
      status: 200,
      route: "vobiz.list",
      body: undefined,
      headers: { "x-auth-id": VOBIZ_ID, "x-auth-token": "[redacted]" },
    });
    expect(list?.startedAt).toBeGreaterThan(0);
    expect(put).toMatchObject({
      method: "PUT",
      route: "videosdk.update",
      status: 200,
      headers: { authorization: "[redacted]" },
      body: { ...SECRET_SIP_BODY, auth: { username: "u", password: "[redacted]" } },
    });
    const logged = JSON.stringify(server.emulator.requests);
    for (const secret of [VOBIZ_TOKEN, "sip-secret-123", VIDEOSDK_SECRET, "eyJ"])
      expect(logged).not.toContain(secret);
  });

  it("keeps only the newest requestLog records", async () => {
    await server.boot({ requestLog: 3 });
    for (const offset of [0, 1, 2, 3, 4]) await server.api.vobiz("GET", `?offset=${offset}`);
    expect(server.emulator.requests.map((r) => r.query.offset)).toEqual(["2", "3", "4"]);
    expect(server.emulator.stats().total).toBe(5);
  });

  it("keeps nothing with requestLog 0 but still counts", async () => {
    await server.boot({ requestLog: 0 });
    await server.api.vobiz("GET");
    expect(server.emulator.requests).toEqual([]);
    expect(server.emulator.stats().byRoute).toEqual({ "vobiz.list": 1 });
  });
});

describe("stats", () => {
  it("counts by route and status, and resetStats clears them", async () => {
    await server.boot();
    await server.api.vobiz("GET", `/${ACME_TRUNK}`);
    await server.api.vobiz("GET", "/missing");
    await server.api.vobiz("PUT", `/${ACME_TRUNK}`, { name: "x" });
    await server.api.send("GET", `/api/v1/account/${VOBIZ_ID}/trunks`, {});
    await server.api.send("GET", "/nowhere", {});
    expect(server.emulator.stats()).toEqual({
      total: 5,
      byRoute: { "vobiz.get": 2, "vobiz.update": 1, "vobiz.unauthorized-path": 1, "not-found": 1 },
      byStatus: { "200": 1, "404": 2, "400": 1, "401": 1 },
      inFlight: 0,
      peakInFlight: 1,
    });
    server.emulator.resetStats();
    expect(server.emulator.stats()).toEqual({
      total: 0,
      byRoute: {},
      byStatus: {},
      inFlight: 0,
      peakInFlight: 0,
    });
    expect(server.emulator.requests).toEqual([]);
  });
});

describe("admin routes", () => {
  const admin = (method: string, path: string, body?: unknown) =>
    server.api.send(method, `/__emulator${path}`, {}, body);

  it.each([
    ["GET", "/stats"],
    ["GET", "/requests"],
    ["POST", "/reset-stats"],
    ["POST", "/faults"],
    ["GET", `/trunks/vobiz/${ACME_TRUNK}`],
    ["PATCH", `/trunks/vobiz/${ACME_TRUNK}`],
  ])("are 404 unless admin is on: %s %s", async (method, path) => {
    await server.boot();
    const response = await admin(method, path, method === "GET" ? undefined : { clear: true });
    expect(response.status).toBe(404);
  });

  it("serve stats and requests without counting themselves", async () => {
    await server.boot({ admin: true });
    await server.api.vobiz("GET");
    await server.api.vobiz("GET", `/${ACME_TRUNK}`);
    expect((await admin("GET", "/stats")).body).toMatchObject({ total: 2, byRoute: { "vobiz.list": 1 } });
    const newest = (await admin("GET", "/requests?limit=1")).body as { route: string }[];
    expect(newest.map((r) => r.route)).toEqual(["vobiz.get"]);
    expect((await admin("POST", "/reset-stats")).status).toBe(204);
    expect((await admin("GET", "/stats")).body).toMatchObject({ total: 0 });
  });

  it("set faults over HTTP", async () => {
    await server.boot({ admin: true });
    const set = await admin("POST", "/faults", {
      next: { count: 1, action: "fail", status: 500, route: "vobiz.get" },
      rejectUpdates: { id: ACME_TRUNK, status: 400, message: "locked" },
      set: { latencyMs: 1 },
      route: "vobiz.list",
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      routes: { "vobiz.list": { latencyMs: 1 } },
      queued: [{ action: "fail", count: 1, status: 500, route: "vobiz.get" }],
      rejectUpdates: { [ACME_TRUNK]: { status: 400, message: "locked" } },
    });
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(500);
    expect(
      (await server.api.vobiz("PUT", `/${ACME_TRUNK}`, { name: "n", max_concurrent_calls: 1, enabled: true }))
        .status,
    ).toBe(400);
    await admin("POST", "/faults", { clear: true });
    expect((await admin("GET", "/faults")).body).toEqual({
      global: { latencyMs: 0, jitterMs: 0, rateLimit: 0, failRate: 0, failStatus: 503 },
      routes: {},
      queued: [],
      rejectUpdates: {},
    });
  });

  it.each([
    { body: { set: { failRate: 3 } }, error: /failRate/ },
    { body: { next: { count: 1, action: "explode" } }, error: /unknown fault action/ },
    { body: { nonsense: true }, error: /unknown key nonsense/ },
    { body: { next: null }, error: /next must be an object/ },
    { body: "not json", error: /JSON object/ },
  ])("answer 400 { error } to a bad faults body ($error)", async ({ body, error }) => {
    await server.boot({ admin: true });
    const response = await admin("POST", "/faults", body);
    expect(response.status).toBe(400);
    expect((response.body as { error: string }).error).toMatch(error);
  });

  it("read and remotely edit trunks, advancing Vobiz updated_at", async () => {
    await server.boot({ admin: true });
    const before = (await admin("GET", `/trunks/vobiz/${ACME_TRUNK}`)).body as { updated_at: string };
    expect(before).toMatchObject({ name: "Acme Production Trunk", active_calls: 0 });
    const edited = await admin("PATCH", `/trunks/vobiz/${ACME_TRUNK}`, { concurrent_calls_limit: 99 });
    expect(edited.status).toBe(200);
    const read = (await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body as { updated_at: string };
    expect(read).toMatchObject({ concurrent_calls_limit: 99 });
    expect(stampMicros(read.updated_at)).toBeGreaterThan(stampMicros(before.updated_at));
    const sip = await admin("PATCH", `/trunks/videosdk/${SEED_SIP_TRUNK}`, { domain: "console.example.com" });
    expect(sip.body).toMatchObject({ trunkId: SEED_SIP_TRUNK, domain: "console.example.com" });
    expect((await admin("PATCH", `/trunks/vobiz/${ACME_TRUNK}`, { name: 5 })).status).toBe(400);
    expect((await admin("PATCH", "/trunks/vobiz/unknown", { name: "x" })).status).toBe(404);
    expect((await admin("GET", "/trunks/other/x")).status).toBe(404);
  });

  it("set active calls so a delete conflicts, without touching updated_at", async () => {
    await server.boot({ admin: true });
    const before = (await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body as { updated_at: string };
    await admin("PATCH", `/trunks/vobiz/${ACME_TRUNK}`, { active_calls: 2 });
    expect((await server.api.vobiz("DELETE", `/${ACME_TRUNK}`)).status).toBe(409);
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body).toEqual(before);
  });
});
