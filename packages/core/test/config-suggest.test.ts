import { describe, expect, it } from "vitest";
import { closest, levenshtein } from "../src/index.js";

describe("levenshtein", () => {
  it.each([
    ["", "", 0],
    ["name", "name", 0],
    ["nmae", "name", 2],
    ["name", "names", 1],
    ["kitten", "sitting", 3],
  ])("%s → %s is %i", (a, b, expected) => {
    expect(levenshtein(a, b)).toBe(expected);
    expect(levenshtein(b, a)).toBe(expected);
  });
});

describe("closest", () => {
  it.each([
    { word: "nmae", candidates: ["name", "enabled"], expected: "name" },
    { word: "Enabled", candidates: ["name", "enabled"], expected: "enabled" },
    {
      word: "max_concurent_calls",
      candidates: ["max_concurrent_calls", "name"],
      expected: "max_concurrent_calls",
    },
    { word: "vobiz-production", candidates: ["vobiz-prod", "videosdk"], expected: "vobiz-prod" },
    { word: "vob", candidates: ["vobiz-prod"], expected: "vobiz-prod" },
    { word: "colour", candidates: ["name", "enabled"], expected: undefined },
    { word: "x", candidates: [], expected: undefined },
  ])("suggests $expected for $word", ({ word, candidates, expected }) => {
    expect(closest(word, candidates)).toBe(expected);
  });
});
