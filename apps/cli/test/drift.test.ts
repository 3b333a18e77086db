// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Plan } from "@trunksync/core";
import { DEFAULT_SEED, startEmulator } from "@trunksync/emulator";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import {
  demoVobizTrunks,
  SIP_INBOUND,
  SIP_OUTBOUND,
  VOBIZ_ACME,
  VOBIZ_BACKUP,
  VOBIZ_SUPPORT,
} from "./helpers/seed-trunks.js";
import { type ProviderTrunk, twoProviderConfig } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

/** trunks.yaml in sync with DEFAULT_SEED, Vobiz support trunk left undeclared (unmanaged). */
const IN_SYNC: ProviderTrunk[] = [
  {
    provider: "vobiz",
    id: VOBIZ_ACME,
    name: "Acme Production Trunk",
    max_concurrent_calls: 10,
    enabled: true,
  },
  { provider: "vobiz", id: VOBIZ_BACKUP, name: "Acme Backup Trunk", enabled: false },
  {
    provider: "videosdk",
    id: SIP_INBOUND,
    name: "Twilio inbound",
    numbers: ["+14155550100"],
    auth: { username: "acme", password: "${env:SIP_PASSWORD}" },
  },
  { provider: "videosdk", id: SIP_OUTBOUND, direction: "outbound" },
];
const SIP_PASSWORD = "demo-sip-password";

const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });
let summary: string;

beforeEach(async () => {
  summary = join(workspace.dir, "summary.md");
  await writeText(workspace.dir, "trunks.yaml", twoProviderConfig(workspace.emulator.url, IN_SYNC));
});

const drift = (args: string[] = [], env: Record<string, string> = {}) =>
  runCli(["drift", ...args], { cwd: workspace.dir, env: { SIP_PASSWORD, ...env } });

/** Console edits behind git's back: a name, a call limit, a number and the SIP password. */
function editRemotely() {
  workspace.emulator.faults.remoteEdit("vobiz", VOBIZ_ACME, {
    name: "Console edit",
    concurrent_calls_limit: 99,
  });
  workspace.emulator.faults.remoteEdit("videosdk", SIP_INBOUND, {
    numbers: ["+14155550100", "+14155550177"],
    auth: { username: "acme", password: "console-password" },
  });
}

