import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import {
  demoVobizTrunks,
  EMULATOR_ENV,
  SIP_INBOUND,
  VOBIZ_ACME,
  VOBIZ_BACKUP,
} from "./helpers/seed-trunks.js";
import {
  type JobResult,
  makeRunner,
  type Runner,
  readGithub,
  readWorkflow,
  runJob,
  trunksyncLines,
  type Workflow,
} from "./helpers/workflow-runner.js";
import { useEmulatorWorkspace } from "./helpers/workspace.js";
import { REPO_ROOT } from "./validate-helpers.js";

const GITHUB = join(REPO_ROOT, "examples", "github");

/** The repository secrets, for the emulator's demo account; the SIP password is rotated in git. */
const SECRETS = { ...EMULATOR_ENV, TWILIO_SIP_PASSWORD: "rotated-sip-password" };

const workflows: Record<"pr" | "apply" | "drift", Workflow> = {} as Record<
  "pr" | "apply" | "drift",
  Workflow
>;
let configVariables: string[];

beforeAll(async () => {
  workflows.pr = await readWorkflow(join(GITHUB, "pr-plan.yml"));
  workflows.apply = await readWorkflow(join(GITHUB, "apply.yml"));
  workflows.drift = await readWorkflow(join(GITHUB, "drift.yml"));
  const example = await readFile(join(REPO_ROOT, "examples", "trunks.yaml"), "utf8");
  configVariables = [...new Set([...example.matchAll(/\$\{env:(\w+)\}/g)].map((m) => m[1] ?? ""))].sort();
});

const onlyJob = (workflow: Workflow) => {
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  return jobs[0] as Workflow["jobs"][string];
};

