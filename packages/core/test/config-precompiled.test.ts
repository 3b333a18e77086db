import { readdir, readFile } from "node:fs/promises";
import type { ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../src/config/parse.js";
import { standaloneModule } from "../src/config/precompile.js";
import { OUTLINE_SCHEMA } from "../src/config/schema.js";
import { checker, checkerOf, pluginCheckers } from "../src/config/validate.js";
import type { PluginValidators } from "../src/index.js";
import { schemaOnlyPlugin } from "./fixtures/plugins.js";

// The build's output (core's build script replaces the placeholder in src): specs run after the build.
const BUILT_OUTLINE = new URL("../dist/config/outline-validator.js", import.meta.url).href;
const { validateOutline } = (await import(
  BUILT_OUTLINE
)) as typeof import("../src/config/outline-validator.js");
const EXAMPLES = new URL("../../../examples/invalid/", import.meta.url);

const runtime = checker(OUTLINE_SCHEMA);
const precompiled = validateOutline && checkerOf(validateOutline);

describe("the outline's precompiled validator", () => {
  it("is built", () => {
    expect(validateOutline).toBeTypeOf("function");
  });

  it.each([
    { name: "a document that is not a mapping", value: ["version", 1] },
    { name: "an empty document", value: null },
    { name: "missing version and providers", value: {} },
    { name: "a version other than 1", value: { version: 2, providers: {} } },
    { name: "an unknown top-level key", value: { version: 1, providers: {}, trunk: [] } },
    { name: "providers as a list", value: { version: 1, providers: [] } },
    { name: "a provider name with a space", value: { version: 1, providers: { "my vobiz": { type: "v" } } } },
    { name: "a provider block without type", value: { version: 1, providers: { v: { authId: "a" } } } },
    { name: "an empty type", value: { version: 1, providers: { v: { type: "" } } } },
    { name: "a provider block as a string", value: { version: 1, providers: { v: "vobiz" } } },
    { name: "trunks as a mapping", value: { version: 1, providers: {}, trunks: { a: 1 } } },
    { name: "a trunk without id", value: { version: 1, providers: {}, trunks: [{ provider: "v" }] } },
    { name: "a numeric trunk id", value: { version: 1, providers: {}, trunks: [{ provider: "v", id: 7 }] } },
    { name: "an empty provider", value: { version: 1, providers: {}, trunks: [{ provider: "", id: "t" }] } },
  ])("reports $name as the runtime-compiled schema does", ({ value }) => {
    const expected = runtime(value, ["doc"]);
    expect(expected).not.toEqual([]);
    expect(precompiled?.(value, ["doc"])).toEqual(expected);
  });

  it("reports every examples/invalid file as the runtime-compiled schema does", async () => {
    const files = (await readdir(EXAMPLES)).filter((f) => f.endsWith(".yaml")).sort();
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const { value } = parseYaml(await readFile(new URL(file, EXAMPLES), "utf8"));
      // Most examples break a plugin's schema, not the outline: both must agree they pass too.
      expect(precompiled?.(value, []), file).toEqual(runtime(value, []));
    }
  });
});

const ringPlugin = (trunkSchema: object) =>
  schemaOnlyPlugin("ring", { properties: { key: { type: "string" } } }, { properties: trunkSchema });

/** Validators that accept everything, or report `error` at the root. */
function fakeValidators(error?: Partial<ErrorObject>): PluginValidators {
  const validate = Object.assign(() => error === undefined, {
    errors: error && [{ instancePath: "", schemaPath: "#", params: {}, ...error } as ErrorObject],
  });
  return { provider: validate, trunk: validate };
}

describe("plugins without precompiled validators", () => {
  it("compiles a third-party plugin's schemas at run time", () => {
    const checkers = pluginCheckers(ringPlugin({ ring: { type: "integer", minimum: 1 } }), false);
    expect(checkers.trunk({ provider: "r", id: "t", ring: 0 }, ["trunks", 0])).toEqual([
      { path: ["trunks", 0, "ring"], message: "ring must be at least 1, got 0" },
    ]);
  });

  it("refuses a third-party schema that is not JSON Schema", () => {
    const plugin = ringPlugin({ ring: { type: "integer", title: 5 } });
    expect(() => pluginCheckers(plugin, false)).toThrow(/title must be string/);
  });

  it("ignores validators shipped by a third-party plugin", () => {
    const plugin = { ...ringPlugin({ ring: { type: "integer" } }), validators: fakeValidators() };
    expect(pluginCheckers(plugin, false).trunk({ provider: "r", id: "t", ring: "x" }, [])).toEqual([
      { path: ["ring"], message: 'ring must be an integer, got "x"' },
    ]);
  });

  it("uses a built-in plugin's validators instead of its schemas", () => {
    const error = { keyword: "required", params: { missingProperty: "pin" } };
    const plugin = { ...ringPlugin({ ring: { type: "integer" } }), validators: fakeValidators(error) };
    expect(pluginCheckers(plugin, true).trunk({ provider: "r", id: "t", ring: 1 }, ["trunks", 0])).toEqual([
      { path: ["trunks", 0], at: "owner", message: 'trunks[0] is missing required key "pin"' },
    ]);
  });
});

describe("standaloneModule (the build step)", () => {
  it("exports each schema's validator as ES module code that imports its helpers", () => {
    const source = standaloneModule({ validateName: { type: "string", minLength: 2 } }, "./runtime.js");
    expect(source).toContain('import { ucs2length } from "./runtime.js";');
    expect(source).toContain("export const validateName = ");
    expect(source).not.toContain("require(");
  });

  it("checks uri and hostname with inline expressions, importing nothing for them", async () => {
    const source = standaloneModule(
      {
        validateUrl: { type: "string", format: "uri" },
        validateHost: { type: "string", format: "hostname" },
      },
      "./runtime.js",
    );
    expect(source).not.toContain("import ");
    const { validateUrl, validateHost } = (await import(
      `data:text/javascript,${encodeURIComponent(source)}`
    )) as Record<string, (value: unknown) => boolean>;
    expect(["https://api.vobiz.ai", "http://127.0.0.1:4010/v1"].map((v) => validateUrl?.(v))).toEqual([
      true,
      true,
    ]);
    expect(["api vobiz", "not a url", "/relative"].map((v) => validateUrl?.(v))).toEqual([
      false,
      false,
      false,
    ]);
    expect(["acme.pstn.twilio.com", "acme_pstn!"].map((v) => validateHost?.(v))).toEqual([true, false]);
  });

  it("fails the build for a schema that is not JSON Schema", () => {
    expect(() => standaloneModule({ bad: { type: "integer", title: 5 } }, "./runtime.js")).toThrow(
      /schema bad: .*title must be string/,
    );
  });

  it("fails the build when generated code needs a helper the runtime module lacks", () => {
    const objects = { type: "array", items: { type: "object" }, uniqueItems: true };
    expect(() => standaloneModule({ objects }, "./runtime.js")).toThrow(
      /needs require\("ajv\/dist\/runtime\/equal"\)\.default: add it to validator-runtime\.ts/,
    );
  });
});
