import { type ApplyEvent, printable, type TrunkOutcome } from "@trunksync/applier";
import type { CliIO } from "./io.js";

export interface ApplyProgress {
  /**
   * Counting starts here: retries while planning are not part of the apply. Progress goes to
   * `stderr`, the session's redacting stream: a provider's message may echo a secret it was sent.
   */
  start(total: number, stderr: CliIO["stderr"]): void;
  onEvent(event: ApplyEvent): void;
  onRetry(): void;
  /** Ends the live line (TTY) so the report starts on a clean line. */
  finish(): void;
}

/** Progress is written at most this often: a terminal cannot show more, and every write costs. */
const REDRAW_MS = 100;

/**
 * Apply progress on stderr. On a terminal: one live line rewritten in place (done/total, failed,
 * retries, requests per second). Elsewhere (CI logs): one line per finished trunk, written in batches.
 */
export function applyProgress(now: () => number = () => performance.now()): ApplyProgress {
  let out: CliIO["stderr"] | undefined;
  let live = false;
  let started: number | undefined;
  let total = 0;
  let done = 0;
  let failed = 0;
  let retries = 0;
  let requests = 0;
  let drawnAt = Number.NEGATIVE_INFINITY;

  const line = () => {
    const seconds = Math.max((now() - (started ?? now())) / 1000, 0.001);
    const rate = Math.round(requests / seconds);
    return `Applying: ${done}/${total} done, ${failed} failed, ${retries} retries, ${rate} req/s`;
  };
  const draw = (force: boolean) => {
    if (!live || (!force && now() - drawnAt < REDRAW_MS)) return;
    drawnAt = now();
    out?.write(`\r\u001b[K${line()}`);
  };
  // On a pipe (CI logs) every write is a system call made while answers wait, and it wakes the
  // reader, so lines are gathered and written at most once per REDRAW_MS, and at the end.
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    out?.write(pending.join(""));
    pending = [];
  };
  const logLine = (outcome: TrunkOutcome) => {
    const message = outcome.message === undefined ? "" : `: ${printable(outcome.message)}`;
    pending.push(`${outcome.status} ${outcome.provider}/${outcome.id}${message}\n`);
    // Unref'd: a pending batch never keeps the process alive; finish() writes it.
    timer ??= setTimeout(flush, REDRAW_MS).unref();
  };

  return {
    start(count, stderr) {
      out = stderr;
      live = stderr.isTTY === true;
      started = now();
      total = count;
    },
    onEvent(event) {
      if (event.type === "trunk-started") {
        requests += 1;
        draw(false);
        return;
      }
      done += 1;
      if (event.outcome.status === "failed") failed += 1;
      if (live) draw(done === total);
      else logLine(event.outcome);
    },
    onRetry() {
      if (started === undefined) return;
      retries += 1;
      requests += 1;
      draw(false);
    },
    finish() {
      flush();
      if (!live || drawnAt === Number.NEGATIVE_INFINITY) return;
      out?.write(`\r\u001b[K${line()}\n`);
    },
  };
}