describe("the example workflows call exactly these trunksync commands", () => {
  it.each([
    {
      file: "pr-plan.yml",
      key: "pr" as const,
      lines: [
        "trunksync validate -c trunks.yaml",
        "trunksync plan -c trunks.yaml --format markdown --detailed-exitcode > plan.md",
      ],
    },
    {
      file: "apply.yml",
      key: "apply" as const,
      lines: [
        "trunksync validate -c trunks.yaml",
        "trunksync apply -c trunks.yaml --auto-approve --max-changes 50",
      ],
    },
    {
      file: "drift.yml",
      key: "drift" as const,
      lines: ["trunksync drift -c trunks.yaml --format markdown > drift.md"],
    },
  ])("$file", ({ key, lines }) => {
    expect(trunksyncLines(workflows[key])).toEqual(lines);
  });

  it.each(["pr", "apply", "drift"] as const)(
    "%s passes every variable examples/trunks.yaml names, each from the repository secret of that name",
    (key) => {
      const env = onlyJob(workflows[key]).env ?? {};
      expect(Object.keys(env).sort()).toEqual(configVariables);
      for (const [name, value] of Object.entries(env)) expect(value).toBe(`\${{ secrets.${name} }}`);
    },
  );

  it("plans on pull requests that touch trunks.yaml, in one comment found by a hidden marker", () => {
    const { pr } = workflows;
    expect(pr.on).toEqual({ pull_request: { paths: ["trunks.yaml"] } });
    expect(pr.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    const script = onlyJob(pr).steps.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script;
    expect(script).toContain('const marker = "<!-- trunksync-plan -->";');
  });

  it("applies on pushes to main that touch trunks.yaml, one run at a time and never cancelled midway", () => {
    const { apply } = workflows;
    expect(apply.on).toEqual({ push: { branches: ["main"], paths: ["trunks.yaml"] } });
    expect(apply.concurrency).toEqual({ group: "trunksync-apply", "cancel-in-progress": false });
    expect(apply.permissions).toEqual({ contents: "read" });
  });

  it("checks drift nightly on a cron, and on demand, with one issue found by a hidden marker", () => {
    const { drift } = workflows;
    const schedule = drift.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    expect(schedule[0]?.cron).toMatch(/^\d{1,2} \d{1,2} \* \* \*$/);
    expect(drift.on).toHaveProperty("workflow_dispatch");
    expect(drift.permissions).toEqual({ contents: "read", issues: "write" });
    const script = onlyJob(drift).steps.find((s) => s.uses?.startsWith("actions/github-script@"))?.with
      ?.script;
    expect(script).toContain('const marker = "<!-- trunksync-drift -->";');
  });
});

describe("the workflows, run in the order a repository sees them, against the emulator", () => {
  const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "file" });
  let runner: Runner;

  beforeAll(async () => {
    const { emulator, dir } = workspace;
    runner = await makeRunner(dir, SECRETS);
    // The checked-out repository: examples/trunks.yaml, comments kept, its providers on the emulator.
    const doc = parseDocument(await readFile(join(REPO_ROOT, "examples", "trunks.yaml"), "utf8"));
    for (const name of ["vobiz-prod", "videosdk"]) doc.setIn(["providers", name, "baseUrl"], emulator.url);
    await writeFile(join(runner.repo, "trunks.yaml"), doc.toString());
  });

  const step = (job: JobResult, name: string) => {
    const found = job.steps.find((s) => s.name === name);
    if (!found) throw new Error(`no step "${name}" in ${job.steps.map((s) => s.name).join(", ")}`);
    return found;
  };
  const ran = (job: JobResult) => job.steps.filter((s) => s.skipped === undefined).map((s) => s.name);
  const puts = () => workspace.emulator.requests.filter((r) => r.method === "PUT");
  const readRepo = (file: string) => readFile(join(runner.repo, file), "utf8");
  /** The trunk step 6 deletes "in the console", for step 7 to put back. */
  let deletedBackup: ReturnType<ReturnType<typeof demoVobizTrunks>["get"]>;

  it("1. a pull request: validate passes, plan shows the changes in one sticky comment, writes nothing", async () => {
    const first = await runJob(runner, onlyJob(workflows.pr), "pr-1");
    expect(first.success).toBe(true);
    expect(ran(first)).toEqual(["Validate", "Plan", "Post or update the plan comment"]);
    expect(step(first, "Validate").stdout).toContain("trunks.yaml is valid");
    expect(first.outputs.plan).toEqual({ exitcode: "2" });
    const plan = await readRepo("plan.md");
    expect(plan).toMatch(/^## trunksync plan\n/);
    expect(plan).toContain("**Plan: 2 to update, 2 unchanged, 0 errors.**");
    expect(plan).toContain(`<code>vobiz-prod/${VOBIZ_ACME}</code> Acme Production Trunk: 1 field`);
    expect(plan).toContain(`<code>videosdk/${SIP_INBOUND}</code> Twilio inbound: 1 field`);
    expect(plan).not.toContain(SECRETS.TWILIO_SIP_PASSWORD);
    expect(step(first, "Fail on plan errors").skipped).toBe("if: steps.plan.outputs.exitcode == '1'");

    // A second push to the pull request updates the same comment instead of adding one.
    const second = await runJob(runner, onlyJob(workflows.pr), "pr-2");
    expect(second.success).toBe(true);
    const { comments } = await readGithub(runner);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(`<!-- trunksync-plan -->\n${plan}`);
    expect(comments[0]?.body.length).toBeLessThan(65_536);
    expect(puts()).toEqual([]);
  });

  it("2. the merge: apply changes the two trunks and reports them in the job summary", async () => {
    const job = await runJob(runner, onlyJob(workflows.apply), "apply");
    expect(job.success).toBe(true);
    expect(ran(job)).toEqual(["Validate", "Apply"]);
    const apply = step(job, "Apply");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Apply: 2 applied, 2 unchanged, 0 failed, 0 skipped.");
    expect(apply.summary).toMatch(/^## trunksync apply\n/);
    expect(apply.summary).toContain("2 applied, 2 unchanged, 0 failed, 0 skipped");
    expect(apply.summary).toContain(`| vobiz-prod | ${VOBIZ_ACME} | applied |`);
    expect(
      puts()
        .map((r) => r.route)
        .sort(),
    ).toEqual(["videosdk.update", "vobiz.update"]);
    expect(
      workspace.emulator.state.videosdk.get("demo-videosdk-key")?.trunks.get(SIP_INBOUND)?.auth.password,
    ).toBe(SECRETS.TWILIO_SIP_PASSWORD);
  });

  it("3. the nightly check: in sync, no issue", async () => {
    const job = await runJob(runner, onlyJob(workflows.drift), "drift-1");
    expect(job.success).toBe(true);
    expect(job.outputs.drift).toEqual({ exitcode: "0" });
    expect(await readRepo("drift.md")).toContain("No drift. Remote trunks match trunks.yaml.");
    expect(step(job, "Check drift").summary).toContain("**Drift: 0 drifted, 4 in sync, 0 errors.**");
    expect((await readGithub(runner)).issues).toEqual([]);
  });

  it("4. after a console edit: drift opens one issue naming the trunk and field, and updates it the next night", async () => {
    workspace.emulator.faults.remoteEdit("vobiz", VOBIZ_ACME, { name: "Renamed in the console" });
    const night = await runJob(runner, onlyJob(workflows.drift), "drift-2");
    expect(night.success).toBe(true);
    expect(night.outputs.drift).toEqual({ exitcode: "2" });
    const report = await readRepo("drift.md");
    expect(report).toContain("**Drift: 1 drifted, 3 in sync, 0 errors.**");
    expect(report).toContain(
      "| <code>name</code> | <code>&#34;Renamed in the console&#34;</code> | <code>&#34;Acme Production Trunk&#34;</code> |",
    );
    expect(step(night, "Check drift").summary).toContain("**Drift: 1 drifted, 3 in sync, 0 errors.**");
    expect(ran(night)).toContain("Open, update or close the drift issue");
    expect(step(night, "Fail on errors").skipped).toBeDefined();

    await runJob(runner, onlyJob(workflows.drift), "drift-3");
    const { issues } = await readGithub(runner);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ state: "open", title: "SIP trunks drifted from trunks.yaml" });
    expect(issues[0]?.body).toBe(`<!-- trunksync-drift -->\n${report}`);
  });

  it("5. back in sync: the issue is closed with a comment", async () => {
    workspace.emulator.faults.remoteEdit("vobiz", VOBIZ_ACME, { name: "Acme Production Trunk" });
    const job = await runJob(runner, onlyJob(workflows.drift), "drift-4");
    expect(job.outputs.drift).toEqual({ exitcode: "0" });
    const github = await readGithub(runner);
    expect(github.issues.map((i) => i.state)).toEqual(["closed"]);
    expect(github.comments.filter((c) => c.issue_number === github.issues[0]?.number)).toEqual([
      expect.objectContaining({ body: "Back in sync with trunks.yaml." }),
    ]);
  });

  it("6. a trunk deleted in the console while another drifted: the job fails, and the issue shows both", async () => {
    workspace.emulator.faults.remoteEdit("vobiz", VOBIZ_ACME, { name: "Renamed again" });
    const trunks = demoVobizTrunks(workspace.emulator);
    deletedBackup = trunks.get(VOBIZ_BACKUP);
    trunks.delete(VOBIZ_BACKUP);
    const job = await runJob(runner, onlyJob(workflows.drift), "drift-5");
    expect(job.outputs.drift).toEqual({ exitcode: "1" });
    expect(job.success).toBe(false);
    expect(step(job, "Fail on errors").code).toBe(1);
    expect(step(job, "Fail on errors").stdout).toContain("::error::trunksync drift failed (exit 1)");

    const report = await readRepo("drift.md");
    expect(report).toContain("**Drift: 1 drifted, 2 in sync, 1 error.**");
    expect(report).toContain(`<code>vobiz-prod/${VOBIZ_ACME}</code> Acme Production Trunk: 1 field`);
    expect(report).toMatch(
      new RegExp(`<code>vobiz-prod/${VOBIZ_BACKUP}</code> Acme Backup Trunk: \\*\\*not-found\\*\\*`),
    );
    const { issues } = await readGithub(runner);
    // The issue closed last night stays closed; a new one tells of the failure, with the drift found.
    expect(issues.map((i) => [i.title, i.state])).toEqual([
      ["SIP trunks drifted from trunks.yaml", "closed"],
      ["SIP trunk drift check failed", "open"],
    ]);
    expect(issues[1]?.body).toBe(
      "<!-- trunksync-drift -->\n" +
        "> [!CAUTION]\n" +
        "> **The drift check failed** (trunksync exit 1): the report below may be incomplete; " +
        "see [the job log](https://github.com/acme/trunks/actions/runs/4242).\n\n" +
        report,
    );
  });

  it("7. the next night with only drift: the same issue now reports the drift, and the job passes", async () => {
    if (!deletedBackup) throw new Error("step 6 did not delete the backup trunk");
    demoVobizTrunks(workspace.emulator).set(VOBIZ_BACKUP, deletedBackup);
    const job = await runJob(runner, onlyJob(workflows.drift), "drift-6");
    expect(job.outputs.drift).toEqual({ exitcode: "2" });
    expect(job.success).toBe(true);
    expect(step(job, "Fail on errors").skipped).toBeDefined();
    const { issues } = await readGithub(runner);
    expect(issues.filter((i) => i.state === "open")).toEqual([
      expect.objectContaining({
        title: "SIP trunks drifted from trunks.yaml",
        body: `<!-- trunksync-drift -->\n${await readRepo("drift.md")}`,
      }),
    ]);
  });

  it("8. a broken secret: the drift job fails, and an issue says so with the errors", async () => {
    const broken = await makeRunner(join(workspace.dir, "broken"), {
      ...SECRETS,
      VOBIZ_AUTH_TOKEN: "revoked",
    });
    await writeFile(join(broken.repo, "trunks.yaml"), await readRepo("trunks.yaml"));
    const job = await runJob(broken, onlyJob(workflows.drift), "drift-broken");
    expect(job.outputs.drift).toEqual({ exitcode: "1" });
    expect(job.success).toBe(false);
    expect(step(job, "Open, update or close the drift issue").code).toBe(0);
    expect(step(job, "Fail on errors").code).toBe(1);
    // The report, errors included, is in the job summary; the Markdown escapes the hint's punctuation.
    const summary = step(job, "Check drift").summary;
    expect(summary).toContain("**Drift: 0 drifted, 1 in sync, 3 errors.**");
    expect(summary).toContain("401 Unauthorized");
    expect(summary).toContain("VOBIZ&#95;AUTH&#95;ID, VOBIZ&#95;AUTH&#95;TOKEN");
    expect(summary).not.toContain("revoked");
    const { issues } = await readGithub(broken);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ state: "open", title: "SIP trunk drift check failed" });
    expect(issues[0]?.body).toContain("**The drift check failed** (trunksync exit 1)");
    expect(issues[0]?.body).toContain("401 Unauthorized");
    expect(issues[0]?.body).not.toContain("revoked");
  });

  it("9. a trunks.yaml that does not load: the issue says the check stopped before comparing", async () => {
    const invalid = await makeRunner(join(workspace.dir, "invalid"), SECRETS);
    await writeFile(
      join(invalid.repo, "trunks.yaml"),
      "version: 1\nproviders: {}\ntrunks: []\nextra: true\n",
    );
    const job = await runJob(invalid, onlyJob(workflows.drift), "drift-invalid");
    expect(job.outputs.drift).toEqual({ exitcode: "1" });
    expect(job.success).toBe(false);
    expect(step(job, "Check drift").stderr).toMatch(/trunks\.yaml:\d+:\d+: /);
    const { issues } = await readGithub(invalid);
    expect(issues[0]?.body).toContain(
      "_No report: trunksync stopped before comparing (e.g. an invalid trunks.yaml)._",
    );
  });
});
