/*
 * Defence in depth: every byte the CLI writes passes through a redactor, so a secret that slipped into
 * a provider's error message (some APIs echo request bodies) is still never printed. The redactor is
 * core's, the one that scrubs its own messages: the same marker and rule everywhere. It comes from
 * `@trunksync/core/redaction`, a module of its own, so a run loads no more of core for it. It
 * scrubs finished output, so it finds a secret in whatever form a renderer wrote it (JSON-escaped,
 * as Markdown entities, in a job summary cell): one scrub here covers every format, present or future.
 */
import { redactor } from "@trunksync/core/redaction";
import type { CliIO } from "./io.js";

// The redaction a command set up on a set of streams (keyed by the streams object main passed the
// command), so that an error reaching main is printed through it too.
const redactions = new WeakMap<object, (text: string) => string>();

/**
 * `rawIo` with both streams redacting `secrets`, and that redaction remembered as the one of `rawIo`:
 * an error the command throws reaches main, which prints it on the raw stderr through it too.
 * Called again with more secrets (import, once it has read the trunks), the later redaction wins.
 */
export function redactedIo(
  rawIo: CliIO,
  secrets: readonly string[],
): { io: CliIO; redact: (text: string) => string } {
  const redact = redactor(secrets);
  redactions.set(rawIo, redact);
  const io: CliIO = {
    ...rawIo,
    stdout: redactingStream(rawIo.stdout, redact),
    stderr: redactingStream(rawIo.stderr, redact),
  };
  return { io, redact };
}

/** The redaction a command set up on `io` with `redactedIo`, or none (text unchanged). */
export function redactionOf(io: object): (text: string) => string {
  return redactions.get(io) ?? ((text) => text);
}

type Writable = NodeJS.WritableStream & { isTTY?: boolean };

/** A stream that redacts before writing to `target`, keeping its TTY-ness. */
function redactingStream(target: Writable, redact: (text: string) => string): Writable {
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
