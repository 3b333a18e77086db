import { type CliIO, writeLine } from "./io.js";

export const INTERRUPT_MESSAGE = "Interrupted: finishing in-flight updates, starting no new ones…";

/**
 * An abort signal tripped by the first Ctrl-C (SIGINT). Only the first is caught: the listener is
 * gone after it, so a second Ctrl-C ends the process at once, as users expect.
 */
export function abortOnInterrupt(io: CliIO): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    writeLine(io.stderr, INTERRUPT_MESSAGE);
    controller.abort();
  };
  process.once("SIGINT", onSigint);
  return { signal: controller.signal, dispose: () => process.removeListener("SIGINT", onSigint) };
}
