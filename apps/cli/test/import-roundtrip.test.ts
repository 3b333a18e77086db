import { startEmulator } from "@trunksync/emulator";
import { expect, it } from "vitest";
import { secretVariable } from "../src/import-entries.js";
import { runCli } from "./helpers/run-cli.js";
import { demoVobizTrunks } from "./helpers/seed-trunks.js";
import { scratchDir } from "./helpers/workspace.js";

it("imports 1,000 trunks of each provider into one file, then plans zero changes", async () => {
  const emulator = await startEmulator({ generate: 1000 });
  const { dir, remove } = await scratchDir();
  try {
    const vobiz = await runCli(["import", "--provider", "vobiz", "--base-url", emulator.url], { cwd: dir });
    expect(vobiz.code).toBe(0);

    const videosdk = [...(emulator.state.videosdk.get("demo-videosdk-key")?.trunks.values() ?? [])];
    const trunkArgs = videosdk.flatMap((t) => ["--trunk", t.trunkId]);
    // The file exists now: the VideoSDK block is new to it and gets added next to Vobiz's.
    const added = await runCli(
      ["import", "--provider", "videosdk", "--base-url", emulator.url, ...trunkArgs],
      {
        cwd: dir,
      },
    );
    expect(added.code).toBe(0);
    for (const t of videosdk) expect(added.stdout + added.stderr).not.toContain(t.auth.password);

    const passwords = Object.fromEntries(
      videosdk.map((t) => [secretVariable("videosdk", t.trunkId, "auth.password"), t.auth.password]),
    );
    const plan = await runCli(["plan"], { cwd: dir, env: passwords });
    expect(plan.stderr).toBe("");
    const vobizCount = demoVobizTrunks(emulator).size;
    expect(vobizCount).toBe(1003);
    expect(plan.stdout).toContain(`Plan: 0 to update, ${vobizCount + videosdk.length} unchanged, 0 errors.`);
    expect(plan.code).toBe(0);
  } finally {
    await emulator.close();
    await remove();
  }
});
