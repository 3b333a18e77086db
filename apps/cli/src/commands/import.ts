import { Option } from "commander";
import type { CommandSpec } from "../command.js";
import { configOption, trunkFilterOption } from "../options.js";

export const importCommand: CommandSpec = {
  name: "import",
  summary: "write a provider account's trunks into trunks.yaml (merging into an existing file)",
  configure: (cmd) =>
    cmd
      .addOption(
        new Option(
          "--provider <name>",
          "provider block to import from; for a new block, its type: vobiz or videosdk (credentials from their usual variables)",
        ).makeOptionMandatory(),
      )
      .addOption(configOption())
      .option("--out <file>", "file to write, or - for stdout (default: the -c file)")
      .addOption(trunkFilterOption())
      .option("--base-url <url>", "API origin of a new provider block, e.g. the emulator's"),
  async run(_args, opts, io) {
    const { importTrunks } = await import("../import-trunks.js");
    const configFile = String(opts.config ?? "trunks.yaml");
    return importTrunks(io, {
      provider: String(opts.provider),
      configFile,
      out: typeof opts.out === "string" ? opts.out : configFile,
      trunks: Array.isArray(opts.trunk) ? opts.trunk.map(String) : [],
      ...(typeof opts.baseUrl === "string" ? { baseUrl: opts.baseUrl } : {}),
    });
  },
};
