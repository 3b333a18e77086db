import { describe, expect, it } from "vitest";
import { formatProblems, type Problem } from "../src/index.js";

const problem = (over: Partial<Problem>): Problem => ({
  file: "trunks.yaml",
  line: 2,
  col: 5,
  path: "/x",
  message: "something is wrong",
  severity: "error",
  ...over,
});
const sources = new Map([["trunks.yaml", "version: 1\nfoo: bar\n\tkey: value\n"]]);

describe("formatProblems", () => {
  it("prints file:line:col, the message, the line and a caret under the column", () => {
    expect(formatProblems([problem({})], sources)).toBe(
      ["trunks.yaml:2:5: something is wrong", "2 | foo: bar", "  |     ^", ""].join("\n"),
    );
  });

  it("keeps tabs in the caret line so the caret lines up", () => {
    expect(formatProblems([problem({ line: 3, col: 7 })], sources)).toBe(
      ["trunks.yaml:3:7: something is wrong", "3 | \tkey: value", "  | \t     ^", ""].join("\n"),
    );
  });

  it("prints a problem without a position as file: message", () => {
    expect(formatProblems([problem({ line: 0, col: 0, message: "no such file" })], new Map())).toBe(
      "trunks.yaml: no such file\n",
    );
  });

  it("marks warnings", () => {
    expect(formatProblems([problem({ severity: "warning" })], sources).split("\n")[0]).toBe(
      "trunks.yaml:2:5: warning: something is wrong",
    );
  });

  it("cuts a very long line around the column", () => {
    const long = `${"a".repeat(300)}X${"b".repeat(300)}`;
    const [, line, caret] = formatProblems(
      [problem({ line: 1, col: 301 })],
      new Map([["trunks.yaml", long]]),
    ).split("\n");
    expect(line?.length).toBeLessThan(140);
    expect(line?.[caret?.indexOf("^") ?? -1]).toBe("X");
  });

  it("colours only when asked", () => {
    expect(formatProblems([problem({})], sources)).not.toContain("\u001b[");
    expect(formatProblems([problem({})], sources, { color: true })).toContain(
      "\u001b[31msomething is wrong\u001b[0m",
    );
  });

  it("prints nothing for no problems", () => {
    expect(formatProblems([], sources)).toBe("");
  });
});
