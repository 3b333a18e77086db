// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax under test
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { interpolate } from "../src/config/interpolate.js";
import { escapeInterpolation, isLiteralText } from "../src/index.js";
import { load } from "./fixtures/load.js";
import { validYaml } from "./fixtures/plugins.js";

/** Every variable a generated string could name is set: a reference left in would be filled. */
const ENV = { NAME: "FILLED", HOME: "/home/FILLED", VOBIZ_AUTH_TOKEN: "FILLED-token" };

const HANDPICKED = [
  "Line ${env:VOBIZ_AUTH_TOKEN}",
  "Promo ${env:HOME} line",
  "${",
  "$${",
  "$$${",
  "$$$${env:NAME}",
  "${}",
  "${env:}",
  "${env:NAME",
  "}${env:NAME}{",
  "$",
  "$$",
  "cost $5 {sale}",
  "${env:NAME}${env:NAME}",
  "a$${b}$",
  "plain text",
];

/**
 * Strings from an alphabet of the characters interpolation treats specially (and a few it does not),
 * drawn with a fixed seed so a failure reproduces.
 */
function trickyStrings(count: number, seed = 20240601): string[] {
  const alphabet = ["$", "$", "{", "}", "${", "$${", "env:", "NAME", "HOME", ":", "a", " ", "\\", "é"];
  let state = seed;
  const next = (bound: number) => {
    // A 32-bit LCG: enough spread for drawing characters, and reproducible.
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % bound;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(12) }, () => alphabet[next(alphabet.length)]).join(""),
  );
}

const strings = [...HANDPICKED, ...trickyStrings(2000)];

describe("escapeInterpolation", () => {
  it("is undone by interpolation exactly: no reference, no problem, the same string back", () => {
    for (const text of strings) {
      const { value, issues, refs } = interpolate(escapeInterpolation(text), ENV);
      expect({ text, value, issues, refs }).toEqual({ text, value: text, issues: [], refs: [] });
    }
  });

  it("leaves a string without `${` as it is", () => {
    for (const text of ["plain", "cost $5", "$$", "a}{b", "$ {env:NAME}"]) {
      expect(escapeInterpolation(text)).toBe(text);
    }
  });

  it("round-trips through a trunks.yaml: written as YAML, loaded, the trunk's name is the string", async () => {
    for (const text of [...HANDPICKED, ...trickyStrings(100, 7)]) {
      const yaml = validYaml.replace(
        "name: Main",
        () => `name: ${stringify(escapeInterpolation(text)).trim()}`,
      );
      const { config, problems } = await load(yaml, ENV);
      expect({ text, problems }).toEqual({ text, problems: [] });
      expect(config?.trunks[0]?.fields.name).toBe(text);
    }
  });
});

describe("isLiteralText", () => {
  it.each([
    { text: "plain", literal: true },
    { text: "$${env:NAME}", literal: true },
    { text: "cost $5", literal: true },
    { text: "${env:NAME}", literal: false },
    { text: "pre ${env:NAME} post", literal: false },
    { text: "$${env:A} ${env:NAME}", literal: false },
    // Not a reference, but not text either: loading the file reports it.
    { text: "a ${ b", literal: false },
    { text: "${other}", literal: false },
  ])("$text: $literal", ({ text, literal }) => {
    expect(isLiteralText(text)).toBe(literal);
  });

  it("holds for every escaped string", () => {
    for (const text of strings) expect(isLiteralText(escapeInterpolation(text))).toBe(true);
  });
});
