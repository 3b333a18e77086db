import { InvalidArgumentError } from "commander";
import { parseDuration } from "./duration.js";

// commander turns only InvalidArgumentError into a usage error; any other throw would surface as a crash.

/** Decimal digits only: `Number()` also takes "", " ", "0x10" and "1e20". */
const DIGITS = /^\d{1,15}$/;

/** A parser of whole numbers from `min` up; its message names the bound, whatever was wrong. */
const wholeNumberFrom =
  (min: number) =>
  (value: string): number => {
    if (!DIGITS.test(value) || Number(value) < min)
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}, got "${value}"`);
    return Number(value);
  };

export const wholeNumberArg = wholeNumberFrom(0);

/** Where 0 would mean nothing runs (`--concurrency`). */
export const positiveNumberArg = wholeNumberFrom(1);

/** Checked now, kept as text: the value is shown back in messages as the user wrote it. */
export function durationArg(value: string): string {
  try {
    parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
  return value;
}
