import { describe, expect, it } from "vitest";
import { ConfigError, PluginError } from "../src/errors.js";
import { tryPluginHook, unmappedFieldsHint } from "../src/index.js";
import { REDACTED } from "../src/redaction.js";
import { BACKUP, block, PASSWORD, plugin, TOKEN, trunk } from "./fixtures/nested-auth.js";

describe("tryPluginHook", () => {
  it("gives the hook's value", () => {
    expect(tryPluginHook(block, plugin, "updateBody", () => ({ body: trunk }), [trunk])).toEqual({
      ok: true,
      value: { body: trunk },
    });
  });

  it("gives a throw back as the plugin's PluginError, naming the block, the plugin as written and the hook", () => {
    const result = tryPluginHook(block, plugin, "updateBody", () => {
      throw new TypeError("body is undefined");
    });
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.error;
    expect(error).toBeInstanceOf(PluginError);
    expect(error).toMatchObject({
      provider: "acme-prod",
      pluginType: "trunksync-provider-acme",
      hook: "updateBody",
      message:
        'provider block "acme-prod": plugin "trunksync-provider-acme" failed in updateBody: body is undefined ' +
        '(a bug in the plugin "trunksync-provider-acme", not in trunksync; report it to the plugin\'s authors)',
    });
  });

  it("redacts every string under a sensitive object the hook quotes (auth.password too), and the block's token", () => {
    const result = tryPluginHook(
      block,
      plugin,
      "updateBody",
      () => {
        throw new Error(`cannot send ${JSON.stringify(trunk.auth)} with ${TOKEN}`);
      },
      [trunk],
    );
    const message = result.ok ? "" : result.error.message;
    expect(message).toContain(
      `failed in updateBody: cannot send {"username":"${REDACTED}","password":"${REDACTED}","backups":["${REDACTED}"]} ` +
        `with ${REDACTED} (a bug`,
    );
    for (const secret of [TOKEN, PASSWORD, BACKUP]) expect(message).not.toContain(secret);
  });

  it("passes a trunksync error the hook threw on purpose through unchanged", () => {
    const deliberate = new ConfigError([
      {
        file: "",
        line: 0,
        col: 0,
        path: "/providers/acme-prod",
        message: "needs a token",
        severity: "error",
      },
    ]);
    const result = tryPluginHook(block, plugin, "connect", () => {
      throw deliberate;
    });
    expect(result.ok ? undefined : result.error).toBe(deliberate);
  });
});

describe("unmappedFieldsHint", () => {
  it("names the plugin as written and the fields its trunkSchema does not declare, sorted", () => {
    expect(unmappedFieldsHint(block, plugin, { name: "Main", trunk_label: "x", channel_limit: 10 })).toBe(
      'the plugin "trunksync-provider-acme" read channel_limit, trunk_label, which its trunkSchema does not ' +
        "declare: likely a bug in the plugin (a field not mapped back to its update name); report it to the " +
        "plugin's authors",
    );
  });

  it("is undefined when every field read is declared", () => {
    expect(unmappedFieldsHint(block, plugin, { name: "Main" })).toBeUndefined();
  });
});
