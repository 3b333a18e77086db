import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { beforeEach, describe, expect, it } from "vitest";
import { confirmOnTerminal } from "../src/confirm.js";
import { CTRL_C, fakeTerminal } from "./helpers/fake-terminal.js";
import { runCli } from "./helpers/run-cli.js";
import { DEMO_VOBIZ_ACCOUNT, demoVobizTrunks, VOBIZ_ACME, VOBIZ_BACKUP } from "./helpers/seed-trunks.js";
import { vobizConfig } from "./helpers/trunks-yaml.js";
import { scratchDir, useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });

beforeEach(async () => {
  await writeText(
    workspace.dir,
    "trunks.yaml",
    vobizConfig(workspace.emulator.url, [
      { id: VOBIZ_ACME, name: "Acme Renamed" },
      { id: VOBIZ_BACKUP, name: "Backup Renamed" },
    ]),
  );
  const saved = await runCli(["plan", "--out", "plan.json"], { cwd: workspace.dir });
  expect(saved.code).toBe(0);
  workspace.emulator.resetStats();
});

const puts = () => workspace.emulator.requests.filter((r) => r.method === "PUT");
const vobizTrunk = (id: string) => demoVobizTrunks(workspace.emulator).get(id);

async function editPlan(edit: (plan: Record<string, unknown>) => void): Promise<void> {
  const file = join(workspace.dir, "plan.json");
  const plan = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  edit(plan);
  await writeFile(file, JSON.stringify(plan));
}

