import { expect, it } from "vitest";
import { renameAll } from "./helpers/rename-all.js";
import { spawnCli } from "./helpers/spawn-cli.js";

it.each([
  {
    signal: "SIGINT" as const,
    code: 130,
    message: "Interrupted: finishing in-flight updates, starting no new ones…",
  },
  {
    signal: "SIGTERM" as const,
    code: 143,
    message: "Terminated: finishing in-flight updates, starting no new ones…",
  },
])(
  "finishes in-flight updates on $signal, starts no new ones, prints the report and exits $code",
  async ({ signal, code: expectedCode, message }) => {
    const { emulator, dir, close } = await renameAll(10, {}, { concurrency: 1 });
    try {
      // Slow updates only: the plan is read quickly, then each PUT is in flight long enough to interrupt.
      emulator.faults.set({ latencyMs: 300 }, "vobiz.update");

      const cli = spawnCli(["apply", "--auto-approve"], { cwd: dir });
      await cli.stderrLine(/^applied vobiz\//);
      const signalledAt = Date.now();
      cli.child.kill(signal);
      const { code } = await cli.exited;

      expect(code).toBe(expectedCode);
      expect(cli.stderr()).toContain(message);
      const summary = /Apply: (\d+) applied, 0 unchanged, 0 failed, (\d+) skipped\./.exec(cli.stdout());
      const [applied, skipped] = [Number(summary?.[1]), Number(summary?.[2])];
      expect(applied + skipped).toBe(10);
      expect(skipped).toBeGreaterThan(0);
      expect(cli.stdout()).toContain(": interrupted");

      const puts = emulator.requests.filter((r) => r.method === "PUT");
      expect(puts).toHaveLength(applied);
      // A request the CLI sent just before it handled the signal may reach the emulator a moment after
      // it was sent; anything starting after an in-flight PUT finished would be new work (another PUT or
      // a read-back), which must not happen.
      const firstFinishAfterSignal = Math.min(
        ...puts.map((r) => r.startedAt + r.durationMs).filter((finish) => finish > signalledAt),
      );
      expect(emulator.requests.filter((r) => r.startedAt >= firstFinishAfterSignal)).toEqual([]);
    } finally {
      await close();
    }
  },
);
