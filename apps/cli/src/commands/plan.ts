import { ExitError } from "@trunksync/core";
import type { CommandSpec } from "../command.js";

export const planCommand: CommandSpec = {
  name: "plan",
  summary: "not implemented yet",
  configure: (cmd) => cmd,
  run: async () => {
    throw new ExitError(1, "trunksync plan is not implemented yet");
  },
};
