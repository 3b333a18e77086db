// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type EmulatorSeed, mintVideoSdkToken } from "@trunksync/emulator";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { SIP_INBOUND, SIP_OUTBOUND, VOBIZ_ACME } from "./helpers/seed-trunks.js";
import { trunksYaml, videosdkBlock, vobizBlock } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

// Distinctive values, so that finding one in the output can only mean it leaked.
const VOBIZ_TOKEN = "vz-token-9f3Kq2LmX7";
const VIDEOSDK_SECRET = "vsdk-secret-R4t8Wq1Zp0";
const OLD_PASSWORD = "old-sip-pw-H2n7Qx";
const OLD_PASSWORD_OUT = "old-sip-pw-out-K9d3";
const NEW_PASSWORD = "new-sip-pw-T6y1Vb";
/** Sent in an update the provider rejects with a message quoting it. */
const ECHOED_PASSWORD = "echoed-sip-pw-M5c8Ln";
const WRONG_TOKEN = "wrong-vz-token-P0o9I8";
const API_KEY = "vsdk-key-demo";

const SEED: EmulatorSeed = {
  vobiz: [
    { authId: "MA_SECRET01", authToken: VOBIZ_TOKEN, trunks: [{ trunk_id: VOBIZ_ACME, name: "Acme" }] },
  ],
  videosdk: [
    {
      apiKey: API_KEY,
      secret: VIDEOSDK_SECRET,
      trunks: [
        { trunkId: SIP_INBOUND, name: "Inbound", auth: { username: "acme", password: OLD_PASSWORD } },
        { trunkId: SIP_OUTBOUND, name: "Outbound", auth: { username: "out", password: OLD_PASSWORD_OUT } },
      ],
    },
  ],
};

let jwt: string;
/** Every stdout, stderr and file the commands below wrote, by a label saying where it came from. */
const outputs = new Map<string, string>();

/** Runs one command and keeps all it printed. */
async function record(label: string, argv: string[], env: Record<string, string> = {}) {
  const result = await runCli(argv, { cwd: workspace.dir, env: { ...environment(), ...env } });
  outputs.set(`${label}: stdout`, result.stdout);
  outputs.set(`${label}: stderr`, result.stderr);
  return result;
}

const environment = () => ({
  VOBIZ_AUTH_ID: "MA_SECRET01",
  VOBIZ_AUTH_TOKEN: VOBIZ_TOKEN,
  VIDEOSDK_API_KEY: API_KEY,
  VIDEOSDK_SECRET: VIDEOSDK_SECRET,
  VIDEOSDK_TOKEN: jwt,
  SIP_PASSWORD: NEW_PASSWORD,
  SIP_PASSWORD_OUT: OLD_PASSWORD_OUT,
});

const workspace = useEmulatorWorkspace({ emulator: { seed: SEED }, per: "file" });

beforeAll(async () => {
  jwt = mintVideoSdkToken(API_KEY, VIDEOSDK_SECRET);
  // Every kind of secret: a Vobiz token, a VideoSDK secret (signing), a ready VideoSDK JWT, SIP passwords.
  await writeText(
    workspace.dir,
    "trunks.yaml",
    trunksYaml(
      {
        vobiz: vobizBlock(workspace.emulator.url),
        signed: videosdkBlock(workspace.emulator.url),
        bearer: { type: "videosdk", token: "${env:VIDEOSDK_TOKEN}", baseUrl: workspace.emulator.url },
      },
      [
        { provider: "vobiz", id: VOBIZ_ACME, name: "Acme Renamed" },
        { provider: "signed", id: SIP_INBOUND, auth: { username: "acme", password: "${env:SIP_PASSWORD}" } },
        {
          provider: "bearer",
          id: SIP_OUTBOUND,
          name: "Outbound Renamed",
          auth: { username: "out", password: "${env:SIP_PASSWORD_OUT}" },
        },
      ],
    ),
  );
  const summary = join(workspace.dir, "summary.md");
  await writeFile(summary, "");
  const withSummary = { GITHUB_STEP_SUMMARY: summary };

  await record("plan", ["plan", "--verbose"]);
  await record("plan markdown", ["plan", "--format", "markdown"]);
  await record("plan json", ["plan", "--format", "json"]);
  await record("plan --out", ["plan", "--out", "plan.json"]);
  outputs.set("plan.json", await readFile(join(workspace.dir, "plan.json"), "utf8"));
  await record("drift", ["drift", "--verbose"], withSummary);
  await record("drift markdown", ["drift", "--format", "markdown"], withSummary);
  await record("drift json", ["drift", "--format", "json"], withSummary);
  await record("apply plan.json", ["apply", "plan.json", "--auto-approve"], withSummary);
  await record("drift after apply", ["drift"], withSummary);
  await record("apply json", ["apply", "--auto-approve", "--format", "json"], withSummary);
  await record("plan with a wrong token", ["plan"], { VOBIZ_AUTH_TOKEN: WRONG_TOKEN });
  // Some APIs quote the request in their errors, escape sequences and all.
  workspace.emulator.faults.rejectUpdates(SIP_INBOUND, {
    message: `password ${ECHOED_PASSWORD} is too weak\u001b[2K\r`,
  });
  await record("apply rejected", ["apply", "--auto-approve", "--trunk", SIP_INBOUND], {
    SIP_PASSWORD: ECHOED_PASSWORD,
  });
  outputs.set("job summary", await readFile(summary, "utf8"));
});

