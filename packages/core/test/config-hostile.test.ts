import { mkdir, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
