import type { Plan } from "@trunksync/core";

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
  return `${JSON.stringify(plan, orderKeys, 2)}\n`;
}

const RANK = new Map(KEY_ORDER.map((key, i) => [key, i]));

const rank = (key: string) => RANK.get(key) ?? KEY_ORDER.length;
const byRank = (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);

function orderKeys(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  // Plans are built in this order already: copy only an object whose keys are not.
  if (keys.every((key, i) => i === 0 || byRank(keys[i - 1] as string, key) <= 0)) return value;
  keys.sort(byRank);
  return Object.fromEntries(keys.map((key) => [key, (value as Record<string, unknown>)[key]]));
}
