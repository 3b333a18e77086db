import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../src/index.js";
import { type Client, client, start, VOBIZ_ID, vobizError } from "./helpers.js";

interface Page {
  meta: {
    limit: number;
    offset: number;
    total?: number;
    total_count?: number;
  };
  objects: { trunk_id: string }[];
}

let emulator: Emulator;
let api: Client;

beforeAll(async () => {
  emulator = await start({ generate: 247 });
  api = client(emulator);
});
afterAll(() => emulator.close());

const all = (e: Emulator) => e.state.vobiz.get(VOBIZ_ID)?.trunks.page(0, Number.MAX_SAFE_INTEGER) ?? [];

describe("Vobiz list", () => {
  it("defaults to 20 trunks from offset 0, with only the documented limit, offset and total", async () => {
    const page = (await api.vobiz("GET")).body as Page;
    expect(page.meta).toEqual({ limit: 20, offset: 0, total: 250 });
    expect(page.objects).toHaveLength(20);
  });

  it("walks every trunk exactly once, in creation order, by raising offset until it reaches total", async () => {
    const seen: string[] = [];
    let pages = 0;
    for (let offset = 0, total = 1; offset < total; offset += 100) {
      const page = (await api.vobiz("GET", `?limit=100&offset=${offset}`)).body as Page;
      expect(page.meta).toEqual({ limit: 100, offset, total: 250 });
      seen.push(...page.objects.map((trunk) => trunk.trunk_id));
      total = page.meta.total ?? 0;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all(emulator).map((trunk) => trunk.trunk_id));
    expect(seen.slice(0, 3)).toEqual([
      "bfab10fb-cb97-488b-9c63-989c32980b0f",
      "3c1f7a52-9d4e-4b8a-a1c6-2f5e8d9b0a17",
      "7e2d4b90-5a3c-4f1e-8b7d-6c9a0e1f2d34",
    ]);
  });

  it("answers the last partial page with the rest, and no next/previous links", async () => {
    const page = (await api.vobiz("GET", "?limit=100&offset=200")).body as Page;
    expect(page.objects).toHaveLength(50);
    expect(page.meta).toEqual({ limit: 100, offset: 200, total: 250 });
  });

  it("answers an empty page past the end", async () => {
    const page = (await api.vobiz("GET", "?offset=1000")).body as Page;
    expect(page.objects).toEqual([]);
    expect(page.meta.total).toBe(250);
  });

  it("serves both shapes of a trunk in one page: with and without each optional uuid, webhooks POST and GET", async () => {
    const page = (await api.vobiz("GET", "?limit=100&offset=3")).body as {
      objects: Record<string, unknown>[];
    };
    for (const field of ["credential_uuid", "ipacl_uuid", "primary_uri_uuid", "fallback_uri_uuid"]) {
      const carrying = page.objects.filter((trunk) => field in trunk);
      expect(carrying.length).toBeGreaterThan(0);
      expect(carrying.length).toBeLessThan(page.objects.length);
      for (const trunk of carrying) expect(trunk[field]).toEqual(expect.any(String));
    }
    expect(new Set(page.objects.map((trunk) => trunk.webhook_method))).toEqual(new Set(["POST", "GET"]));
    // Unset means absent, never null or undefined in the JSON.
    expect(JSON.stringify(page)).not.toContain("null");
  });

  it.each([
    { query: "?limit=101", parameter: "limit" },
    { query: "?limit=0", parameter: "limit" },
    { query: "?limit=-5", parameter: "limit" },
    { query: "?limit=ten", parameter: "limit" },
    { query: "?limit=", parameter: "limit" },
    { query: "?offset=-1", parameter: "offset" },
    { query: "?offset=1.5", parameter: "offset" },
  ])("rejects $query with 400 naming $parameter", async ({ query, parameter }) => {
    const response = await api.vobiz("GET", query);
    expect(response.status).toBe(400);
    const error = vobizError(response.body);
    expect(Object.keys(error.details)).toEqual([parameter]);
    expect(error.message).toContain(parameter);
  });
});

describe("Vobiz list with the older count spelling", () => {
  it("names the count total_count when configured so", async () => {
    const older = await start({ vobizCountField: "total_count" });
    try {
      const page = (await client(older).vobiz("GET", "?limit=2")).body as Page;
      expect(page.meta).toEqual({ limit: 2, offset: 0, total_count: 3 });
    } finally {
      await older.close();
    }
  });
});
