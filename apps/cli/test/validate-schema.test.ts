import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { composeTrunksSchema } from "@trunksync/core";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsPlugin, { type FormatsPlugin } from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BUILTIN_PLUGINS } from "../src/plugins.js";
import { DEMO_ENV, REPO_ROOT } from "./validate-helpers.js";

const addFormats = addFormatsPlugin as unknown as FormatsPlugin;
const SCHEMA_FILE = join(REPO_ROOT, "schemas/trunks.schema.json");

/** An example file as the editor sees it once its ${env:…} references are filled in. */
async function example(name: string) {
  const text = await readFile(join(REPO_ROOT, "examples", name), "utf8");
  return parse(
    text.replaceAll(/\$\{env:([A-Z_]+)\}/g, (_, v: string) => DEMO_ENV[v as keyof typeof DEMO_ENV] ?? "x"),
  );
}

describe("schemas/trunks.schema.json", () => {
  it("is what `pnpm schema` generates from core and the built-in plugins (run `pnpm schema` if not)", async () => {
    const committed = await readFile(SCHEMA_FILE, "utf8");
    expect(committed).toBe(`${JSON.stringify(composeTrunksSchema(BUILTIN_PLUGINS), null, 2)}\n`);
  });

  it("accepts examples/trunks.yaml and rejects examples the schema alone can judge", async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const check = ajv.compile(JSON.parse(await readFile(SCHEMA_FILE, "utf8")));
    expect(check(await example("trunks.yaml")), JSON.stringify(check.errors)).toBe(true);
    for (const name of [
      "unknown-key.yaml",
      "bad-types.yaml",
      "unknown-type.yaml",
      "videosdk-credentials.yaml",
    ]) {
      expect(check(await example(`invalid/${name}`)), name).toBe(false);
    }
  });

  it("marks credentials and the SIP password write-only so editors and redaction know them", async () => {
    const text = await readFile(SCHEMA_FILE, "utf8");
    const schema = JSON.parse(text) as { $defs: Record<string, { properties: Record<string, unknown> }> };
    const writeOnly = (def: string, key: string) =>
      (schema.$defs[def]?.properties[key] as { writeOnly?: boolean } | undefined)?.writeOnly;
    expect(writeOnly("vobiz-provider", "authToken")).toBe(true);
    expect(writeOnly("videosdk-provider", "secret")).toBe(true);
    expect(writeOnly("videosdk-provider", "token")).toBe(true);
    const auth = schema.$defs["videosdk-trunk"]?.properties.auth as {
      properties: Record<string, { writeOnly?: boolean }>;
    };
    expect(auth.properties.password?.writeOnly).toBe(true);
  });
});
