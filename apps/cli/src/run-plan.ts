import { type HttpStats, httpStatsOf, type Plan, type RemoteState } from "@trunksync/core";
import type { CliIO } from "./io.js";
import { type Session, sessionOptionsOf, verboseLine, withSession } from "./session.js";
import { VERSION } from "./version.js";

export interface PlanRun {
  plan: Plan;
  state: RemoteState;
  /** Redacting streams of the session. */
  io: CliIO;
  /** The session's redaction, for the job summary. */
  redact: (text: string) => string;
}

/**
 * The shared front half of plan, drift and apply: load, connect, read, diff. `then` runs with the
 * session still open; `onRetry` is told of each request retried.
 */
export async function runPlan(
  rawIo: CliIO,
  opts: Record<string, unknown>,
  then?: (run: PlanRun, session: Session) => Promise<void>,
  onRetry?: () => void,
): Promise<PlanRun> {
  const sessionOptions = sessionOptionsOf(opts, String(opts.config ?? "trunks.yaml"), onRetry);
  return withSession(rawIo, sessionOptions, async (session) => {
    const { plan: makePlan } = await import("@trunksync/planner");
    const started = performance.now();
    const result = await makePlan(session.config, session.plugins, session.clients, {
      filters: session.filters,
      toolVersion: VERSION,
      ...(typeof opts.maxChanges === "number" ? { maxChanges: opts.maxChanges } : {}),
    });
    verboseLine(
      session.io,
      opts.verbose,
      `planned ${result.plan.changes.length} trunks in ${Math.round(performance.now() - started)} ms`,
    );
    for (const [provider, stats] of httpStatsOf(session.clients)) {
      verboseLine(session.io, opts.verbose, requestCountLine(provider, stats));
    }
    const run = { plan: result.plan, state: result.state, io: session.io, redact: session.redact };
    if (then) await then(run, session);
    return run;
  });
}

/** `vobiz-prod: 4 requests sent, 1 retry (GET ×4; status 200 ×3, 503 ×1)`; retries are among the requests sent. */
function requestCountLine(provider: string, stats: HttpStats): string {
  const tally = (counts: Record<string, number>) =>
    Object.keys(counts)
      .sort()
      .map((key) => `${key} ×${counts[key]}`)
      .join(", ");
  const requests = `${stats.requests} ${stats.requests === 1 ? "request" : "requests"} sent`;
  const retries = `${stats.retries} ${stats.retries === 1 ? "retry" : "retries"}`;
  const detail = stats.requests === 0 ? "" : ` (${tally(stats.byMethod)}; status ${tally(stats.byStatus)})`;
  return `${provider}: ${requests}, ${retries}${detail}`;
}

/**
 * The plan as `apply` shows it before asking, and `drift` reports it without `--verbose`: without
 * the "unmanaged report unavailable" line of a provider that cannot list trunks. That line never
 * changes from run to run, so repeated on every apply and every nightly drift report it is noise;
 * `plan` (text and Markdown) states it once in its footer, and every JSON output keeps the report.
 */
export function withoutUnlistedProviders(plan: Plan): Plan {
  return { ...plan, unmanaged: plan.unmanaged.filter((report) => report.supported) };
}
