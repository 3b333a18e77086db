import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsPlugin, { type FormatsPlugin } from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { writePluginPackage } from "./helpers/plugin-fixture.js";
import { runCli } from "./helpers/run-cli.js";

const addFormats = addFormatsPlugin as unknown as FormatsPlugin;
const SCOPED = "@initech/trunksync-provider-initech";
/** Where the CLI looks for plugins after the project: its own package directory. */
const CLI_DIR = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

/** A third-party plugin package as npm would install it: plain ESM, schemas only. */
const initechPlugin = `
export default {
  type: "initech",
  displayName: "Initech",
  defaultBaseUrl: "https://api.initech.example",
  optionsSchema: { properties: { token: { type: "string", minLength: 1, writeOnly: true } }, required: ["token"] },
  trunkSchema: { properties: { max_channels: { type: "integer", minimum: 1 }, codecs: { type: "array", items: { type: "string" } } } },
  fields: {},
  httpProfile: () => ({ errorMessagePaths: ["message"] }),
  updateBody: (merged) => ({ body: merged }),
  connect: () => { throw new Error("schema-only plugin"); },
};
`;

const DATED = "trunksync-provider-dated";
/** A plugin package whose trunk schema uses a format trunksync does not check. */
const datedPlugin = `
export default {
  type: "dated",
  displayName: "Dated",
  defaultBaseUrl: "https://api.dated.example",
  optionsSchema: { properties: {} },
  trunkSchema: { properties: { since: { type: "string", format: "date-time" } } },
  fields: {},
  httpProfile: () => ({ errorMessagePaths: ["message"] }),
  updateBody: (merged) => ({ body: merged }),
  connect: () => { throw new Error("schema-only plugin"); },
};
`;

const config = (type: string, trunk = "max_channels: 20") => `version: 1
providers:
  vobiz-prod:
    type: vobiz
    authId: \${env:VOBIZ_AUTH_ID}
    authToken: \${env:VOBIZ_AUTH_TOKEN}
  initech:
    type: "${type}"
    token: \${env:INITECH_TOKEN}
trunks:
  - provider: initech
    id: tr-1
    ${trunk}
`;

let project: string;
const run = (argv: string[]) => runCli(argv, { cwd: project });

/** Compiles a schema the CLI printed, as an editor's language server would. */
function compiled(stdout: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(stdout));
}

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "trunksync-schema-"));
  await writePluginPackage(join(project, "node_modules"), SCOPED, initechPlugin);
  await writeFile(join(project, "trunks.yaml"), config(SCOPED));
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe("trunksync schema", () => {
  it("prints a schema an editor accepts this file's third-party trunks with", async () => {
    const { code, stdout, stderr } = await run(["schema"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const check = compiled(stdout);
    const doc = parse(await readFile(join(project, "trunks.yaml"), "utf8"));
    expect(check(doc)).toBe(true);
  });

  it.each([
    { rule: "a misspelt field of the plugin's trunks", trunk: "max_channel: 20" },
    { rule: "a value the plugin's trunk schema refuses", trunk: "max_channels: 0" },
  ])("rejects $rule", async ({ trunk }) => {
    const { stdout } = await run(["schema"]);
    expect(compiled(stdout)(parse(config(SCOPED, trunk)))).toBe(false);
  });

  it("still checks the built-in providers' blocks and trunks", async () => {
    const { stdout } = await run(["schema"]);
    const doc = parse(config(SCOPED));
    doc.trunks.push({ provider: "vobiz-prod", id: "t-2", max_concurent_calls: 25 });
    expect(compiled(stdout)(doc)).toBe(false);
  });

  it("is the committed built-in schema when there is no trunks.yaml, and says so", async () => {
    const { code, stdout, stderr } = await run(["schema", "-c", "missing.yaml"]);
    expect(code).toBe(0);
    expect(stderr).toBe("note: missing.yaml not found: the schema covers the built-in providers only\n");
    const committed = await readFile(new URL("../../../schemas/trunks.schema.json", import.meta.url), "utf8");
    expect(stdout).toBe(committed);
  });

  it("works on a file still being written (a trunk without its id, an unknown trunk key, a variable unset)", async () => {
    const draft = config(SCOPED, "max_chan: 1").replace("    id: tr-1\n", "");
    await writeFile(join(project, "draft.yaml"), draft);
    const validated = await run(["validate", "-c", "draft.yaml"]);
    expect(validated.code).toBe(1);
    const { code, stdout, stderr } = await run(["schema", "-c", "draft.yaml"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(JSON.stringify(JSON.parse(stdout).$defs.trunk)).toContain("trunksync-provider-initech-trunk");
  });

  it("exits 1 with the located reason, printing no schema, when the file has no version", async () => {
    await writeFile(join(project, "unversioned.yaml"), config(SCOPED).replace("version: 1\n", ""));
    const { code, stdout, stderr } = await run(["schema", "-c", "unversioned.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toBe(
      'unversioned.yaml:1:1: the document is missing required key "version"',
    );
  });

  it("exits 1 with the located reason, printing no schema, when a type loads no plugin", async () => {
    await writeFile(join(project, "typo.yaml"), config("@initech/trunksync-provider-initek"));
    const { code, stdout, stderr } = await run(["schema", "-c", "typo.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toBe(
      `typo.yaml:8:11: provider plugin package "@initech/trunksync-provider-initek" is not installed (looked from ${project}, then from ${CLI_DIR}): npm i -D @initech/trunksync-provider-initek in the project, or npm i -g @initech/trunksync-provider-initek next to a global trunksync`,
    );
  });

  it("exits 1 with validate's located message, printing no schema, when a plugin's schema uses an unsupported format", async () => {
    await writePluginPackage(join(project, "node_modules"), DATED, datedPlugin);
    await writeFile(
      join(project, "dated.yaml"),
      `version: 1\nproviders:\n  dated:\n    type: ${DATED}\ntrunks:\n  - provider: dated\n    id: tr-1\n`,
    );
    const validated = await run(["validate", "-c", "dated.yaml"]);
    expect(validated.code).toBe(1);
    const located =
      `dated.yaml:4:11: provider plugin "${DATED}" has an invalid schema: format "date-time" ` +
      "(trunkSchema /properties/since) is not supported; a plugin's schemas may use the formats uri " +
      "and hostname only (check others with a pattern)";
    expect(validated.stderr.split("\n")[0]).toBe(located);
    const { code, stdout, stderr } = await run(["schema", "-c", "dated.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toBe(located);
  });

  it("exits 1 with the located syntax error when the file is not YAML", async () => {
    await writeFile(join(project, "broken.yaml"), "version: 1\nproviders:\n  a: [\n");
    const { code, stdout, stderr } = await run(["schema", "-c", "broken.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^broken\.yaml:\d+:\d+: YAML syntax error: /);
  });
});
