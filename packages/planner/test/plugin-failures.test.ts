import {
  type ClientMap,
  type Config,
  closeAll,
  connectProviders,
  type JsonObject,
  type ProviderPlugin,
  trunkKey,
} from "@trunksync/core";
import { afterEach, describe, expect, it } from "vitest";
import { buildPlan } from "../src/build-plan.js";
import { plan as planFromClients } from "../src/plan.js";
import type { StateRead } from "../src/read-state.js";
import { renderJson } from "../src/render/json.js";
import { renderMarkdown } from "../src/render/markdown.js";
import { renderText } from "../src/render/text.js";
import { fakeClient, fakePlugin, found, makeConfig, NOW, remote } from "./builders.js";

// Distinctive values: finding one in a plan can only mean it leaked.
const TOKEN = "acme-token-Q7w2Er9T";
const OLD_PASSWORD = "pw-old-Z4x8Cv";
const NEW_PASSWORD = "pw-new-M1n5Bv";

/** An Acme-like plugin (package `trunksync-provider-acme`, own type `acme`) with a write-only SIP password. */
function acmePlugin(overrides: Partial<ProviderPlugin> = {}): ProviderPlugin {
  return {
    ...fakePlugin("acme", { required: ["name", "max_channels", "sip_password"] }),
    optionsSchema: { properties: { token: { type: "string", writeOnly: true } } },
    trunkSchema: {
      properties: {
        name: { type: "string" },
        max_channels: { type: "integer" },
        // writeOnly only: the plugin forgot `sip_password: { sensitive: true }` in `fields`.
        sip_password: { type: "string", writeOnly: true },
      },
    },
    ...overrides,
  };
}

/** One `acme` block (type as the user wrote it: the package name) with its token from the environment. */
function acmeConfig(trunks: { id: string; fields: JsonObject }[]): Config {
  const config = makeConfig(
    { acme: { type: "trunksync-provider-acme" } },
    trunks.map((t) => ({ provider: "acme", ...t })),
  );
  const block = config.providers.acme;
  if (block) {
    block.options.token = TOKEN;
    block.envRefs.token = "ACME_TOKEN";
  }
  return config;
}

function planWith(plugin: ProviderPlugin, config: Config, reads: Record<string, StateRead>) {
  const map = new Map(Object.entries(reads).map(([id, read]) => [trunkKey("acme", id), read]));
  // Keyed by the block's type as written, the package name; the plugin's own `type` is "acme".
  const loaded = new Map([["trunksync-provider-acme", plugin]]);
  return buildPlan(config, loaded, map, [], {
    filters: { providers: [], trunks: [] },
    toolVersion: "1.2.3",
    now: NOW,
  }).plan;
}

const current = { name: "Main", max_channels: 10, sip_password: OLD_PASSWORD };

