import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "./helpers/run-cli.js";
import { VOBIZ_ACME, VOBIZ_BACKUP, VOBIZ_SUPPORT } from "./helpers/seed-trunks.js";
import { trunksYaml, vobizBlock } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });
const readConfig = () => readFile(join(workspace.dir, "trunks.yaml"), "utf8");

describe("one account under two provider blocks", () => {
  it("import refuses a new block for an account another block reads, naming that block, before any request", async () => {
    const file = trunksYaml({ "vobiz-prod": vobizBlock(workspace.emulator.url) }, [
      { provider: "vobiz-prod", id: VOBIZ_ACME, name: "Acme Production Trunk" },
    ]);
    await writeText(workspace.dir, "trunks.yaml", file);
    const { code, stdout, stderr } = await runCli(
      ["import", "--provider", "vobiz", "--base-url", `${workspace.emulator.url}/`],
      { cwd: workspace.dir },
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: provider block "vobiz-prod" in trunks.yaml already reads this Vobiz account: import into it with ' +
        '--provider vobiz-prod (a new "vobiz" block for the same account would declare its trunks twice)\n',
    );
    expect(stdout).toBe("");
    expect(workspace.emulator.requests).toEqual([]);
    expect(await readConfig()).toBe(file);
  });

  it("import adds a new block beside one of the same type on another account", async () => {
    // Another API endpoint, so another account: nothing listens there, and nothing is sent there.
    const elsewhere = trunksYaml({ "vobiz-eu": vobizBlock("http://127.0.0.1:9") }, []);
    await writeText(workspace.dir, "trunks.yaml", elsewhere);
    const { code, stderr } = await runCli(
      ["import", "--provider", "vobiz", "--base-url", workspace.emulator.url],
      {
        cwd: workspace.dir,
      },
    );
    expect(stderr).toContain("Imported 3 trunks from vobiz into trunks.yaml: 3 added");
    expect(code).toBe(0);
    expect(Object.keys((parse(await readConfig()) as { providers: object }).providers)).toEqual([
      "vobiz-eu",
      "vobiz",
    ]);
  });

  it("import into one block leaves out the trunks the other declares, saying so, and the file stays valid", async () => {
    const file = trunksYaml(
      { "vobiz-prod": vobizBlock(workspace.emulator.url), vobiz: vobizBlock(workspace.emulator.url) },
      [
        { provider: "vobiz-prod", id: VOBIZ_ACME, name: "Acme Production Trunk" },
        { provider: "vobiz-prod", id: VOBIZ_BACKUP, name: "Acme Backup Trunk" },
      ],
    );
    await writeText(workspace.dir, "trunks.yaml", file);
    const { code, stderr } = await runCli(["import", "--provider", "vobiz"], { cwd: workspace.dir });
    expect(stderr).toBe(
      'left out 2 trunks already declared under provider block "vobiz-prod", which reads the same Vobiz account\n' +
        "Imported 1 trunk from vobiz into trunks.yaml: 1 added, 0 updated, 0 unchanged.\n",
    );
    expect(code).toBe(0);
    const { trunks } = parse(await readConfig()) as { trunks: { provider: string; id: string }[] };
    expect(trunks.map((t) => [t.provider, t.id])).toEqual([
      ["vobiz-prod", VOBIZ_ACME],
      ["vobiz-prod", VOBIZ_BACKUP],
      ["vobiz", VOBIZ_SUPPORT],
    ]);
    const validate = await runCli(["validate"], { cwd: workspace.dir });
    expect(validate).toEqual({
      code: 0,
      stdout: "✓ trunks.yaml is valid: 3 trunks in 2 providers\n",
      stderr: "",
    });
  });

  it("import refuses a --trunk the other block declares, naming that block, before any request", async () => {
    const file = trunksYaml(
      { "vobiz-prod": vobizBlock(workspace.emulator.url), vobiz: vobizBlock(workspace.emulator.url) },
      [{ provider: "vobiz-prod", id: VOBIZ_ACME, name: "Acme Production Trunk" }],
    );
    await writeText(workspace.dir, "trunks.yaml", file);
    const { code, stdout, stderr } = await runCli(
      ["import", "--provider", "vobiz", "--trunk", VOBIZ_SUPPORT, "--trunk", VOBIZ_ACME],
      { cwd: workspace.dir },
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: --trunk ${VOBIZ_ACME}: provider block "vobiz-prod" already declares it and reads the same Vobiz ` +
        'account: import it with --provider vobiz-prod (declared under "vobiz" too, apply would update it from ' +
        "both entries, each undoing the other)\nnothing was read or written\n",
    );
    expect(stdout).toBe("");
    expect(workspace.emulator.requests).toEqual([]);
    expect(await readConfig()).toBe(file);
  });

  it("import leaves out nothing a block of another account declares", async () => {
    // Another API endpoint, so another account: nothing listens there, and nothing is sent there.
    await writeText(
      workspace.dir,
      "trunks.yaml",
      trunksYaml(
        { "vobiz-eu": vobizBlock("http://127.0.0.1:9"), vobiz: vobizBlock(workspace.emulator.url) },
        [{ provider: "vobiz-eu", id: VOBIZ_ACME }],
      ),
    );
    const { code, stderr } = await runCli(["import", "--provider", "vobiz"], { cwd: workspace.dir });
    expect(stderr).toBe("Imported 3 trunks from vobiz into trunks.yaml: 3 added, 0 updated, 0 unchanged.\n");
    expect(code).toBe(0);
  });

  it("validate refuses a trunk declared under both, at the second entry, naming the first block and line", async () => {
    await writeText(
      workspace.dir,
      "trunks.yaml",
      trunksYaml(
        { "vobiz-prod": vobizBlock(workspace.emulator.url), vobiz: vobizBlock(workspace.emulator.url) },
        [
          { provider: "vobiz-prod", id: VOBIZ_ACME, name: "Acme Production Trunk" },
          { provider: "vobiz", id: VOBIZ_ACME, name: "Acme (imported again)" },
        ],
      ),
    );
    const { code, stderr } = await runCli(["validate"], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `trunks.yaml:18:9: trunk "${VOBIZ_ACME}" is already declared on line 14 under provider "vobiz-prod", which ` +
        'reads the same Vobiz account as provider "vobiz": apply would update it from both entries, each undoing the other; declare it once',
    );
  });
});
