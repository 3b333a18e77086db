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

function orderKeys(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const rank = (key: string) => {
    const i = KEY_ORDER.indexOf(key);
    return i === -1 ? KEY_ORDER.length : i;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, (value as Record<string, unknown>)[key]]));
}
