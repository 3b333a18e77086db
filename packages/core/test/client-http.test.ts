import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Config, closeAll, connectProviders, httpStatsOf, type ProviderClient } from "@trunksync/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePlugin } from "./fixtures/example-plugin.js";

// A server that is briefly unavailable: the first request to each trunk is a 503 asking for an immediate retry.
const seen = new Set<string>();
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume().on("end", () => {
      const first = !seen.has(req.url ?? "");
      seen.add(req.url ?? "");
      if (first) {
        res.writeHead(503, { "retry-after": "0", "content-type": "application/json" }).end("{}");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "t1", name: "Main", capacity: 1 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function config(...names: string[]): Config {
  const block = (name: string) => ({
    name,
    type: "example",
    options: { type: "example", baseUrl, apiKey: "key-123" },
    envRefs: {},
    location: { file: "/repo/trunks.yaml", line: 3, col: 3 },
  });
  return {
    file: "/repo/trunks.yaml",
    digest: "sha256:0",
    providers: Object.fromEntries(names.map((name) => [name, block(name)])),
    trunks: [],
  };
}

describe("httpStatsOf", () => {
  it("counts each provider's requests, retries, methods and statuses, keyed by block name", async () => {
    const clients = connectProviders(config("beta", "alpha"), new Map([["example", examplePlugin]]));
    try {
      await (clients.get("alpha") as ProviderClient).read(["t1", "t2"]);
      const stats = httpStatsOf(clients);
      expect([...stats.keys()]).toEqual(["alpha", "beta"]);
      expect(stats.get("alpha")).toEqual({
        requests: 4,
        retries: 2,
        byMethod: { GET: 4 },
        byStatus: { "200": 2, "503": 2 },
      });
      expect(stats.get("beta")).toEqual({ requests: 0, retries: 0, byMethod: {}, byStatus: {} });
    } finally {
      await closeAll(clients);
    }
  });

  it("leaves out clients that core did not connect", () => {
    const foreign: ProviderClient = {
      read: async () => [],
      update: async () => ({ id: "", fields: {}, fingerprint: "" }),
      close: async () => {},
    };
    expect(httpStatsOf(new Map([["foreign", foreign]])).size).toBe(0);
  });
});
