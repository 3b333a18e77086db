// The error classes only: the package index would load validation and HTTP before any command runs.
import { ConfigError, problemLocation, TrunksyncError } from "@trunksync/core/errors";
import { Command, CommanderError } from "commander";
import type { CommandSpec } from "./command.js";
import { applyCommand } from "./commands/apply.js";
import { driftCommand } from "./commands/drift.js";
import { importCommand } from "./commands/import.js";
import { planCommand } from "./commands/plan.js";
import { schemaCommand } from "./commands/schema.js";
import { validateCommand } from "./commands/validate.js";
import { EXIT, EXIT_CODES_HELP } from "./exit-codes.js";
import { type CliIO, writeLine } from "./io.js";
import { redactionOf } from "./redact.js";
import { VERSION } from "./version.js";

const COMMANDS: readonly CommandSpec[] = [
  validateCommand,
  planCommand,
  applyCommand,
  driftCommand,
  importCommand,
  schemaCommand,
];

/** Runs the CLI and resolves to its exit code. Only here do errors become messages and codes. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command("trunksync")
    .description("Manage SIP trunks as code: trunks.yaml in git is the source of truth.")
    .version(VERSION, "-V, --version")
    .option("--debug", "show stack traces for unexpected errors")
    .addHelpText("after", EXIT_CODES_HELP)
    .showHelpAfterError("(run trunksync --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  for (const spec of COMMANDS) {
    const cmd = spec.configure(program.command(spec.name).description(spec.summary));
    cmd.addHelpText("after", EXIT_CODES_HELP).action(async (...params: unknown[]) => {
      // commander passes positional args, then the options object, then the command itself.
      const positional = params
        .slice(0, -2)
        .flat()
        .filter((p): p is string => typeof p === "string");
      const opts = (params.at(-2) ?? {}) as Record<string, unknown>;
      exitCode = await spec.run(positional, opts, io);
    });
  }

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (err) {
    return reportError(err, io, argv.includes("--debug"));
  }
}

/**
 * Says what went wrong on stderr, once, and gives the exit code. Exported for its spec. Written
 * through the redaction the command set up on `io` (a session's, import's), if it set one up: an
 * error may quote a secret (a plugin's own message, say) and stderr here is the raw stream.
 */
export function reportError(err: unknown, io: CliIO, debug: boolean): number {
  const redact = redactionOf(io);
  const say = (text: string) => writeLine(io.stderr, redact(text));
  if (err instanceof CommanderError) {
    // help and version exit 0; usage errors were already printed by commander.
    return err.exitCode === 0 ? EXIT.ok : EXIT.error;
  }
  if (err instanceof TrunksyncError) {
    // Config problems found after loading (a plugin's connect, say): each located, as validate shows them.
    const lines =
      err instanceof ConfigError && err.problems.length > 0
        ? err.problems.map((p) => {
            // A problem raised outside any file (a plugin's own check) has no place to name.
            const where = problemLocation(p);
            return where === "" ? p.message : `${where}: ${p.message}`;
          })
        : [err.message];
    for (const line of lines) if (line) say(`error: ${line}`);
    if (debug && err.stack) say(err.stack);
    return "code" in err && typeof err.code === "number" ? err.code : EXIT.error;
  }
  say(`error: unexpected failure: ${err instanceof Error ? err.message : String(err)}`);
  if (debug && err instanceof Error && err.stack) say(err.stack);
  else say("(this is a bug in trunksync; re-run with --debug for details)");
  return EXIT.error;
}
