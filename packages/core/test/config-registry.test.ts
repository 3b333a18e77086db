import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isProviderPlugin, loadConfigText, resolvePlugin } from "../src/index.js";
import { acme, builtins } from "./fixtures/plugins.js";

/** The source of a plugin module with a `ring` trunk field; `exportLine` decides how it is exported. */
const pluginSource = (type: string, exportLine: string) => `
const plugin = {
  type: ${JSON.stringify(type)},
  displayName: "Fake",
  defaultBaseUrl: "https://fake.example",
  optionsSchema: { properties: { key: { type: "string" } }, required: ["key"] },
  trunkSchema: { properties: { ring: { type: "integer" } } },
  fields: {},
  httpProfile: () => ({ errorMessagePaths: [] }),
  updateBody: (merged) => ({ body: merged }),
  connect: () => { throw new Error("not in tests"); },
};
${exportLine}
`;

let project: string;
async function install(name: string, manifest: object, files: Record<string, string>) {
  const root = join(project, "node_modules", name);
  await mkdir(root, { recursive: true });
  await writeFile(join(root, "package.json"), JSON.stringify({ name, version: "1.0.0", ...manifest }));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
  }
}

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "trunksync-plugins-"));
  await install(
    "trunksync-provider-esm",
    { type: "module", exports: { ".": { types: "./index.d.ts", import: "./dist/index.js" } } },
    { "dist/index.js": pluginSource("esm", "export default plugin;") },
  );
  await install(
    "@acme/trunksync-provider-cjs",
    { main: "main.js" },
    { "main.js": pluginSource("cjs", "module.exports = { plugin };") },
  );
  await install(
    "trunksync-provider-empty",
    { type: "module", main: "index.js" },
    { "index.js": "export const x = 1;" },
  );
  await install(
    "trunksync-provider-badschema",
    { type: "module", main: "index.js" },
    {
      "index.js": pluginSource("badschema", "export default plugin;").replace(
        '{ ring: { type: "integer" } }',
        '{ ring: { type: "integer", title: 5 } }',
      ),
    },
  );
  await install(
    "trunksync-provider-broken",
    { type: "module", main: "index.js" },
    { "index.js": "throw new Error('boom at import');" },
  );
  await install(
    "trunksync-provider-dates",
    { type: "module", main: "index.js" },
    {
      "index.js": pluginSource("dates", "export default plugin;")
        .replace('{ key: { type: "string" } }', '{ key: { type: "string", format: "email" } }')
        .replace(
          '{ ring: { type: "integer" } }',
          '{ ring: { type: "integer" }, since: { anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] } }',
        ),
    },
  );
  await install(
    "trunksync-provider-formats",
    { type: "module", main: "index.js" },
    {
      // The two formats allowed, and a trunk field that happens to be called `format`.
      "index.js": pluginSource("formats", "export default plugin;").replace(
        '{ ring: { type: "integer" } }',
        '{ ring: { type: "integer" }, host: { type: "string", format: "hostname" }, ' +
          'hook: { type: "string", format: "uri" }, format: { enum: ["ulaw", "alaw"] } }',
      ),
    },
  );
  // Hand-edited manifests: one that is not JSON at all, one that is JSON but not an object.
  await install("trunksync-provider-badjson", {}, { "package.json": "{ not json", "index.js": "" });
  await install("trunksync-provider-nullmanifest", {}, { "package.json": "null", "index.js": "" });
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe("resolvePlugin", () => {
  it("finds a built-in by type name", async () => {
    expect(await resolvePlugin("acme", builtins, project)).toEqual({ plugin: acme });
  });

  it.each([
    {
      type: "trunksync-provider-esm",
      from: "an ESM-only package (exports with only import)",
      display: "Fake",
    },
    {
      type: "@acme/trunksync-provider-cjs",
      from: "a scoped CommonJS package with a named plugin export",
      display: "Fake",
    },
  ])("loads $from", async ({ type, display }) => {
    const resolution = await resolvePlugin(type, builtins, project);
    expect("plugin" in resolution && resolution.plugin.displayName).toBe(display);
  });

  it.each([
    {
      type: "acne",
      error:
        'unknown provider type "acne" (did you mean "acme"?); known types: acme, globex, or a plugin package named trunksync-provider-*',
    },
    {
      type: "trunksync-provider-missing",
      error:
        'provider plugin package "trunksync-provider-missing" is not installed (looked from PROJECT): npm i -D trunksync-provider-missing',
    },
    {
      type: "trunksync-provider-empty",
      error:
        'package "trunksync-provider-empty" is not a trunksync provider plugin: expected a default or `plugin` export with type, displayName, defaultBaseUrl, optionsSchema, trunkSchema, fields, httpProfile, updateBody and connect (and accountId, when present, a function)',
    },
    {
      type: "trunksync-provider-broken",
      error: 'cannot load provider plugin "trunksync-provider-broken": boom at import',
    },
    {
      type: "trunksync-provider-nullmanifest",
      error:
        'cannot load provider plugin "trunksync-provider-nullmanifest": PROJECT/node_modules/trunksync-provider-nullmanifest/package.json is not a JSON object',
    },
  ])("explains why $type cannot be used", async ({ type, error }) => {
    expect(await resolvePlugin(type, builtins, project)).toEqual({
      error: error.replace("PROJECT", project),
    });
  });

  it("suggests the package when a short type names an installed trunksync-provider-* package", async () => {
    expect(await resolvePlugin("esm", builtins, project)).toEqual({
      error:
        'unknown provider type "esm" (did you mean "trunksync-provider-esm"?); known types: acme, globex, ' +
        "or a plugin package named trunksync-provider-*",
    });
  });

  it("names a package.json that is not valid JSON instead of failing", async () => {
    const manifest = join(project, "node_modules", "trunksync-provider-badjson", "package.json");
    expect(await resolvePlugin("trunksync-provider-badjson", builtins, project)).toEqual({
      error: expect.stringMatching(
        new RegExp(
          `^cannot load provider plugin "trunksync-provider-badjson": ${literally(manifest)} is not valid JSON: Expected property name`,
        ),
      ),
    });
  });
});

