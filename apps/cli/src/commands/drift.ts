import { Option } from "commander";
import type { CommandSpec } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { useColor } from "../io.js";
import { COLOUR_HELP, configOption, formatOption, jsonOption, outputFormat } from "../options.js";
import { appendStepSummary, STEP_SUMMARY_LIMIT } from "../step-summary.js";

export const driftCommand: CommandSpec = {
  name: "drift",
  summary:
    "check whether remote trunks still match trunks.yaml (read-only; exit 2 on drift, 1 when a trunk could not be checked)",
  configure: (cmd) =>
    cmd
      .addOption(configOption())
      .addOption(formatOption(["text", "markdown", "json"]))
      .addOption(jsonOption())
      .addOption(
        new Option(
          "--verbose",
          "timing and request counts on stderr; the report also names the providers that cannot list unmanaged trunks",
        ),
      )
      .addHelpText("after", COLOUR_HELP),
  async run(_args, opts, rawIo) {
    const { runPlan, withoutUnlistedProviders } = await import("../run-plan.js");
    const { plan, io, redact } = await runPlan(rawIo, opts);
    // For people (text, Markdown, the job summary); JSON is data and keeps the whole plan.
    const shown = opts.verbose === true ? plan : withoutUnlistedProviders(plan);
    const { DEFAULT_MARKDOWN_MAX_LENGTH, renderDriftText, renderDriftMarkdown, renderJson } = await import(
      "@trunksync/planner"
    );
    const drifted = plan.summary.update > 0;
    const markdown = (maxLength: number) => renderDriftMarkdown(shown, { maxLength });
    const format = outputFormat(opts);
    io.stdout.write(
      format === "json"
        ? renderJson(plan)
        : format === "markdown"
          ? markdown(DEFAULT_MARKDOWN_MAX_LENGTH)
          : renderDriftText(shown, { color: useColor(io.stdout, io.env) }),
    );
    await appendStepSummary(io, () => markdown(STEP_SUMMARY_LIMIT), redact);
    if (plan.summary.error > 0) return EXIT.error;
    return drifted ? EXIT.changes : EXIT.ok;
  },
};
