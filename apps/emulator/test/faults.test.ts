import { describe, expect, it, vi } from "vitest";
import {
  ACME_TRUNK,
  emulatorPerTest,
  SEED_SIP_TRUNK,
  SIP_BODY,
  stampMicros,
  VOBIZ_ID,
  vobizError,
} from "./helpers.js";

const PUT_BODY = { name: "Acme Production Trunk", max_concurrent_calls: 12, enabled: true };
/** `Sun, 06 Nov 1994 08:49:37 GMT`: the one HTTP-date form a server may generate. */
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;

const server = emulatorPerTest();

/** Resolves once the emulator holds `count` requests in flight (they are hanging or delayed). */
const inFlight = (count: number) => vi.waitFor(() => expect(server.emulator.stats().inFlight).toBe(count));

describe("queued failures", () => {
  it("fails the next N requests to one route with the chosen status and the provider's envelope", async () => {
    await server.boot();
    server.emulator.faults.next(2, "fail", { status: 502, route: "vobiz.get" });
    expect((await server.api.vobiz("GET")).status).toBe(200); // other routes unaffected
    const first = await server.api.vobiz("GET", `/${ACME_TRUNK}`);
    expect(first.status).toBe(502);
    expect(vobizError(first.body).code).toBe("BAD_GATEWAY");
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(502);
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(200);
    expect(server.emulator.faults.queued).toEqual([]);
  });

  it.each([500, 502, 503])("answers VideoSDK requests %i as { statusCode, message }", async (status) => {
    await server.boot();
    server.emulator.faults.next(1, "fail", { status });
    const response = await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`);
    expect(response).toMatchObject({ status, body: { statusCode: status, message: expect.any(String) } });
  });

  it("fails an update without applying it", async () => {
    await server.boot();
    server.emulator.faults.next(1, "fail", { status: 503, route: "vobiz.update" });
    expect((await server.api.vobiz("PUT", `/${ACME_TRUNK}`, PUT_BODY)).status).toBe(503);
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body).toMatchObject({
      concurrent_calls_limit: 10,
    });
  });

  it("resets the connection of the next request, then serves normally", async () => {
    await server.boot();
    server.emulator.faults.next(1, "reset");
    await expect(server.api.vobiz("GET", `/${ACME_TRUNK}`)).rejects.toThrow();
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(200);
    expect(server.emulator.requests[0]).toMatchObject({ status: 0, fault: "reset", route: "vobiz.get" });
  });
});

describe("standing faults", () => {
  it("answers failStatus to every request at failRate 1", async () => {
    await server.boot({ failRate: 1, failStatus: 500 });
    expect((await server.api.vobiz("GET")).status).toBe(500);
    expect((await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).status).toBe(500);
  });

  it("delays answers by at least latencyMs", async () => {
    await server.boot({ latencyMs: 40 });
    const started = performance.now();
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
    expect(server.emulator.requests[0]?.durationMs).toBeGreaterThanOrEqual(39);
  });

  it("limits only the route given a per-route setting", async () => {
    await server.boot();
    server.emulator.faults.set({ failRate: 1, failStatus: 503 }, "videosdk.update");
    expect((await server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, SIP_BODY)).status).toBe(503);
    expect((await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).status).toBe(200);
    server.emulator.faults.clear();
    expect((await server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, SIP_BODY)).status).toBe(200);
  });

  it("rejects unknown routes and out-of-range settings with a clear message", async () => {
    await server.boot();
    expect(() => server.emulator.faults.set({ failRate: 2 })).toThrow(/failRate/);
    expect(() => server.emulator.faults.next(1, "fail", { route: "vobiz.nope" as "vobiz.get" })).toThrow(
      /unknown route/,
    );
    expect(() => server.emulator.faults.next(0, "fail")).toThrow(/count/);
  });
});

describe("rate limit", () => {
  it("answers 429 with an integer Retry-After and the envelope once a credential's bucket is empty", async () => {
    await server.boot({ rateLimit: 0.1 });
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(200);
    const limited = await server.api.vobiz("GET", `/${ACME_TRUNK}`);
    expect(limited.status).toBe(429);
    expect(vobizError(limited.body).code).toBe("RATE_LIMIT_EXCEEDED");
    const retryAfter = limited.headers.get("retry-after") ?? "";
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(10);
    const sip = await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`); // another credential, another bucket
    expect(sip.status).toBe(200);
    const sipLimited = await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`);
    expect(sipLimited).toMatchObject({ status: 429, body: { statusCode: 429 } });
    expect(sipLimited.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  });

  it("records the Retry-After it sent with each 429 in the request log", async () => {
    await server.boot({ rateLimit: 0.1 });
    await server.api.vobiz("GET");
    const limited = await server.api.vobiz("GET");
    const [allowed, refused] = server.emulator.requests;
    expect(allowed).not.toHaveProperty("retryAfter");
    expect(refused).toMatchObject({
      status: 429,
      fault: "rate-limit",
      retryAfter: limited.headers.get("retry-after"),
    });
  });

  it("answers Retry-After as an HTTP date, rounded up to the second, with retryAfter: date", async () => {
    await server.boot({ rateLimit: 0.5, retryAfter: "date" });
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).status).toBe(200);
    const limited = await server.api.vobiz("GET", `/${ACME_TRUNK}`);
    const answered = Date.now();
    expect(limited.status).toBe(429);
    const retryAfter = limited.headers.get("retry-after") ?? "";
    // IMF-fixdate (RFC 9110 §5.6.7), the form servers must send.
    expect(retryAfter).toMatch(IMF_FIXDATE);
    expect(vobizError(limited.body).message).toBe(`Rate limit exceeded; retry after ${retryAfter}`);
    const at = Date.parse(retryAfter);
    expect(at % 1000).toBe(0);
    const record = server.emulator.requests.at(-1);
    expect(record).toMatchObject({ status: 429, retryAfter });
    // After the 429 was decided, and no later than a bucket at 0.5/s (2 s) plus rounding can ask.
    expect(at).toBeGreaterThan(record?.startedAt ?? Number.POSITIVE_INFINITY);
    expect(at).toBeLessThanOrEqual(answered + 3000);
    const sip = await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`);
    expect(sip.status).toBe(200);
    const sipLimited = await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`);
    expect(sipLimited).toMatchObject({ status: 429, body: { statusCode: 429 } });
    expect(sipLimited.headers.get("retry-after")).toMatch(IMF_FIXDATE);
  });

  it("answers delta-seconds when retryAfter is seconds, the default, by name", async () => {
    await server.boot({ rateLimit: 0.5, retryAfter: "seconds" });
    await server.api.vobiz("GET");
    expect((await server.api.vobiz("GET")).headers.get("retry-after")).toMatch(/^[12]$/);
  });

  it("refuses an unknown Retry-After form, naming the option", async () => {
    await expect(server.boot({ retryAfter: "http-date" as "date" })).rejects.toThrow(
      /retryAfter must be "seconds" or "date", got http-date/,
    );
  });

  it("keeps one bucket per account", async () => {
    await server.boot({
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
      server.api.send("GET", `/api/v1/Account/${id}/trunks`, { "X-Auth-ID": id, "X-Auth-Token": token });
    expect((await list("MA_A", "token-a")).status).toBe(200);
    expect((await list("MA_A", "token-a")).status).toBe(429);
    expect((await list("MA_B", "token-b")).status).toBe(200);
  });

  it("does not spend tokens on requests that fail authentication", async () => {
    await server.boot({ rateLimit: 0.1 });
    const bad = await server.api.send("GET", `/api/v1/Account/${VOBIZ_ID}/trunks`, { "X-Auth-ID": VOBIZ_ID });
    expect(bad.status).toBe(401);
    expect((await server.api.vobiz("GET")).status).toBe(200);
  });
});

describe("hanging responses", () => {
  it("never answers, counts as in flight, and is ended by close()", async () => {
    await server.boot();
    server.emulator.faults.next(2, "hang", { route: "vobiz.get" });
    const hung = Promise.allSettled([
      server.api.vobiz("GET", `/${ACME_TRUNK}`),
      server.api.vobiz("GET", `/${ACME_TRUNK}`),
    ]);
    await inFlight(2);
    expect((await server.api.vobiz("GET")).status).toBe(200); // the server still serves others
    await server.emulator.close();
    expect((await hung).map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect(server.emulator.stats()).toMatchObject({ inFlight: 0, peakInFlight: 3 });
    expect(server.emulator.requests.filter((r) => r.fault === "hang")).toHaveLength(2);
  });

  it("is released when the client gives up", async () => {
    await server.boot({ latencyMs: 0 });
    server.emulator.faults.set({ hang: true });
    const controller = new AbortController();
    const request = fetch(`${server.emulator.url}/v2/sip-trunk/${SEED_SIP_TRUNK}`, {
      signal: controller.signal,
    });
    await inFlight(1);
    controller.abort();
    await expect(request).rejects.toThrow();
    await inFlight(0);
    expect(server.emulator.stats().byStatus).toEqual({ "0": 1 });
  });
});

describe("peak in-flight", () => {
  it("counts requests held by latency from arrival to answer", async () => {
    await server.boot({ latencyMs: 60_000 });
    const delayed = Promise.allSettled(
      Array.from({ length: 8 }, () => server.api.vobiz("GET", `/${ACME_TRUNK}`)),
    );
    await inFlight(8);
    expect(server.emulator.stats().peakInFlight).toBe(8);
    server.emulator.resetStats();
    expect(server.emulator.stats()).toMatchObject({ total: 0, inFlight: 8, peakInFlight: 8 });
    await server.emulator.close();
    await delayed;
    expect(server.emulator.stats().inFlight).toBe(0);
  });
});

describe("update rejection and remote edits", () => {
  it("always rejects updates of one trunk, leaving others and reads alone", async () => {
    await server.boot();
    server.emulator.faults.rejectUpdates(ACME_TRUNK, {
      status: 422,
      message: "trunk is locked by compliance",
    });
    server.emulator.faults.rejectUpdates(SEED_SIP_TRUNK, { status: 400, message: "trunk is provisioning" });
    for (let i = 0; i < 2; i++) {
      const response = await server.api.vobiz("PUT", `/${ACME_TRUNK}`, PUT_BODY);
      expect(response.status).toBe(422);
      expect(vobizError(response.body).message).toBe("trunk is locked by compliance");
    }
    expect(await server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, SIP_BODY)).toMatchObject({
      status: 400,
      body: { message: "trunk is provisioning" },
    });
    expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body).toMatchObject({
      concurrent_calls_limit: 10,
    });
    const other = await server.api.vobiz("PUT", "/3c1f7a52-9d4e-4b8a-a1c6-2f5e8d9b0a17", PUT_BODY);
    expect(other.status).toBe(200);
    server.emulator.faults.allowUpdates(ACME_TRUNK);
    expect((await server.api.vobiz("PUT", `/${ACME_TRUNK}`, PUT_BODY)).status).toBe(200);
  });

  it("edits a Vobiz trunk behind the API's back and advances updated_at", async () => {
    await server.boot();
    const before = (await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body as { updated_at: string };
    const edited = server.emulator.faults.remoteEdit("vobiz", ACME_TRUNK, {
      name: "Console rename",
      cps_limit: 4,
    });
    expect(edited).toMatchObject({ name: "Console rename", cps_limit: 4 });
    const after = (await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body as {
      updated_at: string;
      name: string;
    };
    expect(after).toEqual(edited);
    expect(stampMicros(after.updated_at)).toBeGreaterThan(stampMicros(before.updated_at));
  });

  it("edits a VideoSDK trunk", async () => {
    await server.boot();
    server.emulator.faults.remoteEdit("videosdk", SEED_SIP_TRUNK, { numbers: ["+14155550199"] });
    expect((await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).body).toMatchObject({
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
    await server.boot();
    expect(() => server.emulator.faults.remoteEdit("vobiz", id, patch)).toThrow(error);
  });
});
