import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type JsonObject, loadConfigText, type ProviderPlugin } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { BUILTIN_PLUGINS } from "../src/plugins.js";
import { DEMO_ENV, REPO_ROOT } from "./validate-helpers.js";

// The built-in plugins as the CLI ships them (validators precompiled by their build), and the same
// plugins without them, whose schemas core compiles at run time: both must report alike.
const RUNTIME_COMPILED: ProviderPlugin[] = BUILTIN_PLUGINS.map(({ validators: _, ...plugin }) => plugin);
const EXAMPLES = join(REPO_ROOT, "examples", "invalid");

async function problemsBothWays(text: string, file: string) {
  const load = (builtins: readonly ProviderPlugin[]) =>
    loadConfigText(text, file, { builtins, env: DEMO_ENV, cwd: REPO_ROOT });
  const [precompiled, runtime] = await Promise.all([load(BUILTIN_PLUGINS), load(RUNTIME_COMPILED)]);
  return { precompiled: precompiled.problems, runtime: runtime.problems };
}

it.each(BUILTIN_PLUGINS.map((plugin) => plugin.type))(
  "the %s plugin ships precompiled validators",
  (type) => {
    const plugin = BUILTIN_PLUGINS.find((p) => p.type === type);
    expect(plugin?.validators?.provider).toBeTypeOf("function");
    expect(plugin?.validators?.trunk).toBeTypeOf("function");
  },
);

describe("precompiled and runtime-compiled built-in schemas report the same problems", () => {
  it("for every file in examples/invalid", async () => {
    const files = (await readdir(EXAMPLES)).filter((f) => f.endsWith(".yaml")).sort();
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const path = join("examples", "invalid", file);
      const { precompiled, runtime } = await problemsBothWays(
        await readFile(join(REPO_ROOT, path), "utf8"),
        path,
      );
      expect(runtime, file).not.toEqual([]);
      expect(precompiled, file).toEqual(runtime);
    }
  });

  const VALID_BLOCKS: Record<string, JsonObject> = {
    vobiz: { type: "vobiz", authId: "MA_1", authToken: "token" },
    videosdk: { type: "videosdk", apiKey: "key", secret: "secret" },
  };
  const block = (type: string, options: JsonObject) => ({ ...VALID_BLOCKS[type], ...options });

  it.each([
    // vobiz provider block: core's common options plus authId / authToken
    {
      name: "an unknown option",
      type: "vobiz",
      block: block("vobiz", { authTokn: "t" }),
      says: 'did you mean "authToken"',
    },
    {
      name: "a missing credential",
      type: "vobiz",
      block: { type: "vobiz", authId: "MA_1" },
      says: 'missing required key "authToken"',
    },
    {
      name: "a number for a string",
      type: "vobiz",
      block: block("vobiz", { authId: 5 }),
      says: "authId must be a string, got 5",
    },
    {
      name: "a secret of the wrong type",
      type: "vobiz",
      block: block("vobiz", { authToken: 5 }),
      says: "got a number",
    },
    {
      name: "an empty credential",
      type: "vobiz",
      block: block("vobiz", { authId: "" }),
      says: "must not be empty",
    },
    {
      name: "concurrency out of range",
      type: "vobiz",
      block: block("vobiz", { concurrency: 300 }),
      says: "at most 256",
    },
    {
      name: "a fractional timeout",
      type: "vobiz",
      block: block("vobiz", { timeoutMs: 1.5 }),
      says: "an integer",
    },
    {
      name: "a baseUrl that is no uri",
      type: "vobiz",
      block: block("vobiz", { baseUrl: "api vobiz" }),
      says: "a valid uri",
    },
    // videosdk provider block: exactly one of token | apiKey + secret
    {
      name: "an API key without secret",
      type: "videosdk",
      block: { type: "videosdk", apiKey: "k" },
      says: "exactly one of: token | apiKey + secret",
    },
    {
      name: "a token and a key",
      type: "videosdk",
      block: block("videosdk", { token: "t" }),
      says: "exactly one of",
    },
    { name: "neither credential", type: "videosdk", block: { type: "videosdk" }, says: "exactly one of" },
    // vobiz trunks
    {
      name: "a misspelt trunk field",
      type: "vobiz",
      trunk: { max_concurent_calls: 5 },
      says: 'did you mean "max_concurrent_calls"',
    },
    { name: "a negative call limit", type: "vobiz", trunk: { max_concurrent_calls: -1 }, says: "at least 0" },
    { name: "a string for a boolean", type: "vobiz", trunk: { enabled: "yes" }, says: "must be a boolean" },
    {
      name: "a name too long",
      type: "vobiz",
      trunk: { name: "n".repeat(256) },
      says: "at most 255 characters",
    },
    {
      name: "a trunk without id",
      type: "vobiz",
      trunk: { id: undefined, name: "x" },
      says: 'missing required key "id"',
    },
    // videosdk trunks
    {
      name: "a misspelt direction",
      type: "videosdk",
      trunk: { direction: "inbund" },
      says: 'did you mean "inbound"',
    },
    {
      name: "a domain that is no hostname",
      type: "videosdk",
      trunk: { domain: "acme pstn" },
      says: "must be a hostname, IPv4 address or [IPv6] address, with an optional :port",
    },
    { name: "a number not in E.164", type: "videosdk", trunk: { numbers: ["4155550101"] }, says: "E.164" },
    {
      name: "a repeated number",
      type: "videosdk",
      trunk: { numbers: ["+14155550100", "+14155550100"] },
      says: "repeats",
    },
    {
      name: "numbers as a string",
      type: "videosdk",
      trunk: { numbers: "+14155550100" },
      says: "must be a list",
    },
    { name: "a short name", type: "videosdk", trunk: { name: "TW" }, says: "at least 3 characters" },
    {
      name: "auth without password",
      type: "videosdk",
      trunk: { auth: { username: "acme" } },
      says: 'missing required key "password"',
    },
    {
      name: "an unknown auth key",
      type: "videosdk",
      trunk: { auth: { username: "a", password: "p", realm: "r" } },
      says: 'unknown key "realm"',
    },
  ])("for $name ($type)", async ({ type, block: options, trunk, says }) => {
    const doc = {
      version: 1,
      providers: { p: options ?? VALID_BLOCKS[type] },
      trunks: [{ provider: "p", id: "t1", ...trunk }],
    };
    const { precompiled, runtime } = await problemsBothWays(stringify(doc), "trunks.yaml");
    expect(runtime.map((p) => p.message).join("\n")).toContain(says);
    expect(precompiled).toEqual(runtime);
  });
});