describe("trunksync apply PLANFILE", () => {
  it("applies the saved plan, re-reading each trunk first, with the config the plan records", async () => {
    const { code, stdout } = await runCli(["apply", "plan.json", "--auto-approve"], { cwd: workspace.dir });
    expect(code).toBe(0);
    expect(stdout).toContain("Apply: 2 applied, 0 unchanged, 0 failed, 0 skipped.");
    expect(puts()).toHaveLength(2);
    expect(vobizTrunk(VOBIZ_ACME)?.name).toBe("Acme Renamed");
  });

  it("skips a trunk edited remotely since the plan, leaving the remote edit intact", async () => {
    workspace.emulator.faults.remoteEdit("vobiz", VOBIZ_BACKUP, { concurrent_calls_limit: 77 });
    const { code, stdout } = await runCli(["apply", "plan.json", "--auto-approve"], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stdout).toContain(
      `- skipped vobiz ${VOBIZ_BACKUP} "Backup Renamed": changed remotely since plan — re-run plan`,
    );
    expect(stdout).toContain("Apply: 1 applied, 0 unchanged, 0 failed, 1 skipped.");
    expect(puts().map((r) => r.path)).toEqual([`/api/v1/Account/${DEMO_VOBIZ_ACCOUNT}/trunks/${VOBIZ_ACME}`]);
    expect(vobizTrunk(VOBIZ_BACKUP)).toMatchObject({ concurrent_calls_limit: 77, name: "Acme Backup Trunk" });
  });

  it.each([
    {
      case: "trunks.yaml changed since the plan",
      prepare: () =>
        writeText(
          workspace.dir,
          "trunks.yaml",
          vobizConfig(workspace.emulator.url, [{ id: VOBIZ_ACME, name: "Something Else" }]),
        ),
      args: [],
      reason: "trunks.yaml changed since the plan was made — re-run plan",
    },
    {
      case: "the plan is older than --max-plan-age",
      prepare: () =>
        editPlan((plan) =>
          Object.assign(plan, { createdAt: new Date(Date.now() - 3 * 3_600_000).toISOString() }),
        ),
      args: ["--max-plan-age", "2h"],
      reason: "plan is older than 2h (made ",
    },
    {
      case: "the plan is older than the default hour",
      prepare: () =>
        editPlan((plan) =>
          Object.assign(plan, { createdAt: new Date(Date.now() - 61 * 60_000).toISOString() }),
        ),
      args: [],
      reason: "plan is older than 1h (made ",
    },
    {
      case: "the plan is older than a --max-plan-age below a second, worded in its own unit",
      prepare: () =>
        editPlan((plan) => Object.assign(plan, { createdAt: new Date(Date.now() - 1000).toISOString() })),
      args: ["--max-plan-age", "1ms"],
      reason: "plan is older than 1ms (made ",
    },
    {
      case: "the plan is older than a compound --max-plan-age",
      prepare: () =>
        editPlan((plan) =>
          Object.assign(plan, { createdAt: new Date(Date.now() - 2 * 3_600_000).toISOString() }),
        ),
      args: ["--max-plan-age", "1h30m"],
      reason: "plan is older than 1h30m (made ",
    },
  ])("refuses when $case", async ({ prepare, args, reason }) => {
    await prepare();
    const { code, stderr } = await runCli(["apply", "plan.json", "--auto-approve", ...args], {
      cwd: workspace.dir,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`error: refusing to apply plan.json: ${reason}`);
    expect(puts()).toEqual([]);
  });

  it.each([
    {
      case: "does not exist",
      file: "missing.json",
      text: undefined,
      message: "cannot read plan file missing.json: no such file",
    },
    {
      case: "is not JSON",
      file: "bad.json",
      text: "{ not json",
      message: "plan file bad.json is not valid JSON",
    },
    {
      case: "is a plan of another version",
      file: "v9.json",
      text: JSON.stringify({ version: 9 }),
      message:
        "plan file v9.json is not a trunksync plan: version 9 is not supported (this trunksync reads version 1)",
    },
  ])("says clearly when the plan file $case", async ({ file, text, message }) => {
    if (text !== undefined) await writeText(workspace.dir, file, text);
    const { code, stderr } = await runCli(["apply", file, "--auto-approve"], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain("    at ");
    expect(puts()).toEqual([]);
  });

  it.each([
    { case: "a trunks.yaml", file: "trunks.yaml", text: undefined },
    {
      case: "a config under another YAML name",
      file: "prod.yml",
      text: "version: 1\nproviders: {}\ntrunks: []\n",
    },
    {
      case: "a config written as JSON",
      file: "trunks.json",
      text: JSON.stringify({ version: 1, providers: {}, trunks: [] }),
    },
    { case: "YAML with a config's keys under any name", file: "config", text: "providers: {}\ntrunks: []\n" },
  ])("names $case given as the plan file a config, and says how to apply it", async ({ file, text }) => {
    if (text !== undefined) await writeText(workspace.dir, file, text);
    const { code, stderr } = await runCli(["apply", file, "--auto-approve"], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: ${file} is a trunksync config, not a plan saved with \`trunksync plan --out\`; to plan and apply it, run: trunksync apply -c ${file}\n`,
    );
    expect(workspace.emulator.requests).toEqual([]);
  });

  it("refuses a copy of plan --json's redacted output, saying to save the plan with --out", async () => {
    // A desired name that holds the auth token: printed output shows it as [redacted].
    await writeText(
      workspace.dir,
      "trunks.yaml",
      vobizConfig(workspace.emulator.url, [{ id: VOBIZ_ACME, name: "Acme demo-vobiz-token line" }]),
    );
    const printed = await runCli(["plan", "--json"], { cwd: workspace.dir });
    expect(printed.stdout).toContain("Acme [redacted] line");
    await writeText(workspace.dir, "printed.json", printed.stdout);
    workspace.emulator.resetStats();

    const { code, stderr } = await runCli(["apply", "printed.json", "--auto-approve"], {
      cwd: workspace.dir,
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      "error: plan file printed.json holds values redacted for display ([redacted]): it is a copy of " +
        "plan's printed output, not a saved plan; save one with: trunksync plan --out printed.json\n",
    );
    expect(workspace.emulator.requests).toEqual([]);
  });

  it("applies a saved plan whose remote values hold the redaction marker, since apply sends none of them", async () => {
    workspace.emulator.faults.remoteEdit("vobiz", VOBIZ_ACME, { name: "Acme [redacted] line" });
    expect((await runCli(["plan", "--out", "plan.json"], { cwd: workspace.dir })).code).toBe(0);
    const { code } = await runCli(["apply", "plan.json", "--auto-approve"], { cwd: workspace.dir });
    expect(code).toBe(0);
    expect(vobizTrunk(VOBIZ_ACME)?.name).toBe("Acme Renamed");
  });

  it("suggests a plan file name that is not the broken file's when that is not a .json", async () => {
    await writeText(workspace.dir, "notes.txt", "remember to apply on Friday");
    const { code, stderr } = await runCli(["apply", "notes.txt", "--auto-approve"], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stderr).toContain("plan file notes.txt is not valid JSON (");
    expect(stderr).toContain("make one with: trunksync plan --out plan.json");
  });

  describe("run from another directory than plan was", () => {
    let elsewhere: { dir: string; remove: () => Promise<void> };
    beforeEach(async () => {
      elsewhere = await scratchDir();
      return () => elsewhere.remove();
    });

    it("says the plan records the config's name only, and offers the config next to the plan with -c", async () => {
      const planFile = join(workspace.dir, "plan.json");
      const { code, stdout, stderr } = await runCli(["apply", planFile, "--auto-approve"], {
        cwd: elsewhere.dir,
      });
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toBe(
        `error: ${planFile} was made from a config named trunks.yaml, and there is no trunks.yaml in the current ` +
          `directory (${elsewhere.dir}): a plan records the config's file name, not the directory plan ran in. ` +
          `Run apply from that directory, or point it at the config with: trunksync apply -c ${join(workspace.dir, "trunks.yaml")} ${planFile}\n`,
      );
      expect(workspace.emulator.requests).toEqual([]);

      // The advice works as given.
      const advised = await runCli(
        ["apply", "-c", join(workspace.dir, "trunks.yaml"), planFile, "--auto-approve"],
        {
          cwd: elsewhere.dir,
        },
      );
      expect(advised.code).toBe(0);
      expect(advised.stdout).toContain("Apply: 2 applied, 0 unchanged, 0 failed, 0 skipped.");
    });

    it("leaves the path to the config to the user when none is next to the plan", async () => {
      await mkdir(join(elsewhere.dir, "conf"));
      await rename(join(workspace.dir, "trunks.yaml"), join(elsewhere.dir, "conf", "trunks.yaml"));
      const { code, stderr } = await runCli(["apply", join(workspace.dir, "plan.json"), "--auto-approve"], {
        cwd: elsewhere.dir,
      });
      expect(code).toBe(1);
      expect(stderr).toContain(
        `point it at the config with: trunksync apply -c <path to trunks.yaml> ${join(workspace.dir, "plan.json")}\n`,
      );
      expect(stderr).not.toContain("is invalid");
    });
  });

  type Edit = (plan: Record<string, unknown> & { changes: Record<string, unknown>[] }) => void;
  it.each<{ case: string; edit: Edit; message: string }>([
    {
      case: "lost its unmanaged report",
      edit: (plan) => {
        delete plan.unmanaged;
      },
      message: '/: the document is missing required key "unmanaged"',
    },
    {
      case: "names a trunk with an object",
      edit: (plan) => {
        (plan.changes[0] as Record<string, unknown>).name = { x: 1 };
      },
      message: "/changes/0",
    },
    {
      case: "has an error entry without its error",
      edit: (plan) => {
        plan.changes[0] = { ...plan.changes[0], action: "error" };
      },
      message: "/changes/0",
    },
    {
      case: "lists numbers as field changes",
      edit: (plan) => {
        (plan.changes[0] as Record<string, unknown>).changes = [1, 2];
      },
      message: "/changes/0",
    },
    {
      case: "records a config path outside its directory",
      edit: (plan) => {
        (plan.config as Record<string, unknown>).file = "/etc/passwd";
      },
      message: "/config/file",
    },
  ])(
    "refuses, naming what is wrong and sending nothing, a saved plan that $case",
    async ({ edit, message }) => {
      await editPlan((plan) => edit(plan as Parameters<Edit>[0]));
      const { code, stderr } = await runCli(["apply", "plan.json", "--auto-approve"], { cwd: workspace.dir });
      expect(stderr).toContain("plan file plan.json is not a trunksync plan: ");
      expect(stderr).toContain(message);
      expect(stderr).not.toContain("unexpected failure");
      expect(stderr).not.toContain("root:");
      expect(code).toBe(1);
      expect(workspace.emulator.requests).toEqual([]);
    },
  );

  it("exits 130 and sends nothing when Ctrl-C interrupts its prompt", async () => {
    const terminal = fakeTerminal();
    void terminal.whenShown("Only 'yes' will be accepted:").then(() => terminal.type(CTRL_C));
    const { code, stderr } = await runCli(["apply", "plan.json"], {
      cwd: workspace.dir,
      confirm: (q) => confirmOnTerminal(q, terminal.streams),
    });
    expect(code).toBe(130);
    expect(stderr).toBe("Apply cancelled (interrupted).\n");
    expect(workspace.emulator.requests).toEqual([]);
  });

  it("rejects a malformed --max-plan-age as a usage error", async () => {
    const { code, stderr } = await runCli(["apply", "plan.json", "--max-plan-age", "soon"], {
      cwd: workspace.dir,
    });
    expect(code).toBe(1);
    expect(stderr).toContain('expected a duration like 90s, 30m, 2h or 1h30m, got "soon"');
  });
});