describe("resolvePlugin with fallbackDirs (a plugin installed next to the CLI)", () => {
  // <root>/project holds trunks.yaml; <root>/global/lib/node_modules is an npm global folder
  // holding trunksync and plugins, as `npm i -g trunksync trunksync-provider-…` leaves it.
  let root: string;
  let projectDir: string;
  let cliDir: string;
  const plugin = (display: string) =>
    pluginSource("twin", "export default plugin;").replace('"Fake"', JSON.stringify(display));
  async function put(dir: string, name: string, display: string) {
    const at = join(dir, "node_modules", name);
    await mkdir(at, { recursive: true });
    await writeFile(join(at, "package.json"), JSON.stringify({ name, type: "module", main: "index.js" }));
    await writeFile(join(at, "index.js"), plugin(display));
  }
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "trunksync-fallback-"));
    projectDir = join(root, "project");
    const globalDir = join(root, "global", "lib");
    cliDir = join(globalDir, "node_modules", "trunksync");
    await mkdir(cliDir, { recursive: true });
    await writeFile(join(cliDir, "package.json"), JSON.stringify({ name: "trunksync", version: "0.1.0" }));
    await put(globalDir, "trunksync-provider-global", "Global only");
    await put(globalDir, "trunksync-provider-twin", "Global twin");
    await put(projectDir, "trunksync-provider-twin", "Project twin");
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const displayOf = async (type: string) => {
    const resolution = await resolvePlugin(type, builtins, projectDir, { fallbackDirs: [cliDir] });
    return "plugin" in resolution ? resolution.plugin.displayName : resolution.error;
  };

  it("finds a package installed only next to the CLI", async () => {
    expect(await displayOf("trunksync-provider-global")).toBe("Global only");
  });

  it("prefers the project's package when both places have it", async () => {
    expect(await displayOf("trunksync-provider-twin")).toBe("Project twin");
  });

  it("names both places and the install command for each when neither has it", async () => {
    expect(await displayOf("trunksync-provider-nowhere")).toBe(
      `provider plugin package "trunksync-provider-nowhere" is not installed (looked from ${projectDir}, ` +
        `then from ${cliDir}): npm i -D trunksync-provider-nowhere in the project, ` +
        "or npm i -g trunksync-provider-nowhere next to a global trunksync",
    );
  });

  it("suggests a package installed next to the CLI for a short type", async () => {
    expect(await displayOf("global")).toBe(
      'unknown provider type "global" (did you mean "trunksync-provider-global"?); known types: acme, globex, ' +
        "or a plugin package named trunksync-provider-*",
    );
  });

  it("is what loadConfig does with pluginFallbackDirs", async () => {
    const yaml =
      "version: 1\nproviders:\n  g:\n    type: trunksync-provider-global\n    key: k\ntrunks: []\n";
    const file = join(projectDir, "trunks.yaml");
    const without = await loadConfigText(yaml, file, { builtins, env: {} });
    expect(without.problems.map((p) => p.message)).toEqual([
      `provider plugin package "trunksync-provider-global" is not installed (looked from ${projectDir}): ` +
        "npm i -D trunksync-provider-global",
    ]);
    const withCli = await loadConfigText(yaml, file, { builtins, env: {}, pluginFallbackDirs: [cliDir] });
    expect(withCli.problems).toEqual([]);
    expect(withCli.plugins.get("trunksync-provider-global")?.displayName).toBe("Global only");
  });
});

