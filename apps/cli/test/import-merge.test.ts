// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax under test
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { SIP_INBOUND, SIP_OUTBOUND, VOBIZ_ACME, VOBIZ_BACKUP } from "./helpers/seed-trunks.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });
const readConfig = () => readFile(join(workspace.dir, "trunks.yaml"), "utf8");

/** A trunks.yaml with a `videosdk` block on the emulator (a long flow mapping) and these lines under `trunks:`. */
const videosdkFile = (trunks: readonly string[]) =>
  [
    "version: 1",
    "providers:",
    `  videosdk: { type: videosdk, apiKey: '\${env:VIDEOSDK_API_KEY}', secret: '\${env:VIDEOSDK_SECRET}', baseUrl: ${workspace.emulator.url} }`,
    "trunks:",
    ...trunks,
    "",
  ].join("\n");

/** SIP_INBOUND as in sync with the seed, written the way README's trunks.yaml writes it. */
const INBOUND_AS_README = [
  "  - provider: videosdk",
  `    id: ${SIP_INBOUND}`,
  "    name: Twilio inbound",
  "    domain: acme.pstn.twilio.com",
  "    direction: inbound",
  '    numbers: ["+14155550100"]',
  '    auth: { username: acme, password: "${env:TWILIO_SIP_PASSWORD}" }',
];

/** SIP_OUTBOUND in sync with the seed, its list padded. */
const OUTBOUND_PADDED = [
  "  - provider: videosdk",
  `    id: ${SIP_OUTBOUND}`,
  "    name: Twilio outbound",
  '    numbers: [ "+14155550101", "+14155550102" ]',
];

const importVideoSdk = (...ids: string[]) =>
  runCli(["import", "--provider", "videosdk", ...ids.flatMap((id) => ["--trunk", id])], {
    cwd: workspace.dir,
    env: { TWILIO_SIP_PASSWORD: "whatever" },
  });

describe("trunksync import merging keeps the file's flow style", () => {
  it("leaves every flow list and mapping as written, padded or not, long or not, when nothing changed", async () => {
    const file = videosdkFile([...INBOUND_AS_README, ...OUTBOUND_PADDED]);
    await writeText(workspace.dir, "trunks.yaml", file);
    const { code, stderr } = await importVideoSdk(SIP_INBOUND, SIP_OUTBOUND);
    expect(code).toBe(0);
    expect(stderr).toContain("0 added, 0 updated, 2 unchanged.");
    expect(await readConfig()).toBe(file);
  });

  it("rewrites only the list that changed, in the style of the file's lists", async () => {
    workspace.emulator.faults.remoteEdit("videosdk", SIP_INBOUND, {
      numbers: ["+14155550100", "+14155550199"],
    });
    const file = videosdkFile([...INBOUND_AS_README, ...OUTBOUND_PADDED]);
    await writeText(workspace.dir, "trunks.yaml", file);
    const { code } = await importVideoSdk(SIP_INBOUND, SIP_OUTBOUND);
    expect(code).toBe(0);
    expect(await readConfig()).toBe(
      file.replace('numbers: ["+14155550100"]', 'numbers: ["+14155550100", "+14155550199"]'),
    );
  });

  it("writes a new entry's lists padded when the file's lists are", async () => {
    await writeText(workspace.dir, "trunks.yaml", videosdkFile(OUTBOUND_PADDED));
    const { code } = await importVideoSdk(SIP_INBOUND);
    expect(code).toBe(0);
    expect(await readConfig()).toContain('    numbers: [ "+14155550100" ]\n');
  });

  it("writes entries into an empty `trunks: []` one list item each, not all on one line", async () => {
    await writeText(workspace.dir, "trunks.yaml", videosdkFile([]).replace("trunks:\n", "trunks: []\n"));
    const { code } = await importVideoSdk(SIP_INBOUND, SIP_OUTBOUND);
    expect(code).toBe(0);
    const written = await readConfig();
    expect(written).toContain(`trunks:\n  - provider: videosdk\n    id: ${SIP_INBOUND}\n`);
    expect(written).toContain(`\n  - provider: videosdk\n    id: ${SIP_OUTBOUND}\n`);
  });
});

describe("trunksync import merging into an entry the file has", () => {
  it("updates only the fields it manages, adding none it leaves out", async () => {
    workspace.emulator.faults.remoteEdit("vobiz", VOBIZ_ACME, {
      name: "Renamed",
      concurrent_calls_limit: 40,
    });
    const entries = (acmeName: string, acmeCalls: number) => [
      "  - provider: vobiz",
      `    id: ${VOBIZ_ACME}`,
      `    name: ${acmeName} # renamed in the console`,
      `    max_concurrent_calls: ${acmeCalls}`,
      "  - provider: vobiz",
      `    id: ${VOBIZ_BACKUP}`,
      "    enabled: false",
      "",
    ];
    const file = (acmeName: string, acmeCalls: number) =>
      [
        "version: 1",
        "providers:",
        "  vobiz:",
        "    type: vobiz",
        "    authId: ${env:VOBIZ_AUTH_ID}",
        "    authToken: ${env:VOBIZ_AUTH_TOKEN}",
        `    baseUrl: ${workspace.emulator.url}`,
        "trunks:",
        ...entries(acmeName, acmeCalls),
      ].join("\n");
    await writeText(workspace.dir, "trunks.yaml", file("Acme Production Trunk", 25));
    const { code, stderr } = await runCli(
      ["import", "--provider", "vobiz", "--trunk", VOBIZ_ACME, "--trunk", VOBIZ_BACKUP],
      { cwd: workspace.dir },
    );
    expect(code).toBe(0);
    expect(stderr).toContain("0 added, 1 updated, 1 unchanged.");
    // Acme's `enabled` and Backup's name and limit stay unmanaged.
    expect(await readConfig()).toBe(file("Renamed", 40));
  });

  it("adds no password placeholder to an entry without auth, and names no variable for it", async () => {
    const inboundWithoutAuth = INBOUND_AS_README.filter((line) => !line.includes("auth:"));
    const file = videosdkFile(inboundWithoutAuth);
    await writeText(workspace.dir, "trunks.yaml", file);
    const { code, stderr } = await importVideoSdk(SIP_INBOUND, SIP_OUTBOUND);
    expect(code).toBe(0);
    const text = await readConfig();
    expect(text.startsWith(file)).toBe(true);
    expect(text.slice(file.length)).toContain("${env:VIDEOSDK_VQ3K9DTZL0PXW7MB2NHSA_AUTH_PASSWORD}");
    expect(text).not.toContain("VIDEOSDK_SQLZQN1U1EZVHWGREK6OW_AUTH_PASSWORD");
    expect(stderr).toContain("Set this environment variable before plan or apply");
    expect(stderr).not.toContain("VIDEOSDK_SQLZQN1U1EZVHWGREK6OW_AUTH_PASSWORD");
  });
});
