import type { Problem } from "@trunksync/core";
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
    const { loadForCli, printProblems } = await import("../load-config.js");
    const { composeTrunksSchema } = await import("@trunksync/core");
    const { BUILTIN_PLUGINS } = await import("../plugins.js");
    const file = String(opts.config);
    // Loaded as validate loads it, plugins found where validate finds them.
    const result = await loadForCli(file, io);
    if (result.missing) {
      writeLine(io.stderr, `note: ${file} not found: the schema covers the built-in providers only`);
    } else {
      const blocking = result.problems.filter(isBlocking);
      if (blocking.length > 0) {
        printProblems({ ...result, problems: blocking }, file, io);
        return EXIT.error;
      }
    }
    const builtinTypes = new Set(BUILTIN_PLUGINS.map((p) => p.type));
    const packages = new Map([...result.plugins].filter(([type]) => !builtinTypes.has(type)));
    writeLine(io.stdout, JSON.stringify(composeTrunksSchema(BUILTIN_PLUGINS, packages), null, 2));
    return EXIT.ok;
  },
};

/**
 * The problems that leave no schema to print: the whole file's (unreadable, too big, not YAML, no
 * `version`) and a block's type that loads no plugin, or one whose schemas core refuses. A file
 * still being written (a trunk incomplete, a variable unset) has others only, and gets its schema.
 */
function isBlocking(problem: Problem): boolean {
  return (
    problem.severity === "error" && (problem.path === "" || /^\/providers\/[^/]+\/type$/.test(problem.path))
  );
}
