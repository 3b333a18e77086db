import { describe, expect, it } from "vitest";
import type { Config, ProviderBlock } from "../src/config/types.js";
import { closeAll, connectProviders } from "../src/connect.js";
import { ConfigError, PluginError, ProviderError, TrunksyncError } from "../src/errors.js";
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
    const literal = { ...block("b", "acme", { baseUrl: "http://api.acme.test" }), envRefs: {} };
    const error = thrown(() =>
      connectProviders(config(block("a", "acme"), literal), new Map([["acme", plugin]])),
    );
    expect(error.message).toContain('provider block "b": baseUrl "http://api.acme.test" must use https');
    expect(error.problems[0]).toMatchObject({ line: 4, path: "/providers/b/baseUrl" });
    expect(connected).toEqual([]);
  });

  it("names a refused baseUrl from the environment by its variable", () => {
    const { plugin } = recordingPlugin("acme");
    const cfg = config(block("b", "acme", { baseUrl: "http://internal-secret.acme.test" }));
    const error = thrown(() => connectProviders(cfg, new Map([["acme", plugin]])));
    expect(error.message).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: ${env:NAME} is how messages name the variable
      'provider block "b": baseUrl (from ${env:BASE_URL}) must use https (plain http is allowed only for localhost, 127.0.0.0/8 and [::1])',
    );
  });
});

describe("a plugin hook that throws", () => {
  /** The recording plugin with `hook` replaced by one that throws what `error` makes of the options. */
  const failing = (hook: "httpProfile" | "connect", error: (options: ProviderOptions) => unknown) => {
    const { plugin, connected } = recordingPlugin("acme");
    const fail = (options: ProviderOptions): never => {
      throw error(options);
    };
    return { plugin: { ...plugin, [hook]: fail }, connected };
  };
  // `user` and `token` came from the environment (see `block`); `token` is write-only too.
  const credentials = { user: "from-env-user", token: "tok-en-secret" };
  const connectWith = (plugin: ProviderPlugin) =>
    connectProviders(config(block("a", "acme", credentials)), new Map([["acme", plugin]]));

  it.each(["httpProfile", "connect"] as const)(
    "in %s is reported as the plugin's bug, naming the block, the plugin and the hook",
    (hook) => {
      const { plugin } = failing(hook, () => new TypeError("cannot read properties of undefined"));
      let error: unknown;
      try {
        connectWith(plugin);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PluginError);
      expect(error).toMatchObject({
        provider: "a",
        pluginType: "acme",
        hook,
        message:
          `provider block "a": plugin "acme" failed in ${hook}: cannot read properties of undefined ` +
          '(a bug in the plugin "acme", not in trunksync; report it to the plugin\'s authors)',
      });
    },
  );

  it("is not a ConfigError, and its message never shows the block's credentials", () => {
    const { plugin } = failing("httpProfile", (o) => new Error(`bad token ${o.token} for ${o.user}`));
    let error: unknown;
    try {
      connectWith(plugin);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrunksyncError);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      "failed in httpProfile: bad token [redacted] for [redacted] (a bug",
    );
    expect((error as Error).cause).toBeUndefined();
  });

  it("passes a deliberate trunksync error through unchanged", () => {
    const deliberate = new ConfigError([
      { file: "", line: 0, col: 0, path: "/providers/a", message: "needs a token", severity: "error" },
    ]);
    const { plugin } = failing("connect", () => deliberate);
    expect(() => connectWith(plugin)).toThrow(deliberate);
  });

  it("connects no block when a later block's profile fails", () => {
    const { plugin, connected } = recordingPlugin("acme");
    const picky: ProviderPlugin = {
      ...plugin,
      httpProfile(options) {
        if (options.user === undefined) throw new Error("no user");
        return plugin.httpProfile(options);
      },
    };
    const cfg = config(block("a", "acme", { user: "u" }), block("b", "acme"));
    expect(() => connectProviders(cfg, new Map([["acme", picky]]))).toThrow(
      /"b": plugin "acme" failed in httpProfile: no user/,
    );
    expect(connected).toEqual([]);
  });
});

describe("a client method that throws", () => {
  type Method = "read" | "list" | "update" | "close";
  // `user` and `token` came from the environment (see `block`); `token` is write-only too.
  const credentials = { user: "from-env-user", token: "tok-en-secret" };
  /** A package plugin (own type `acme`, written `type: trunksync-provider-acme`) whose `method` throws. */
  const connectFailing = (method: Method, error: () => unknown) => {
    const { plugin } = recordingPlugin("acme");
    const fail = (): never => {
      throw error();
    };
    const failing: ProviderPlugin = {
      ...plugin,
      trunkSchema: { properties: { sip_password: { type: "string", writeOnly: true } } },
      connect: (options, ctx) => ({ ...plugin.connect(options, ctx), list: async () => [], [method]: fail }),
    };
    const cfg = config(
      block("a", "trunksync-provider-acme", { ...credentials, baseUrl: "http://127.0.0.1:9" }),
    );
    return connectProviders(cfg, new Map([["trunksync-provider-acme", failing]])).get("a") as ProviderClient;
  };
  const call = (client: ProviderClient, method: Method) =>
    method === "update"
      ? client.update("t1", { name: "x", sip_password: "sip-pw-in-body" })
      : method === "list"
        ? client.list?.()
        : method === "read"
          ? client.read(["t1"])
          : client.close();

  it.each<Method>(["read", "list", "update", "close"])(
    "in %s rejects with a PluginError naming the block, the plugin as the block's type says it and the hook",
    async (method) => {
      const client = connectFailing(method, () => new TypeError("x is undefined"));
      const rejected = expect(call(client, method)).rejects;
      await rejected.toBeInstanceOf(PluginError);
      await rejected.toMatchObject({
        provider: "a",
        pluginType: "trunksync-provider-acme",
        hook: method,
        message:
          `provider block "a": plugin "trunksync-provider-acme" failed in ${method}: x is undefined ` +
          '(a bug in the plugin "trunksync-provider-acme", not in trunksync; report it to the plugin\'s authors)',
      });
    },
  );

  it("scrubs the block's credentials and the body's secret fields from the plugin's message", async () => {
    const client = connectFailing(
      "update",
      () => new Error("PUT with tok-en-secret, from-env-user, sip-pw-in-body"),
    );
    await expect(call(client, "update")).rejects.toThrow(
      "failed in update: PUT with [redacted], [redacted], [redacted] (a bug",
    );
  });

  it("passes a deliberate trunksync error through unchanged", async () => {
    const forbidden = new ProviderError(
      { provider: "a", method: "GET", path: "/t1", status: 403 },
      "Forbidden",
    );
    await expect(
      call(
        connectFailing("read", () => forbidden),
        "read",
      ),
    ).rejects.toBe(forbidden);
  });

  it("in close makes closeAll reject with the PluginError", async () => {
    const client = connectFailing("close", () => new Error("socket gone"));
    await expect(closeAll(new Map([["a", client]]))).rejects.toBeInstanceOf(PluginError);
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
