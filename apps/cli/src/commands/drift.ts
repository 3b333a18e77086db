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
    const { plan, io, redact } = await runPlan(rawIo, opts);
    const { DEFAULT_MARKDOWN_MAX_LENGTH, renderDriftText, renderDriftMarkdown, renderJson } = await import(
      "@trunksync/planner"
    );
    const drifted = plan.summary.update > 0;
    const markdown = (maxLength: number) => renderDriftMarkdown(plan, { maxLength });
    const format = outputFormat(opts);
    io.stdout.write(
      format === "json"
        ? renderJson(plan)
        : format === "markdown"
          ? markdown(DEFAULT_MARKDOWN_MAX_LENGTH)
          : renderDriftText(plan, { color: useColor(io.stdout, io.env) }),
    );
    await appendStepSummary(io, () => markdown(STEP_SUMMARY_LIMIT), redact);
    if (plan.summary.error > 0) return EXIT.error;
    return drifted ? EXIT.changes : EXIT.ok;
  },
};
