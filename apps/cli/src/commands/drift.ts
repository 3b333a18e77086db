import type { CommandSpec } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { useColor } from "../io.js";
import { configOption, formatOption, jsonOption, outputFormat, verboseOption } from "../options.js";
import { appendStepSummary, STEP_SUMMARY_LIMIT } from "../step-summary.js";

export const driftCommand: CommandSpec = {
  name: "drift",
  summary: "check whether remote trunks still match trunks.yaml (read-only; exit 2 on drift)",
  configure: (cmd) =>
    cmd
      .addOption(configOption())
      .addOption(formatOption(["text", "markdown", "json"]))
      .addOption(jsonOption())
      .addOption(verboseOption()),
  async run(_args, opts, rawIo) {
    const { runPlan } = await import("../run-plan.js");
    const { plan, io } = await runPlan(rawIo, opts);
    const { renderDriftText, renderDriftMarkdown, renderJson } = await import("@trunksync/planner");
    const format = outputFormat(opts);
    const out =
      format === "json"
        ? renderJson(plan)
        : format === "markdown"
          ? renderDriftMarkdown(plan, {})
          : renderDriftText(plan, { color: useColor(io.stdout, io.env) });
    io.stdout.write(out);
    await appendStepSummary(io, () => renderDriftMarkdown(plan, { maxLength: STEP_SUMMARY_LIMIT }));
    if (plan.summary.error > 0) return EXIT.error;
    return plan.summary.update > 0 ? EXIT.changes : EXIT.ok;
  },
};
