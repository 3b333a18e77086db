// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "./helpers/run-cli.js";
import {
  GHOST_VOBIZ,
  SIP_INBOUND,
  SIP_INBOUND_FIELDS,
  SIP_OUTBOUND,
  VOBIZ_ACME,
  VOBIZ_BACKUP,
  VOBIZ_SUPPORT,
} from "./helpers/seed-trunks.js";
import { trunksYaml, videosdkBlock, vobizBlock } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

const TWILIO_IN_PASSWORD = "VIDEOSDK_SQLZQN1U1EZVHWGREK6OW_AUTH_PASSWORD";
const SECRETS = ["demo-vobiz-token", "demo-videosdk-secret", "demo-sip-password", "demo-sip-password-2"];

const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });

const readConfig = () => readFile(join(workspace.dir, "trunks.yaml"), "utf8");

/** The `videosdk` provider block as trunks.yaml lines under `providers:`. */
const videosdkBlockLines = (baseUrl: string) => [
  "  videosdk:",
  "    type: videosdk",
  "    apiKey: ${env:VIDEOSDK_API_KEY}",
  "    secret: ${env:VIDEOSDK_SECRET}",
  `    baseUrl: ${baseUrl}`,
];

/**
 * The hand-edited trunks.yaml of the merge test, with comments, a VideoSDK entry first and the
 * Acme entry last: `fromAcmeName` are its lines from its name to the end of the file.
 */
function handWrittenConfig(baseUrl: string, fromAcmeName: readonly string[]): string {
  return [
    "# Our trunks. Reviewed in PRs.",
    "version: 1",
    "",
    "providers:",
    "  # The production account.",
    "  vobiz:",
    "    type: vobiz",
    "    authId: ${env:VOBIZ_AUTH_ID}",
    "    authToken: ${env:VOBIZ_AUTH_TOKEN}",
    `    baseUrl: ${baseUrl}`,
    ...videosdkBlockLines(baseUrl),
    "",
    "trunks:",
    "  # Twilio comes first on purpose.",
    "  - provider: videosdk",
    `    id: ${SIP_INBOUND}`,
    "    name: Twilio inbound",
    "",
    "  - provider: vobiz",
    `    id: ${VOBIZ_ACME}`,
    ...fromAcmeName,
  ].join("\n");
}

/** A trunks.yaml whose one entry, Twilio inbound, already has `auth` with `password`. */
async function writeInboundWithPassword(password: string, username = "acme"): Promise<void> {
  await writeText(
    workspace.dir,
    "trunks.yaml",
    [
      "version: 1",
      "providers:",
      ...videosdkBlockLines(workspace.emulator.url),
      "trunks:",
      "  - provider: videosdk",
      `    id: ${SIP_INBOUND}`,
      `    auth: { username: ${username}, password: "${password}" }`,
      "",
    ].join("\n"),
  );
}

