import { Option } from "commander";
import { durationArg, positiveNumberArg, wholeNumberArg } from "../arg-parsers.js";
import type { CommandSpec } from "../command.js";
import { parseDuration } from "../duration.js";
import { EXIT } from "../exit-codes.js";
import { type CliIO, useColor } from "../io.js";
import {
  COLOUR_HELP,
  formatOption,
  jsonOption,
  outputFormat,
  providerFilterOption,
  trunkFilterOption,
} from "../options.js";
import type { ApplyProgress } from "../progress.js";

/** A saved plan older than this is refused unless `--max-plan-age` allows more. */
const DEFAULT_MAX_PLAN_AGE = "1h";

export const applyCommand: CommandSpec = {
  name: "apply",
  summary: "update remote trunks to match trunks.yaml (asks first; or apply a plan saved with plan --out)",
  configure: (cmd) =>
    cmd
      .argument("[planfile]", "a plan saved with `trunksync plan --out`; without it a fresh plan is made")
      .addOption(
        new Option(
          "-c, --config <file>",
          "path to trunks.yaml (default: trunks.yaml, or for a saved plan the file it records, from the current directory)",
        ),
      )
      .option("--auto-approve", "do not ask for confirmation (needed when stdin is not a terminal)")
      .addOption(
        new Option(
          "--concurrency <n>",
          "requests in flight at once, across all providers and in each (overrides every block's concurrency)",
        ).argParser(positiveNumberArg),
      )
      .addOption(
        new Option("--max-changes <n>", "refuse to apply more than this many updates").argParser(
          wholeNumberArg,
        ),
      )
      .option("--fail-fast", "start no further update after the first failure")
      .addOption(providerFilterOption())
      .addOption(trunkFilterOption())
      .addOption(formatOption(["text", "json"]))
      .addOption(jsonOption())
      .addOption(
        new Option("--max-plan-age <duration>", "refuse a saved plan older than this (e.g. 30m, 2h)")
          .default(DEFAULT_MAX_PLAN_AGE)
          .argParser(durationArg),
      )
      .addHelpText("after", COLOUR_HELP),
  async run(args, opts, rawIo) {
    const [planFile] = args;
    const { applyProgress } = await import("../progress.js");
    const progress = applyProgress();
    const common = {
      format: outputFormat(opts),
      autoApprove: opts.autoApprove === true,
      failFast: opts.failFast === true,
      progress,
      ...(typeof opts.concurrency === "number" ? { concurrency: opts.concurrency } : {}),
      ...(typeof opts.maxChanges === "number" ? { maxChanges: opts.maxChanges } : {}),
    };
    return planFile === undefined
      ? applyFresh(rawIo, opts, common)
      : applySaved(rawIo, planFile, opts, common);
  },
};

type Common = {
  format: string;
  autoApprove: boolean;
  failFast: boolean;
  progress: ApplyProgress;
  concurrency?: number;
  maxChanges?: number;
};

/** Plan now, show it, then apply it with the remote state just read (no second read per trunk). */
async function applyFresh(rawIo: CliIO, opts: Record<string, unknown>, common: Common): Promise<number> {
  const [
    { runPlan, withoutUnlistedProviders: shownPlan },
    { exitCodeFor, gateApply },
    { runApply },
    { renderPlan },
  ] = await Promise.all([
    import("../run-plan.js"),
    import("../apply-gate.js"),
    import("../run-apply.js"),
    import("../render-plan.js"),
  ]);
  let code: number = EXIT.error;
  await runPlan(
    rawIo,
    opts,
    async ({ plan, state, io }, session) => {
      if (common.format !== "json")
        io.stdout.write(renderPlan(shownPlan(plan), "text", { color: useColor(io.stdout, io.env) }));
      const decision = await gateApply(plan, io, { ...common, config: session.config });
      code = exitCodeFor(decision, common.format) ?? (await runApply(plan, session, { ...common, state }));
    },
    common.progress.onRetry,
  );
  return code;
}

/**
 * Applies a plan file. The config is re-loaded (desired values and secrets come only from it) and
 * must be the one the plan was made from; each trunk is re-read and skipped if it moved since.
 */
async function applySaved(
  rawIo: CliIO,
  planFile: string,
  opts: Record<string, unknown>,
  common: Common,
): Promise<number> {
  const [
    { ExitError },
    { missingRecordedConfig, readSavedPlan },
    { sessionOptionsOf, withSession },
    { exitCodeFor, gateApply },
    { runApply },
    { renderPlan },
    { withoutUnlistedProviders: shownPlan },
  ] = await Promise.all([
    import("@trunksync/core"),
    import("../saved-plan.js"),
    import("../session.js"),
    import("../apply-gate.js"),
    import("../run-apply.js"),
    import("../render-plan.js"),
    import("../run-plan.js"),
  ]);
  if (opts.provider !== undefined || opts.trunk !== undefined) {
    throw new ExitError(
      EXIT.error,
      "--provider/--trunk cannot narrow a saved plan: it applies what it was planned with; re-run plan with them",
    );
  }
  const plan = await readSavedPlan(planFile, rawIo.cwd);
  const { checkSavedPlan } = await import("@trunksync/applier");
  if (typeof opts.config !== "string") {
    const missing = await missingRecordedConfig(planFile, plan, rawIo.cwd);
    if (missing !== undefined) throw new ExitError(EXIT.error, missing);
  }
  const configFile = typeof opts.config === "string" ? opts.config : plan.config.file;
  const sessionOptions = sessionOptionsOf(opts, configFile, common.progress.onRetry);
  return withSession(rawIo, sessionOptions, async (session) => {
    const { io } = session;
    const reasons = checkSavedPlan(plan, session.config, {
      maxAgeMs: parseDuration(String(opts.maxPlanAge ?? DEFAULT_MAX_PLAN_AGE)),
    });
    if (reasons.length > 0) {
      for (const reason of reasons) io.stderr.write(`error: refusing to apply ${planFile}: ${reason}\n`);
      return EXIT.error;
    }
    if (common.format !== "json")
      io.stdout.write(renderPlan(shownPlan(plan), "text", { color: useColor(io.stdout, io.env) }));
    const decision = await gateApply(plan, io, { ...common, config: session.config });
    return exitCodeFor(decision, common.format) ?? runApply(plan, session, common);
  });
}
