import type { CommandSpec } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { writeLine } from "../io.js";
import { configOption } from "../options.js";

/**
 * Offline, like validate: the editor schema for trunks.yaml, covering the built-in providers and
 * every plugin package the file's provider blocks name. The committed schemas/trunks.schema.json
 * knows only the built-ins, so an editor would flag every field of a third-party plugin's trunks.
 */
export const schemaCommand: CommandSpec = {
  name: "schema",
  summary: "print the JSON Schema for trunks.yaml, including the plugin packages it uses",
  configure: (cmd) =>
    cmd
      .addOption(configOption())
      .addHelpText(
        "after",
        "\nWrite it next to the file and point your editor at it, e.g.\n" +
          "  trunksync schema > trunks.schema.json\n" +
          "  # yaml-language-server: $schema=./trunks.schema.json   (first line of trunks.yaml)\n" +
          "Without the file, the schema covers the built-in providers only.",
      ),
  run: async (_args, opts, io) => {
    const { pluginPackagesOf } = await import("../plugin-packages.js");
    const { composeTrunksSchema } = await import("@trunksync/core");
    const { BUILTIN_PLUGINS } = await import("../plugins.js");
    const file = String(opts.config);
    const packages = await pluginPackagesOf(file, io);
    if (!packages) return EXIT.error;
    writeLine(io.stdout, JSON.stringify(composeTrunksSchema(BUILTIN_PLUGINS, packages), null, 2));
    return EXIT.ok;
  },
};
