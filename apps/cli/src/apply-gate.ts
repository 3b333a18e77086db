import { checkPlanSafety } from "@trunksync/applier";
import type { Config, Plan, SafetyViolation } from "@trunksync/core";
import { EXIT } from "./exit-codes.js";
import { type CliIO, writeLine } from "./io.js";

export interface GateOptions {
  config: Config;
  /** `--max-changes`. */
  maxChanges?: number;
  autoApprove: boolean;
}

/**
 * Go ahead with the writes, stop with nothing to do, stop refused (the reason is on stderr), or stop
 * because Ctrl-C interrupted the confirmation.
 */
export type GateDecision = "apply" | "nothing-to-do" | "refused" | "interrupted";

/**
 * The exit code a decision ends apply with, or undefined when apply goes on to the writes: "apply",
 * and with `--format json` "nothing-to-do" too (the run still prints its JSON result).
 */
export function exitCodeFor(decision: GateDecision, format: string): number | undefined {
  switch (decision) {
    case "interrupted":
      return EXIT.interrupted;
    case "refused":
      return EXIT.error;
    case "nothing-to-do":
      return format === "json" ? undefined : EXIT.ok;
    case "apply":
      return undefined;
  }
}

/**
 * Everything that must hold before the first write, in order: no plan errors (never half-apply a
 * broken plan), something to update, within the change limits, and confirmed by a person or
 * `--auto-approve`.
 */
export async function gateApply(plan: Plan, io: CliIO, options: GateOptions): Promise<GateDecision> {
  // Counted from the changes, not `summary`: a saved plan is a file anyone could have edited.
  const errors = plan.changes.filter((c) => c.action === "error").length;
  const updates = plan.changes.filter((c) => c.action === "update");
  if (errors > 0) {
    return refuse(
      io,
      `plan has ${errors} ${errors === 1 ? "error" : "errors"}; fix them or narrow the run with --provider/--trunk`,
    );
  }
  if (updates.length === 0) return "nothing-to-do";

  const violations = checkPlanSafety(plan, {
    config: options.config,
    ...(options.maxChanges === undefined ? {} : { maxChanges: options.maxChanges }),
  });
  if (violations.length > 0) {
    return refuse(io, ...violations.map((v) => violationMessage(v, options.config)));
  }

  if (options.autoApprove) return "apply";
  if (!io.confirm) {
    writeLine(
      io.stderr,
      "error: refusing to apply without confirmation: stdin is not a terminal; pass --auto-approve",
    );
    return "refused";
  }
  const providers = new Set(updates.map((c) => c.provider)).size;
  const question =
    `Apply ${updates.length} ${updates.length === 1 ? "update" : "updates"} to ${providers} ` +
    `${providers === 1 ? "provider" : "providers"}? Only 'yes' will be accepted:`;
  const answer = await io.confirm(question);
  if (answer === true) return "apply";
  if (answer === "interrupted") {
    writeLine(io.stderr, "Apply cancelled (interrupted).");
    return "interrupted";
  }
  writeLine(io.stderr, "Apply cancelled.");
  return "refused";
}

function refuse(io: CliIO, ...reasons: string[]): GateDecision {
  for (const reason of reasons) writeLine(io.stderr, `error: refusing to apply: ${reason}`);
  return "refused";
}

function violationMessage(v: SafetyViolation, config: Config): string {
  if (v.provider === null) {
    return `${v.count} updates in all exceed the limit of ${v.limit}; to allow them, pass --max-changes ${v.count}`;
  }
  return (
    `${v.count} updates for ${v.provider} exceed its maxChanges of ${v.limit}; to allow them, ` +
    `raise maxChanges of provider block "${v.provider}" in ${config.file}`
  );
}