describe("third-party plugins in trunks.yaml", () => {
  const text = (ring: string) => `version: 1
providers:
  fake:
    type: trunksync-provider-esm
    key: k
trunks:
  - provider: fake
    id: t1
    ring: ${ring}
`;
  const file = () => join(project, "trunks.yaml");

  it("validates trunks against the plugin's own schema", async () => {
    const { config, plugins, problems } = await loadConfigText(text("3"), file(), { builtins, env: {} });
    expect(problems).toEqual([]);
    expect(config?.trunks[0]?.fields).toEqual({ ring: 3 });
    expect(plugins.get("trunksync-provider-esm")?.displayName).toBe("Fake");
  });

  it("reports the plugin's schema violations at the value", async () => {
    const { problems } = await loadConfigText(text("loud"), file(), { builtins, env: {} });
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '9:11 ring must be an integer, got "loud"',
    ]);
  });

  it("reports a plugin whose schema is not valid JSON Schema at the block's type, by its package name", async () => {
    const bad = text("3").replace("trunksync-provider-esm", "trunksync-provider-badschema");
    const { problems, config } = await loadConfigText(bad, file(), { builtins, env: {} });
    expect(config).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      expect.stringMatching(
        /^4:11 provider plugin "trunksync-provider-badschema" has an invalid schema: .*title must be string/,
      ),
    ]);
  });

  it("refuses a plugin whose schemas use a format trunksync does not check, naming each and the allowed ones", async () => {
    const dated = text("3").replace("trunksync-provider-esm", "trunksync-provider-dates");
    const { problems, config } = await loadConfigText(dated, file(), { builtins, env: {} });
    expect(config).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '4:11 provider plugin "trunksync-provider-dates" has an invalid schema: formats "email" ' +
        '(optionsSchema /properties/key), "date-time" (trunkSchema /properties/since/anyOf/0) are not ' +
        "supported; a plugin's schemas may use the formats uri and hostname only (check others with a pattern)",
    ]);
  });

  it("accepts the formats uri and hostname, and a trunk field named format", async () => {
    const formats = text("3")
      .replace("trunksync-provider-esm", "trunksync-provider-formats")
      .replace(
        "ring: 3",
        "ring: 3\n    host: sip.example.com\n    hook: https://hooks.example\n    format: ulaw",
      );
    const { problems, config } = await loadConfigText(formats, file(), { builtins, env: {} });
    expect(problems).toEqual([]);
    expect(config?.trunks[0]?.fields).toEqual({
      ring: 3,
      host: "sip.example.com",
      hook: "https://hooks.example",
      format: "ulaw",
    });
  });

  it("reports a plugin whose package.json is not JSON at the block's type", async () => {
    const broken = text("3").replace("trunksync-provider-esm", "trunksync-provider-badjson");
    const { problems, config } = await loadConfigText(broken, file(), { builtins, env: {} });
    expect(config).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      expect.stringMatching(
        /^4:11 cannot load provider plugin "trunksync-provider-badjson": .*trunksync-provider-badjson\/package\.json is not valid JSON/,
      ),
    ]);
  });

  it("reports a plugin that fails to load at the block's type", async () => {
    const broken = text("3").replace("trunksync-provider-esm", "trunksync-provider-broken");
    const { problems, config } = await loadConfigText(broken, file(), { builtins, env: {} });
    expect(config).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '4:11 cannot load provider plugin "trunksync-provider-broken": boom at import',
    ]);
  });
});

/** `text` as a regular expression matching it literally. */
function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("isProviderPlugin", () => {
  it.each([
    { value: acme, expected: true },
    { value: { ...acme, connect: "no" }, expected: false },
    { value: { ...acme, optionsSchema: undefined }, expected: false },
    { value: { ...acme, accountId: () => "AC_1" }, expected: true },
    { value: { ...acme, accountId: "AC_1" }, expected: false },
    { value: null, expected: false },
    { value: "acme", expected: false },
  ])("is $expected for %#", ({ value, expected }) => {
    expect(isProviderPlugin(value)).toBe(expected);
  });
});
