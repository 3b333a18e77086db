import { InvalidArgumentError } from "commander";
import { parseDuration } from "./duration.js";

// commander turns only InvalidArgumentError into a usage error; any other throw would surface as a crash.

/** Decimal digits only: `Number()` also takes "", " ", "0x10" and "1e20". */
const DIGITS = /^\d{1,15}$/;

export function wholeNumberArg(value: string): number {
  if (!DIGITS.test(value)) throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${value}"`);
  return Number(value);
}

export function positiveNumberArg(value: string): number {
  const n = Number(value);
  if (!DIGITS.test(value) || n < 1)
    throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  return n;
}

/** Checked now, kept as text: the value is shown back in messages as the user wrote it. */
export function durationArg(value: string): string {
  try {
    parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
  return value;
}
