import { describe, expect, it } from "vitest";
import type { Config, ProviderBlock } from "../src/config/types.js";
import { closeAll, connectProviders } from "../src/connect.js";
import { ConfigError, ProviderError } from "../src/errors.js";
import type { ConnectContext, ProviderClient, ProviderOptions, ProviderPlugin } from "../src/plugin.js";

/** A plugin that records what connect hands it and sends nothing by itself. */
function recordingPlugin(type: string) {
  const connected: { options: ProviderOptions; ctx: ConnectContext }[] = [];
  const plugin: ProviderPlugin = {
    type,
    displayName: type,
    defaultBaseUrl: `https://api.${type}.test`,
    optionsSchema: {
      type: "object",
      properties: { user: { type: "string" }, token: { type: "string", writeOnly: true } },
    },
    trunkSchema: { type: "object" },
    fields: {},
    httpProfile: () => ({ errorMessagePaths: ["message"] }),
    updateBody: () => ({ missing: [] }),
    connect(options, ctx): ProviderClient {
      connected.push({ options, ctx });
      return {
        read: async () => [],
        update: async () => ({ id: "", fields: {}, fingerprint: "" }),
        // Deliberately leaves ctx.http open: closeAll must close it anyway.
        close: async () => {},
      };
    },
  };
  return { plugin, connected };
}

function block(name: string, type: string, options: Record<string, string | number> = {}): ProviderBlock {
  return {
    name,
    type,
    options: { type, ...options },
    envRefs: {
      user: `${name.toUpperCase()}_USER`,
      token: `${name.toUpperCase()}_TOKEN`,
      baseUrl: "BASE_URL",
    },
    location: { file: "/repo/trunks.yaml", line: 4, col: 3 },
  };
}

function config(...blocks: ProviderBlock[]): Config {
  return {
    file: "/repo/trunks.yaml",
    digest: "sha256:0",
    providers: Object.fromEntries(blocks.map((b) => [b.name, b])),
    trunks: [],
  };
}

function thrown(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("connectProviders", () => {
  it("connects one client per provider block, keyed and ordered by block name", () => {
    const { plugin, connected } = recordingPlugin("acme");
    const clients = connectProviders(
      config(block("zeta", "acme"), block("alpha", "acme")),
      new Map([["acme", plugin]]),
    );
    expect([...clients.keys()]).toEqual(["alpha", "zeta"]);
    expect(connected.map((c) => [c.ctx.providerName, c.ctx.http.provider])).toEqual([
      ["alpha", "alpha"],
      ["zeta", "zeta"],
    ]);
    expect(connected[0]?.options).toEqual({ type: "acme", concurrency: 8 });
  });

  it.each([
    { blockConcurrency: undefined, override: undefined, expected: 8 },
    { blockConcurrency: 3, override: undefined, expected: 3 },
    { blockConcurrency: 3, override: 20, expected: 20 },
  ])("hands the plugin concurrency $expected (block $blockConcurrency, override $override)", (c) => {
    const { plugin, connected } = recordingPlugin("acme");
    const options: Record<string, number> =
      c.blockConcurrency === undefined ? {} : { concurrency: c.blockConcurrency };
    connectProviders(config(block("a", "acme", options)), new Map([["acme", plugin]]), {
      concurrency: c.override,
    });
    expect(connected[0]?.options.concurrency).toBe(c.expected);
  });

  it("connects only the blocks named in `only`", () => {
    const { plugin } = recordingPlugin("acme");
    const cfg = config(block("a", "acme"), block("b", "acme"), block("c", "acme"));
    expect([...connectProviders(cfg, new Map([["acme", plugin]]), { only: ["c", "a"] }).keys()]).toEqual([
      "a",
      "c",
    ]);
  });

  it("refuses an `only` name that is not a provider block", () => {
    const { plugin } = recordingPlugin("acme");
    const error = thrown(() =>
      connectProviders(config(block("a", "acme")), new Map([["acme", plugin]]), { only: ["b"] }),
    );
    expect(error.message).toBe('no provider block "b" in /repo/trunks.yaml (blocks: a)');
  });

  it("refuses a block whose type has no plugin, at the block's location", () => {
    const { plugin, connected } = recordingPlugin("acme");
    const error = thrown(() =>
      connectProviders(config(block("a", "acme"), block("b", "nope")), new Map([["acme", plugin]])),
    );
    expect(error.message).toBe('provider block "b" has unknown type "nope" (known: acme)');
    expect(error.problems[0]).toMatchObject({
      file: "/repo/trunks.yaml",
      line: 4,
      col: 3,
      path: "/providers/b/type",
    });
    expect(connected).toEqual([]);
  });

  it("refuses a plain-http baseUrl off this machine before connecting anything", () => {
    const { plugin, connected } = recordingPlugin("acme");
    const cfg = config(block("a", "acme"), block("b", "acme", { baseUrl: "http://api.acme.test" }));
    const error = thrown(() => connectProviders(cfg, new Map([["acme", plugin]])));
    expect(error.message).toContain('provider block "b": baseUrl "http://api.acme.test" must use https');
    expect(error.problems[0]).toMatchObject({ line: 4, path: "/providers/b/baseUrl" });
    expect(connected).toEqual([]);
  });
});

describe("closeAll", () => {
  it("closes each client's HTTP client even when the plugin's close does not", async () => {
    const { plugin, connected } = recordingPlugin("acme");
    const clients = connectProviders(
      config(block("a", "acme", { baseUrl: "http://127.0.0.1:9" })),
      new Map([["acme", plugin]]),
    );
    await closeAll(clients);
    const http = connected[0]?.ctx.http;
    const error = await http?.request({ method: "GET", path: "/t" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain("UND_ERR_DESTROYED");
  });
});
