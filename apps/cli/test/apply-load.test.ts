import { describe, expect, it } from "vitest";
import { renameAll } from "./helpers/rename-all.js";
import { runCli } from "./helpers/run-cli.js";
import { demoVobizTrunks } from "./helpers/seed-trunks.js";

describe("trunksync apply under load", () => {
  it.each([4, 16])(
    "never has more than --concurrency %i requests in flight for 500 changed trunks",
    async (concurrency) => {
      const run = await renameAll(500, { latencyMs: 2 }, { concurrency: 64 });
      try {
        const { code, stdout } = await runCli(
          ["apply", "--auto-approve", "--concurrency", String(concurrency)],
          { cwd: run.dir },
        );
        expect(code).toBe(0);
        expect(stdout).toContain("Apply: 500 applied, 0 unchanged, 0 failed, 0 skipped.");
        expect(run.emulator.requests.filter((r) => r.method === "PUT")).toHaveLength(500);
        const { peakInFlight } = run.emulator.stats();
        expect(peakInFlight).toBeLessThanOrEqual(concurrency);
        expect(peakInFlight).toBeGreaterThan(1);
      } finally {
        await run.close();
      }
    },
  );

  it.each([
    { how: "planned in the same run", argv: [] as string[] },
    { how: "from a saved plan", argv: ["plan.json"] },
  ])("lets --concurrency raise a block's default cap of 8, $how", async ({ argv }) => {
    const run = await renameAll(200, { latencyMs: 2 }, {});
    try {
      if (argv.length > 0)
        expect((await runCli(["plan", "--out", "plan.json"], { cwd: run.dir })).code).toBe(0);
      run.emulator.resetStats();
      const { code, stdout } = await runCli(["apply", ...argv, "--auto-approve", "--concurrency", "12"], {
        cwd: run.dir,
      });
      expect(stdout).toContain("Apply: 200 applied, 0 unchanged, 0 failed, 0 skipped.");
      expect(code).toBe(0);
      const { peakInFlight } = run.emulator.stats();
      expect(peakInFlight).toBeGreaterThan(8);
      expect(peakInFlight).toBeLessThanOrEqual(12);
    } finally {
      await run.close();
    }
  });

  it("finishes a 429 storm with every trunk applied, retrying on Retry-After", async () => {
    const run = await renameAll(60, { rateLimit: 20 }, {});
    try {
      const { code, stdout } = await runCli(["apply", "--auto-approve"], { cwd: run.dir });
      expect(stdout).toContain("Apply: 60 applied, 0 unchanged, 0 failed, 0 skipped.");
      expect(code).toBe(0);
      expect(run.emulator.stats().byStatus["429"]).toBeGreaterThan(0);
      const names = run.ids.map((id) => demoVobizTrunks(run.emulator).get(id)?.name);
      expect(names.every((name) => name?.endsWith(" (renamed)"))).toBe(true);
    } finally {
      await run.close();
    }
  });
});
