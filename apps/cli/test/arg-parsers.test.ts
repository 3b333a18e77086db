import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { positiveNumberArg, wholeNumberArg } from "../src/arg-parsers.js";

describe("whole-number flags (--max-changes, --concurrency)", () => {
  it.each([
    ["0", 0],
    ["7", 7],
    ["050", 50],
  ])("reads %j as %i", (text, n) => {
    expect(wholeNumberArg(text)).toBe(n);
  });

  it.each(["", " ", "-1", "1.5", "0x10", "1e20", "12abc", "Infinity", "9999999999999999"])(
    "refuses %j as a usage error",
    (text) => {
      expect(() => wholeNumberArg(text)).toThrow(InvalidArgumentError);
      expect(() => positiveNumberArg(text)).toThrow(InvalidArgumentError);
    },
  );

  it("needs at least 1 where 0 would mean nothing runs (--concurrency)", () => {
    expect(() => positiveNumberArg("0")).toThrow('expected a whole number ≥ 1, got "0"');
    expect(positiveNumberArg("16")).toBe(16);
  });
});
