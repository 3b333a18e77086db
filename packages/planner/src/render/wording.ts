import type { Plan, SafetyViolation, TrunkChange, UnmanagedReport } from "@trunksync/core";

/** What a rendering calls things: `plan` proposes updates, `drift` reports differences. */
export interface Wording {
  command: "plan" | "drift";
  title: string;
  summary(summary: Plan["summary"]): string;
  /** Shown when there is nothing to update and no errors. */
  clean: string;
  /** Whether the safety check is shown (drift never applies anything). */
  showSafety: boolean;
  /** What a field change's two sides are: plan's now → after apply; drift's remote → git. */
  sides: { before: string; after: string };
  /** For text, which has no column headings: read before any field line, when there is one. */
  legend?: string;
}

export const PLAN_WORDING: Wording = {
  command: "plan",
  title: "trunksync plan",
  summary: (s) => `Plan: ${s.update} to update, ${s.noop} unchanged, ${errorCount(s.error)}.`,
  clean: "No changes. Remote trunks match trunks.yaml.",
  showSafety: true,
  sides: { before: "before", after: "after" },
};

export const DRIFT_WORDING: Wording = {
  command: "drift",
  title: "trunksync drift",
  summary: (s) => `Drift: ${s.update} drifted, ${s.noop} in sync, ${errorCount(s.error)}.`,
  clean: "No drift. Remote trunks match trunks.yaml.",
  showSafety: false,
  sides: { before: "remote", after: "trunks.yaml" },
  legend: "Each drifted field shows: remote value → value in trunks.yaml.",
};

/** `1 error`, `0 errors`, `2 errors`. */
function errorCount(count: number): string {
  return `${count} ${count === 1 ? "error" : "errors"}`;
}

export function violationText(v: SafetyViolation): string {
  return v.provider === null
    ? `${v.count} updates in all exceed the limit of ${v.limit} (--max-changes)`
    : `${v.count} updates for ${v.provider} exceed its maxChanges of ${v.limit}`;
}

/** The unmanaged line for one provider, or undefined when there is nothing to say. */
export function unmanagedText(
  report: UnmanagedReport,
  maxIds: number,
  formatId: (id: string) => string,
): string | undefined {
  if (!report.supported) {
    return `${report.provider}: unmanaged report unavailable (the ${report.providerType} trunk API cannot list trunks)`;
  }
  if (report.count === 0) return undefined;
  const noun = report.count === 1 ? "trunk" : "trunks";
  return `${report.provider}: ${report.count} unmanaged ${noun} (not in trunks.yaml): ${idList(report.ids, report.count, maxIds, formatId)}`;
}

/** `a, b, c … and N more`: at most `maxIds` of `ids`, which are the first of `total`. */
function idList(
  ids: readonly string[],
  total: number,
  maxIds: number,
  formatId: (id: string) => string,
): string {
  const shown = ids.slice(0, maxIds).map(formatId).join(", ");
  const rest = total - Math.min(ids.length, maxIds);
  return `${shown}${rest > 0 ? ` … and ${rest} more` : ""}`;
}

type ErrorChange = Extract<TrunkChange, { action: "error" }>;

/** Errors as shown: a trunk's own, or one that several trunks of a block share, once for all of them. */
export type ErrorGroup =
  | { kind: "trunk"; change: ErrorChange }
  | { kind: "provider"; provider: string; error: ErrorChange["error"]; ids: string[] };

/**
 * The plan's errors in plan order. A `provider-failed` error (the block's read failed as a whole)
 * is shown once per block, where the first of its trunks stands, with the trunks it covers; so is a
 * `plugin-failed` error that several trunks of a block share (a `read` or `list` that threw, or a
 * hook failing the same way on each trunk). Any other error, or a lone `plugin-failed`, is the
 * trunk's own.
 */
export function errorGroups(plan: Plan): ErrorGroup[] {
  const errors = plan.changes.filter((change): change is ErrorChange => change.action === "error");
  const shared = new Map<string, ErrorChange[]>();
  for (const change of errors) {
    const key = sharedKey(change);
    if (key === undefined) continue;
    const members = shared.get(key);
    if (members) members.push(change);
    else shared.set(key, [change]);
  }
  const groups: ErrorGroup[] = [];
  for (const change of errors) {
    const key = sharedKey(change);
    const members = key === undefined ? undefined : shared.get(key);
    // A provider-failed error concerns its block even alone; a lone plugin-failed is the trunk's own.
    const alone = members === undefined || (members.length === 1 && change.error.kind === "plugin-failed");
    if (alone) groups.push({ kind: "trunk", change });
    else if (members[0] === change) {
      const ids = members.map((member) => member.id);
      groups.push({ kind: "provider", provider: change.provider, error: change.error, ids });
    }
  }
  return groups;
}

/** What trunks sharing an error have alike, for the kinds that can concern a whole block. */
function sharedKey({ provider, error }: ErrorChange): string | undefined {
  if (error.kind !== "provider-failed" && error.kind !== "plugin-failed") return undefined;
  return `${provider}\n${error.kind}\n${error.message}`;
}

/** `3 trunks: a, b, c` (at most `maxIds` ids, then `… and N more`). */
export function trunkCount(ids: readonly string[], maxIds: number, formatId: (id: string) => string): string {
  return `${ids.length} ${ids.length === 1 ? "trunk" : "trunks"}: ${idList(ids, ids.length, maxIds, formatId)}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Remote text shown verbatim could carry terminal escapes or line breaks: show control characters escaped. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
