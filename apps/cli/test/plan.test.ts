// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FieldChange, Plan } from "@trunksync/core";
import { DEFAULT_SEED, type RequestRecord } from "@trunksync/emulator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsPlugin, { type FormatsPlugin } from "ajv-formats";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import {
  demoVobizTrunks,
  GHOST_SIP,
  GHOST_VOBIZ,
  SIP_INBOUND,
  SIP_INBOUND_FIELDS,
  SIP_OUTBOUND,
  VOBIZ_ACME,
  VOBIZ_BACKUP,
} from "./helpers/seed-trunks.js";
import { type ProviderTrunk, twoProviderConfig } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

// The seed's 3 Vobiz trunks plus generated ones: 250 on the account, so a full read is 3 list pages.
const GENERATED = 247;
const SIP_ENV = { SIP_PASSWORD: "demo-sip-password" };

// ajv-formats' default export is typed for CommonJS interop; under NodeNext it needs the cast.
const addFormats = addFormatsPlugin as unknown as FormatsPlugin;
const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
addFormats(ajv, ["date-time"]);
const validatePlan = ajv.compile(
  JSON.parse(
    readFileSync(fileURLToPath(new URL("../../../schemas/plan.schema.json", import.meta.url)), "utf8"),
  ),
);

const workspace = useEmulatorWorkspace({
  emulator: { seed: DEFAULT_SEED, generate: GENERATED },
  per: "file",
});
beforeEach(() => workspace.emulator.resetStats());
afterEach(() => workspace.emulator.faults.clear());

const writeConfig = (trunks: readonly ProviderTrunk[], blocks?: Parameters<typeof twoProviderConfig>[2]) =>
  writeText(workspace.dir, "trunks.yaml", twoProviderConfig(workspace.emulator.url, trunks, blocks));
const plan = (args: string[] = [], env: Record<string, string> = {}) =>
  runCli(["plan", ...args], { cwd: workspace.dir, env: { ...SIP_ENV, ...env } });
const jsonPlan = async (args: string[] = []) => {
  const result = await plan(["--format", "json", ...args]);
  return { ...result, plan: JSON.parse(result.stdout) as Plan };
};
const routes = (records: readonly RequestRecord[] = workspace.emulator.requests) =>
  records.map((r) => r.route);
const vobizTrunks = () => [...demoVobizTrunks(workspace.emulator).values()];

const sipAuth = { username: "acme", password: "${env:SIP_PASSWORD}" };

