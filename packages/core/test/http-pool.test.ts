import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Emulator, startEmulator } from "@trunksync/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../src/errors.js";
import { createHttpClient } from "../src/http/client.js";
import type { HttpClientOptions } from "../src/http/types.js";

// Real sockets on 127.0.0.1: what the pool, keep-alive and undici's timeouts actually do. Network
// failures come from the emulator's faults; the pool spec has its own server, to see which socket
// each request arrived on.

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.faults.clear());
afterAll(() => emulator?.close());

/** A trunk of the emulator's default seed, and the demo account's credentials for it. */
const TRUNK = "/api/v1/Account/MA_DEMO0001/trunks/bfab10fb-cb97-488b-9c63-989c32980b0f";
const DEMO_AUTH = { "X-Auth-ID": "MA_DEMO0001", "X-Auth-Token": "demo-vobiz-token" };

async function serve(handler: Handler): Promise<string> {
  let n = 0;
  const server = createServer((req, res) => {
    n += 1;
    handler(req, res, n);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(baseUrl: string, overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    provider: "local",
    baseUrl,
    concurrency: 3,
    timeoutMs: 5_000,
    sleep: async () => {},
    ...overrides,
  });
}

describe("connection pool", () => {
  it("never has more requests in flight than concurrency and reuses its connections", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const sockets = new Set<number | undefined>();
    const baseUrl = await serve((req, res) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      sockets.add(req.socket.remotePort);
      // Answer on the next turn so that concurrent requests overlap on the server.
      setImmediate(() => {
        inFlight -= 1;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ path: req.url }));
      });
    });
    const http = client(baseUrl);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => http.request({ method: "GET", path: `/t/${i}` })),
    );
    await http.close();
    expect(answers.map((a) => (a.body as { path: string }).path)).toEqual(
      Array.from({ length: 40 }, (_, i) => `/t/${i}`),
    );
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(sockets.size).toBeLessThanOrEqual(3);
  });
});

describe("network failures over real sockets", () => {
  it("retries when the server drops the connection mid-request", async () => {
    emulator.faults.next(1, "reset");
    const codes: (string | undefined)[] = [];
    const http = client(emulator.url, { headers: DEMO_AUTH, onRetry: (info) => codes.push(info.code) });
    await expect(http.request({ method: "GET", path: TRUNK })).resolves.toMatchObject({ status: 200 });
    await http.close();
    expect(codes).toHaveLength(1);
    expect(["ECONNRESET", "UND_ERR_SOCKET"]).toContain(codes[0]);
  });

  it("retries an attempt whose headers do not arrive within timeoutMs", async () => {
    emulator.faults.next(1, "hang");
    const codes: (string | undefined)[] = [];
    const http = client(emulator.url, {
      headers: DEMO_AUTH,
      timeoutMs: 200,
      deadlineMs: 10_000,
      onRetry: (i) => codes.push(i.code),
    });
    await expect(http.request({ method: "GET", path: TRUNK })).resolves.toMatchObject({ status: 200 });
    await http.close();
    expect(codes).toEqual(["UND_ERR_HEADERS_TIMEOUT"]);
  });

  it("stops an attempt at the overall deadline", async () => {
    emulator.faults.set({ hang: true });
    const http = client(emulator.url, { headers: DEMO_AUTH, timeoutMs: 10_000, deadlineMs: 200 });
    const error = await http.request({ method: "GET", path: TRUNK }).catch((e: unknown) => e);
    await http.close();
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toBe(
      `[local] GET ${TRUNK}: no answer within the deadline of 200 ms`,
    );
  });

  it("fails at once, with a hint, when nothing listens at the baseUrl", async () => {
    const gone = await startEmulator();
    await gone.close();
    const http = client(gone.url);
    const error = await http.request({ method: "GET", path: "/t" }).catch((e: unknown) => e);
    await http.close();
    expect((error as ProviderError).message).toContain("network error ECONNREFUSED");
    expect((error as ProviderError).hint).toBe(`is anything listening at ${gone.url}? check baseUrl`);
    expect(http.stats()).toMatchObject({ requests: 1, retries: 0, byStatus: { ECONNREFUSED: 1 } });
  });
});
