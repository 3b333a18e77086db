import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import type { PromptStreams } from "../../src/confirm.js";

/** What a terminal in raw mode sends for Ctrl-C. */
export const CTRL_C = "\u0003";

/**
 * A stand-in terminal for the confirmation prompt: readline runs in terminal mode on it (keys read
 * raw, so Ctrl-C is the byte a real terminal sends), and a spec types into it and reads it back.
 * Its process signals are a stand-in too, so a spec never signals the test worker.
 */
export function fakeTerminal() {
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { isTTY: true });
  const signals = new EventEmitter();
  let shown = "";
  output.setEncoding("utf8").on("data", (chunk: string) => {
    shown += chunk;
  });
  const streams: PromptStreams = { input, output, signals };
  return {
    streams,
    /** A SIGINT reaching the process (`kill -INT`, Ctrl-C on a terminal not in raw mode). */
    sendSigint: () => signals.emit("SIGINT"),
    /** How many listeners wait for that SIGINT. */
    sigintListeners: () => signals.listenerCount("SIGINT"),
    /** Everything written to the terminal so far. */
    shown: () => shown,
    /** Resolves once the terminal has shown `text`. */
    whenShown: (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!shown.includes(text)) return;
          output.off("data", check);
          resolve();
        };
        output.on("data", check);
        check();
      }),
    type: (keys: string) => input.write(keys),
    /** Ctrl-D on an empty line, or a closed stdin. */
    endInput: () => input.end(),
  };
}
