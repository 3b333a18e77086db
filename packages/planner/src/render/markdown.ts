import type { FieldChange, JsonValue, Plan, TrunkChange } from "@trunksync/core";
import { compareStrings } from "../select.js";
import { formatValue } from "./value.js";
import {
  DRIFT_WORDING,
  errorGroups,
  PLAN_WORDING,
  printable,
  trunkCount,
  unmanagedText,
  violationText,
  type Wording,
} from "./wording.js";

export interface MarkdownOptions {
  /** Upper bound on the output length. Default 65 000 (a GitHub comment holds 65 536 characters). */
  maxLength?: number;
}

export const DEFAULT_MARKDOWN_MAX_LENGTH = 65_000;
/** Ids listed per provider (unmanaged trunks, trunks a provider failure covers) before "… and N more". */
const MAX_LISTED_IDS = 20;
/** Longer values are cut in tables so one huge field cannot crowd out every other trunk. */
const MAX_CELL_LENGTH = 300;

/**
 * Markdown for a pull-request comment: summary table, safety warning, errors, one collapsible
 * field table per changed trunk, unmanaged trunks. Trunk details are dropped from the end, with
 * a note saying how many, to stay within `maxLength`.
 */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  return render(plan, options, PLAN_WORDING);
}

/** The same report worded for `trunksync drift` (e.g. a job summary of the nightly check). */
export function renderDriftMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  return render(plan, options, DRIFT_WORDING);
}

function render(plan: Plan, options: MarkdownOptions, wording: Wording): string {
  const maxLength = options.maxLength ?? DEFAULT_MARKDOWN_MAX_LENGTH;
  const head = headSection(plan, wording);
  const tail = unmanagedSection(plan);
  const trunks = [...errorBlocks(plan), ...updateBlocks(plan, wording)];
  const join = (parts: string[]) => `${parts.filter((p) => p !== "").join("\n\n")}\n`;

  const full = join([head, ...trunks, tail]);
  if (full.length <= maxLength) return full;

  const note = (hidden: number) =>
    `_… ${hidden} more trunks not shown (comment size limit); run trunksync ${wording.command} locally for the full ${wording.command}._`;
  let used = join([head, tail, note(trunks.length)]).length;
  const shown: string[] = [];
  for (const block of trunks) {
    if (used + block.length + 2 > maxLength) break;
    shown.push(block);
    used += block.length + 2;
  }
  const out = join([head, ...shown, tail, note(trunks.length - shown.length)]);
  if (out.length <= maxLength) return out;
  // Only a tiny maxLength gets here: the head alone does not fit.
  const last = `\n\n${note(trunks.length)}\n`;
  return `${out.slice(0, Math.max(0, maxLength - last.length))}${last}`.slice(0, maxLength);
}

function headSection(plan: Plan, wording: Wording): string {
  const parts = [`## ${wording.title}`, `**${wording.summary(plan.summary)}**`];
  if (plan.summary.update === 0 && plan.summary.error === 0) parts.push(wording.clean);
  const rows = providerRows(plan.changes);
  if (rows.length > 0) {
    parts.push(
      [
        `| provider | ${wording.command === "plan" ? "to update" : "drifted"} | unchanged | errors |`,
        "| --- | ---: | ---: | ---: |",
        ...rows.map((r) => `| ${escapeMd(r.provider)} | ${r.update} | ${r.noop} | ${r.error} |`),
      ].join("\n"),
    );
  }
  if (wording.showSafety && !plan.safety.safe) {
    parts.push(
      [
        "> [!WARNING]",
        "> **Unsafe plan:** `trunksync apply` will refuse it.",
        ...plan.safety.violations.map((v) => `> - ${escapeMd(violationText(v))}`),
      ].join("\n"),
    );
  }
  return parts.join("\n\n");
}

function providerRows(changes: readonly TrunkChange[]) {
  const rows = new Map<string, { provider: string; update: number; noop: number; error: number }>();
  for (const change of changes) {
    const row = rows.get(change.provider) ?? { provider: change.provider, update: 0, noop: 0, error: 0 };
    if (change.action === "update") row.update += 1;
    else if (change.action === "no-op") row.noop += 1;
    else row.error += 1;
    rows.set(change.provider, row);
  }
  return [...rows.values()].sort((a, b) => compareStrings(a.provider, b.provider));
}

/**
 * One block per trunk's own error, or per error several trunks of a block share; the section
 * heading rides on the first so it is never left alone.
 */
function errorBlocks(plan: Plan): string[] {
  return errorGroups(plan).map((group, i) => {
    const [heading, error] =
      group.kind === "trunk"
        ? [label(group.change), group.change.error]
        : [
            `<code>${escapeMd(group.provider)}</code> (${escapeMd(trunkCount(group.ids, MAX_LISTED_IDS, (id) => id))})`,
            group.error,
          ];
    const line = `- ${heading}: **${error.kind}**: ${escapeMd(error.message)}`;
    return i === 0 ? `### Errors\n\n${line}` : line;
  });
}

function updateBlocks(plan: Plan, wording: Wording): string[] {
  const updates = plan.changes.flatMap((c) => (c.action === "update" ? [c] : []));
  return updates.map((change, i) => {
    const count = change.changes.length === 1 ? "1 field" : `${change.changes.length} fields`;
    const block = [
      `<details><summary>${label(change)}: ${count}</summary>`,
      "",
      `| field | ${wording.sides.before} | ${wording.sides.after} |`,
      "| --- | --- | --- |",
      ...change.changes.map(fieldRow),
      "",
      "</details>",
    ].join("\n");
    return i === 0 ? `### Changes\n\n${block}` : block;
  });
}

function fieldRow(field: FieldChange): string {
  const path = `<code>${escapeMd(field.path)}</code>`;
  if (field.sensitive) return `| ${path} | <em>(sensitive)</em> | <em>(sensitive value changed)</em> |`;
  return `| ${path} | ${cell(field.before)} | ${cell(field.after)} |`;
}

function cell(value: JsonValue | undefined): string {
  if (value === undefined) return "<em>(none)</em>";
  const text = formatValue(value);
  return `<code>${escapeMd(text.length > MAX_CELL_LENGTH ? `${text.slice(0, MAX_CELL_LENGTH)}…` : text)}</code>`;
}

function label(change: TrunkChange): string {
  const name = change.name === undefined ? "" : ` ${escapeMd(change.name)}`;
  return `<code>${escapeMd(`${change.provider}/${change.id}`)}</code>${name}`;
}

function unmanagedSection(plan: Plan): string {
  const lines = plan.unmanaged.flatMap((report) => {
    const text = unmanagedText(report, MAX_LISTED_IDS, (id) => id);
    return text === undefined ? [] : [`- ${escapeMd(text)}`];
  });
  return lines.length === 0 ? "" : ["### Unmanaged trunks", "", ...lines].join("\n");
}

const ENTITIES = /[&<>"'|`\\*_[\]~#]/g;

/**
 * Text safe in a table cell, inline HTML and Markdown alike: control characters escaped, then
 * every character Markdown or HTML could act on written as a numeric entity. Exported for the
 * redaction spec, which checks that core's redactor finds a secret in what this writes.
 */
export function escapeMd(text: string): string {
  return printable(text).replace(ENTITIES, (c) => `&#${c.charCodeAt(0)};`);
}
