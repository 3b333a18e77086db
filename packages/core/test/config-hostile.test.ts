import { mkdir, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPlainYaml } from "../src/config/plain-yaml.js";
import { loadConfig } from "../src/index.js";
import { load } from "./fixtures/load.js";
import { builtins, env, validYaml } from "./fixtures/plugins.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "trunksync-hostile-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const loadFile = (name: string) => loadConfig(name, { builtins, env, cwd: dir });
const brief = (problems: { line: number; col: number; message: string }[]) =>
  problems.map((p) => `${p.line}:${p.col} ${p.message}`);

describe("hostile files give one clear problem", () => {
  it("refuses a file over 5 MB before reading it", async () => {
    await writeFile(join(dir, "huge.yaml"), "");
    await truncate(join(dir, "huge.yaml"), 50 * 1024 * 1024);
    const result = await loadFile("huge.yaml");
    expect(result.problems).toEqual([
      {
        file: "huge.yaml",
        line: 0,
        col: 0,
        path: "",
        message: "file is too large (50.0 MB); the limit is 5 MB",
        severity: "error",
      },
    ]);
    expect(result.source).toBeUndefined();
  });

  it("points at the first byte that is not UTF-8", async () => {
    const bytes = Buffer.concat([
      Buffer.from("version: 1\nname: caf"),
      Buffer.from([0xe9]),
      Buffer.from("\n"),
    ]);
    await writeFile(join(dir, "latin1.yaml"), bytes);
    expect(brief((await loadFile("latin1.yaml")).problems)).toEqual([
      "2:10 file is not valid UTF-8 text (save it as UTF-8)",
    ]);
  });

  it("says a directory is not a file", async () => {
    await mkdir(join(dir, "a-directory.yaml"));
    expect(brief((await loadFile("a-directory.yaml")).problems)).toEqual([
      "0:0 is a directory, expected a trunks.yaml file",
    ]);
  });

  it("says a missing file is missing", async () => {
    expect(brief((await loadFile("nope.yaml")).problems)).toEqual(["0:0 cannot read the file: no such file"]);
  });

  it("marks a missing file as missing, and only a missing one", async () => {
    expect((await loadFile("nope.yaml")).missing).toBe(true);
    await mkdir(join(dir, "present-directory.yaml"));
    expect((await loadFile("present-directory.yaml")).missing).toBeUndefined();
  });

  it("says an empty file is empty", async () => {
    await writeFile(join(dir, "empty.yaml"), "");
    expect(brief((await loadFile("empty.yaml")).problems)).toEqual([
      "0:0 the file is empty: expected version, providers and trunks",
    ]);
  });

  it("treats a file of comments as empty", async () => {
    expect(brief((await load("# nothing here\n")).problems)).toEqual([
      "0:0 the file is empty: expected version, providers and trunks",
    ]);
  });

  it("refuses an alias bomb without expanding it", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    expect(brief((await load(`${levels.join("\n")}\n`)).problems)).toEqual([
      "1:1 too many YAML alias expansions (limit 50): refusing what looks like an alias bomb",
    ]);
  });

  it("still allows a few aliases for shared values", async () => {
    const text = validYaml
      .replace("accountId: AC_1", "accountId: &acct AC_1")
      .replace("name: Main", "name: *acct");
    const { problems, config } = await load(text);
    expect(problems).toEqual([]);
    expect(config?.trunks[0]?.fields.name).toBe("AC_1");
  });

  it.each([
    {
      shape: "a list that contains itself",
      text: "version: 1\nproviders: {}\ntrunks: &t [*t]\n",
      expected: "3:13 alias *t refers to a node that contains it; trunks.yaml cannot be recursive",
    },
    {
      shape: "a mapping deeper inside itself",
      text: "version: 1\nproviders: &p\n  a: { b: [*p] }\ntrunks: []\n",
      expected: "3:12 alias *p refers to a node that contains it; trunks.yaml cannot be recursive",
    },
  ])("refuses a recursive alias ($shape) at the alias", async ({ text, expected }) => {
    expect(brief((await load(text)).problems)).toEqual([expected]);
  });

  const NOT_JSON =
    "is not supported here: a trunks.yaml holds only mappings, lists, strings, numbers, booleans and null";
  it.each([
    { tag: "!!binary", value: "!!binary aGVsbG8=", expected: `2:21 binary data (!!binary) ${NOT_JSON}` },
    { tag: "!!set", value: "!!set { a, b }", expected: `2:18 a !!set value ${NOT_JSON}` },
    { tag: "!!omap", value: "!!omap [ a: 1 ]", expected: `2:19 a !!omap value ${NOT_JSON}` },
    { tag: "!!timestamp", value: "!!timestamp 2001-12-14", expected: `2:24 a !!timestamp value ${NOT_JSON}` },
  ])("refuses a $tag value, once, at the value", async ({ value, expected }) => {
    const text = `version: 1\nproviders: ${value}\ntrunks: []\n`;
    expect(readPlainYaml(text)).toBeUndefined();
    expect(brief((await load(text)).problems)).toEqual([expected]);
  });

  it("still reads tags whose values are JSON data", async () => {
    const text = validYaml
      .replace("name: Main", "name: !!str 12")
      .replace("max_calls: 25", "max_calls: !!int 25");
    const { problems, config } = await load(text);
    expect(problems).toEqual([]);
    expect(config?.trunks[0]?.fields).toMatchObject({ name: "12", max_calls: 25 });
  });

  it.each([
    { source: "9007199254740993", at: "16:16" },
    { source: "123456789012345678901234567890", at: "16:16" },
    { source: "-9007199254740993", at: "16:16" },
    { source: "0x20000000000001", at: "16:16" },
    { source: "[1, 9007199254740992]", at: "16:20" },
  ])("refuses an integer too large to be read exactly ($source)", async ({ source, at }) => {
    const text = validYaml.replace("max_calls: 25", `max_calls: ${source}`);
    // The fast reader leaves it to the full parser, which reports it.
    expect(readPlainYaml(text)).toBeUndefined();
    const integer = source.replace(/^\[1, |\]$/g, "");
    expect(brief((await load(text)).problems)).toEqual([
      `${at} the integer ${integer} is too large to be read exactly (the limit is ±9007199254740991); quote it if it is text`,
    ]);
  });

  it("reads the largest exact integer as it is, with the fast reader", async () => {
    const text = validYaml.replace("max_calls: 25", "max_calls: 9007199254740991");
    expect(readPlainYaml(text)).toBeDefined();
    const { problems, config } = await load(text);
    expect(problems).toEqual([]);
    expect(config?.trunks[0]?.fields.max_calls).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    { shape: "flow brackets", text: "[".repeat(5_000_000), at: "1:65" },
    { shape: "nested sequences on one line", text: "- ".repeat(1_000_000), at: "1:129" },
    {
      shape: "ever deeper indentation",
      text: Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i)}k:`).join("\n"),
      at: "130:129",
    },
  ])("refuses pathological nesting ($shape) instead of exhausting the stack", async ({ text, at }) => {
    expect(brief((await load(text)).problems)).toEqual([
      `${at} nesting deeper than 64 levels: refusing to parse what cannot be a trunks.yaml`,
    ]);
  });

  it("reports a syntax error at its position and stops there", async () => {
    expect(brief((await load("version: 1\nproviders: [a, b\n")).problems)).toEqual([
      "3:1 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });

  it("reports a second YAML document", async () => {
    expect(brief((await load(`${validYaml}---\nversion: 1\n`)).problems)).toEqual([
      "25:1 expected a single YAML document, found a second one (---)",
    ]);
  });

  it("keeps a __proto__ key as an unknown key rather than a prototype", async () => {
    expect(
      brief((await load(validYaml.replace("name: Main", "__proto__: { polluted: true }"))).problems),
    ).toEqual([
      '15:5 unknown key "__proto__" in trunks[0]; expected one of: enabled, id, max_calls, name, provider',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads a file with a byte-order mark", async () => {
    await writeFile(join(dir, "bom.yaml"), `\uFEFF${validYaml}`);
    const { problems, config } = await loadFile("bom.yaml");
    expect(problems).toEqual([]);
    expect(config?.file).toBe(join(dir, "bom.yaml"));
  });
});