describe("secrets never leave the process", () => {
  it("ran every command on the secrets: the password change was shown, applied and then in sync", () => {
    expect(outputs.get("plan: stdout")).toContain("~ auth.password: (sensitive value changed)");
    expect(outputs.get("plan markdown: stdout")).toContain("<em>(sensitive value changed)</em>");
    expect(outputs.get("plan json: stdout")).toContain('"sensitive": true');
    expect(outputs.get("plan.json")).toContain('"path": "auth.password"');
    expect(outputs.get("drift: stdout")).toContain("Drift: 3 drifted, 0 in sync, 0 errors.");
    expect(outputs.get("apply plan.json: stdout")).toContain(
      "Apply: 3 applied, 0 unchanged, 0 failed, 0 skipped.",
    );
    expect(outputs.get("drift after apply: stdout")).toContain("No drift.");
    expect(outputs.get("plan with a wrong token: stdout")).toContain("VOBIZ_AUTH_TOKEN");
    expect(outputs.get("job summary")).toContain("trunksync apply");
    // The secrets did reach the provider: the new password is stored, the JWT block renamed its trunk.
    const sip = workspace.emulator.state.videosdk.get(API_KEY)?.trunks;
    expect(sip?.get(SIP_INBOUND)?.auth.password).toBe(NEW_PASSWORD);
    expect(sip?.get(SIP_OUTBOUND)?.name).toBe("Outbound Renamed");
  });

  it.each([
    { secret: "the Vobiz auth token", value: VOBIZ_TOKEN },
    { secret: "a wrong Vobiz auth token", value: WRONG_TOKEN },
    { secret: "the VideoSDK secret", value: VIDEOSDK_SECRET },
    { secret: "the VideoSDK JWT", value: () => jwt },
    { secret: "the new SIP password", value: NEW_PASSWORD },
    { secret: "the SIP password read from the provider", value: OLD_PASSWORD },
    { secret: "an unchanged SIP password", value: OLD_PASSWORD_OUT },
    { secret: "a SIP password a provider quoted in its error", value: ECHOED_PASSWORD },
  ])("shows $secret in no stdout, stderr, plan file or job summary", ({ value }) => {
    const text = typeof value === "function" ? value() : value;
    const leaks = [...outputs].filter(([, output]) => output.includes(text)).map(([label]) => label);
    expect(leaks).toEqual([]);
  });

  it("had nothing for the last-resort redaction of output streams to catch but a provider's quote", () => {
    const caught = [...outputs].filter(([, output]) => output.includes("[redacted]")).map(([label]) => label);
    expect(caught).toEqual(["apply rejected: stdout", "apply rejected: stderr"]);
  });

  it("writes the progress lines of an apply through that redaction, without the escape sequences", () => {
    const stderr = outputs.get("apply rejected: stderr") ?? "";
    expect(stderr).toContain(`failed signed/${SIP_INBOUND}: `);
    expect(stderr).toContain("password [redacted] is too weak");
    expect(stderr).not.toContain("\u001b");
    expect(stderr).not.toContain("\r");
  });
});
