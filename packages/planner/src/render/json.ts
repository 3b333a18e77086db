import type { Plan } from "@trunksync/core";
import { compareStrings } from "../select.js";

/** Keys in reading order; any other key (e.g. inside field values) follows, sorted. */
const KEY_ORDER = [
  "version",
  "createdAt",
  "tool",
  "config",
  "file",
  "digest",
  "filters",
  "providers",
  "trunks",
  "summary",
  "update",
  "noop",
  "safety",
  "safe",
  "violations",
  "provider",
  "providerType",
  "id",
  "name",
  "supported",
  "limit",
  "count",
  "ids",
  "action",
  "fingerprint",
  "error",
  "kind",
  "message",
  "changes",
  "unmanaged",
  "path",
  "before",
  "after",
  "sensitive",
];

/** The plan as pretty JSON with a stable key order, ending in a newline (`plan --out`, `--format json`). */
export function renderJson(plan: Plan): string {
  return `${JSON.stringify(ordered(plan), null, 2)}\n`;
}

const RANK = new Map(KEY_ORDER.map((key, i) => [key, i]));

const rank = (key: string) => RANK.get(key) ?? KEY_ORDER.length;
const byRank = (a: string, b: string) => rank(a) - rank(b) || compareStrings(a, b);

/**
 * `value` with every object's keys in `byRank` order. Plans are built in that order already, so
 * this walk copies only what is out of order: cheaper than a `JSON.stringify` replacer, which is
 * called for every value of a 10,000-trunk plan.
 */
function ordered(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = ordered(value[i]);
      if (item !== value[i]) {
        copy ??= value.slice();
        copy[i] = item;
      }
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++)
    sorted = byRank(keys[i - 1] as string, keys[i] as string) <= 0;
  // Keys out of order need a copy from the start; in order, only from the first changed value.
  let copy: Record<string, unknown> | undefined = sorted ? undefined : {};
  if (!sorted) keys.sort(byRank);
  for (const key of keys) {
    const item = ordered(record[key]);
    if (item !== record[key] && !copy) {
      copy = {};
      // Keys before this one were unchanged: carry them over in order.
      for (const earlier of keys) {
        if (earlier === key) break;
        copy[earlier] = record[earlier];
      }
    }
    if (copy) copy[key] = item;
  }
  return copy ?? value;
}
