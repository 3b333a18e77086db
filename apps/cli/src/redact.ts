/*
 * Defence in depth: every byte the CLI writes passes through a redactor, so a secret that slipped into
 * a provider's error message (some APIs echo request bodies) is still never printed. The redactor is
 * core's, the one that scrubs its own messages: the same marker and rule everywhere. It comes from
 * core's error module, which every run loads anyway.
 */
export { redactor } from "@trunksync/core/errors";

// The redaction of the session a command opened on a set of streams (keyed by the streams object
// main passed the command), so that an error reaching main is printed through it too.
const sessionRedaction = new WeakMap<object, (text: string) => string>();

/** Records `redact` as the redaction of the session opened on `io`. */
export function rememberRedaction(io: object, redact: (text: string) => string): void {
  sessionRedaction.set(io, redact);
}

/** The redaction of the session opened on `io`, or none (text unchanged) when no session was opened. */
export function redactionOf(io: object): (text: string) => string {
  return sessionRedaction.get(io) ?? ((text) => text);
}

type Writable = NodeJS.WritableStream & { isTTY?: boolean };

/** A stream that redacts before writing to `target`, keeping its TTY-ness. */
export function redactingStream(target: Writable, redact: (text: string) => string): Writable {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (prop === "write") {
        return (chunk: string | Uint8Array, ...rest: unknown[]) => {
          const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
          return (obj.write as (c: string, ...r: unknown[]) => boolean)(redact(text), ...rest);
        };
      }
      const value = Reflect.get(obj, prop, receiver);
      return typeof value === "function" ? value.bind(obj) : value;
    },
  });
}
