import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsPlugin, { type FormatsPlugin } from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { composeTrunksSchema, fieldRulesOf, type JsonValue, secretValues } from "../src/index.js";
import { load } from "./fixtures/load.js";
import { acme, globex, schemaOnlyPlugin, validYaml } from "./fixtures/plugins.js";

const addFormats = addFormatsPlugin as unknown as FormatsPlugin;
const editorCheck = () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(composeTrunksSchema([acme, globex]));
};
const interpolated = validYaml.replaceAll(/\$\{env:[A-Z_]+\}/g, "secret");

describe("composeTrunksSchema (the editor schema)", () => {
  it("is a draft 2020-12 schema with an id, a title and descriptions", () => {
    const schema = composeTrunksSchema([acme, globex]);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe("https://trunksync.dev/schemas/trunks.schema.json");
    expect(schema.title).toBe("trunksync trunks.yaml");
    expect(JSON.stringify(schema)).toContain("A field left out of a trunk is unmanaged");
  });

  it("does not depend on the order plugins are given in", () => {
    expect(composeTrunksSchema([globex, acme])).toEqual(composeTrunksSchema([acme, globex]));
  });

  it("accepts a valid trunks.yaml", () => {
    const check = editorCheck();
    expect(check(parse(interpolated))).toBe(true);
  });

  it.each([
    { rule: "an unknown trunk field", from: "max_calls: 25", to: "max_callz: 25" },
    { rule: "an option of another provider type", from: "accountId: AC_1", to: "apiKey: AC_1" },
    { rule: "a trunk field of the wrong type", from: "enabled: true", to: "enabled: maybe" },
    { rule: "an unknown provider type that is not a plugin package", from: "type: acme", to: "type: acne" },
  ])("rejects $rule", ({ from, to }) => {
    expect(editorCheck()(parse(interpolated.replace(from, to)))).toBe(false);
  });

  describe("with plugins from packages", () => {
    const initech = schemaOnlyPlugin(
      "initech",
      { properties: { token: { type: "string", minLength: 1, writeOnly: true } }, required: ["token"] },
      { properties: { max_channels: { type: "integer", minimum: 1 } } },
    );
    const scoped = "@initech/trunksync-provider-initech";
    const packageCheck = () => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      return ajv.compile(composeTrunksSchema([acme, globex], new Map([[scoped, initech]])));
    };
    const withInitech = (trunk: Record<string, unknown>, block: Record<string, unknown> = {}) => {
      const doc = parse(interpolated);
      doc.providers.initech = { type: scoped, token: "t", ...block };
      doc.trunks.push({ provider: "initech", id: "tr-1", ...trunk });
      return doc;
    };

    it("accepts a block and a trunk of the package's plugin, by its package name", () => {
      expect(packageCheck()(withInitech({ max_channels: 20 }))).toBe(true);
    });

    it.each([
      { rule: "a field the package's trunk schema lacks", trunk: { max_channel: 20 }, block: {} },
      { rule: "a trunk value the package's schema refuses", trunk: { max_channels: 0 }, block: {} },
      { rule: "a block option the package's schema lacks", trunk: {}, block: { tokn: "t" } },
    ])("rejects $rule", ({ trunk, block }) => {
      expect(packageCheck()(withInitech(trunk, block))).toBe(false);
    });

    it("keeps a trunk of a package it was not given out (the built-in shapes only)", () => {
      expect(editorCheck()(withInitech({ max_channels: 20 }))).toBe(false);
    });
  });

  it("allows a third-party plugin type by package name", () => {
    const doc = parse(interpolated);
    doc.providers.extra = { type: "@acme/trunksync-provider-x", whatever: 1 };
    expect(editorCheck()(doc)).toBe(true);
  });
});

describe("secretValues", () => {
  it("returns write-only options and sensitive trunk fields, longest first", async () => {
    const { config, plugins } = await load(validYaml);
    if (!config) throw new Error("fixture should load");
    expect(secretValues(config, plugins)).toEqual(["acme-secret-token", "globex-secret", "sip-pass"]);
  });

  it("includes fields a plugin marks sensitive even without writeOnly in its schema", async () => {
    const { config, plugins } = await load(validYaml);
    if (!config) throw new Error("fixture should load");
    const trunk = config.trunks[1];
    if (!trunk) throw new Error("fixture has two trunks");
    trunk.fields.pin = "4321";
    expect(secretValues(config, plugins)).toContain("4321");
  });
});

describe("fieldRulesOf (the rules the diff applies)", () => {
  it("marks every writeOnly trunk field sensitive, keeping the plugin's own rules", () => {
    // globex: `auth.password` is writeOnly in its trunkSchema only; `pin` is sensitive in `fields` only.
    expect(fieldRulesOf(globex)).toEqual({ pin: { sensitive: true }, "auth.password": { sensitive: true } });
  });

  it("keeps a writeOnly field's other rules", () => {
    const normalize = (value: JsonValue) => value;
    const plugin = { ...globex, fields: { "auth.password": { normalize } } };
    expect(fieldRulesOf(plugin)["auth.password"]).toEqual({ normalize, sensitive: true });
  });

  it("is the plugin's own `fields` when no writeOnly field is missing from them", () => {
    expect(fieldRulesOf(acme)).toBe(acme.fields);
  });
});
