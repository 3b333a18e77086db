import type { Command } from "commander";
import type { CliIO } from "./io.js";

/** One CLI verb: its own file in commands/, registered in main.ts. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Adds arguments and options; shared ones come from options.ts. */
  configure(cmd: Command): Command;
  /** Returns the exit code. Throws TrunksyncError subclasses for failures. */
  run(args: string[], opts: Record<string, unknown>, io: CliIO): Promise<number>;
}
