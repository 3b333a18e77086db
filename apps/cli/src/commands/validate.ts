import { ExitError } from "@trunksync/core";
import type { CommandSpec } from "../command.js";

export const validateCommand: CommandSpec = {
  name: "validate",
  summary: "not implemented yet",
  configure: (cmd) => cmd,
  run: async () => {
    throw new ExitError(1, "trunksync validate is not implemented yet");
  },
};
