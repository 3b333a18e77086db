// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED, type Emulator, startEmulator } from "@trunksync/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "./helpers/run-cli.js";
import { scratchDir, writeText } from "./helpers/workspace.js";

const ACME = "bfab10fb-cb97-488b-9c63-989c32980b0f";
const BACKUP = "3c1f7a52-9d4e-4b8a-a1c6-2f5e8d9b0a17";
const SUPPORT = "7e2d4b90-5a3c-4f1e-8b7d-6c9a0e1f2d34";
const TWILIO_IN = "SqlZqn1U1ezvhWGRek6ow";
const TWILIO_OUT = "Vq3k9dTzL0pXw7mB2nHsa";
const TWILIO_IN_PASSWORD = "VIDEOSDK_SQLZQN1U1EZVHWGREK6OW_AUTH_PASSWORD";
const SECRETS = ["demo-vobiz-token", "demo-videosdk-secret", "demo-sip-password", "demo-sip-password-2"];

let emulator: Emulator;
let dir: string;
let removeDir: () => Promise<void>;

beforeEach(async () => {
  emulator = await startEmulator({ seed: DEFAULT_SEED });
  ({ dir, remove: removeDir } = await scratchDir());
});
afterEach(async () => {
  await emulator.close();
  await removeDir();
});

const readConfig = () => readFile(join(dir, "trunks.yaml"), "utf8");

