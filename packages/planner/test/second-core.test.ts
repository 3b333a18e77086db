import { cp, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  closeAll,
  connectProviders,
  isJsonObject,
  type ProviderClient,
  ProviderError,
  type ProviderPlugin,
  type TrunkRead,
} from "@trunksync/core";
import { type Emulator, startEmulator } from "@trunksync/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { fakePlugin, makeConfig, NOW } from "./builders.js";

type CoreErrors = typeof import("@trunksync/core/errors");

/*
 * A global `trunksync` with a plugin that installed its own @trunksync/core: the plugin's error
 * classes come from a second, separately loaded copy of core's build, while the errors it catches
 * come from the HTTP client of the copy the planner uses. The plugin reads Vobiz trunks from the
 * emulator (127.0.0.1, random port) with its default seed's demo account.
 */
const AUTH_ID = "MA_DEMO0001";
const AUTH_TOKEN = "demo-vobiz-token";
/** "Acme Production Trunk" in the emulator's DEFAULT_SEED. */
const HERE = "bfab10fb-cb97-488b-9c63-989c32980b0f";
/** An id no account has: the emulator answers 404. */
const GONE = "00000000-0000-4000-8000-000000000000";

let scratch: string;
let theirs: CoreErrors;
let emulator: Emulator;

beforeAll(async () => {
  const core = dirname(createRequire(import.meta.url).resolve("@trunksync/core/package.json"));
  scratch = await mkdtemp(join(tmpdir(), "trunksync-second-core-"));
  await cp(join(core, "dist"), join(scratch, "dist"), { recursive: true });
  theirs = (await import(pathToFileURL(join(scratch, "dist", "errors.js")).href)) as CoreErrors;
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
  await rm(scratch, { recursive: true, force: true });
});

/** A plugin testing errors with its own copy's `ProviderError`, as the core README tells plugins to. */
function twinPlugin(read: (client: ProviderClient["read"], ids: readonly string[]) => Promise<TrunkRead[]>) {
  const { ProviderError } = theirs;
  const plugin: ProviderPlugin = {
    ...fakePlugin("twin"),
    httpProfile: () => ({
      headers: { "X-Auth-ID": AUTH_ID, "X-Auth-Token": AUTH_TOKEN },
      errorMessagePaths: ["error.message"],
    }),
    connect(_options, { http }): ProviderClient {
      const readOne = async (id: string): Promise<TrunkRead> => {
        try {
          const res = await http.request({ method: "GET", path: `/api/v1/Account/${AUTH_ID}/trunks/${id}` });
          const fields = isJsonObject(res.body) ? res.body : {};
          return { id, status: "found", trunk: { id, fields, fingerprint: `fp-${id}` } };
        } catch (error) {
          if (error instanceof ProviderError && error.status === 404) return { id, status: "missing" };
          throw error;
        }
      };
      const client: ProviderClient = {
        read: (ids) => read((ids) => Promise.all(ids.map(readOne)), ids),
        update: () => Promise.reject(new Error("not in this spec")),
        close: async () => {},
      };
      return client;
    },
  };
  return plugin;
}

async function planTwin(plugin: ProviderPlugin) {
  const config = makeConfig({ twin: { type: "twin" } }, [
    { provider: "twin", id: GONE, fields: { name: "Gone" } },
    { provider: "twin", id: HERE, fields: { name: "Acme Production Trunk" } },
  ]);
  const block = config.providers.twin;
  if (block) block.options.baseUrl = emulator.url;
  const plugins = new Map([["twin", plugin]]);
  const clients = connectProviders(config, plugins);
  try {
    const result = await plan(config, plugins, clients, {
      filters: { providers: [], trunks: [] },
      toolVersion: "1.2.3",
      now: NOW,
    });
    return result.plan.changes.map((c) => [c.id, c.action === "error" ? c.error : c.action]);
  } finally {
    await closeAll(clients);
  }
}

describe("errors from a second copy of @trunksync/core", () => {
  it("come from other classes than the planner's (by prototype, one is no instance of the other)", () => {
    const ours = new ProviderError({ provider: "twin", method: "GET", path: "/x", status: 404 }, "Not Found");
    expect(theirs.ProviderError).not.toBe(ProviderError);
    expect(Object.prototype.isPrototypeOf.call(theirs.ProviderError.prototype, ours)).toBe(false);
  });

  it("a 404 from core's HTTP client is a ProviderError to the plugin's copy: that trunk is not-found, the other planned", async () => {
    expect(await planTwin(twinPlugin((read, ids) => read(ids)))).toEqual([
      [
        GONE,
        {
          kind: "not-found",
          message: `trunk ${GONE} not found at provider twin; check the id or create it in the provider's console`,
        },
      ],
      [HERE, "no-op"],
    ]);
  });

  it("a ProviderError the plugin's copy throws fails its provider with its own message, not as a plugin bug", async () => {
    const { ProviderError } = theirs;
    const failing = twinPlugin(async () => {
      throw new ProviderError({ provider: "twin", method: "GET", path: "/trunks", status: 403 }, "Forbidden");
    });
    const error = { kind: "provider-failed", message: "[twin] GET /trunks: 403 Forbidden" };
    expect(await planTwin(failing)).toEqual([
      [GONE, error],
      [HERE, error],
    ]);
  });
});
