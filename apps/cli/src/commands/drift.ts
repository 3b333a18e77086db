import { ExitError } from "@trunksync/core";
import type { CommandSpec } from "../command.js";

export const driftCommand: CommandSpec = {
  name: "drift",
  summary: "not implemented yet",
  configure: (cmd) => cmd,
  run: async () => {
    throw new ExitError(1, "trunksync drift is not implemented yet");
  },
};
