import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmulator } from "@trunksync/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { ExchangeTimeout, exchange } from "../src/http/exchange.js";
import { loadUndiciPool } from "../src/http/undici-pool.js";

// Real sockets on 127.0.0.1, through the pool core uses: a server of its own where a spec needs to see
// or hold each request, else the emulator.

const servers: Server[] = [];
const pools: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  const closing = servers.splice(0);
  for (const server of closing) server.closeAllConnections();
  await Promise.all(closing.map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const Pool = loadUndiciPool();
  const pool = new Pool(origin, { connections: 1 });
  pools.push(pool);
  return { origin, pool, server };
}

describe("exchange", () => {
  it("gives the status, the headers and the whole body, however many chunks it came in", async () => {
    const { origin, pool } = await serve((req, res) => {
      res.writeHead(201, { "content-type": "application/json", "x-seen": req.headers["x-probe"] ?? "" });
      res.write('{"parts":[');
      res.write('"one",');
      res.end('"two"]}');
    });
    const answer = await exchange(
      pool,
      { origin, method: "PUT", path: "/t", headers: { "x-probe": "p1" }, body: "{}" },
      5_000,
    );
    expect(answer).toMatchObject({ status: 201, headers: { "x-seen": "p1" } });
    expect(JSON.parse(answer.text)).toEqual({ parts: ["one", "two"] });
  });

  it("times out a request still queued behind a busy connection, and never sends it", async () => {
    const paths: string[] = [];
    const held: ServerResponse[] = [];
    const { origin, pool, server } = await serve((req, res) => {
      paths.push(req.url ?? "");
      held.push(res);
    });
    // One connection: the first request holds it, the second waits in the pool's queue.
    const first = exchange(pool, { origin, method: "GET", path: "/first" }, 5_000);
    const queued = exchange(pool, { origin, method: "GET", path: "/queued" }, 50);
    await expect(queued).rejects.toBeInstanceOf(ExchangeTimeout);
    held[0]?.end("done");
    await expect(first).resolves.toMatchObject({ status: 200, text: "done" });
    // The connection is free again: a third request goes through; the timed-out one never did.
    const arrived = once(server, "request");
    const third = exchange(pool, { origin, method: "GET", path: "/third" }, 5_000);
    await arrived;
    held[1]?.end("third");
    await expect(third).resolves.toMatchObject({ text: "third" });
    expect(paths).toEqual(["/first", "/third"]);
  });

  it("rejects with the code of a dropped connection", async () => {
    const emulator = await startEmulator();
    const pool = new (loadUndiciPool())(emulator.url, { connections: 1 });
    try {
      emulator.faults.next(1, "reset");
      const request = {
        origin: emulator.url,
        method: "GET",
        path: "/api/v1/Account/MA_DEMO0001/trunks",
      } as const;
      await expect(exchange(pool, request, 5_000)).rejects.toMatchObject({ code: "UND_ERR_SOCKET" });
    } finally {
      await pool.close();
      await emulator.close();
    }
  });
});