function expectNoSecrets(...texts: string[]) {
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("trunksync import from Vobiz", () => {
  it("lists the account and writes a new trunks.yaml with placeholders for credentials, sorted by id", async () => {
    const { code, stdout, stderr } = await runCli(
      ["import", "--provider", "vobiz", "--base-url", emulator.url],
      {
        cwd: dir,
      },
    );
    expect(code).toBe(0);
    const text = await readConfig();
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=https://trunksync.dev/schemas/trunks.schema.json",
    );
    expect(parse(text)).toEqual({
      version: 1,
      providers: {
        vobiz: {
          type: "vobiz",
          authId: "${env:VOBIZ_AUTH_ID}",
          authToken: "${env:VOBIZ_AUTH_TOKEN}",
          baseUrl: emulator.url,
        },
      },
      trunks: [
        { provider: "vobiz", id: BACKUP, name: "Acme Backup Trunk", max_concurrent_calls: 5, enabled: false },
        {
          provider: "vobiz",
          id: SUPPORT,
          name: "Acme Support Inbound",
          max_concurrent_calls: 30,
          enabled: true,
        },
        {
          provider: "vobiz",
          id: ACME,
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
    const only = await runCli(
      ["import", "--provider", "vobiz", "--base-url", emulator.url, "--trunk", SUPPORT],
      {
        cwd: dir,
      },
    );
    expect(only.code).toBe(0);
    expect((parse(await readConfig()) as { trunks: { id: string }[] }).trunks.map((t) => t.id)).toEqual([
      SUPPORT,
    ]);

    const missing = "00000000-0000-4000-8000-000000000000";
    const before = await readConfig();
    const bad = await runCli(["import", "--provider", "vobiz", "--trunk", ACME, "--trunk", missing], {
      cwd: dir,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`trunk ${missing} not found at provider vobiz`);
    expect(await readConfig()).toBe(before);
  });

  it("merges into an existing file in place, keeping comments, order and other providers' entries", async () => {
    await writeText(
      dir,
      "trunks.yaml",
      [
        "# Our trunks. Reviewed in PRs.",
        "version: 1",
        "",
        "providers:",
        "  # The production account.",
        "  vobiz:",
        "    type: vobiz",
        "    authId: ${env:VOBIZ_AUTH_ID}",
        "    authToken: ${env:VOBIZ_AUTH_TOKEN}",
        `    baseUrl: ${emulator.url}`,
        "  videosdk:",
        "    type: videosdk",
        "    apiKey: ${env:VIDEOSDK_API_KEY}",
        "    secret: ${env:VIDEOSDK_SECRET}",
        `    baseUrl: ${emulator.url}`,
        "",
        "trunks:",
        "  # Twilio comes first on purpose.",
        "  - provider: videosdk",
        `    id: ${TWILIO_IN}`,
        "    name: Twilio inbound",
        "",
        "  - provider: vobiz",
        `    id: ${ACME}`,
        "    name: Old Name # renamed in the console",
        "",
      ].join("\n"),
    );
    const { code, stderr } = await runCli(["import", "--provider", "vobiz"], { cwd: dir });
    expect(code).toBe(0);
    expect(await readConfig()).toBe(
      [
        "# Our trunks. Reviewed in PRs.",
        "version: 1",
        "",
        "providers:",
        "  # The production account.",
        "  vobiz:",
        "    type: vobiz",
        "    authId: ${env:VOBIZ_AUTH_ID}",
        "    authToken: ${env:VOBIZ_AUTH_TOKEN}",
        `    baseUrl: ${emulator.url}`,
        "  videosdk:",
        "    type: videosdk",
        "    apiKey: ${env:VIDEOSDK_API_KEY}",
        "    secret: ${env:VIDEOSDK_SECRET}",
        `    baseUrl: ${emulator.url}`,
        "",
        "trunks:",
        "  # Twilio comes first on purpose.",
        "  - provider: videosdk",
        `    id: ${TWILIO_IN}`,
        "    name: Twilio inbound",
        "",
        "  - provider: vobiz",
        `    id: ${ACME}`,
        "    name: Acme Production Trunk # renamed in the console",
        "    max_concurrent_calls: 10",
        "    enabled: true",
        "  - provider: vobiz",
        `    id: ${BACKUP}`,
        "    name: Acme Backup Trunk",
        "    max_concurrent_calls: 5",
        "    enabled: false",
        "  - provider: vobiz",
        `    id: ${SUPPORT}`,
        "    name: Acme Support Inbound",
        "    max_concurrent_calls: 30",
        "    enabled: true",
        "",
      ].join("\n"),
    );
    expect(stderr).toContain("2 added, 1 updated, 0 unchanged.");
  });

  it("prints the document on stdout with --out - and writes no file", async () => {
    const { code, stdout } = await runCli(
      ["import", "--provider", "vobiz", "--base-url", emulator.url, "--out", "-"],
      { cwd: dir },
    );
    expect(code).toBe(0);
    expect((parse(stdout) as { trunks: unknown[] }).trunks).toHaveLength(3);
    expect(existsSync(join(dir, "trunks.yaml"))).toBe(false);
  });

  it("then plans zero changes", async () => {
    await runCli(["import", "--provider", "vobiz", "--base-url", emulator.url], { cwd: dir });
    const plan = await runCli(["plan"], { cwd: dir });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("Plan: 0 to update, 3 unchanged, 0 errors.");
  });
});

describe("trunksync import from VideoSDK", () => {
  it("needs --trunk, since the VideoSDK trunk API cannot list", async () => {
    const { code, stderr } = await runCli(["import", "--provider", "videosdk", "--base-url", emulator.url], {
      cwd: dir,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      "the VideoSDK trunk API has no list endpoint; pass the trunk ids with --trunk (repeatable)",
    );
    expect(existsSync(join(dir, "trunks.yaml"))).toBe(false);
  });

  it("writes passwords as placeholders, says which variables to set, and never shows a secret", async () => {
    const { code, stdout, stderr } = await runCli(
      [
        "import",
        "--provider",
        "videosdk",
        "--base-url",
        emulator.url,
        "--trunk",
        TWILIO_OUT,
        "--trunk",
        TWILIO_IN,
      ],
      { cwd: dir },
    );
    expect(code).toBe(0);
    const text = await readConfig();
    expect((parse(text) as { trunks: unknown[] }).trunks).toEqual([
      {
        provider: "videosdk",
        id: TWILIO_IN,
        name: "Twilio inbound",
        domain: "acme.pstn.twilio.com",
        direction: "inbound",
        numbers: ["+14155550100"],
        auth: { username: "acme", password: `\${env:${TWILIO_IN_PASSWORD}}` },
      },
      {
        provider: "videosdk",
        id: TWILIO_OUT,
        name: "Twilio outbound",
        domain: "acme-out.pstn.twilio.com",
        direction: "outbound",
        numbers: ["+14155550101", "+14155550102"],
        auth: { username: "acme-out", password: "${env:VIDEOSDK_VQ3K9DTZL0PXW7MB2NHSA_AUTH_PASSWORD}" },
      },
    ]);
    expect(text).toContain('numbers: [ "+14155550101", "+14155550102" ]');
    expect(stderr).toContain(`  ${TWILIO_IN_PASSWORD}  (${TWILIO_IN} auth.password)`);
    expectNoSecrets(text, stdout, stderr);

    const plan = await runCli(["plan"], {
      cwd: dir,
      env: {
        [TWILIO_IN_PASSWORD]: "demo-sip-password",
        VIDEOSDK_VQ3K9DTZL0PXW7MB2NHSA_AUTH_PASSWORD: "demo-sip-password-2",
      },
    });
    expect(plan.stdout).toContain("Plan: 0 to update, 2 unchanged, 0 errors.");
  });

  it("keeps a password placeholder the file already has when merging", async () => {
    await writeText(
      dir,
      "trunks.yaml",
      [
        "version: 1",
        "providers:",
        "  videosdk:",
        "    type: videosdk",
        "    apiKey: ${env:VIDEOSDK_API_KEY}",
        "    secret: ${env:VIDEOSDK_SECRET}",
        `    baseUrl: ${emulator.url}`,
        "trunks:",
        "  - provider: videosdk",
        `    id: ${TWILIO_IN}`,
        '    auth: { username: old, password: "${env:TWILIO_SIP_PASSWORD}" }',
        "",
      ].join("\n"),
    );
    const { code } = await runCli(["import", "--provider", "videosdk", "--trunk", TWILIO_IN], {
      cwd: dir,
      env: { TWILIO_SIP_PASSWORD: "whatever" },
    });
    expect(code).toBe(0);
    const [trunk] = (parse(await readConfig()) as { trunks: Record<string, unknown>[] }).trunks;
    expect(trunk?.auth).toEqual({ username: "acme", password: "${env:TWILIO_SIP_PASSWORD}" });
  });
});

describe("trunksync import refuses", () => {
  it("a provider that is neither declared nor a built-in type", async () => {
    const { code, stderr } = await runCli(["import", "--provider", "acme"], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'trunks.yaml does not exist, and "acme" is not a built-in provider type (vobiz, videosdk)',
    );
  });

  it("a new block whose credential variables are not set, naming them", async () => {
    const { code, stderr } = await runCli(["import", "--provider", "vobiz", "--base-url", emulator.url], {
      cwd: dir,
      env: { VOBIZ_AUTH_TOKEN: "" },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('set VOBIZ_AUTH_TOKEN to import from a new "vobiz" provider block');
  });
});
