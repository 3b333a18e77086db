import { afterEach, describe, expect, it, vi } from "vitest";
import type { Emulator, EmulatorOptions } from "../src/index.js";
import { ACME_TRUNK, type Client, client, SEED_SIP_TRUNK, start, VOBIZ_ID, vobizError } from "./helpers.js";

const PUT_BODY = { name: "Acme Production Trunk", max_concurrent_calls: 12, enabled: true };
const SIP_BODY = {
  auth: { username: "u", password: "p" },
  name: "Renamed",
  domain: "d.example.com",
  direction: "inbound",
  numbers: [],
};

let emulator: Emulator;
let api: Client;

async function boot(options: EmulatorOptions = {}): Promise<void> {
  emulator = await start(options);
  api = client(emulator);
}
afterEach(() => emulator.close());

/** Resolves once the emulator holds `count` requests in flight (they are hanging or delayed). */
const inFlight = (count: number) => vi.waitFor(() => expect(emulator.stats().inFlight).toBe(count));

describe("queued failures", () => {
  it("fails the next N requests to one route with the chosen status and the provider's envelope", async () => {
    await boot();
    emulator.faults.next(2, "fail", { status: 502, route: "vobiz.get" });
    expect((await api.vobiz("GET")).status).toBe(200); // other routes unaffected
    const first = await api.vobiz("GET", `/${ACME_TRUNK}`);
    expect(first.status).toBe(502);
    expect(vobizError(first.body).code).toBe("BAD_GATEWAY");
    expect((await api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(502);
    expect((await api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(200);
    expect(emulator.faults.queued).toEqual([]);
  });

  it.each([500, 502, 503])("answers VideoSDK requests %i as { statusCode, message }", async (status) => {
    await boot();
    emulator.faults.next(1, "fail", { status });
    const response = await api.videosdk("GET", `/${SEED_SIP_TRUNK}`);
    expect(response).toMatchObject({ status, body: { statusCode: status, message: expect.any(String) } });
  });

  it("fails an update without applying it", async () => {
    await boot();
    emulator.faults.next(1, "fail", { status: 503, route: "vobiz.update" });
    expect((await api.vobiz("PUT", `/${ACME_TRUNK}`, PUT_BODY)).status).toBe(503);
    expect((await api.vobiz("GET", `/${ACME_TRUNK}`)).body).toMatchObject({ concurrent_calls_limit: 10 });
  });

  it("resets the connection of the next request, then serves normally", async () => {
    await boot();
    emulator.faults.next(1, "reset");
    await expect(api.vobiz("GET", `/${ACME_TRUNK}`)).rejects.toThrow();
    expect((await api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(200);
    expect(emulator.requests[0]).toMatchObject({ status: 0, fault: "reset", route: "vobiz.get" });
  });
});

describe("standing faults", () => {
  it("answers failStatus to every request at failRate 1", async () => {
    await boot({ failRate: 1, failStatus: 500 });
    expect((await api.vobiz("GET")).status).toBe(500);
    expect((await api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).status).toBe(500);
  });

  it("delays answers by at least latencyMs", async () => {
    await boot({ latencyMs: 40 });
    const started = performance.now();
    expect((await api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
    expect(emulator.requests[0]?.durationMs).toBeGreaterThanOrEqual(39);
  });

  it("limits only the route given a per-route setting", async () => {
    await boot();
    emulator.faults.set({ failRate: 1, failStatus: 503 }, "videosdk.update");
    expect((await api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, SIP_BODY)).status).toBe(503);
    expect((await api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).status).toBe(200);
    emulator.faults.clear();
    expect((await api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, SIP_BODY)).status).toBe(200);
  });

  it("rejects unknown routes and out-of-range settings with a clear message", async () => {
    await boot();
    expect(() => emulator.faults.set({ failRate: 2 })).toThrow(/failRate/);
    expect(() => emulator.faults.next(1, "fail", { route: "vobiz.nope" as "vobiz.get" })).toThrow(
      /unknown route/,
    );
    expect(() => emulator.faults.next(0, "fail")).toThrow(/count/);
  });
});

describe("rate limit", () => {
  it("answers 429 with an integer Retry-After and the envelope once a credential's bucket is empty", async () => {
    await boot({ rateLimit: 0.1 });
    expect((await api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(200);
    const limited = await api.vobiz("GET", `/${ACME_TRUNK}`);
    expect(limited.status).toBe(429);
    expect(vobizError(limited.body).code).toBe("RATE_LIMIT_EXCEEDED");
    const retryAfter = limited.headers.get("retry-after") ?? "";
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(10);
    const sip = await api.videosdk("GET", `/${SEED_SIP_TRUNK}`); // another credential, another bucket
    expect(sip.status).toBe(200);
    const sipLimited = await api.videosdk("GET", `/${SEED_SIP_TRUNK}`);
    expect(sipLimited).toMatchObject({ status: 429, body: { statusCode: 429 } });
    expect(sipLimited.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  });

  it("keeps one bucket per account", async () => {
    await boot({
      rateLimit: 0.1,
      seed: {
        vobiz: [
          { authId: "MA_A", authToken: "token-a", trunks: [] },
          { authId: "MA_B", authToken: "token-b", trunks: [] },
        ],
        videosdk: [],
      },
    });
    const list = (id: string, token: string) =>
      api.send("GET", `/api/v1/Account/${id}/trunks`, { "X-Auth-ID": id, "X-Auth-Token": token });
    expect((await list("MA_A", "token-a")).status).toBe(200);
    expect((await list("MA_A", "token-a")).status).toBe(429);
    expect((await list("MA_B", "token-b")).status).toBe(200);
  });

  it("does not spend tokens on requests that fail authentication", async () => {
    await boot({ rateLimit: 0.1 });
    const bad = await api.send("GET", `/api/v1/Account/${VOBIZ_ID}/trunks`, { "X-Auth-ID": VOBIZ_ID });
    expect(bad.status).toBe(401);
    expect((await api.vobiz("GET")).status).toBe(200);
  });
});

describe("hanging responses", () => {
  it("never answers, counts as in flight, and is ended by close()", async () => {
    await boot();
    emulator.faults.next(2, "hang", { route: "vobiz.get" });
    const hung = Promise.allSettled([api.vobiz("GET", `/${ACME_TRUNK}`), api.vobiz("GET", `/${ACME_TRUNK}`)]);
    await inFlight(2);
    expect((await api.vobiz("GET")).status).toBe(200); // the server still serves others
    await emulator.close();
    expect((await hung).map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect(emulator.stats()).toMatchObject({ inFlight: 0, peakInFlight: 3 });
    expect(emulator.requests.filter((r) => r.fault === "hang")).toHaveLength(2);
  });

  it("is released when the client gives up", async () => {
    await boot({ latencyMs: 0 });
    emulator.faults.set({ hang: true });
    const controller = new AbortController();
    const request = fetch(`${emulator.url}/v2/sip-trunk/${SEED_SIP_TRUNK}`, { signal: controller.signal });
    await inFlight(1);
    controller.abort();
    await expect(request).rejects.toThrow();
    await inFlight(0);
    expect(emulator.stats().byStatus).toEqual({ "0": 1 });
  });
});

describe("peak in-flight", () => {
  it("counts requests held by latency from arrival to answer", async () => {
    await boot({ latencyMs: 60_000 });
    const delayed = Promise.allSettled(Array.from({ length: 8 }, () => api.vobiz("GET", `/${ACME_TRUNK}`)));
    await inFlight(8);
    expect(emulator.stats().peakInFlight).toBe(8);
    emulator.resetStats();
    expect(emulator.stats()).toMatchObject({ total: 0, inFlight: 8, peakInFlight: 8 });
    await emulator.close();
    await delayed;
    expect(emulator.stats().inFlight).toBe(0);
  });
});

describe("update rejection and remote edits", () => {
  it("always rejects updates of one trunk, leaving others and reads alone", async () => {
    await boot();
    emulator.faults.rejectUpdates(ACME_TRUNK, { status: 422, message: "trunk is locked by compliance" });
    emulator.faults.rejectUpdates(SEED_SIP_TRUNK, { status: 400, message: "trunk is provisioning" });
    for (let i = 0; i < 2; i++) {
      const response = await api.vobiz("PUT", `/${ACME_TRUNK}`, PUT_BODY);
      expect(response.status).toBe(422);
      expect(vobizError(response.body).message).toBe("trunk is locked by compliance");
    }
    expect(await api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, SIP_BODY)).toMatchObject({
      status: 400,
      body: { message: "trunk is provisioning" },
    });
    expect((await api.vobiz("GET", `/${ACME_TRUNK}`)).body).toMatchObject({ concurrent_calls_limit: 10 });
    const other = await api.vobiz("PUT", "/3c1f7a52-9d4e-4b8a-a1c6-2f5e8d9b0a17", PUT_BODY);
    expect(other.status).toBe(200);
    emulator.faults.allowUpdates(ACME_TRUNK);
    expect((await api.vobiz("PUT", `/${ACME_TRUNK}`, PUT_BODY)).status).toBe(200);
  });

  it("edits a Vobiz trunk behind the API's back and advances updated_at", async () => {
    await boot();
    const before = (await api.vobiz("GET", `/${ACME_TRUNK}`)).body as { updated_at: string };
    const edited = emulator.faults.remoteEdit("vobiz", ACME_TRUNK, { name: "Console rename", cps_limit: 4 });
    expect(edited).toMatchObject({ name: "Console rename", cps_limit: 4 });
    const after = (await api.vobiz("GET", `/${ACME_TRUNK}`)).body as { updated_at: string; name: string };
    expect(after).toEqual(edited);
    expect(after.updated_at > before.updated_at).toBe(true);
  });

  it("edits a VideoSDK trunk", async () => {
    await boot();
    emulator.faults.remoteEdit("videosdk", SEED_SIP_TRUNK, { numbers: ["+14155550199"] });
    expect((await api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).body).toMatchObject({
      numbers: ["+14155550199"],
    });
  });

  it.each([
    { case: "an unknown trunk", id: "nope", patch: { name: "x" }, error: /no vobiz trunk/ },
    { case: "an immutable field", id: ACME_TRUNK, patch: { trunk_id: "x" }, error: /cannot be edited/ },
    { case: "an unknown field", id: ACME_TRUNK, patch: { colour: "red" }, error: /no field colour/ },
    {
      case: "a mistyped value",
      id: ACME_TRUNK,
      patch: { cps_limit: "4" },
      error: /cps_limit must be a number/,
    },
  ])("refuses a remote edit of $case", async ({ id, patch, error }) => {
    await boot();
    expect(() => emulator.faults.remoteEdit("vobiz", id, patch)).toThrow(error);
  });
});