describe("trunksync plan: one change per drifted field, none for equal values", () => {
  it.each<{ rule: string; trunk: ProviderTrunk; expected: FieldChange[] }>([
    {
      rule: "Vobiz name",
      trunk: { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
      expected: [{ path: "name", before: "Acme Production Trunk", after: "Acme Renamed" }],
    },
    {
      rule: "Vobiz max_concurrent_calls (read back as concurrent_calls_limit)",
      trunk: { provider: "vobiz", id: VOBIZ_ACME, max_concurrent_calls: 25 },
      expected: [{ path: "max_concurrent_calls", before: 10, after: 25 }],
    },
    {
      rule: "Vobiz enabled (read back as trunk_status active)",
      trunk: { provider: "vobiz", id: VOBIZ_ACME, enabled: false },
      expected: [{ path: "enabled", before: true, after: false }],
    },
    {
      rule: "Vobiz enabled (read back as trunk_status inactive)",
      trunk: { provider: "vobiz", id: VOBIZ_BACKUP, enabled: true },
      expected: [{ path: "enabled", before: false, after: true }],
    },
    {
      rule: "VideoSDK name",
      trunk: { provider: "videosdk", id: SIP_INBOUND, name: "Twilio in" },
      expected: [{ path: "name", before: "Twilio inbound", after: "Twilio in" }],
    },
    {
      rule: "VideoSDK domain",
      trunk: { provider: "videosdk", id: SIP_INBOUND, domain: "acme2.pstn.twilio.com" },
      expected: [{ path: "domain", before: "acme.pstn.twilio.com", after: "acme2.pstn.twilio.com" }],
    },
    {
      rule: "VideoSDK direction",
      trunk: { provider: "videosdk", id: SIP_INBOUND, direction: "outbound" },
      expected: [{ path: "direction", before: "inbound", after: "outbound" }],
    },
    {
      rule: "VideoSDK numbers (one added)",
      trunk: { provider: "videosdk", id: SIP_INBOUND, numbers: ["+14155550100", "+14155550199"] },
      expected: [{ path: "numbers", before: ["+14155550100"], after: ["+14155550100", "+14155550199"] }],
    },
    {
      rule: "VideoSDK auth.username",
      trunk: { provider: "videosdk", id: SIP_INBOUND, auth: { ...sipAuth, username: "acme2" } },
      expected: [{ path: "auth.username", before: "acme", after: "acme2" }],
    },
    {
      rule: "VideoSDK auth.password, without either value",
      trunk: { provider: "videosdk", id: SIP_INBOUND, auth: { ...sipAuth, password: "${env:NEW_PASSWORD}" } },
      expected: [{ path: "auth.password", sensitive: true }],
    },
    {
      rule: "every field of a Vobiz trunk at once, in path order",
      trunk: { provider: "vobiz", id: VOBIZ_ACME, name: "X", max_concurrent_calls: 1, enabled: false },
      expected: [
        { path: "enabled", before: true, after: false },
        { path: "max_concurrent_calls", before: 10, after: 1 },
        { path: "name", before: "Acme Production Trunk", after: "X" },
      ],
    },
  ])("$rule", async ({ trunk, expected }) => {
    await writeConfig([trunk]);
    const result = await runCli(["plan", "--format", "json"], {
      cwd: workspace.dir,
      env: { ...SIP_ENV, NEW_PASSWORD: "a-new-password" },
    });
    expect(result.code).toBe(0);
    const changes = (JSON.parse(result.stdout) as Plan).changes;
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ provider: trunk.provider, id: trunk.id, action: "update" });
    expect(changes[0]?.action === "update" && changes[0].changes).toEqual(expected);
  });

  it.each<{ rule: string; trunk: ProviderTrunk }>([
    {
      rule: "a Vobiz trunk whose every field equals the remote",
      trunk: {
        provider: "vobiz",
        id: VOBIZ_ACME,
        name: "Acme Production Trunk",
        max_concurrent_calls: 10,
        enabled: true,
      },
    },
    {
      rule: "a disabled Vobiz trunk declared disabled",
      trunk: { provider: "vobiz", id: VOBIZ_BACKUP, enabled: false },
    },
    {
      rule: "a VideoSDK trunk whose every field equals the remote",
      trunk: {
        provider: "videosdk",
        id: SIP_INBOUND,
        ...SIP_INBOUND_FIELDS,
        auth: sipAuth,
      },
    },
    {
      rule: "VideoSDK numbers in another order",
      trunk: { provider: "videosdk", id: SIP_OUTBOUND, numbers: ["+14155550102", "+14155550101"] },
    },
    {
      rule: "a VideoSDK domain in other letter case",
      trunk: { provider: "videosdk", id: SIP_INBOUND, domain: "ACME.pstn.Twilio.com" },
    },
  ])("no change for $rule", async ({ trunk }) => {
    await writeConfig([trunk]);
    const { code, stdout } = await plan(["--detailed-exitcode"]);
    expect(code).toBe(0);
    expect(stdout).toContain("No changes. Remote trunks match trunks.yaml.");
    expect(stdout).toContain("Plan: 0 to update, 1 unchanged, 0 errors.");
  });

  it("renders the changes as text for a terminal, Terraform-style", async () => {
    await writeConfig([
      { provider: "vobiz", id: VOBIZ_ACME, max_concurrent_calls: 25 },
      { provider: "videosdk", id: SIP_INBOUND, auth: { ...sipAuth, password: "${env:NEW_PASSWORD}" } },
    ]);
    const { code, stdout } = await plan([], { NEW_PASSWORD: "a-new-password" });
    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        `~ videosdk/${SIP_INBOUND} (Twilio inbound)`,
        "    ~ auth.password: (sensitive value changed)",
        "",
        `~ vobiz/${VOBIZ_ACME} (Acme Production Trunk)`,
        "    ~ max_concurrent_calls: 10 → 25",
      ].join("\n"),
    );
    expect(stdout).toContain("Plan: 2 to update, 0 unchanged, 0 errors.");
  });
});

