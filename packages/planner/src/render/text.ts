import type { FieldChange, Plan, TrunkChange } from "@trunksync/core";
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

export interface TextOptions {
  /** ANSI colours; the CLI turns them off for NO_COLOR and non-TTY output. */
  color: boolean;
}

/** Ids listed per provider (unmanaged trunks, trunks a provider failure covers) before "… and N more". */
const MAX_LISTED_IDS = 10;

/** Terraform-like text: changed trunks with their fields, errors, unmanaged trunks, safety, summary. */
export function renderText(plan: Plan, options: TextOptions): string {
  return render(plan, options, PLAN_WORDING);
}

/** The same report worded for `trunksync drift`. */
export function renderDriftText(plan: Plan, options: TextOptions): string {
  return render(plan, options, DRIFT_WORDING);
}

const ANSI = { yellow: "\u001b[33m", red: "\u001b[31m", green: "\u001b[32m", reset: "\u001b[0m" } as const;
type Paint = (color: keyof typeof ANSI, text: string) => string;

function render(plan: Plan, options: TextOptions, wording: Wording): string {
  const paint: Paint = options.color
    ? (color, text) => `${ANSI[color]}${text}${ANSI.reset}`
    : (_, text) => text;
  const blocks: string[] = [];
  if (wording.legend !== undefined && plan.summary.update > 0) blocks.push(wording.legend);
  for (const change of plan.changes) {
    if (change.action === "update") {
      blocks.push(
        [`${paint("yellow", "~")} ${label(change)}`, ...change.changes.map((f) => fieldLine(f, paint))].join(
          "\n",
        ),
      );
    }
  }
  for (const group of errorGroups(plan)) {
    const [heading, error] =
      group.kind === "trunk"
        ? [label(group.change), group.change.error]
        : [`${group.provider} (${trunkCount(group.ids, MAX_LISTED_IDS, printable)})`, group.error];
    blocks.push(
      `${paint("red", "!")} ${heading}\n    ${paint("red", `${error.kind}:`)} ${printable(error.message)}`,
    );
  }
  const unmanaged = plan.unmanaged.flatMap(
    (report) => unmanagedText(report, MAX_LISTED_IDS, printable) ?? [],
  );
  if (unmanaged.length > 0) blocks.push(unmanaged.join("\n"));
  if (wording.showSafety && !plan.safety.safe) {
    const lines = plan.safety.violations.map((v) => `  ${violationText(v)}`);
    blocks.push(paint("red", [`UNSAFE PLAN: apply will refuse it.`, ...lines].join("\n")));
  }
  const tail = plan.summary.update === 0 && plan.summary.error === 0 ? [wording.clean] : [];
  blocks.push([...tail, wording.summary(plan.summary)].join("\n"));
  return `${blocks.join("\n\n")}\n`;
}

function label(change: TrunkChange): string {
  const name = change.name === undefined ? "" : ` (${printable(change.name)})`;
  return `${change.provider}/${printable(change.id)}${name}`;
}

function fieldLine(field: FieldChange, paint: Paint): string {
  if (field.sensitive) return `    ${paint("yellow", "~")} ${field.path}: (sensitive value changed)`;
  const after = field.after === undefined ? "" : formatValue(field.after);
  if (field.before === undefined) return `    ${paint("green", "+")} ${field.path}: ${after}`;
  return `    ${paint("yellow", "~")} ${field.path}: ${formatValue(field.before)} → ${after}`;
}
