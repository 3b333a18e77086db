import type { CommandSpec } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { writeLine } from "../io.js";
import { configOption, formatOption, jsonOption, outputFormat } from "../options.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Offline: reads the file and the environment, never a provider. */
export const validateCommand: CommandSpec = {
  name: "validate",
  summary: "check trunks.yaml offline and print every problem with its line and column",
  configure: (cmd) =>
    cmd
      .addOption(configOption())
      .addOption(formatOption(["text", "json"]))
      .addOption(jsonOption()),
  run: async (_args, opts, io) => {
    const { loadForCli, printProblems } = await import("../load-config.js");
    const file = String(opts.config);
    const result = await loadForCli(file, io);
    const valid = result.config !== undefined;
    if (outputFormat(opts) === "json") {
      const report = JSON.stringify({ valid, file, problems: result.problems }, null, 2);
      writeLine(io.stdout, result.redact(report));
    } else {
      printProblems(result, file, io);
      if (result.config) {
        const providers = Object.keys(result.config.providers).length;
        const trunks = result.config.trunks.length;
        writeLine(
          io.stdout,
          `✓ ${file} is valid: ${plural(trunks, "trunk")} in ${plural(providers, "provider")}`,
        );
      }
    }
    return valid ? EXIT.ok : EXIT.error;
  },
};
