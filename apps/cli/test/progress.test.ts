import { PassThrough, Writable } from "node:stream";
import type { TrunkOutcome } from "@trunksync/applier";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CliIO } from "../src/io.js";
import { applyProgress } from "../src/progress.js";

/** A stderr, a terminal or not, recording each write as it is made. */
function recordingIo(isTTY = false): { io: CliIO; writes: string[] } {
  const writes: string[] = [];
  const stderr = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        writes.push(chunk.toString());
        done();
      },
    }),
    { isTTY },
  );
  return { io: { stdout: new PassThrough(), stderr, env: {}, cwd: "/" }, writes };
}
const pipeIo = () => recordingIo(false);
const terminalIo = () => recordingIo(true);

/** The line a terminal shows after these writes: the text after the last line reset. */
const shownLine = (writes: readonly string[]) => writes.join("").split("\r\u001b[K").at(-1) ?? "";

const outcome = (id: string, status: TrunkOutcome["status"], message?: string): TrunkOutcome => ({
  provider: "vobiz",
  id,
  status,
  ...(message === undefined ? {} : { message }),
});

describe("apply progress without a terminal", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("writes the lines of trunks finished within 100 ms together, in order", () => {
    const { io, writes } = pipeIo();
    const progress = applyProgress();
    progress.start(3, io.stderr, () => 0);
    progress.onEvent({ type: "trunk-finished", outcome: outcome("t1", "applied") });
    vi.advanceTimersByTime(60);
    progress.onEvent({ type: "trunk-finished", outcome: outcome("t2", "failed", "503 busy") });
    vi.advanceTimersByTime(39);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(["applied vobiz/t1\nfailed vobiz/t2: 503 busy\n"]);
    progress.onEvent({ type: "trunk-finished", outcome: outcome("t3", "applied") });
    vi.advanceTimersByTime(100);
    expect(writes).toEqual(["applied vobiz/t1\nfailed vobiz/t2: 503 busy\n", "applied vobiz/t3\n"]);
  });

  it("writes what is pending when it finishes, and leaves no timer behind", () => {
    const { io, writes } = pipeIo();
    const progress = applyProgress();
    progress.start(1, io.stderr, () => 0);
    progress.onEvent({ type: "trunk-finished", outcome: outcome("t1", "applied") });
    progress.finish();
    expect(writes).toEqual(["applied vobiz/t1\n"]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("apply progress on a terminal", () => {
  // The clock is the fake timers' own: advancing them moves the progress line's time too.
  const clock = () => Date.now();
  /** Completed exchanges as the providers' HTTP clients count them, planning's 5 included. */
  let exchanges: number;
  beforeEach(() => {
    vi.useFakeTimers();
    exchanges = 5;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const started = (total: number) => {
    const { io, writes } = terminalIo();
    const progress = applyProgress(clock);
    progress.start(total, io.stderr, () => exchanges);
    return { progress, writes };
  };
  const finishTrunk = (progress: ReturnType<typeof applyProgress>, id: string) =>
    progress.onEvent({ type: "trunk-finished", outcome: outcome(id, "applied") });

  it("draws the line at once and keeps its elapsed time moving while every request waits", () => {
    const { progress, writes } = started(2);
    expect(shownLine(writes)).toBe("Applying: 0/2 done, 0 failed, 0 retries, 0.0s elapsed");
    progress.onEvent({
      type: "trunk-started",
      trunk: { provider: "vobiz", providerType: "vobiz", id: "t1" },
    });
    progress.onEvent({
      type: "trunk-started",
      trunk: { provider: "vobiz", providerType: "vobiz", id: "t2" },
    });
    vi.advanceTimersByTime(2500);
    expect(shownLine(writes)).toBe("Applying: 0/2 done, 0 failed, 0 retries, 2.5s elapsed");
    progress.finish();
  });

  it("shows no rate until a second has passed, however many exchanges completed before", () => {
    const { progress, writes } = started(4);
    vi.advanceTimersByTime(200);
    exchanges += 4;
    for (const id of ["t1", "t2", "t3", "t4"]) finishTrunk(progress, id);
    expect(shownLine(writes)).toBe("Applying: 4/4 done, 0 failed, 0 retries, 0.2s elapsed");
    progress.finish();
    expect(writes.at(-1)).toBe("\r\u001b[KApplying: 4/4 done, 0 failed, 0 retries, 0.2s elapsed\n");
  });

  it("shows no rate after a second while no exchange of the apply has completed", () => {
    const { progress, writes } = started(1);
    vi.advanceTimersByTime(1500);
    expect(shownLine(writes)).not.toContain("req/s");
    progress.finish();
  });

  it("rates the exchanges completed since it started over the time since it started", () => {
    const { progress, writes } = started(2);
    vi.advanceTimersByTime(3000);
    exchanges += 2;
    finishTrunk(progress, "t1");
    finishTrunk(progress, "t2");
    expect(shownLine(writes)).toBe("Applying: 2/2 done, 0 failed, 0 retries, 0.7 req/s, 3.0s elapsed");
    progress.finish();
  });

  it("counts retries, and rounds a rate of 10 or more to a whole number", () => {
    const { progress, writes } = started(100);
    progress.onRetry();
    exchanges += 150;
    vi.advanceTimersByTime(12_000);
    expect(shownLine(writes)).toBe("Applying: 0/100 done, 0 failed, 1 retry, 13 req/s, 12s elapsed");
    vi.advanceTimersByTime(113_000);
    expect(shownLine(writes)).toMatch(/, 2m05s elapsed$/);
    progress.finish();
  });

  it("ignores retries made while planning, before it started", () => {
    const { io, writes } = terminalIo();
    const progress = applyProgress(clock);
    progress.onRetry();
    progress.start(1, io.stderr, () => exchanges);
    expect(shownLine(writes)).toContain(", 0 retries,");
    progress.finish();
  });

  it("ends the line and stops redrawing when it finishes, leaving no timer", () => {
    const { progress, writes } = started(1);
    finishTrunk(progress, "t1");
    progress.finish();
    const count = writes.length;
    const last = writes.at(-1) ?? "";
    expect(last.startsWith("\r\u001b[KApplying: 1/1 done, ")).toBe(true);
    expect(last.endsWith(" elapsed\n")).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(writes).toHaveLength(count);
  });

  it("keeps no timer and draws nothing while waiting when stderr is not a terminal", () => {
    const { io, writes } = pipeIo();
    const progress = applyProgress(clock);
    progress.start(2, io.stderr, () => exchanges);
    vi.advanceTimersByTime(5000);
    expect(writes).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    progress.finish();
  });
});
