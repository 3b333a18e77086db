import { type ApplyEvent, printable, type TrunkOutcome } from "@trunksync/applier";
import type { CliIO } from "./io.js";

export interface ApplyProgress {
  /**
   * Counting starts here: retries while planning are not part of the apply. Progress goes to
   * `stderr`, the session's redacting stream: a provider's message may echo a secret it was sent.
   * `exchanges` is the number of HTTP exchanges completed so far (answered or failed, retries
   * included) across the providers; the requests per second are those made since this call.
   */
  start(total: number, stderr: CliIO["stderr"], exchanges: () => number): void;
  onEvent(event: ApplyEvent): void;
  onRetry(): void;
  /** Ends the live line (TTY) and its redraw timer, so the report starts on a clean line. */
  finish(): void;
}

/** Progress is written at most this often: a terminal cannot show more, and every write costs. */
const REDRAW_MS = 100;
/**
 * The live line is also redrawn this often with no event at all: the elapsed time and the rate
 * must move while every request waits on a slow provider.
 */
const TICK_MS = 250;
/**
 * No rate before this much time and one completed exchange: a count over the first milliseconds
 * is noise (a few early answers read as hundreds per second), and 0 req/s says nothing while the
 * first answers are awaited.
 */
const RATE_AFTER_MS = 1000;

/**
 * Apply progress on stderr. On a terminal: one live line rewritten in place (done/total, failed,
 * retries, requests per second, elapsed time), redrawn on events and on a timer. Elsewhere (CI
 * logs): one line per finished trunk, written in batches.
 */
export function applyProgress(now: () => number = () => performance.now()): ApplyProgress {
  let out: CliIO["stderr"] | undefined;
  let live = false;
  let started = 0;
  let exchanges = () => 0;
  let exchangesBefore = 0;
  let total = 0;
  let done = 0;
  let failed = 0;
  let retries: number | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let ticker: NodeJS.Timeout | undefined;

  const line = () => {
    const elapsed = now() - started;
    const completed = exchanges() - exchangesBefore;
    const retried = retries ?? 0;
    const parts = [
      `Applying: ${done}/${total} done`,
      `${failed} failed`,
      `${retried} ${retried === 1 ? "retry" : "retries"}`,
    ];
    if (elapsed >= RATE_AFTER_MS && completed > 0) parts.push(`${rate(completed, elapsed)} req/s`);
    parts.push(`${elapsedText(elapsed)} elapsed`);
    return parts.join(", ");
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
    start(count, stderr, countExchanges) {
      out = stderr;
      live = stderr.isTTY === true;
      started = now();
      exchanges = countExchanges;
      exchangesBefore = countExchanges();
      total = count;
      retries = 0;
      if (!live) return;
      draw(true);
      // Unref'd: the ticker never keeps the process alive; finish() stops it.
      ticker = setInterval(() => draw(true), TICK_MS).unref();
    },
    onEvent(event) {
      if (event.type === "trunk-started") {
        draw(false);
        return;
      }
      done += 1;
      if (event.outcome.status === "failed") failed += 1;
      if (live) draw(done === total);
      else logLine(event.outcome);
    },
    onRetry() {
      // Retries while planning, before start, are not the apply's.
      if (retries === undefined) return;
      retries += 1;
      draw(false);
    },
    finish() {
      clearInterval(ticker);
      ticker = undefined;
      flush();
      if (!live || drawnAt === Number.NEGATIVE_INFINITY) return;
      out?.write(`\r\u001b[K${line()}\n`);
    },
  };
}

/** `0.7`, `12`: a decimal below 10, where a whole number would round a slow provider to 0 or 1. */
function rate(count: number, elapsedMs: number): string {
  const perSecond = count / (elapsedMs / 1000);
  return perSecond < 10 ? perSecond.toFixed(1) : String(Math.round(perSecond));
}

/** `0.4s`, `12s`, `3m07s`: tenths while they still tell something, then whole seconds. */
function elapsedText(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  if (seconds < 60) return `${Math.floor(seconds)}s`;
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, "0")}s`;
}
