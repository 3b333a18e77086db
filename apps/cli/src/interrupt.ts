import { type CliIO, writeLine } from "./io.js";

export const INTERRUPT_MESSAGE = "Interrupted: finishing in-flight updates, starting no new ones…";
export const TERMINATE_MESSAGE = "Terminated: finishing in-flight updates, starting no new ones…";

type StopSignal = "SIGINT" | "SIGTERM";

/**
 * An abort signal tripped by the first Ctrl-C (SIGINT) or SIGTERM (a cancelled CI job, a stopping
 * container). Only the first is caught: both listeners are gone after it, so a second signal ends
 * the process at once, as users expect. `received` says which one came.
 */
export function abortOnInterrupt(io: CliIO): {
  signal: AbortSignal;
  received(): StopSignal | undefined;
  dispose(): void;
} {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const listeners = {
    SIGINT: () => stop("SIGINT"),
    SIGTERM: () => stop("SIGTERM"),
  } as const;
  const dispose = () => {
    for (const [name, listener] of Object.entries(listeners)) process.removeListener(name, listener);
  };
  const stop = (name: StopSignal) => {
    dispose();
    received = name;
    writeLine(io.stderr, name === "SIGINT" ? INTERRUPT_MESSAGE : TERMINATE_MESSAGE);
    controller.abort();
  };
  for (const [name, listener] of Object.entries(listeners)) process.once(name, listener);
  return { signal: controller.signal, received: () => received, dispose };
}
