import { ExitError } from "@trunksync/core";
import type { CommandSpec } from "../command.js";

export const importCommand: CommandSpec = {
  name: "import",
  summary: "not implemented yet",
  configure: (cmd) => cmd,
  run: async () => {
    throw new ExitError(1, "trunksync import is not implemented yet");
  },
};