describe("trunksync drift exit codes", () => {
  it("exits 0 and says so when every trunk matches trunks.yaml, sending only GETs", async () => {
    const { code, stdout, stderr } = await drift();
    expect(code).toBe(0);
    expect(stdout).toContain("No drift. Remote trunks match trunks.yaml.");
    expect(stdout).toContain("Drift: 0 drifted, 4 in sync, 0 errors.");
    expect(stderr).toBe("");
    expect(workspace.emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("exits 2 after a remote edit, naming each drifted trunk and field with the remote value before git's", async () => {
    editRemotely();
    const { code, stdout } = await drift();
    expect(code).toBe(2);
    expect(stdout).toMatch(/^Each drifted field shows: remote value → value in trunks\.yaml\.\n/);
    expect(stdout).toContain(
      [
        `~ videosdk/${SIP_INBOUND} (Twilio inbound)`,
        "    ~ auth.password: (sensitive value changed)",
        '    ~ numbers: ["+14155550100","+14155550177"] → ["+14155550100"]',
        "",
        `~ vobiz/${VOBIZ_ACME} (Acme Production Trunk)`,
        "    ~ max_concurrent_calls: 99 → 10",
        `    ~ name: "Console edit" → "Acme Production Trunk"`,
      ].join("\n"),
    );
    expect(stdout).toContain(`vobiz: 1 unmanaged trunk (not in trunks.yaml): ${VOBIZ_SUPPORT}`);
    expect(stdout).toContain("Drift: 2 drifted, 2 in sync, 0 errors.");
    expect(stdout).not.toContain("console-password");
    expect(stdout).not.toContain(SIP_PASSWORD);
    expect(workspace.emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it.each([
    {
      why: "the provider answers 401",
      setup: () => ({ VOBIZ_AUTH_TOKEN: "wrong-token" }),
      expected: /VOBIZ_AUTH_TOKEN/,
    },
    {
      why: "a declared trunk is gone",
      setup: () => {
        demoVobizTrunks(workspace.emulator).delete(VOBIZ_BACKUP);
        return {};
      },
      expected: new RegExp(`! vobiz/${VOBIZ_BACKUP} \\(Acme Backup Trunk\\)\\n +not-found`),
    },
  ])("exits 1 when $why, and still reports the drift it found elsewhere", async ({ setup, expected }) => {
    editRemotely();
    const { code, stdout } = await drift([], setup());
    expect(code).toBe(1);
    expect(stdout).toMatch(expected);
    expect(stdout).toContain(
      `~ videosdk/${SIP_INBOUND} (Twilio inbound)\n    ~ auth.password: (sensitive value changed)`,
    );
    expect(stdout).toMatch(/^Drift: [12] drifted, \d in sync, \d errors?\.$/m);
  });

  it.each<{ why: string; yaml?: string; env: Record<string, string> }>([
    { why: "trunks.yaml is invalid", yaml: "version: 1\nproviders: {}\ntrunks: []\nextra: true\n", env: {} },
    { why: "a variable it names is unset", env: { VOBIZ_AUTH_TOKEN: "" } },
  ])("exits 1 before any request when $why", async ({ yaml, env }) => {
    if (yaml !== undefined) await writeText(workspace.dir, "trunks.yaml", yaml);
    const { code, stdout, stderr } = await drift([], env);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/trunks\.yaml:\d+:\d+: /);
    expect(workspace.emulator.requests).toEqual([]);
  });
});

describe("trunksync drift output", () => {
  it("does not repeat, without --verbose, that a provider cannot list trunks; JSON and --verbose keep it", async () => {
    const unlisted = "videosdk: unmanaged report unavailable (the videosdk trunk API cannot list trunks)";
    for (const format of ["text", "markdown"]) {
      const quiet = await drift(["--format", format], { GITHUB_STEP_SUMMARY: summary });
      expect(quiet.code).toBe(0);
      expect(quiet.stdout).not.toContain("unmanaged report unavailable");
      expect(quiet.stderr).toBe("");
      // Listed unmanaged trunks are drift's news, and stay.
      expect(quiet.stdout).toContain(`vobiz: 1 unmanaged trunk (not in trunks.yaml): ${VOBIZ_SUPPORT}`);
      const verbose = await drift(["--format", format, "--verbose"]);
      expect(verbose.stdout).toContain(unlisted);
    }
    expect(await readFile(summary, "utf8")).not.toContain("unmanaged report unavailable");
    const plan = JSON.parse((await drift(["--format", "json"])).stdout) as Plan;
    expect(plan.unmanaged).toContainEqual({
      provider: "videosdk",
      providerType: "videosdk",
      supported: false,
      count: 0,
      ids: [],
    });
  });

  it("prints the plan as JSON with --format json", async () => {
    editRemotely();
    const { code, stdout } = await drift(["--format", "json"]);
    expect(code).toBe(2);
    const plan = JSON.parse(stdout) as Plan;
    expect(plan.summary).toEqual({ update: 2, noop: 2, error: 0 });
    expect(stdout).not.toContain("console-password");
  });

  it("prints Markdown with --format markdown, saying which column is remote", async () => {
    editRemotely();
    const { code, stdout } = await drift(["--format", "markdown"]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^## trunksync drift\n/);
    expect(stdout).toContain("**Drift: 2 drifted, 2 in sync, 0 errors.**");
    expect(stdout).toContain(
      "| <code>name</code> | <code>&#34;Console edit&#34;</code> | <code>&#34;Acme Production Trunk&#34;</code> |",
    );
    expect(stdout).toContain(
      "| <code>auth.password</code> | <em>(sensitive)</em> | <em>(sensitive value changed)</em> |",
    );
    expect(stdout).toContain("### Unmanaged trunks");
    expect(stdout).toContain("| field | remote | trunks.yaml |");
  });
});

describe("trunksync drift in GitHub Actions", () => {
  it("appends the Markdown report to GITHUB_STEP_SUMMARY, keeping what was there, on every run", async () => {
    await writeFile(summary, "# Earlier step output\n");
    const env = { GITHUB_STEP_SUMMARY: summary };
    expect((await drift([], env)).code).toBe(0);
    editRemotely();
    const { code, stdout } = await drift([], env);
    expect(code).toBe(2);

    const text = await readFile(summary, "utf8");
    expect(text.startsWith("# Earlier step output\n## trunksync drift\n")).toBe(true);
    expect(text.indexOf("No drift. Remote trunks match trunks.yaml.")).toBeLessThan(
      text.indexOf("**Drift: 2 drifted, 2 in sync, 0 errors.**"),
    );
    expect(text).toContain(
      "| <code>name</code> | <code>&#34;Console edit&#34;</code> | <code>&#34;Acme Production Trunk&#34;</code> |",
    );
    expect(text).not.toContain("console-password");
    // stdout keeps its own format; the summary is always Markdown.
    expect(stdout).not.toContain("## trunksync drift");
  });

  it("warns, and still reports drift, when the job summary cannot be written", async () => {
    editRemotely();
    const { code, stdout, stderr } = await drift([], {
      GITHUB_STEP_SUMMARY: join(workspace.dir, "missing", "summary.md"),
    });
    expect(code).toBe(2);
    expect(stdout).toContain("Drift: 2 drifted");
    expect(stderr).toContain("warning: could not append to the job summary (GITHUB_STEP_SUMMARY):");
  });

  it("caps a huge report well under GitHub's 1 MiB and says how many trunks it left out", async () => {
    const big = await startEmulator({ seed: DEFAULT_SEED, generate: 500 });
    try {
      const trunks = [...demoVobizTrunks(big).values()];
      // Every trunk renamed in git to a 250-character name: about 650 characters of report per trunk.
      await writeText(
        workspace.dir,
        "trunks.yaml",
        twoProviderConfig(
          big.url,
          trunks.map((t, i) => ({
            provider: "vobiz",
            id: t.trunk_id,
            name: `${i} ${"long-name ".repeat(25)}`,
          })),
        ),
      );
      const { code, stdout } = await drift(["--format", "markdown"], { GITHUB_STEP_SUMMARY: summary });
      expect(code).toBe(2);
      expect(stdout.length).toBeLessThanOrEqual(65_000);

      const bytes = (await stat(summary)).size;
      expect(bytes).toBeLessThanOrEqual(900_000);
      expect(bytes).toBeGreaterThan(200_000);
      const text = await readFile(summary, "utf8");
      const hidden = Number(/_… (\d+) more trunks not shown/.exec(text)?.[1]);
      const shown = text.split("<details>").length - 1;
      expect(hidden).toBeGreaterThan(0);
      expect(shown + hidden).toBe(503);
      expect(text).toContain("**Drift: 503 drifted, 0 in sync, 0 errors.**");
    } finally {
      await big.close();
    }
  });
});
