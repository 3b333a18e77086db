import type { ApplyResult } from "@trunksync/applier";
import { httpStatsOf, type Plan, type RemoteState } from "@trunksync/core";
import { renderApplySummaryMarkdown } from "./apply-summary-markdown.js";
import { EXIT } from "./exit-codes.js";
import { abortOnInterrupt } from "./interrupt.js";
import { useColor } from "./io.js";
import type { ApplyProgress } from "./progress.js";
import type { Session } from "./session.js";
import { appendStepSummary } from "./step-summary.js";

export interface RunApplyOptions {
  /** Remote state read by the plan made in this process; absent for a saved plan (re-read per trunk). */
  state?: RemoteState;
  concurrency?: number;
  failFast: boolean;
  format: string;
  progress: ApplyProgress;
}

/**
 * The back half of apply: the writes (Ctrl-C stops new ones), the report on stdout, the GitHub job
 * summary, and the exit code: 130 interrupted (143 for SIGTERM), 1 when any trunk failed or was
 * skipped, else 0.
 */
export async function runApply(plan: Plan, session: Session, options: RunApplyOptions): Promise<number> {
  const { apply, renderApplyReport } = await import("@trunksync/applier");
  const { io } = session;
  const updates = plan.changes.filter((c) => c.action === "update").length;
  options.progress.start(updates, io.stderr, () => exchangesOf(session));
  const interrupt = abortOnInterrupt(io);
  let result: ApplyResult;
  try {
    result = await apply(plan, {
      config: session.config,
      plugins: session.plugins,
      clients: session.clients,
      ...(options.state === undefined ? {} : { state: options.state }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      failFast: options.failFast,
      signal: interrupt.signal,
      onEvent: options.progress.onEvent,
    });
  } finally {
    interrupt.dispose();
    options.progress.finish();
  }
  io.stdout.write(
    options.format === "json"
      ? `${JSON.stringify({ plan, result }, null, 2)}\n`
      : renderApplyReport(result, { color: useColor(io.stdout, io.env) }),
  );
  await appendStepSummary(io, () => renderApplySummaryMarkdown(result), session.redact);
  if (result.interrupted) return interrupt.signal.reason === "SIGTERM" ? EXIT.terminated : EXIT.interrupted;
  return result.summary.failed > 0 || result.summary.skipped > 0 ? EXIT.error : EXIT.ok;
}

/** HTTP exchanges completed so far with every provider of the session, retries included. */
function exchangesOf(session: Session): number {
  let count = 0;
  for (const stats of httpStatsOf(session.clients).values()) count += stats.requests;
  return count;
}
