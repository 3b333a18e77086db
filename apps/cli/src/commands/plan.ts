import { realpath, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ExitError } from "@trunksync/core/errors";
import { Option } from "commander";
import { wholeNumberArg } from "../arg-parsers.js";
import type { CommandSpec } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { useColor, writeLine } from "../io.js";
import {
  COLOUR_HELP,
  configOption,
  formatOption,
  jsonOption,
  outputFormat,
  providerFilterOption,
  trunkFilterOption,
  verboseOption,
} from "../options.js";

export const planCommand: CommandSpec = {
  name: "plan",
  summary: "show what apply would change at the providers (read-only)",
  configure: (cmd) =>
    cmd
      .addOption(configOption())
      .addOption(formatOption(["text", "markdown", "json"]))
      .addOption(jsonOption())
      .option("--out <file>", "also save the plan as JSON, for `trunksync apply <file>`")
      .option("--detailed-exitcode", "exit 2 when there are changes to apply")
      .addOption(providerFilterOption())
      .addOption(trunkFilterOption())
      .addOption(
        new Option("--max-changes <n>", "mark the plan unsafe above this many updates").argParser(
          wholeNumberArg,
        ),
      )
      .addOption(verboseOption())
      .addHelpText("after", COLOUR_HELP),
  async run(_args, opts, rawIo) {
    // A refused --out costs nothing: checked before the planning modules load.
    if (typeof opts.out === "string")
      await checkPlanPath(opts.out, String(opts.config ?? "trunks.yaml"), rawIo.cwd);
    // Loaded here, not at the top: `--help` and the other verbs must not pay for planning.
    const [{ runPlan }, { renderPlan }] = await Promise.all([
      import("../run-plan.js"),
      import("../render-plan.js"),
    ]);
    const { plan, io } = await runPlan(rawIo, opts);
    const format = outputFormat(opts);
    io.stdout.write(renderPlan(plan, format, { color: useColor(io.stdout, io.env) }));
    if (typeof opts.out === "string") {
      const { renderJson } = await import("@trunksync/planner");
      // Not passed through the output redaction: a plan holds no secret by construction, and
      // redacting a weak password that equals a word of the plan ("update") would corrupt the file.
      await savePlan(resolve(io.cwd, opts.out), opts.out, renderJson(plan));
      writeLine(io.stderr, `Saved the plan to ${opts.out}. Apply it with: trunksync apply ${opts.out}`);
    }
    if (plan.summary.error > 0) return EXIT.error;
    if (opts.detailedExitcode === true && plan.summary.update > 0) return EXIT.changes;
    return EXIT.ok;
  },
};

/** Refuses, before any request, a plan path that would overwrite the config or means stdout. */
async function checkPlanPath(out: string, config: string, cwd: string): Promise<void> {
  if (out === "-") {
    throw new ExitError(
      1,
      "--out -: the plan is already printed on stdout; use --format json for it as JSON, and --out for a file",
    );
  }
  // The same file, also through a link: the real paths, when both exist.
  const real = (path: string) => realpath(resolve(cwd, path)).catch(() => resolve(cwd, path));
  const [outPath, configPath] = await Promise.all([real(out), real(config)]);
  if (outPath === configPath) {
    throw new ExitError(
      1,
      `--out ${out} is the config file: save the plan under another name (e.g. plan.json)`,
    );
  }
}

/** Writes the plan file (owner-only: it names every trunk); a bad path is a usage error, not a crash. */
async function savePlan(path: string, shown: string, json: string): Promise<void> {
  try {
    await writeFile(path, json, { mode: 0o600 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExitError(1, `cannot write the plan to ${shown}: ${reason}`);
  }
}