describe("a plugin hook that throws while planning", () => {
  // A careless plugin quoting what it knows: the block's token and the trunk's password.
  const throwing = acmePlugin({
    updateBody(merged) {
      throw new TypeError(
        `cannot build ${String(merged.name)} with ${TOKEN} and ${String(merged.sip_password)}`,
      );
    },
  });
  const config = acmeConfig([
    { id: "t1", fields: { name: "Renamed", sip_password: NEW_PASSWORD } },
    { id: "t2", fields: { name: "Main" } },
  ]);
  const plan = planWith(throwing, config, {
    t1: found(remote("t1", current)),
    t2: found(remote("t2", current)),
  });

  it("in updateBody makes that trunk a plugin-failed error naming the block, the package and the hook", () => {
    expect(plan.changes[0]).toMatchObject({
      id: "t1",
      action: "error",
      error: {
        kind: "plugin-failed",
        message:
          'provider block "acme": plugin "trunksync-provider-acme" failed in updateBody: cannot build Renamed with ' +
          '[redacted] and [redacted] (a bug in the plugin "trunksync-provider-acme", not in trunksync; report it ' +
          "to the plugin's authors)",
      },
    });
  });

  it("leaves the other trunks planned", () => {
    expect(plan.changes[1]).toMatchObject({ id: "t2", action: "no-op" });
    expect(plan.summary).toEqual({ update: 0, noop: 1, error: 1 });
  });

  it("puts neither the token nor a password into the saved plan", () => {
    const saved = renderJson(plan);
    for (const secret of [TOKEN, OLD_PASSWORD, NEW_PASSWORD]) expect(saved).not.toContain(secret);
  });

  it("in a field's normalize fails that trunk alone, as the plugin's bug", () => {
    const normalizing = acmePlugin({
      fields: {
        name: {
          normalize: (value) => {
            if (value === "Broken") throw new RangeError("bad name");
            return value;
          },
        },
      },
    });
    const twoTrunks = acmeConfig([
      { id: "t1", fields: { name: "Broken" } },
      { id: "t2", fields: { name: "Main" } },
    ]);
    const normalized = planWith(normalizing, twoTrunks, {
      t1: found(remote("t1", current)),
      t2: found(remote("t2", current)),
    });
    expect(normalized.changes.map((c) => [c.id, c.action === "error" ? c.error.message : c.action])).toEqual([
      [
        "t1",
        'provider block "acme": plugin "trunksync-provider-acme" failed in normalize for field name: bad name ' +
          '(a bug in the plugin "trunksync-provider-acme", not in trunksync; report it to the plugin\'s authors)',
      ],
      ["t2", "no-op"],
    ]);
  });
});

describe("a plugin hook that quotes a password nested under a field its `fields` marks sensitive", () => {
  // `auth` is sensitive as a whole, so `auth.password` is secret though no rule names it.
  const quoting = acmePlugin({
    fields: { auth: { sensitive: true } },
    updateBody(merged) {
      throw new Error(`cannot send auth ${JSON.stringify(merged.auth)}`);
    },
  });
  const config = acmeConfig([{ id: "t1", fields: { name: "Renamed", auth: { password: NEW_PASSWORD } } }]);
  const plan = planWith(quoting, config, {
    t1: found(remote("t1", { ...current, auth: { password: OLD_PASSWORD } })),
  });

  it("gets the password redacted in the plan error", () => {
    const change = plan.changes[0];
    expect(change?.action === "error" && change.error.message).toContain(
      'failed in updateBody: cannot send auth {"password":"[redacted]"} (a bug',
    );
    const saved = renderJson(plan);
    for (const secret of [OLD_PASSWORD, NEW_PASSWORD]) expect(saved).not.toContain(secret);
  });
});

describe("a plugin whose read or list throws", () => {
  let clients: ClientMap = new Map();
  afterEach(() => closeAll(clients));

  /** Plans t1 and t2 through core's connected client, whose `method` throws a plugin bug quoting the token. */
  async function planFailing(method: "read" | "list") {
    const fail = new TypeError(`no page 2 for ${TOKEN}`);
    const plugin = acmePlugin({
      connect: () => fakeClient([remote("t1", current), remote("t2", current)], { fail }).client,
    });
    const config = acmeConfig([
      { id: "t1", fields: { name: "Main" } },
      { id: "t2", fields: { name: "Main" } },
    ]);
    const plugins = new Map([["trunksync-provider-acme", plugin]]);
    clients = connectProviders(config, plugins);
    // A trunk filter reads with `read(ids)`; without one, the block is read with `list()`.
    const trunks = method === "read" ? ["t1", "t2"] : [];
    return (
      await planFromClients(config, plugins, clients, {
        filters: { providers: [], trunks },
        toolVersion: "1.2.3",
        now: NOW,
      })
    ).plan;
  }

  it.each(["read", "list"] as const)(
    "in %s fails the block's trunks as plugin-failed, not provider-failed, shown once",
    async (method) => {
      const plan = await planFailing(method);
      const message =
        `provider block "acme": plugin "trunksync-provider-acme" failed in ${method}: no page 2 for [redacted] ` +
        '(a bug in the plugin "trunksync-provider-acme", not in trunksync; report it to the plugin\'s authors)';
      expect(plan.changes.map((c) => [c.id, c.action === "error" && c.error])).toEqual([
        ["t1", { kind: "plugin-failed", message }],
        ["t2", { kind: "plugin-failed", message }],
      ]);
      const text = renderText(plan, { color: false });
      expect(text.split(message)).toHaveLength(2);
      expect(text.split("\n")).toContain("! acme (2 trunks: t1, t2)");
      expect(renderMarkdown(plan)).toContain("- <code>acme</code> (2 trunks: t1, t2): **plugin-failed**: ");
    },
  );
});

