import { once } from "node:events";
import { PassThrough, Writable } from "node:stream";
import type { TrunkOutcome } from "@trunksync/applier";
import { describe, expect, it } from "vitest";
import type { CliIO } from "../src/io.js";
import { applyProgress } from "../src/progress.js";

/** A stderr that is not a terminal, recording each write as it is made. */
function pipeIo(): { io: CliIO; writes: string[] } {
  const writes: string[] = [];
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString());
      stderr.emit("recorded");
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
  it("logs the trunks finished in one turn of the event loop with one write, in order", async () => {
    const { io, writes } = pipeIo();
    const progress = applyProgress(io);
    progress.start(3);
    progress.onEvent({ type: "trunk-finished", outcome: outcome("t1", "applied") });
    progress.onEvent({ type: "trunk-finished", outcome: outcome("t2", "failed", "503 busy") });
    expect(writes).toEqual([]);
    await once(io.stderr, "recorded");
    expect(writes).toEqual(["applied vobiz/t1\nfailed vobiz/t2: 503 busy\n"]);
  });

  it("writes what is pending when it finishes, before anything else is printed", () => {
    const { io, writes } = pipeIo();
    const progress = applyProgress(io);
    progress.start(1);
    progress.onEvent({ type: "trunk-finished", outcome: outcome("t1", "applied") });
    progress.finish();
    expect(writes).toEqual(["applied vobiz/t1\n"]);
  });
});
