// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax under test
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { interpolate } from "../src/config/interpolate.js";
import type { Issue, JsonPath } from "../src/config/issue.js";
import { parseYaml } from "../src/config/parse.js";
import { readPlainYaml } from "../src/config/plain-yaml.js";

const AT: NonNullable<Issue["at"]>[] = ["value", "key", "owner"];

/** Every path in a value, plus one missing child of each collection (the parser's "incomplete" case). */
function pathsOf(value: unknown, base: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [base];
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) out.push(...pathsOf(item, [...base, i]));
    out.push([...base, value.length]);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) out.push(...pathsOf(child, [...base, key]));
    out.push([...base, "no-such-key"]);
  }
  return out;
}

function stringLeaves(value: unknown, base: JsonPath = []): [JsonPath, string][] {
  if (typeof value === "string") return [[base, value]];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    stringLeaves(child, [...base, Array.isArray(value) ? Number(key) : key]),
  );
}

/** Every path to a list in a value. */
function listPaths(value: unknown, base: JsonPath = []): JsonPath[] {
  if (typeof value !== "object" || value === null) return [];
  return [
    ...(Array.isArray(value) ? [base] : []),
    ...Object.entries(value).flatMap(([key, child]) =>
      listPaths(child, [...base, Array.isArray(value) ? Number(key) : key]),
    ),
  ];
}

/** Some variables set, some empty, the rest unset. */
const ENV = { FOO: "foo", X: "x", EMPTY: "" };

/**
 * Whether the fast reader answered `text`; when it did, it must agree with the `yaml` package on
 * the value (which must parse without errors or warnings) and on every position it can be asked;
 * and what it adds must agree with what it stands for: `locateItems` with `locate` item by item,
 * interpolation of the `interpolable` strings only with interpolation of every string.
 */
function agreesWithYaml(text: string): boolean {
  const fast = readPlainYaml(text);
  if (fast === undefined) return false;
  const doc = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false });
  expect(
    doc.errors.map((e) => e.message),
    text,
  ).toEqual([]);
  expect(
    doc.warnings.map((e) => e.message),
    text,
  ).toEqual([]);
  expect(fast.value, text).toEqual(doc.toJS());
  expect(fast.issues).toEqual([]);
  const full = parseYaml(text);
  for (const path of pathsOf(fast.value)) {
    for (const at of AT)
      expect(fast.locate(path, at), `${text}\n${JSON.stringify(path)} ${at}`).toEqual(full.locate(path, at));
  }
  for (const [path, value] of stringLeaves(fast.value)) {
    const needle = value.slice(1, 4);
    if (needle)
      expect(fast.locate(path, "value", needle), `${text}\nneedle in ${path}`).toEqual(
        full.locate(path, "value", needle),
      );
  }
  for (const path of listPaths(fast.value)) {
    const items = fast.locateItems(path) ?? [];
    expect(items, `${text}\nitems of ${JSON.stringify(path)}`).toEqual(
      items.map((_, i) => full.locate([...path, i])),
    );
  }
  expect(fast.locateItems(["no-such-key"])).toBeUndefined();
  expect(interpolate(fast.value, ENV, fast.interpolable), text).toEqual(interpolate(fast.value, ENV));
  return true;
}

