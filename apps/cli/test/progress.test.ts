import { PassThrough, Writable } from "node:stream";
import type { TrunkOutcome } from "@trunksync/applier";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CliIO } from "../src/io.js";
import { applyProgress } from "../src/progress.js";

/** A stderr that is not a terminal, recording each write as it is made. */
function pipeIo(): { io: CliIO; writes: string[] } {
  const writes: string[] = [];
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString());
      done();
    },
  });
  return { io: { stdout: new PassThrough(), stderr, env: {}, cwd: "/" }, writes };
}

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
    progress.start(3, io.stderr);
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
    progress.start(1, io.stderr);
    progress.onEvent({ type: "trunk-finished", outcome: outcome("t1", "applied") });
    progress.finish();
    expect(writes).toEqual(["applied vobiz/t1\n"]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
