import { type CliIO, writeLine } from "./io.js";

type StopSignal = "SIGINT" | "SIGTERM";

/**
 * An abort signal tripped by the first Ctrl-C (SIGINT) or SIGTERM (a cancelled CI job, a stopping
 * container); its `reason` is the signal's name. Only the first is caught: both listeners are gone
 * after it, so a second signal ends the process at once, as users expect.
 */
export function abortOnInterrupt(io: CliIO): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const listeners = { SIGINT: () => stop("SIGINT"), SIGTERM: () => stop("SIGTERM") } as const;
  const dispose = () => {
    for (const [name, listener] of Object.entries(listeners)) process.removeListener(name, listener);
  };
  const stop = (name: StopSignal) => {
    dispose();
    const what = name === "SIGINT" ? "Interrupted" : "Terminated";
    writeLine(io.stderr, `${what}: finishing in-flight updates, starting no new ones…`);
    controller.abort(name);
  };
  for (const [name, listener] of Object.entries(listeners)) process.once(name, listener);
  return { signal: controller.signal, dispose };
}