describe("a trunk field the plugin's trunkSchema marks writeOnly", () => {
  const config = acmeConfig([{ id: "t1", fields: { sip_password: NEW_PASSWORD } }]);
  const plan = planWith(acmePlugin(), config, { t1: found(remote("t1", current)) });

  it("is diffed as sensitive, with neither value, though `fields` does not say so", () => {
    expect(plan.changes[0]?.action === "update" && plan.changes[0].changes).toEqual([
      { path: "sip_password", sensitive: true },
    ]);
  });

  it("never reaches a saved plan file", () => {
    const saved = renderJson(plan);
    expect(saved).toContain('"sensitive": true');
    expect(saved).not.toContain(OLD_PASSWORD);
    expect(saved).not.toContain(NEW_PASSWORD);
  });
});

describe("a plugin that marks the trunk's name writeOnly", () => {
  const SECRET_NAME = "name-secret-K3j9Lp";
  const plugin = acmePlugin({
    trunkSchema: {
      properties: { name: { type: "string", writeOnly: true }, max_channels: { type: "integer" } },
    },
  });

  it.each<{ side: string; fields: JsonObject; read: JsonObject }>([
    { side: "trunks.yaml", fields: { name: SECRET_NAME, max_channels: 20 }, read: current },
    { side: "the provider's read", fields: { max_channels: 20 }, read: { ...current, name: SECRET_NAME } },
  ])("gives its trunks no display name, from $side either", ({ fields, read }) => {
    const plan = planWith(plugin, acmeConfig([{ id: "t1", fields }]), { t1: found(remote("t1", read)) });
    expect(plan.changes[0]).toMatchObject({ action: "update", id: "t1" });
    expect(plan.changes[0]?.name).toBeUndefined();
    expect(renderJson(plan)).not.toContain(SECRET_NAME);
  });

  it("keeps the display name of a plugin whose name is not secret", () => {
    const config = acmeConfig([{ id: "t1", fields: { name: "Main", max_channels: 20 } }]);
    const plan = planWith(acmePlugin(), config, { t1: found(remote("t1", current)) });
    expect(plan.changes[0]?.name).toBe("Main");
  });
});

describe("a full update the provider read leaves incomplete", () => {
  const config = acmeConfig([{ id: "t1", fields: { name: "Renamed" } }]);
  const messageFor = (fields: JsonObject) => {
    const change = planWith(acmePlugin(), config, { t1: found(remote("t1", fields)) }).changes[0];
    return change?.action === "error" ? change.error.message : change?.action;
  };

  it("names the plugin as the likely cause when its read returned a field its trunkSchema does not declare", () => {
    // The plugin forgot to map Acme's `channel_limit` back to its update name `max_channels`.
    const { max_channels: _, ...unmapped } = current;
    expect(messageFor({ ...unmapped, channel_limit: 10 })).toBe(
      "trunk t1 at provider acme cannot be updated: the update replaces the whole trunk and the provider did " +
        'not return max_channels, while the plugin "trunksync-provider-acme" read channel_limit, which its ' +
        "trunkSchema does not declare: likely a bug in the plugin (a field not mapped back to its update name); " +
        "report it to the plugin's authors, or add it to this trunk in trunks.yaml",
    );
  });

  it("asks for the field in trunks.yaml when every field read is declared", () => {
    const { max_channels: _, ...partial } = current;
    expect(messageFor(partial)).toBe(
      "trunk t1 at provider acme cannot be updated: the update replaces the whole trunk and the provider did " +
        "not return max_channels; add it to this trunk in trunks.yaml",
    );
  });
});
