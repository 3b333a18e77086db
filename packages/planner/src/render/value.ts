import type { JsonValue } from "@trunksync/core";
import { printable } from "./wording.js";

/** JSON-ish: strings quoted, arrays and objects compact; control characters escaped. */
export function formatValue(value: JsonValue): string {
  return printable(JSON.stringify(value));
}