function expectNoSecrets(...texts: string[]) {
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("trunksync import from Vobiz", () => {
  it("lists the account and writes a new trunks.yaml with placeholders for credentials, sorted by id", async () => {
    const { code, stdout, stderr } = await runCli(
      ["import", "--provider", "vobiz", "--base-url", workspace.emulator.url],
      {
        cwd: workspace.dir,
      },
    );
    expect(code).toBe(0);
    const text = await readConfig();
    // No modeline: import cannot know where the user keeps an editor schema.
    expect(text.split("\n")[0]).toBe("version: 1");
    expect(parse(text)).toEqual({
      version: 1,
      providers: {
        vobiz: vobizBlock(workspace.emulator.url),
      },
      trunks: [
        {
          provider: "vobiz",
          id: VOBIZ_BACKUP,
          name: "Acme Backup Trunk",
          max_concurrent_calls: 5,
          enabled: false,
        },
        {
          provider: "vobiz",
          id: VOBIZ_SUPPORT,
          name: "Acme Support Inbound",
          max_concurrent_calls: 30,
          enabled: true,
        },
        {
          provider: "vobiz",
          id: VOBIZ_ACME,
          name: "Acme Production Trunk",
          max_concurrent_calls: 10,
          enabled: true,
        },
      ],
    });
    expect(stderr).toContain(
      "Imported 3 trunks from vobiz into trunks.yaml: 3 added, 0 updated, 0 unchanged.",
    );
    expectNoSecrets(text, stdout, stderr);
  });

  it("imports only the trunks named with --trunk, and names a missing one without writing anything", async () => {
    const narrowed = await runCli(
      ["import", "--provider", "vobiz", "--base-url", workspace.emulator.url, "--trunk", VOBIZ_SUPPORT],
      {
        cwd: workspace.dir,
      },
    );
    expect(narrowed.code).toBe(0);
    expect((parse(await readConfig()) as { trunks: { id: string }[] }).trunks.map((t) => t.id)).toEqual([
      VOBIZ_SUPPORT,
    ]);

    const missing = GHOST_VOBIZ;
    const before = await readConfig();
    const bad = await runCli(["import", "--provider", "vobiz", "--trunk", VOBIZ_ACME, "--trunk", missing], {
      cwd: workspace.dir,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`trunk ${missing} not found at provider vobiz`);
    expect(await readConfig()).toBe(before);
  });

  it("merges into an existing file in place, keeping comments, order, other providers' entries and unmanaged fields", async () => {
    await writeText(
      workspace.dir,
      "trunks.yaml",
      handWrittenConfig(workspace.emulator.url, ["    name: Old Name # renamed in the console", ""]),
    );
    const { code, stderr } = await runCli(["import", "--provider", "vobiz"], { cwd: workspace.dir });
    expect(code).toBe(0);
    expect(await readConfig()).toBe(
      handWrittenConfig(workspace.emulator.url, [
        // The entry manages its name only: max_concurrent_calls and enabled stay unmanaged.
        "    name: Acme Production Trunk # renamed in the console",
        "  - provider: vobiz",
        `    id: ${VOBIZ_BACKUP}`,
        "    name: Acme Backup Trunk",
        "    max_concurrent_calls: 5",
        "    enabled: false",
        "  - provider: vobiz",
        `    id: ${VOBIZ_SUPPORT}`,
        "    name: Acme Support Inbound",
        "    max_concurrent_calls: 30",
        "    enabled: true",
        "",
      ]),
    );
    expect(stderr).toContain("2 added, 1 updated, 0 unchanged.");
  });

  it("prints the document on stdout with --out - and writes no file", async () => {
    const { code, stdout } = await runCli(
      ["import", "--provider", "vobiz", "--base-url", workspace.emulator.url, "--out", "-"],
      { cwd: workspace.dir },
    );
    expect(code).toBe(0);
    expect((parse(stdout) as { trunks: unknown[] }).trunks).toHaveLength(3);
    expect(existsSync(join(workspace.dir, "trunks.yaml"))).toBe(false);
  });

  it("then plans zero changes", async () => {
    await runCli(["import", "--provider", "vobiz", "--base-url", workspace.emulator.url], {
      cwd: workspace.dir,
    });
    const plan = await runCli(["plan"], { cwd: workspace.dir });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("Plan: 0 to update, 3 unchanged, 0 errors.");
  });
});

describe("trunksync import from VideoSDK", () => {
  it("needs --trunk, since the VideoSDK trunk API cannot list", async () => {
    const { code, stderr } = await runCli(
      ["import", "--provider", "videosdk", "--base-url", workspace.emulator.url],
      {
        cwd: workspace.dir,
      },
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      "the VideoSDK trunk API has no list endpoint; pass the trunk ids with --trunk (repeatable)",
    );
    expect(existsSync(join(workspace.dir, "trunks.yaml"))).toBe(false);
  });

  it("writes passwords as placeholders, says which variables to set, and never shows a secret", async () => {
    const { code, stdout, stderr } = await runCli(
      [
        "import",
        "--provider",
        "videosdk",
        "--base-url",
        workspace.emulator.url,
        "--trunk",
        SIP_OUTBOUND,
        "--trunk",
        SIP_INBOUND,
      ],
      { cwd: workspace.dir },
    );
    expect(code).toBe(0);
    const text = await readConfig();
    expect((parse(text) as { trunks: unknown[] }).trunks).toEqual([
      {
        provider: "videosdk",
        id: SIP_INBOUND,
        ...SIP_INBOUND_FIELDS,
        auth: { username: "acme", password: `\${env:${TWILIO_IN_PASSWORD}}` },
      },
      {
        provider: "videosdk",
        id: SIP_OUTBOUND,
        name: "Twilio outbound",
        domain: "acme-out.pstn.twilio.com",
        direction: "outbound",
        numbers: ["+14155550101", "+14155550102"],
        auth: { username: "acme-out", password: "${env:VIDEOSDK_VQ3K9DTZL0PXW7MB2NHSA_AUTH_PASSWORD}" },
      },
    ]);
    // As examples/trunks.yaml writes lists.
    expect(text).toContain('numbers: ["+14155550101", "+14155550102"]');
    expect(stderr).toContain(`  ${TWILIO_IN_PASSWORD}  (${SIP_INBOUND} auth.password)`);
    expectNoSecrets(text, stdout, stderr);

    const plan = await runCli(["plan"], {
      cwd: workspace.dir,
      env: {
        [TWILIO_IN_PASSWORD]: "demo-sip-password",
        VIDEOSDK_VQ3K9DTZL0PXW7MB2NHSA_AUTH_PASSWORD: "demo-sip-password-2",
      },
    });
    expect(plan.stdout).toContain("Plan: 0 to update, 2 unchanged, 0 errors.");
  });

  // The error reaches main, not the command's streams: it is printed through the import's redaction too.
  it("redacts a password it read from an error that quotes it: a broken --out file holding it", async () => {
    const broken = [
      "version: 1",
      "trunks:",
      "  - provider: videosdk",
      `    id: ${SIP_INBOUND}`,
      "    auth: { username: acme, password: demo-sip-password",
      "",
    ].join("\n");
    await writeText(workspace.dir, "broken.yaml", broken);
    const { code, stdout, stderr } = await runCli(
      [
        "import",
        "--provider",
        "videosdk",
        "--base-url",
        workspace.emulator.url,
        "--trunk",
        SIP_INBOUND,
        "--out",
        "broken.yaml",
      ],
      { cwd: workspace.dir },
    );
    expect(code).toBe(1);
    expect(stderr).toContain("error: cannot merge into broken.yaml: it is not valid YAML");
    expect(stderr).toContain("password: [redacted]");
    expectNoSecrets(stdout, stderr);
    expect(await readFile(join(workspace.dir, "broken.yaml"), "utf8")).toBe(broken);
  });

  it("keeps a password placeholder the file already has when merging", async () => {
    await writeInboundWithPassword("${env:TWILIO_SIP_PASSWORD}", "old");
    const { code } = await runCli(["import", "--provider", "videosdk", "--trunk", SIP_INBOUND], {
      cwd: workspace.dir,
      env: { TWILIO_SIP_PASSWORD: "whatever" },
    });
    expect(code).toBe(0);
    const [trunk] = (parse(await readConfig()) as { trunks: Record<string, unknown>[] }).trunks;
    expect(trunk?.auth).toEqual({ username: "acme", password: "${env:TWILIO_SIP_PASSWORD}" });
  });
});

describe("trunksync import names only the password variables the file it writes uses", () => {
  const TWILIO_OUT_PASSWORD = "VIDEOSDK_VQ3K9DTZL0PXW7MB2NHSA_AUTH_PASSWORD";
  /** `  NAME  (id path)` lines on stderr: the variables import tells the user to set. */
  const namedVariables = (stderr: string) =>
    [...stderr.matchAll(/^ {2}([A-Z0-9_]+) {2}\(/gm)].map((m) => m[1]);

  it.each([
    {
      kept: "its own placeholder",
      password: "${env:TWILIO_SIP_PASSWORD}",
      named: [TWILIO_OUT_PASSWORD],
    },
    {
      kept: "a password typed into the file",
      password: "typed-into-the-file",
      named: [TWILIO_OUT_PASSWORD],
    },
    {
      kept: "the placeholder an earlier import wrote",
      password: `\${env:${TWILIO_IN_PASSWORD}}`,
      named: [TWILIO_IN_PASSWORD, TWILIO_OUT_PASSWORD],
    },
  ])("when an existing trunk keeps $kept", async ({ password, named }) => {
    await writeInboundWithPassword(password);
    const { code, stderr } = await runCli(
      ["import", "--provider", "videosdk", "--trunk", SIP_INBOUND, "--trunk", SIP_OUTBOUND],
      // Loading the file needs each variable it names.
      { cwd: workspace.dir, env: { TWILIO_SIP_PASSWORD: "whatever", [TWILIO_IN_PASSWORD]: "whatever" } },
    );
    expect(code).toBe(0);
    const text = await readConfig();
    const trunks = (parse(text) as { trunks: { auth: { password: string } }[] }).trunks;
    expect(trunks.map((t) => t.auth.password)).toEqual([password, `\${env:${TWILIO_OUT_PASSWORD}}`]);
    expect(namedVariables(stderr)).toEqual(named);
    for (const variable of namedVariables(stderr)) expect(text).toContain(`\${env:${variable}}`);
    expect(stderr).toContain(
      named.length === 1
        ? "Set this environment variable before plan or apply"
        : `Set these ${named.length} environment variables before plan or apply`,
    );
  });

  it("names none when every imported password keeps the file's own placeholder", async () => {
    await writeInboundWithPassword("${env:TWILIO_SIP_PASSWORD}");
    const { code, stderr } = await runCli(["import", "--provider", "videosdk", "--trunk", SIP_INBOUND], {
      cwd: workspace.dir,
      env: { TWILIO_SIP_PASSWORD: "whatever" },
    });
    expect(code).toBe(0);
    expect(stderr).toContain("Imported 1 trunk from videosdk into trunks.yaml");
    expect(stderr).not.toContain(TWILIO_IN_PASSWORD);
    expect(stderr).not.toContain("environment variable");
  });
});

describe("trunksync import refuses", () => {
  it("a provider that is neither declared nor a built-in type", async () => {
    const { code, stderr } = await runCli(["import", "--provider", "acme"], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'trunks.yaml does not exist, and "acme" is not a built-in provider type (vobiz, videosdk)',
    );
  });

  it("a provider named like an object's own members, as no block of the file", async () => {
    await writeText(
      workspace.dir,
      "trunks.yaml",
      trunksYaml({ vobiz: vobizBlock(workspace.emulator.url) }, []),
    );
    const { code, stderr } = await runCli(["import", "--provider", "constructor"], { cwd: workspace.dir });
    expect(code).toBe(1);
    expect(stderr).toContain('trunks.yaml has no provider block "constructor"');
    expect(stderr).not.toContain("unexpected failure");
  });

  // The flag's value goes through core's baseUrl check as is: its message, with the flag named first.
  it.each([
    {
      url: "api vobiz",
      message: '--base-url: baseUrl "api vobiz" is not a valid URL (expected e.g. https://api.example.com)',
    },
    { url: "ftp://127.0.0.1", message: '--base-url: baseUrl "ftp://127.0.0.1" must be an https URL' },
    {
      url: "http://api.vobiz.ai",
      message:
        '--base-url: baseUrl "http://api.vobiz.ai" must use https (plain http is allowed only for localhost, 127.0.0.0/8 and [::1])',
    },
    // The emulator's own address, made unusable: anything sent would reach it.
    {
      url: "{emulator}/?via=flag",
      message: '--base-url: baseUrl "{emulator}/?via=flag" must not have a query or fragment',
    },
    {
      url: "{emulator-with-credentials}",
      message: "--base-url: baseUrl must not contain credentials; put them in the provider options",
    },
  ])("a bad --base-url ($url), naming the flag, before any request or write", async ({ url, message }) => {
    const emulatorUrl = workspace.emulator.url;
    const expand = (text: string) =>
      text
        .replaceAll("{emulator-with-credentials}", emulatorUrl.replace("//", "//admin:hunter2@"))
        .replaceAll("{emulator}", emulatorUrl);
    const { code, stdout, stderr } = await runCli(
      ["import", "--provider", "vobiz", "--base-url", expand(url)],
      { cwd: workspace.dir },
    );
    expect(code).toBe(1);
    expect(stderr).toBe(`error: ${expand(message)}\n`);
    expect(stdout).toBe("");
    expect(workspace.emulator.requests).toEqual([]);
    expect(existsSync(join(workspace.dir, "trunks.yaml"))).toBe(false);
  });

  // URL parsing takes it (the space is escaped), the config schema's `format: uri` does not.
  it("a --base-url with a space in its path, naming the flag in the schema's message", async () => {
    const url = `${workspace.emulator.url}/api vobiz`;
    const { code, stderr } = await runCli(["import", "--provider", "vobiz", "--base-url", url], {
      cwd: workspace.dir,
    });
    expect(code).toBe(1);
    expect(stderr).toBe(`error: --base-url: baseUrl must be a valid uri, got "${url}"\n`);
    expect(workspace.emulator.requests).toEqual([]);
    expect(existsSync(join(workspace.dir, "trunks.yaml"))).toBe(false);
  });

  it("a bad --base-url without a place in the trunks.yaml that lacks the block", async () => {
    const file = trunksYaml({ videosdk: videosdkBlock(workspace.emulator.url) }, []);
    await writeText(workspace.dir, "trunks.yaml", file);
    const { code, stderr } = await runCli(
      ["import", "--provider", "vobiz", "--base-url", "ftp://127.0.0.1"],
      { cwd: workspace.dir },
    );
    expect(code).toBe(1);
    expect(stderr).toBe('error: --base-url: baseUrl "ftp://127.0.0.1" must be an https URL\n');
    expect(workspace.emulator.requests).toEqual([]);
    expect(await readConfig()).toBe(file);
  });

  it("a bad --base-url before the credential variables it would also need", async () => {
    const { code, stderr } = await runCli(
      ["import", "--provider", "vobiz", "--base-url", "ftp://127.0.0.1"],
      {
        cwd: workspace.dir,
        env: { VOBIZ_AUTH_TOKEN: "" },
      },
    );
    expect(code).toBe(1);
    expect(stderr).toBe('error: --base-url: baseUrl "ftp://127.0.0.1" must be an https URL\n');
  });

  it("a new block whose credential variables are not set, naming them", async () => {
    const { code, stderr } = await runCli(
      ["import", "--provider", "vobiz", "--base-url", workspace.emulator.url],
      {
        cwd: workspace.dir,
        env: { VOBIZ_AUTH_TOKEN: "" },
      },
    );
    expect(code).toBe(1);
    expect(stderr).toContain('set VOBIZ_AUTH_TOKEN to import from a new "vobiz" provider block');
  });
});
