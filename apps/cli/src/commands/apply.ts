import { ExitError } from "@trunksync/core";
import type { CommandSpec } from "../command.js";

export const applyCommand: CommandSpec = {
  name: "apply",
  summary: "not implemented yet",
  configure: (cmd) => cmd,
  run: async () => {
    throw new ExitError(1, "trunksync apply is not implemented yet");
  },
};