describe("readPlainYaml", () => {
  it.each([
    [
      "a trunks.yaml of block mappings, sequences and comments",
      'version: 1\n# providers\nproviders:\n  acme:\n    type: acme # inline\n    token: "${env:T}"\ntrunks:\n  - provider: acme\n    id: t-1\n    enabled: true\n',
    ],
    [
      "a sequence at its key's indentation",
      "trunks:\n- provider: a\n  id: x\n- provider: b\n  id: y\nversion: 1\n",
    ],
    ["CRLF line ends", "a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\n"],
    ["no final newline", "a: b"],
    [
      "comments anywhere, indented or not",
      "# head\na:\n    # deeper\n  b: 1\n# between\n  c: 2   # trailing\n\n",
    ],
    [
      "one-line flow lists and mappings",
      'numbers: ["+14155550100", "+1 (415)"]\nauth: { username: acme, password: "${env:P}" }\nempty: []\nnone: {}\n',
    ],
    [
      "the core schema's scalars",
      "a: ~\nb: Null\nc: TRUE\nd: false\ne: 0o17\nf: -12\ng: 0x1F\nh: .inf\ni: -.Inf\nj: .NaN\nk: 1e3\nl: 1.50\nm: 017\nn: 1_000\no: yes\np: 2001-12-14\n",
    ],
    [
      "quoted scalars with JSON escapes and doubled single quotes",
      "a: \"x \\\"y\\\" \\u00e9 \\n\"\nb: 'it''s # not a comment'\n",
    ],
    [
      "plain scalars with inner quotes, colons, brackets and hashes",
      'a: Acme\'s "trunk"\nb: http://x.test:8080/p?q=1#frag\nc: a [b] {c}\nd: x#y\ne: -5\nf: ${env:HOME}\n',
    ],
    ["non-ASCII text, astral characters included", "name: Zürich 📞 trunk\n"],
    [
      "a list of mappings whose keys follow, extend or reorder the previous item's",
      "trunks:\n  - name: a\n    id: 1\n  - name: b\n    id: 2\n  - names: c\n    id: 3\n  - id: 4\n    name: d\n  - name: e\n",
    ],
    [
      "long integers that are still exact, and look-alikes of true, false and a repeated string",
      "a:\n  - 9007199254740991\n  - -9007199254740991\n  - 0x1fffffffffffff\n  - 0017\n  - truex\n  - FALSE\n  - acme\n  - acme\n  - acmex\n  - acm\n",
    ],
    [
      "references to interpolate, inside escapes too",
      'a:\n  - ${env:FOO}\n  - "\\u0024{env:X}"\n  - { k: "${env:EMPTY}" }\n  - [x, "${env:UNSET}"]\n  - $${env:FOO}\n',
    ],
  ])("reads %s as the yaml package does", (_, text) => {
    expect(agreesWithYaml(text)).toBe(true);
  });

  it.each([
    ["an anchor and alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a !!binary value", "a: !!binary aGVsbG8=\n"],
    ["an integer too large to be exact", "a: 9007199254740993\n"],
    ["a negative or octal integer too large to be exact", "a: [-9007199254740993, 0o400000000000000001]\n"],
    ["a hex integer too large to be exact", "a: 0x20000000000001\n"],
    ["a block scalar", "a: |\n  text\n"],
    ["a plain scalar continued on the next line", "a: one\n  two\n"],
    ["a quoted scalar over two lines", 'a: "one\n  two"\n'],
    ["a quoted key", '"a": 1\n'],
    ["a numeric key", "1: a\n"],
    ["a boolean key", "true: a\n"],
    ["an empty value", "a:\nb: 1\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a document marker", "---\na: 1\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["a tab", "a:\t1\n"],
    ["a control character", "a: b\u0001\n"],
    ["a YAML-only escape", 'a: "\\x41"\n'],
    ["a nested flow collection", "a: [b, [c]]\n"],
    ["a flow collection over two lines", "a: [b,\n  c]\n"],
    ["a nested mapping in a value", "a: b: c\n"],
    ["a top-level sequence", "- a\n- b\n"],
    ["a scalar document", "just text\n"],
    ["an empty document", "# nothing\n"],
    ["bad indentation", "a:\n    b: 1\n  c: 2\n"],
    ["a __proto__ key", "__proto__: 1\n"],
    ["a nested sequence item", "a:\n  - - b\n"],
  ])("leaves %s to the full parser", (_, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it("agrees with the yaml package on the repository's example files", () => {
    const dir = fileURLToPath(new URL("../../../examples/", import.meta.url));
    const files = [
      ...readdirSync(dir).filter((f) => f.endsWith(".yaml")),
      ...readdirSync(join(dir, "invalid")).map((f) => join("invalid", f)),
    ];
    const answered = files.filter((f) => agreesWithYaml(readFileSync(join(dir, f), "utf8")));
    expect(answered).toContain("trunks.yaml");
  });

  it("agrees with the yaml package on thousands of generated documents, or leaves them to it", () => {
    const random = seeded(7);
    let answered = 0;
    const total = 5000;
    for (let i = 0; i < total; i++) if (agreesWithYaml(generatedDocument(random))) answered++;
    // Both branches must be exercised for the comparison to mean anything.
    expect(answered).toBeGreaterThan(total * 0.25);
    expect(answered).toBeLessThan(total * 0.9);
  });
});

// A small generator of trunks.yaml-like documents with the corner cases of YAML's plain style mixed in.

const KEYS = [
  "a",
  "name",
  "vobiz-prod",
  "x.y",
  "a/b",
  "2nd",
  "k_1",
  "id",
  "true",
  "1",
  "~",
  "1e3",
  "on",
  "a b",
  "a.b/c-d",
  "x-",
  "_",
  "0a",
  "constructor",
  "toString",
];
const SCALARS = [
  "hello",
  "hello world",
  "123",
  "-5",
  "+7",
  "0x1F",
  "0o17",
  "017",
  "1_000",
  "1.5",
  ".5",
  "1.",
  "1e3",
  "-1.5E-3",
  ".inf",
  "-.Inf",
  ".nan",
  "true",
  "False",
  "yes",
  "off",
  "~",
  "null",
  "NULL",
  "2001-12-14",
  "1:30",
  "a:b",
  "http://x.y/z?q=1#f",
  "${env:FOO}",
  "$${env:FOO}",
  "a #b",
  "a#b",
  "Acme's trunk",
  'a "b" c',
  "-",
  "--",
  "---",
  "-a",
  "a - b",
  "a, b",
  "[x]",
  "a [b]",
  "{a}",
  "a{b}",
  "é ü",
  "😀",
  "-0",
  "0",
  "+.5",
  "1e",
  ".",
  "a: b",
  "a:",
  "@x",
  "`x",
  "%x",
  "!x",
  "&a",
  "*a",
  "|",
  ">",
  "?x",
  ":x",
  "#x",
  '"plain"',
  '"with \\"esc\\""',
  '"tab\\t"',
  '"\\x41"',
  '"\\u00e9"',
  '"a # b"',
  '"${env:X}"',
  '"\\u0024{env:FOO}"',
  '""',
  '"\\/"',
  '"\\e"',
  "'x'",
  "'it''s'",
  "''",
  "'a # b'",
  "'\\n'",
  '"a"b',
  "'a' # c",
  "[a, b]",
  '["+1415", "+1416"]',
  "[]",
  "[1, 2.5, true, null]",
  "[a, [b]]",
  "[a,]",
  "[ a , b ]",
  "[a: b]",
  "[-1]",
  "['x', \"y\"]",
  '{ username: acme, password: "p" }',
  "{}",
  "{a: 1, a: 2}",
  "{a:1}",
  "{ a: [1] }",
  "[a b, c#d, e #f]",
  '["a, b", "c]"]',
  '{ a: "x}", b: y }',
  "[ ]",
  "{ }",
  "[a , b]",
  "{a: b c}",
  "a  b",
  "a :b",
  "a ,b",
  "[x] y",
  "{a: 1} # c",
  '"x" # c',
  "'x'y'",
  "[1e3, 0x1F, ~, .nan]",
  "{ a: -1 }",
  "[-]",
  "[a b]",
  "{ a: 1,b: 2 }",
  "[a,b]",
  "x # y # z",
  "1 # 2",
];

type Random = () => number;

function seeded(seed: number): Random {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function generatedDocument(random: Random): string {
  // A few keys and scalars per document, so that many documents avoid every construct left to the parser.
  const keys = [pick(random, KEYS), pick(random, KEYS), "a", "name"];
  const scalars = [pick(random, SCALARS), pick(random, SCALARS), "hello"];
  const lines: string[] = [];
  const comment = (indent: number) => {
    if (random() < 0.1) lines.push(`${" ".repeat(Math.floor(random() * (indent + 4)))}# note`);
    if (random() < 0.05) lines.push("");
  };
  const tail = () => (random() < 0.15 ? pick(random, ["  # c", " #c", "#c", "   "]) : "");
  const map = (indent: number, depth: number, first?: string) => {
    const count = 1 + Math.floor(random() * 3);
    const used = new Set<string>();
    for (let k = 0; k < count; k++) {
      let key = pick(random, keys);
      if (used.has(key) && random() < 0.9) continue;
      used.add(key);
      if (random() < 0.02) key = `${key}\t`;
      const pad = k === 0 && first !== undefined ? first : " ".repeat(indent);
      const kind = depth > 2 ? 0 : random();
      comment(indent);
      if (kind < 0.6) {
        lines.push(`${pad}${key}:${random() < 0.1 ? "  " : " "}${pick(random, scalars)}${tail()}`);
      } else if (kind < 0.8) {
        lines.push(`${pad}${key}:${tail()}`);
        map(indent + pick(random, [2, 4]), depth + 1);
      } else {
        lines.push(`${pad}${key}:${tail()}`);
        seq(indent + pick(random, [0, 2]), depth + 1);
      }
    }
  };
  const seq = (indent: number, depth: number) => {
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) {
      comment(indent);
      if (random() < 0.5) {
        lines.push(`${" ".repeat(indent)}- ${pick(random, scalars)}${tail()}`);
      } else {
        map(indent + 2, depth + 1, `${" ".repeat(indent)}- `);
      }
    }
  };
  map(0, 0);
  if (random() < 0.03) lines.splice(Math.floor(random() * lines.length), 0, "  continued");
  const eol = random() < 0.1 ? "\r\n" : "\n";
  return lines.join(eol) + (random() < 0.8 ? eol : "");
}
