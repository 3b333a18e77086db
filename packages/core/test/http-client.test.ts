import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, ProviderError } from "../src/errors.js";
import { createHttpClient } from "../src/http/client.js";
import type { HttpClient, HttpClientOptions, RetryInfo } from "../src/http/types.js";

const ORIGIN = "https://api.example.test";
const TOKEN = "s3cr3t-token-value";

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

/** A client on the mock agent whose sleeps are recorded (and return at once) and whose clock is fake. */
function client(overrides: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const retries: RetryInfo[] = [];
  const clock = { now: 1_700_000_000_000 };
  const http: HttpClient = createHttpClient({
    provider: "acme-prod",
    baseUrl: ORIGIN,
    concurrency: 4,
    timeoutMs: 5_000,
    headers: { "X-Auth-Token": TOKEN },
    errorMessagePaths: ["error.message", "message"],
    authHint: 'check the credentials of provider block "acme-prod" (ACME_TOKEN)',
    dispatcher: agent,
    now: () => clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
    onRetry: (info) => retries.push(info),
    ...overrides,
  });
  return { http, sleeps, retries, clock };
}

const api = () => agent.get(ORIGIN);

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("successful requests", () => {
  it("sends the user agent, accept and auth headers and parses the JSON body", async () => {
    let seen: Record<string, string> = {};
    api()
      .intercept({ path: "/trunks/1", method: "GET" })
      .reply(200, (opts) => {
        seen = opts.headers as Record<string, string>;
        return { id: "1" };
      });
    const { http } = client();
    const res = await http.request({ method: "GET", path: "/trunks/1" });
    expect(res).toMatchObject({ status: 200, body: { id: "1" } });
    expect(seen["user-agent"]).toMatch(/^trunksync\/\d+\.\d+\.\d+/);
    expect(seen.accept).toBe("application/json");
    expect(seen["x-auth-token"]).toBe(TOKEN);
    expect(seen["content-type"]).toBeUndefined();
  });

  it("sends a JSON body with its content type and lets per-request headers win", async () => {
    let seen: { headers: Record<string, string>; body: unknown } = { headers: {}, body: undefined };
    api()
      .intercept({ path: "/trunks/1", method: "PUT" })
      .reply(200, (opts) => {
        seen = { headers: opts.headers as Record<string, string>, body: JSON.parse(String(opts.body)) };
        return {};
      });
    const { http } = client();
    await http.request({
      method: "PUT",
      path: "/trunks/1",
      body: { name: "a" },
      headers: { "X-Auth-Token": "fresh" },
    });
    expect(seen.headers["content-type"]).toBe("application/json");
    expect(seen.headers["x-auth-token"]).toBe("fresh");
    expect(seen.body).toEqual({ name: "a" });
  });

  it("encodes the query and keeps a path prefix of the baseUrl", async () => {
    api().intercept({ path: "/v1/trunks?limit=100&offset=200&q=a+b", method: "GET" }).reply(200, []);
    const { http } = client({ baseUrl: `${ORIGIN}/v1/` });
    const res = await http.request({
      method: "GET",
      path: "/trunks",
      query: { limit: 100, offset: 200, q: "a b" },
    });
    expect(res.body).toEqual([]);
  });

  it("returns an undefined body for an empty answer", async () => {
    api().intercept({ path: "/trunks/1", method: "GET" }).reply(204, "");
    const { http } = client();
    expect((await http.request({ method: "GET", path: "/trunks/1" })).body).toBeUndefined();
  });
});

