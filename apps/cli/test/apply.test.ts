import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { describe, expect, it } from "vitest";
import { confirmOnTerminal } from "../src/confirm.js";
import { CTRL_C, fakeTerminal } from "./helpers/fake-terminal.js";
import { runCli } from "./helpers/run-cli.js";
import {
  DEMO_VOBIZ_ACCOUNT,
  demoVobizTrunks,
  GHOST_VOBIZ,
  SIP_INBOUND,
  VOBIZ_ACME,
  VOBIZ_BACKUP,
  VOBIZ_SUPPORT,
} from "./helpers/seed-trunks.js";
import { twoProviderConfig, vobizConfig } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });

const puts = () => workspace.emulator.requests.filter((r) => r.method === "PUT");
const vobizTrunk = (id: string) => ({ ...demoVobizTrunks(workspace.emulator).get(id) });
const writeConfig = (trunks: Parameters<typeof vobizConfig>[1], block?: Record<string, unknown>) =>
  writeText(workspace.dir, "trunks.yaml", vobizConfig(workspace.emulator.url, trunks, block));

describe("trunksync apply", () => {
  it("sends one full PUT for one changed field, keeping the unmanaged fields at their remote values", async () => {
    await writeConfig([{ id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const before = vobizTrunk(VOBIZ_ACME);

    const { code, stdout } = await runCli(["apply", "--auto-approve"], { cwd: workspace.dir });

    expect(code).toBe(0);
    expect(puts().map((r) => r.body)).toEqual([
      { name: "Acme Renamed", max_concurrent_calls: before.concurrent_calls_limit, enabled: true },
    ]);
    const after = vobizTrunk(VOBIZ_ACME);
    const changed = Object.keys(after).filter(
      (key) =>
        JSON.stringify(after[key as keyof typeof after]) !==
        JSON.stringify(before[key as keyof typeof before]),
    );
    expect(changed.sort()).toEqual(["name", "updated_at"]);
    expect(stdout).toContain(`✓ applied vobiz ${VOBIZ_ACME} "Acme Renamed": name`);
    expect(stdout).toContain("Apply: 1 applied, 0 unchanged, 0 failed, 0 skipped.");
  });

  it("sends no PUT on a second apply and says there is nothing to do", async () => {
    await writeConfig([
      { id: VOBIZ_ACME, name: "Acme Renamed" },
      { id: VOBIZ_BACKUP, max_concurrent_calls: 7 },
    ]);
    expect((await runCli(["apply", "--auto-approve"], { cwd: workspace.dir })).code).toBe(0);
    workspace.emulator.resetStats();

    const second = await runCli(["apply", "--auto-approve"], { cwd: workspace.dir });

    expect(second.code).toBe(0);
    expect(puts()).toEqual([]);
    expect(second.stdout).toContain("No changes. Remote trunks match trunks.yaml.");
  });

  it("logs one line per finished trunk on a non-terminal stderr", async () => {
    await writeConfig([
      { id: VOBIZ_ACME, name: "Acme Renamed" },
      { id: VOBIZ_SUPPORT, enabled: false },
    ]);
    const { stderr } = await runCli(["apply", "--auto-approve"], { cwd: workspace.dir });
    expect(
      stderr
        .split("\n")
        .filter((l) => l.startsWith("applied"))
        .sort(),
    ).toEqual([`applied vobiz/${VOBIZ_ACME}`, `applied vobiz/${VOBIZ_SUPPORT}`].sort());
  });

  it("draws a live progress line on a terminal stderr", async () => {
    await writeConfig([{ id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const { stderr } = await runCli(["apply", "--auto-approve"], { cwd: workspace.dir, stderrTTY: true });
    expect(stderr).toContain("\r\u001b[KApplying: 1/1 done, 0 failed, 0 retries,");
    // The last redraw ends the line, so the report starts on a clean one.
    expect(stderr.split("\r\u001b[K").at(-1)).toMatch(/^Applying: 1\/1 done, .* elapsed\n$/);
    expect(stderr).not.toContain("applied vobiz/");
  });

  it("shows the plan without repeating that a provider cannot list trunks; its JSON keeps it", async () => {
    await writeText(
      workspace.dir,
      "trunks.yaml",
      twoProviderConfig(workspace.emulator.url, [
        { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
        { provider: "videosdk", id: SIP_INBOUND, name: "Twilio inbound" },
      ]),
    );
    const text = await runCli(["apply", "--auto-approve"], { cwd: workspace.dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`vobiz: 2 unmanaged trunks (not in trunks.yaml): `);
    expect(`${text.stdout}${text.stderr}`).not.toContain("unmanaged report unavailable");

    await writeText(
      workspace.dir,
      "trunks.yaml",
      twoProviderConfig(workspace.emulator.url, [{ provider: "vobiz", id: VOBIZ_ACME, name: "Acme Again" }]),
    );
    const json = await runCli(["apply", "--auto-approve", "--json"], { cwd: workspace.dir });
    const report = JSON.parse(json.stdout) as {
      plan: { unmanaged: { provider: string; supported: boolean }[] };
    };
    expect(report.plan.unmanaged).toContainEqual(
      expect.objectContaining({ provider: "videosdk", supported: false }),
    );
  });

  it("prints only { plan, result } as JSON on stdout with --format json", async () => {
    await writeConfig([{ id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const { code, stdout } = await runCli(["apply", "--auto-approve", "--format", "json"], {
      cwd: workspace.dir,
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { plan: { summary: unknown }; result: { summary: unknown } };
    expect(Object.keys(report)).toEqual(["plan", "result"]);
    expect(report.plan.summary).toEqual({ update: 1, noop: 0, error: 0 });
    expect(report.result.summary).toEqual({ applied: 1, unchanged: 0, failed: 0, skipped: 0 });
  });

  it("appends a Markdown table to the GitHub job summary", async () => {
    workspace.emulator.faults.rejectUpdates(VOBIZ_BACKUP, { message: "trunk | locked" });
    await writeConfig([
      { id: VOBIZ_ACME, name: "Acme Renamed" },
      { id: VOBIZ_BACKUP, name: "Backup Renamed" },
    ]);
    const summary = join(workspace.dir, "summary.md");
    await writeFile(summary, "");
    await runCli(["apply", "--auto-approve"], { cwd: workspace.dir, env: { GITHUB_STEP_SUMMARY: summary } });
    const markdown = await readFile(summary, "utf8");
    // The heading level of plan's and drift's reports.
    expect(markdown).toMatch(/^## trunksync apply\n\n1 applied, 0 unchanged, 1 failed, 0 skipped\n/);
    expect(markdown).toContain(`| vobiz | ${VOBIZ_ACME} | applied |  |`);
    expect(markdown).toMatch(
      new RegExp(`\\| vobiz \\| ${VOBIZ_BACKUP} \\| failed \\| .*trunk \\\\\\| locked`),
    );
  });
});

describe("trunksync apply refuses before any write", () => {
  it("without a terminal to ask and without --auto-approve", async () => {
    await writeConfig([{ id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const { code, stderr } = await runCli(["apply"], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stderr).toContain(
      "refusing to apply without confirmation: stdin is not a terminal; pass --auto-approve",
    );
    expect(puts()).toEqual([]);
  });

  it("when the person at the terminal answers anything but yes", async () => {
    await writeConfig([
      { id: VOBIZ_ACME, name: "Acme Renamed" },
      { id: VOBIZ_BACKUP, name: "Backup Renamed" },
    ]);
    const questions: string[] = [];
    const { code, stderr } = await runCli(["apply"], {
      cwd: workspace.dir,
      confirm: async (q) => {
        questions.push(q);
        return false;
      },
    });
    expect(questions).toEqual(["Apply 2 updates to 1 provider? Only 'yes' will be accepted:"]);
    expect(code).toBe(1);
    expect(stderr).toContain("Apply cancelled.");
    expect(puts()).toEqual([]);
  });

  it("when Ctrl-C interrupts the prompt: exit 130, nothing sent", async () => {
    await writeConfig([{ id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const question = "Apply 1 update to 1 provider? Only 'yes' will be accepted:";
    const terminal = fakeTerminal();
    void terminal.whenShown(question).then(() => terminal.type(CTRL_C));

    const { code, stdout, stderr } = await runCli(["apply"], {
      cwd: workspace.dir,
      confirm: (q) => confirmOnTerminal(q, terminal.streams),
    });

    expect(terminal.shown()).toContain(question);
    expect(code).toBe(130);
    expect(stderr).toBe("Apply cancelled (interrupted).\n");
    expect(stdout).toContain(`~ vobiz/${VOBIZ_ACME}`);
    expect(stdout).not.toContain("Apply:");
    expect(puts()).toEqual([]);
  });

  it("when the input ends at the prompt: exit 1, nothing sent", async () => {
    await writeConfig([{ id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const terminal = fakeTerminal();
    void terminal.whenShown("Only 'yes' will be accepted:").then(() => terminal.endInput());

    const { code, stderr } = await runCli(["apply"], {
      cwd: workspace.dir,
      confirm: (q) => confirmOnTerminal(q, terminal.streams),
    });

    expect(code).toBe(1);
    expect(stderr).toBe("Apply cancelled.\n");
    expect(puts()).toEqual([]);
  });

  it("applies once the person at the terminal confirms", async () => {
    await writeConfig([{ id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const { code } = await runCli(["apply"], { cwd: workspace.dir, confirm: async () => true });
    expect(code).toBe(0);
    expect(puts()).toHaveLength(1);
  });

  it.each([
    {
      rule: "--max-changes",
      args: ["--max-changes", "1"],
      block: {},
      message: "2 updates in all exceed the limit of 1; to allow them, pass --max-changes 2",
    },
    {
      rule: "the provider block's maxChanges",
      args: [],
      block: { maxChanges: 1 },
      message:
        '2 updates for vobiz exceed its maxChanges of 1; to allow them, raise maxChanges of provider block "vobiz"',
    },
  ])("when the plan has more updates than $rule allows", async ({ args, block, message }) => {
    await writeConfig(
      [
        { id: VOBIZ_ACME, name: "Acme Renamed" },
        { id: VOBIZ_BACKUP, name: "Backup Renamed" },
      ],
      block,
    );
    const { code, stderr } = await runCli(["apply", "--auto-approve", ...args], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stderr).toContain(`error: refusing to apply: ${message}`);
    expect(puts()).toEqual([]);
  });

  it("when the plan has errors, even for the trunks that could be updated", async () => {
    await writeConfig([
      { id: VOBIZ_ACME, name: "Acme Renamed" },
      { id: GHOST_VOBIZ, name: "Ghost" },
    ]);
    const { code, stderr } = await runCli(["apply", "--auto-approve"], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stderr).toContain(
      "error: refusing to apply: plan has 1 error; fix them or narrow the run with --provider/--trunk",
    );
    expect(puts()).toEqual([]);
  });

  it("applies the rest when --trunk narrows the run past the broken trunk", async () => {
    await writeConfig([
      { id: VOBIZ_ACME, name: "Acme Renamed" },
      { id: GHOST_VOBIZ, name: "Ghost" },
    ]);
    const { code } = await runCli(["apply", "--auto-approve", "--trunk", VOBIZ_ACME], { cwd: workspace.dir });
    expect(code).toBe(0);
    expect(puts().map((r) => r.path)).toEqual([`/api/v1/Account/${DEMO_VOBIZ_ACCOUNT}/trunks/${VOBIZ_ACME}`]);
  });
});

describe("trunksync apply with failures", () => {
  it("reports the one trunk whose updates are always rejected as failed, applies the others, and exits 1", async () => {
    workspace.emulator.faults.rejectUpdates(VOBIZ_BACKUP, { status: 422, message: "trunk is locked" });
    await writeConfig([
      { id: VOBIZ_ACME, name: "Acme Renamed" },
      { id: VOBIZ_BACKUP, name: "Backup Renamed" },
      { id: VOBIZ_SUPPORT, name: "Support Renamed" },
    ]);
    const { code, stdout, stderr } = await runCli(["apply", "--auto-approve"], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stdout).toContain("Apply: 2 applied, 0 unchanged, 1 failed, 0 skipped.");
    expect(stdout).toMatch(new RegExp(`✗ failed +vobiz ${VOBIZ_BACKUP} .*422.*trunk is locked`));
    expect(stderr).toMatch(new RegExp(`failed vobiz/${VOBIZ_BACKUP}: .*trunk is locked`));
    expect(vobizTrunk(VOBIZ_ACME).name).toBe("Acme Renamed");
    expect(vobizTrunk(VOBIZ_SUPPORT).name).toBe("Support Renamed");
    expect(vobizTrunk(VOBIZ_BACKUP).name).toBe("Acme Backup Trunk");
  });
});
