import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
// Through the package's public entry (dist), exactly as a third-party plugin sees core.
import { type Config, closeAll, connectProviders, type ProviderClient, ProviderError } from "@trunksync/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePlugin } from "./fixtures/example-plugin.js";

// The README's example plugin, run against a tiny Example API on 127.0.0.1.

const API_KEY = "example-api-key-123";
const trunks = new Map<string, { name: string; capacity: number }>([
  ["t1", { name: "Main", capacity: 10 }],
  ["t2", { name: "Backup", capacity: 2 }],
]);
let inFlight = 0;
let maxInFlight = 0;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let text = "";
    req.on("data", (chunk) => {
      text += chunk;
    });
    req.on("end", () => {
      const id = decodeURIComponent(req.url?.split("/")[2] ?? "");
      const reply = (status: number, body: unknown) => {
        inFlight -= 1;
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${API_KEY}`) return reply(401, { message: "bad key" });
      if (id === "broken") return reply(500, { message: "database unavailable" });
      const trunk = trunks.get(id);
      if (!trunk) return reply(404, { message: "no such trunk" });
      if (req.method === "PUT") trunks.set(id, JSON.parse(text));
      reply(200, { id, ...trunks.get(id) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function config(apiKey: string): Config {
  return {
    file: "/repo/trunks.yaml",
    digest: "sha256:0",
    providers: {
      example: {
        name: "example",
        type: "example",
        options: { type: "example", baseUrl, apiKey },
        envRefs: { apiKey: "EXAMPLE_API_KEY" },
        location: { file: "/repo/trunks.yaml", line: 3, col: 3 },
      },
    },
    trunks: [],
  };
}

async function withClient<T>(
  apiKey: string,
  run: (client: ProviderClient) => Promise<T>,
  concurrency?: number,
) {
  const clients = connectProviders(config(apiKey), new Map([["example", examplePlugin]]), { concurrency });
  try {
    return await run(clients.get("example") as ProviderClient);
  } finally {
    await closeAll(clients);
  }
}

describe("the README example plugin", () => {
  it("reads found and missing trunks with a hash fingerprint", async () => {
    const reads = await withClient(API_KEY, (client) => client.read(["t1", "nope"]));
    expect(reads).toEqual([
      {
        id: "t1",
        status: "found",
        trunk: {
          id: "t1",
          fields: { name: "Main", capacity: 10 },
          fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        },
      },
      { id: "nope", status: "missing" },
    ]);
  });

  it("builds a full update body, or names the fields it lacks", () => {
    expect(examplePlugin.updateBody({ name: "Main", capacity: 12, extra: true })).toEqual({
      body: { name: "Main", capacity: 12 },
    });
    expect(examplePlugin.updateBody({ name: "Main" })).toEqual({ missing: ["capacity"] });
  });

  it("updates a trunk and returns it as stored, with a new fingerprint", async () => {
    const [before, after] = await withClient(API_KEY, async (client) => {
      const [read] = await client.read(["t2"]);
      const updated = await client.update("t2", { name: "Backup", capacity: 5 });
      return [read, updated];
    });
    expect(after).toMatchObject({ id: "t2", fields: { name: "Backup", capacity: 5 } });
    expect(before).toMatchObject({ status: "found" });
    expect(after?.fingerprint).not.toBe(before?.status === "found" ? before.trunk.fingerprint : undefined);
  });

  it("fails one trunk alone when the API fails for that trunk only", async () => {
    const reads = await withClient(API_KEY, (client) => client.read(["t1", "broken"]));
    expect(reads).toEqual([
      expect.objectContaining({ id: "t1", status: "found" }),
      {
        id: "broken",
        status: "failed",
        message: "[example] GET /trunks/broken: 500 Internal Server Error: database unavailable",
      },
    ]);
  });

  it("rejects the whole read on bad credentials, naming the block and its environment variable, not the key", async () => {
    const error = await withClient("wrong-key-456", (client) => client.read(["t1", "t2"])).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      status: 401,
      message:
        '[example] GET /trunks/t1: 401 Unauthorized: bad key (check the credentials of provider block "example" (EXAMPLE_API_KEY))',
    });
  });

  it("keeps reads within the concurrency given to connectProviders", async () => {
    maxInFlight = 0;
    const ids = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? "t1" : "t2"));
    const reads = await withClient(API_KEY, (client) => client.read(ids), 2);
    expect(reads.every((r) => r.status === "found")).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(2);
  });

  it("fails an update whose answer lacks a field with a ProviderError", async () => {
    const error = await withClient(API_KEY, (client) => client.update("t1", { name: "Main" })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toBe(
      '[example] PUT /trunks/t1: trunk t1: "capacity" is missing or not a number',
    );
  });

  it("is shown verbatim in the package README", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const source = readFileSync(new URL("./fixtures/example-plugin.ts", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${source}\`\`\``);
  });
});