describe("retries", () => {
  it("retries a 503 and returns the answer that follows", async () => {
    api().intercept({ path: "/t", method: "GET" }).reply(503, { message: "busy" }).times(2);
    api().intercept({ path: "/t", method: "GET" }).reply(200, { ok: true });
    const { http, retries, sleeps } = client();
    const res = await http.request({ method: "GET", path: "/t" });
    expect(res.body).toEqual({ ok: true });
    expect(retries.map((r) => [r.attempt, r.status])).toEqual([
      [1, 503],
      [2, 503],
    ]);
    expect(sleeps).toEqual(retries.map((r) => r.delayMs));
    expect(http.stats()).toEqual({
      requests: 3,
      retries: 2,
      byMethod: { GET: 3 },
      byStatus: { "503": 2, "200": 1 },
    });
  });

  it.each([429, 502, 504])("retries a PUT answered %i", async (status) => {
    api().intercept({ path: "/t", method: "PUT" }).reply(status, {});
    api().intercept({ path: "/t", method: "PUT" }).reply(200, { ok: true });
    const { http } = client();
    expect((await http.request({ method: "PUT", path: "/t", body: {} })).body).toEqual({ ok: true });
  });

  it("backs off exponentially with jitter between half and the whole step, capped by maxDelayMs", async () => {
    api().intercept({ path: "/t", method: "GET" }).reply(503, {}).times(5);
    api().intercept({ path: "/t", method: "GET" }).reply(200, {});
    const { http, sleeps } = client({ minDelayMs: 100, maxDelayMs: 500, deadlineMs: 60_000 });
    await http.request({ method: "GET", path: "/t" });
    const steps = [100, 200, 400, 500, 500];
    expect(sleeps).toHaveLength(5);
    sleeps.forEach((ms, i) => {
      const step = steps[i] as number;
      expect(ms).toBeGreaterThanOrEqual(step / 2);
      expect(ms).toBeLessThanOrEqual(step);
    });
  });

  it("waits the seconds a Retry-After header asks for", async () => {
    api()
      .intercept({ path: "/t", method: "GET" })
      .reply(429, {}, { headers: { "retry-after": "3" } });
    api().intercept({ path: "/t", method: "GET" }).reply(200, {});
    const { http, sleeps, retries } = client();
    await http.request({ method: "GET", path: "/t" });
    expect(sleeps).toEqual([3_000]);
    expect(retries).toEqual([{ method: "GET", path: "/t", attempt: 1, status: 429, delayMs: 3_000 }]);
  });

  it("waits until the HTTP date a Retry-After header names", async () => {
    const { http, sleeps, clock } = client();
    const at = new Date(clock.now + 7_000).toUTCString();
    api()
      .intercept({ path: "/t", method: "GET" })
      .reply(503, {}, { headers: { "retry-after": at } });
    api().intercept({ path: "/t", method: "GET" }).reply(200, {});
    await http.request({ method: "GET", path: "/t" });
    // HTTP dates have whole seconds: the wait is at most 7 s and more than 6 s.
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(6_000);
    expect(sleeps[0]).toBeLessThanOrEqual(7_000);
  });

  it("fails at once when Retry-After asks for longer than the deadline leaves", async () => {
    api()
      .intercept({ path: "/t", method: "GET" })
      .reply(429, { message: "slow down" }, { headers: { "retry-after": "120" } });
    const { http, sleeps } = client({ deadlineMs: 20_000 });
    const error = await failure(http.request({ method: "GET", path: "/t" }));
    expect(sleeps).toEqual([]);
    expect(error.status).toBe(429);
    expect(error.message).toBe(
      "[acme-prod] GET /t: 429 Too Many Requests: slow down; the server asked to retry after 120 s, past the 20000 ms deadline",
    );
  });

  it("gives up when the next backoff would pass the deadline", async () => {
    api().intercept({ path: "/t", method: "GET" }).reply(503, { message: "busy" });
    // Every backoff is 2–4 s, more than the 1.5 s deadline leaves.
    const { http, sleeps } = client({ minDelayMs: 4_000, maxDelayMs: 4_000, deadlineMs: 1_500 });
    const error = await failure(http.request({ method: "GET", path: "/t" }));
    expect(sleeps).toEqual([]);
    expect(error.status).toBe(503);
    expect(error.detail).toBe("Service Unavailable: busy; the next retry would pass the 1500 ms deadline");
  });

  it("gives up after maxAttempts with the provider, method, path and status in the message", async () => {
    api()
      .intercept({ path: "/api/trunks/9", method: "GET" })
      .reply(503, { error: { message: "maintenance" } })
      .times(3);
    const { http } = client({ maxAttempts: 3 });
    const error = await failure(http.request({ method: "GET", path: "/api/trunks/9" }));
    expect(error).toMatchObject({ provider: "acme-prod", method: "GET", path: "/api/trunks/9", status: 503 });
    expect(error.detail).toBe("Service Unavailable: maintenance (gave up after 3 attempts)");
    expect(error.message).toBe(
      "[acme-prod] GET /api/trunks/9: 503 Service Unavailable: maintenance (gave up after 3 attempts)",
    );
    expect(http.stats().retries).toBe(2);
  });

  it.each(["POST", "DELETE"] as const)("does not retry a %s (not idempotent here)", async (method) => {
    api().intercept({ path: "/t", method }).reply(503, { message: "busy" });
    const { http, retries } = client();
    const error = await failure(http.request({ method, path: "/t", body: {} }));
    expect(error.status).toBe(503);
    expect(retries).toEqual([]);
    expect(http.stats().requests).toBe(1);
  });

  it.each([
    { status: 400, detail: "Bad Request: name is required" },
    { status: 404, detail: "Not Found: name is required" },
    { status: 409, detail: "Conflict: name is required" },
  ])("does not retry a $status and reports it", async ({ status, detail }) => {
    api()
      .intercept({ path: "/t", method: "GET" })
      .reply(status, { error: { message: "name is required" } });
    const { http } = client();
    const error = await failure(http.request({ method: "GET", path: "/t" }));
    expect(error).toMatchObject({ status, detail, hint: undefined });
    expect(http.stats().requests).toBe(1);
  });

  it.each([401, 403])("does not retry a %i and adds the auth hint", async (status) => {
    api().intercept({ path: "/t", method: "GET" }).reply(status, { message: "invalid credentials" });
    const { http } = client();
    const error = await failure(http.request({ method: "GET", path: "/t" }));
    expect(http.stats().requests).toBe(1);
    expect(error.message).toContain('(check the credentials of provider block "acme-prod" (ACME_TOKEN))');
  });

  it("retries a connection reset", async () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    api().intercept({ path: "/t", method: "GET" }).replyWithError(reset);
    api().intercept({ path: "/t", method: "GET" }).reply(200, { ok: true });
    const { http, retries } = client();
    expect((await http.request({ method: "GET", path: "/t" })).body).toEqual({ ok: true });
    expect(retries).toMatchObject([{ attempt: 1, code: "ECONNRESET" }]);
  });

  it("does not retry a refused connection and asks whether anything listens", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    api().intercept({ path: "/t", method: "GET" }).replyWithError(refused);
    const { http } = client();
    const error = await failure(http.request({ method: "GET", path: "/t" }));
    expect(error.status).toBeUndefined();
    expect(error.message).toContain("network error ECONNREFUSED");
    expect(error.message).toContain(`is anything listening at ${ORIGIN}?`);
  });
});