describe("trunksync plan reads, never writes, and reads no more than it needs", () => {
  it("sends no PUT (nor anything but GET) in any format or with --out", async () => {
    await writeConfig([
      { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
      { provider: "videosdk", id: SIP_INBOUND, name: "Twilio in" },
    ]);
    for (const args of [[], ["--format", "markdown"], ["--format", "json"], ["--out", "plan.json"]]) {
      expect((await plan(args)).code).toBe(0);
    }
    expect(workspace.emulator.requests.length).toBeGreaterThan(0);
    expect(workspace.emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("reads 250 declared Vobiz trunks with exactly 3 list pages of 100, not 250 GETs", async () => {
    const all = vobizTrunks();
    expect(all).toHaveLength(250);
    await writeConfig(all.map((t) => ({ provider: "vobiz", id: t.trunk_id, name: t.name })));
    const { code, plan: made } = await jsonPlan();
    expect(code).toBe(0);
    expect(made.summary).toEqual({ update: 0, noop: 250, error: 0 });
    expect(routes()).toEqual(["vobiz.list", "vobiz.list", "vobiz.list"]);
    expect(
      workspace.emulator.requests.map((r) => r.query).sort((a, b) => Number(a.offset) - Number(b.offset)),
    ).toEqual([
      { limit: "100", offset: "0" },
      { limit: "100", offset: "100" },
      { limit: "100", offset: "200" },
    ]);
  });

  it("reports the account's trunks that trunks.yaml does not declare", async () => {
    await writeConfig([{ provider: "vobiz", id: VOBIZ_ACME, name: "Acme Production Trunk" }]);
    const { plan: made, stdout } = await jsonPlan();
    const vobiz = made.unmanaged.find((u) => u.provider === "vobiz");
    expect(vobiz?.count).toBe(249);
    expect(vobiz?.ids).toContain(VOBIZ_BACKUP);
    expect(made.unmanaged.find((u) => u.provider === "videosdk")?.supported).toBe(false);
    expect(stdout).toContain('"count": 249');
  });
});

describe("trunksync plan through provider trouble", () => {
  it("retries injected 503s and still plans every trunk", async () => {
    workspace.emulator.faults.next(2, "fail", { status: 503, route: "vobiz.list" });
    workspace.emulator.faults.next(1, "fail", { status: 503, route: "videosdk.get" });
    await writeConfig([
      { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
      { provider: "videosdk", id: SIP_INBOUND, name: "Twilio in" },
    ]);
    const { code, plan: made } = await jsonPlan();
    expect(code).toBe(0);
    expect(made.summary).toEqual({ update: 2, noop: 0, error: 0 });
    const statuses = (route: string) =>
      workspace.emulator.requests.filter((r) => r.route === route).map((r) => r.status);
    expect(statuses("vobiz.list").filter((s) => s === 503)).toHaveLength(2);
    expect(statuses("vobiz.list").filter((s) => s === 200)).toHaveLength(3);
    expect(statuses("videosdk.get")).toEqual([503, 200]);
  });

  it("waits as long as a 429's Retry-After asks, then succeeds", async () => {
    // One request per second per credential: of the two reads sent together, one is told to come back in 1 s.
    workspace.emulator.faults.set({ rateLimit: 1 }, "videosdk.get");
    await writeConfig([
      { provider: "videosdk", id: SIP_INBOUND, name: "Twilio inbound" },
      { provider: "videosdk", id: SIP_OUTBOUND, name: "Twilio outbound" },
    ]);
    const { code, plan: made } = await jsonPlan();
    expect(code).toBe(0);
    expect(made.summary).toEqual({ update: 0, noop: 2, error: 0 });
    const limited = workspace.emulator.requests.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    const retry = workspace.emulator.requests.find((r) => r.path === limited[0]?.path && r.status === 200);
    expect((retry?.startedAt ?? 0) - (limited[0]?.startedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it.each<{ provider: string; env: Record<string, string>; vars: string }>([
    { provider: "vobiz", env: { VOBIZ_AUTH_TOKEN: "wrong-token" }, vars: "VOBIZ_AUTH_ID, VOBIZ_AUTH_TOKEN" },
    {
      provider: "videosdk",
      env: { VIDEOSDK_SECRET: "wrong-secret" },
      vars: "VIDEOSDK_API_KEY, VIDEOSDK_SECRET",
    },
  ])(
    "fails fast on a permanent 401 from $provider, naming its block and variables, and still plans the other provider",
    async ({ provider, env, vars }) => {
      await writeConfig([
        { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
        { provider: "videosdk", id: SIP_INBOUND, name: "Twilio in" },
      ]);
      const { code, stdout } = await plan([], env);
      expect(code).toBe(1);
      expect(stdout).toContain(`check the credentials of provider block "${provider}" (${vars})`);
      expect(stdout).toContain("Plan: 1 to update, 0 unchanged, 1 error.");
      expect(stdout).not.toContain("wrong-");
      // No retry of a 401: one request, then the error.
      expect(workspace.emulator.requests.filter((r) => r.status === 401)).toHaveLength(1);
      expect(workspace.emulator.requests.filter((r) => r.route.startsWith(provider))).toHaveLength(1);
    },
  );

  it("reports a trunk missing at its provider as that trunk's error and plans the others", async () => {
    await writeConfig([
      { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
      { provider: "vobiz", id: GHOST_VOBIZ, name: "Ghost" },
      { provider: "videosdk", id: GHOST_SIP, name: "Ghost" },
      { provider: "videosdk", id: SIP_INBOUND, name: "Twilio in" },
    ]);
    const { code, stdout, stderr } = await plan();
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout).toMatch(new RegExp(`! vobiz/${GHOST_VOBIZ} \\(Ghost\\)\\n +not-found: `));
    expect(stdout).toMatch(new RegExp(`! videosdk/${GHOST_SIP} \\(Ghost\\)\\n +not-found: `));
    expect(stdout).toContain(`~ vobiz/${VOBIZ_ACME} (Acme Renamed)`);
    expect(stdout).toContain(`~ videosdk/${SIP_INBOUND} (Twilio in)`);
    expect(stdout).toContain("Plan: 2 to update, 0 unchanged, 2 errors.");
  });
});

describe("trunksync plan exit codes and output", () => {
  it.each([
    { when: "nothing changes", name: "Acme Production Trunk", args: ["--detailed-exitcode"], code: 0 },
    { when: "something changes", name: "Acme Renamed", args: ["--detailed-exitcode"], code: 2 },
    { when: "something changes, without --detailed-exitcode", name: "Acme Renamed", args: [], code: 0 },
  ])("exits $code when $when", async ({ name, args, code }) => {
    await writeConfig([{ provider: "vobiz", id: VOBIZ_ACME, name }]);
    expect((await plan(args)).code).toBe(code);
  });

  it("exits 1 with --detailed-exitcode when a trunk has an error, even beside changes", async () => {
    await writeConfig([
      { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
      { provider: "vobiz", id: GHOST_VOBIZ, name: "Ghost" },
    ]);
    expect((await plan(["--detailed-exitcode"])).code).toBe(1);
  });

  it("exits 1 for an invalid trunks.yaml, naming the file and line, before any request", async () => {
    await writeText(
      workspace.dir,
      "trunks.yaml",
      "version: 1\nproviders: {}\ntrunks:\n  - provider: nope\n    id: x\n",
    );
    const { code, stderr } = await plan();
    expect(code).toBe(1);
    expect(stderr).toMatch(/trunks\.yaml:4:\d+: /);
    expect(workspace.emulator.requests).toEqual([]);
  });

  it.each([
    { out: "trunks.yaml", message: "--out trunks.yaml is the config file" },
    { out: "./sub/../trunks.yaml", message: "--out ./sub/../trunks.yaml is the config file" },
    { out: "-", message: "--out -: the plan is already printed on stdout" },
  ])("refuses --out $out before any request, leaving trunks.yaml as it was", async ({ out, message }) => {
    await writeConfig([{ provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const before = await readFile(join(workspace.dir, "trunks.yaml"), "utf8");
    const { code, stderr } = await plan(["--out", out]);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(await readFile(join(workspace.dir, "trunks.yaml"), "utf8")).toBe(before);
    expect(workspace.emulator.requests).toEqual([]);
  });

  it("refuses --max-changes abc as a usage error, before any request", async () => {
    await writeConfig([{ provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const { code, stderr } = await plan(["--max-changes", "abc"]);
    expect(code).toBe(1);
    expect(stderr).toContain(`option '--max-changes <n>' argument 'abc' is invalid`);
    expect(stderr).not.toContain("unexpected failure");
    expect(workspace.emulator.requests).toEqual([]);
  });

  it("flags a plan over --max-changes as unsafe but still renders it in full", async () => {
    await writeConfig([
      { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
      { provider: "vobiz", id: VOBIZ_BACKUP, name: "Backup Renamed" },
    ]);
    const { code, stdout } = await plan(["--max-changes", "1"]);
    expect(code).toBe(0);
    expect(stdout).toContain("UNSAFE PLAN: apply will refuse it.");
    expect(stdout).toContain(`~ vobiz/${VOBIZ_BACKUP} (Backup Renamed)`);
  });

  it("writes --out relative to the directory trunksync runs in, owner-only, and says how to apply it", async () => {
    await writeConfig([{ provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const { code, stdout, stderr } = await plan(["--out", "saved-plan.json"]);
    expect(code).toBe(0);
    const file = join(workspace.dir, "saved-plan.json");
    const saved = JSON.parse(await readFile(file, "utf8")) as Plan;
    expect(saved.changes.map((c) => [c.id, c.action])).toEqual([[VOBIZ_ACME, "update"]]);
    expect(validatePlan(saved)).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(stdout).toContain("Plan: 1 to update");
    expect(stderr).toContain(
      "Saved the plan to saved-plan.json. Apply it with: trunksync apply saved-plan.json",
    );
  });

  it("reports an --out it cannot write as an error, not a crash", async () => {
    await writeConfig([{ provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" }]);
    const { code, stderr } = await plan(["--out", "no-such-dir/plan.json"]);
    expect(code).toBe(1);
    expect(stderr).toContain("error: cannot write the plan to no-such-dir/plan.json:");
    expect(stderr).not.toContain("unexpected failure");
  });

  it("prints JSON that validates against schemas/plan.schema.json, with updates, no-ops and errors", async () => {
    await writeConfig([
      { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
      { provider: "vobiz", id: VOBIZ_BACKUP, enabled: false },
      { provider: "vobiz", id: GHOST_VOBIZ, name: "Ghost" },
      { provider: "videosdk", id: SIP_INBOUND, auth: { ...sipAuth, password: "${env:NEW_PASSWORD}" } },
    ]);
    const { code, stdout } = await runCli(["plan", "--format", "json"], {
      cwd: workspace.dir,
      env: { NEW_PASSWORD: "a-new-password" },
    });
    expect(code).toBe(1);
    const made = JSON.parse(stdout) as Plan;
    expect(validatePlan(made), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(made.summary).toEqual({ update: 2, noop: 1, error: 1 });
    expect(made.changes.map((c) => `${c.provider}/${c.id}`)).toEqual([
      `videosdk/${SIP_INBOUND}`,
      `vobiz/${GHOST_VOBIZ}`,
      `vobiz/${VOBIZ_BACKUP}`,
      `vobiz/${VOBIZ_ACME}`,
    ]);
  });

  it("renders Markdown for a pull-request comment", async () => {
    await writeConfig([{ provider: "vobiz", id: VOBIZ_ACME, max_concurrent_calls: 25 }]);
    const { code, stdout } = await plan(["--format", "markdown", "--detailed-exitcode"]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^## trunksync plan\n/);
    expect(stdout).toContain("| vobiz | 1 | 0 | 0 |");
    expect(stdout).toContain(
      "| <code>max&#95;concurrent&#95;calls</code> | <code>10</code> | <code>25</code> |",
    );
  });
});

describe("trunksync plan --provider and --trunk", () => {
  beforeEach(() =>
    writeConfig([
      { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
      { provider: "vobiz", id: VOBIZ_BACKUP, name: "Backup Renamed" },
      { provider: "videosdk", id: SIP_INBOUND, name: "Twilio in" },
    ]),
  );

  it("plans only the named provider block, without a request to the other", async () => {
    const { code, plan: made } = await jsonPlan(["--provider", "videosdk"]);
    expect(code).toBe(0);
    expect(made.changes.map((c) => c.id)).toEqual([SIP_INBOUND]);
    expect(made.filters).toEqual({ providers: ["videosdk"], trunks: [] });
    expect(routes()).toEqual(["videosdk.get"]);
  });

  it("plans only the named trunks, reading each by id instead of listing the account", async () => {
    const { code, plan: made } = await jsonPlan(["--trunk", VOBIZ_BACKUP, "--trunk", SIP_INBOUND]);
    expect(code).toBe(0);
    expect(made.changes.map((c) => c.id)).toEqual([SIP_INBOUND, VOBIZ_BACKUP]);
    expect(routes().sort()).toEqual(["videosdk.get", "vobiz.get"]);
    expect(made.unmanaged).toEqual([]);
  });

  it.each([
    { args: ["--provider", "nope"], message: "--provider nope: no such provider block in" },
    // Names every object has: not a block either, not "no changes".
    { args: ["--provider", "toString"], message: "--provider toString: no such provider block in" },
    { args: ["--provider", "__proto__"], message: "--provider __proto__: no such provider block in" },
    { args: ["--trunk", "nope"], message: "--trunk nope: no trunk with this id in" },
    {
      args: ["--provider", "videosdk", "--trunk", VOBIZ_ACME],
      message: `--trunk ${VOBIZ_ACME}: this trunk is in provider block vobiz, which --provider videosdk does not select; add --provider vobiz or drop --provider`,
    },
  ])("exits 1 for $args before any request", async ({ args, message }) => {
    const { code, stdout, stderr } = await plan(args);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(stdout).toBe("");
    expect(workspace.emulator.requests).toEqual([]);
  });

  it("accepts a --trunk of one of several --provider blocks", async () => {
    const { code, plan: made } = await jsonPlan([
      "--provider",
      "videosdk",
      "--provider",
      "vobiz",
      "--trunk",
      VOBIZ_ACME,
    ]);
    expect(code).toBe(0);
    expect(made.changes.map((c) => c.id)).toEqual([VOBIZ_ACME]);
  });
});

describe("trunksync plan says once that a provider cannot list trunks", () => {
  it.each([
    {
      format: "text",
      line: "videosdk: unmanaged report unavailable (the videosdk trunk API cannot list trunks)",
    },
    {
      format: "markdown",
      line: "- videosdk: unmanaged report unavailable (the videosdk trunk API cannot list trunks)",
    },
  ])("in the footer of its $format, before the summary, and not on stderr", async ({ format, line }) => {
    await writeConfig([{ provider: "videosdk", id: SIP_INBOUND, name: "Twilio in" }]);
    const { code, stdout, stderr } = await plan(["--format", format]);
    expect(code).toBe(0);
    expect(stdout.split(line)).toHaveLength(2);
    expect(stdout.indexOf(line)).toBeGreaterThan(stdout.indexOf(`videosdk/${SIP_INBOUND}`));
    expect(stderr).toBe("");
  });
});

describe("trunksync plan colour", () => {
  const YELLOW = "\u001b[33m";
  const coloured = async (env: Record<string, string>, isTTY = false) => {
    await writeConfig([{ provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" }]);
    // runCli sets NO_COLOR; "" unsets it for these cases, as an empty NO_COLOR means no opinion.
    const { stdout } = await runCli(["plan"], {
      cwd: workspace.dir,
      env: { NO_COLOR: "", ...env },
      stdoutTTY: isTTY,
    });
    return stdout.includes(YELLOW);
  };

  it.each<{ case: string; env: Record<string, string>; tty: boolean; expected: boolean }>([
    { case: "a terminal", env: { TERM: "xterm-256color" }, tty: true, expected: true },
    { case: "a pipe", env: { TERM: "xterm-256color" }, tty: false, expected: false },
    { case: "a terminal with TERM=dumb", env: { TERM: "dumb" }, tty: true, expected: false },
    { case: "a terminal with NO_COLOR=1", env: { NO_COLOR: "1" }, tty: true, expected: false },
    { case: "a pipe with FORCE_COLOR=1", env: { FORCE_COLOR: "1" }, tty: false, expected: true },
    { case: "a pipe with an empty FORCE_COLOR", env: { FORCE_COLOR: "" }, tty: false, expected: true },
    { case: "a pipe with FORCE_COLOR=0", env: { FORCE_COLOR: "0" }, tty: false, expected: false },
    {
      case: "TERM=dumb with FORCE_COLOR=1",
      env: { TERM: "dumb", FORCE_COLOR: "1" },
      tty: false,
      expected: true,
    },
    {
      case: "NO_COLOR=1 with FORCE_COLOR=1",
      env: { NO_COLOR: "1", FORCE_COLOR: "1" },
      tty: true,
      expected: false,
    },
  ])("on $case: $expected", async ({ env, tty, expected }) => {
    expect(await coloured(env, tty)).toBe(expected);
  });

  it("is described in the same words by plan, apply and drift --help and by the README", async () => {
    const words = (text: string) => text.replace(/`/g, "").replace(/\s+/g, " ");
    const readme = words(
      await readFile(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8"),
    );
    for (const command of ["plan", "apply", "drift"]) {
      const { code, stdout } = await runCli([command, "--help"], { cwd: workspace.dir });
      expect(code).toBe(0);
      const rule = /^Colour: [\s\S]*?\.$/m.exec(stdout)?.[0];
      expect(rule).toContain("FORCE_COLOR");
      expect(readme).toContain(words(rule ?? "no colour rule in --help"));
    }
  });
});

describe("trunksync plan --verbose", () => {
  it("prints the timing and each provider's requests and retries on stderr, not stdout", async () => {
    workspace.emulator.faults.next(1, "fail", { status: 503, route: "vobiz.list" });
    await writeConfig([
      { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
      { provider: "videosdk", id: SIP_INBOUND, name: "Twilio in" },
      { provider: "videosdk", id: SIP_OUTBOUND, name: "Twilio out" },
    ]);
    const { code, stdout, stderr } = await plan(["--verbose"]);
    expect(code).toBe(0);
    const lines = stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^planned 3 trunks in \d+ ms$/);
    expect(lines.slice(1)).toEqual([
      "videosdk: 2 requests sent, 0 retries (GET ×2; status 200 ×2)",
      "vobiz: 4 requests sent, 1 retry (GET ×4; status 200 ×3, 503 ×1)",
    ]);
    expect(stdout).not.toContain("requests sent");
  });

  it("prints nothing on stderr without --verbose", async () => {
    await writeConfig([{ provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" }]);
    expect((await plan()).stderr).toBe("");
  });
});
