import type { JsonObject, ProviderPlugin } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { apply } from "../src/index.js";
import { fakePlugin, world } from "./builders.js";

const PASSWORD = "sip-pw-Kx81Lq";
const remote = { name: "Old", max_concurrent_calls: 10, enabled: false };

/** The fake plugin with a trunkSchema declaring its fields and `more`: any other field read is its bug. */
function declaringPlugin(required?: readonly string[], more: JsonObject = {}): ProviderPlugin {
  return {
    ...fakePlugin(required),
    trunkSchema: {
      properties: {
        name: { type: "string" },
        max_concurrent_calls: { type: "integer" },
        enabled: { type: "boolean" },
        ...more,
      },
    },
  };
}

describe("apply with a plugin that misbehaves", () => {
  it("fails a trunk whose updateBody throws with the message plan gives it, and applies the others", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [
        { provider: "p", id: "a", desired: { name: "Boom", auth: { password: PASSWORD } }, remote },
        { provider: "p", id: "b", desired: { name: "Fine" }, remote },
      ],
    });
    const plugin = w.plugins.get("fake") as ProviderPlugin;
    const throwing: ProviderPlugin = {
      ...plugin,
      updateBody(merged) {
        if (merged.name === "Boom") throw new TypeError(`no body for ${JSON.stringify(merged.auth)}`);
        return plugin.updateBody(merged);
      },
    };

    const result = await apply(w.plan, { ...w, plugins: new Map([["fake", throwing]]) });

    expect(result.outcomes.map((o) => [o.id, o.status, o.message])).toEqual([
      [
        "a",
        "failed",
        'provider block "p": plugin "fake" failed in updateBody: no body for {"password":"[redacted]"} ' +
          '(a bug in the plugin "fake", not in trunksync; report it to the plugin\'s authors)',
      ],
      ["b", "applied", undefined],
    ]);
    expect(w.client("p").puts.map((put) => put.id)).toEqual(["b"]);
  });

  it("names a writeOnly field the provider did not store by its path alone", async () => {
    const required = ["name", "max_concurrent_calls", "enabled", "sip_password"];
    const w = world({
      providers: { p: {} },
      required,
      trunks: [
        {
          provider: "p",
          id: "a",
          desired: { sip_password: PASSWORD },
          remote: { ...remote, sip_password: "old" },
        },
      ],
    });
    // writeOnly in the schema, but not `sensitive` in the plugin's `fields`.
    const plugin = declaringPlugin(required, { sip_password: { type: "string", writeOnly: true } });
    w.client("p").stores = (body) => ({ ...body, sip_password: "clamped" });

    const result = await apply(w.plan, { ...w, plugins: new Map([["fake", plugin]]) });

    expect(result.outcomes[0]).toMatchObject({
      status: "failed",
      message: "provider accepted the update but stored a different sip_password",
    });
    expect(JSON.stringify(result)).not.toContain("clamped");
  });

  it.each<{ name: string; remote: JsonObject; message: string }>([
    {
      name: "names the plugin as the likely cause, as plan does, when its read holds a field its schema does not declare",
      remote: { name: "Old", channel_limit: 10, enabled: false },
      message:
        'cannot build a full update: max_concurrent_calls missing, while the plugin "fake" read channel_limit, ' +
        "which its trunkSchema does not declare: likely a bug in the plugin (a field not mapped back to its " +
        "update name); report it to the plugin's authors, or set it in trunks.yaml",
    },
    {
      name: "asks for the missing field in trunks.yaml when every field read is declared",
      remote: { name: "Old", enabled: false },
      message: "cannot build a full update: max_concurrent_calls missing — set it in trunks.yaml",
    },
  ])("fails a trunk whose full update cannot be built: $name", async ({ remote: read, message }) => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "a", desired: { name: "New" }, remote: read }],
    });
    const plugin = declaringPlugin();

    const result = await apply(w.plan, { ...w, plugins: new Map([["fake", plugin]]) });

    expect(result.outcomes.map((o) => [o.id, o.status, o.message])).toEqual([["a", "failed", message]]);
    expect(w.client("p").puts).toEqual([]);
  });

  it("names the plugin as the likely cause when the stored trunk lacks a field but has one its schema does not declare", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "a", desired: { max_concurrent_calls: 25 }, remote }],
    });
    const plugin = declaringPlugin();
    // The plugin's mapping forgot to rename the API's `channel_limit` back to `max_concurrent_calls`.
    w.client("p").stores = ({ max_concurrent_calls, ...rest }) => ({
      ...rest,
      channel_limit: max_concurrent_calls ?? null,
    });
    w.client("p").seed("a", { name: "Old", channel_limit: 10, enabled: false });

    const result = await apply(w.plan, { ...w, plugins: new Map([["fake", plugin]]) });

    expect(result.outcomes[0]?.message).toBe(
      'provider accepted the update but stored max_concurrent_calls=(unset), while the plugin "fake" read ' +
        "channel_limit, which its trunkSchema does not declare: likely a bug in the plugin (a field not mapped " +
        "back to its update name); report it to the plugin's authors",
    );
  });
});