describe("malformed answers", () => {
  it("rejects a 2xx body that is not JSON without quoting it", async () => {
    api()
      .intercept({ path: "/t", method: "GET" })
      .reply(200, '{"password":"hunter2"', {
        headers: { "content-type": "application/json" },
      });
    const { http } = client();
    const error = await failure(http.request({ method: "GET", path: "/t" }));
    expect(error.message).toBe(
      "[acme-prod] GET /t: 200 response body is not valid JSON (21 bytes, application/json)",
    );
  });

  it("falls back to the status text when an error body has no message", async () => {
    api().intercept({ path: "/t", method: "GET" }).reply(400, "<html>oops</html>");
    const { http } = client();
    expect((await failure(http.request({ method: "GET", path: "/t" }))).detail).toBe("Bad Request");
  });
});

describe("secrets", () => {
  it("never puts a header value in an error message, even when the provider echoes it", async () => {
    api()
      .intercept({ path: "/t", method: "GET" })
      .reply(401, { message: `token ${TOKEN} is invalid` });
    api()
      .intercept({ path: "/u", method: "GET" })
      .reply(400, { message: "jwt eyJhbGciOi.fresh-jwt rejected" });
    const { http } = client();
    const a = await failure(http.request({ method: "GET", path: "/t" }));
    const b = await failure(
      http.request({ method: "GET", path: "/u", headers: { authorization: "eyJhbGciOi.fresh-jwt" } }),
    );
    expect(a.message).toContain("token [redacted] is invalid");
    for (const error of [a, b]) {
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain("fresh-jwt");
    }
  });
});

describe("baseUrl", () => {
  it.each([
    "https://api.vobiz.ai",
    "http://127.0.0.1:4010",
    "http://127.8.9.10",
    "http://localhost:3000/prefix",
    "http://[::1]:8080",
  ])("accepts %s", (baseUrl) => {
    expect(() => client({ baseUrl })).not.toThrow();
  });

  it.each([
    { baseUrl: "http://api.vobiz.ai", reason: "must use https" },
    { baseUrl: "http://10.0.0.1", reason: "must use https" },
    { baseUrl: "http://localhost.evil.test", reason: "must use https" },
    { baseUrl: "ftp://api.vobiz.ai", reason: "must be an https URL" },
    { baseUrl: "api.vobiz.ai", reason: "is not a valid URL" },
    { baseUrl: "https://user:pw@api.vobiz.ai", reason: "must not contain credentials" },
  ])("rejects $baseUrl: $reason", ({ baseUrl, reason }) => {
    let thrown: unknown;
    try {
      client({ baseUrl });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).message).toContain("[acme-prod]");
    expect((thrown as ConfigError).message).toContain(reason);
    expect((thrown as ConfigError).problems[0]?.path).toBe("/providers/acme-prod/baseUrl");
  });
});
