import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "./helpers/run-cli.js";
import { SIP_INBOUND } from "./helpers/seed-trunks.js";
import { useEmulatorWorkspace } from "./helpers/workspace.js";

const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });

/** The variable import names for the imported trunk's SIP password, set to the seeded one. */
const PASSWORD_ENV = { VIDEOSDK_SQLZQN1U1EZVHWGREK6OW_AUTH_PASSWORD: "demo-sip-password" };

it.each(["Sip.Example.com:5061", "192.0.2.10:5060", "[2001:db8::10]:5061"])(
  "imports a VideoSDK domain %s (a SIP host:port) into a file that validates, then plans no change",
  async (domain) => {
    workspace.emulator.faults.remoteEdit("videosdk", SIP_INBOUND, { domain });
    const imported = await runCli(
      ["import", "--provider", "videosdk", "--base-url", workspace.emulator.url, "--trunk", SIP_INBOUND],
      { cwd: workspace.dir },
    );
    expect(imported.code).toBe(0);
    const text = await readFile(join(workspace.dir, "trunks.yaml"), "utf8");
    expect((parse(text) as { trunks: { domain: string }[] }).trunks[0]?.domain).toBe(domain);

    const validate = await runCli(["validate"], { cwd: workspace.dir, env: PASSWORD_ENV });
    expect(validate.stderr).toBe("");
    expect(validate.code).toBe(0);
    const plan = await runCli(["plan"], { cwd: workspace.dir, env: PASSWORD_ENV });
    expect(plan.stdout).toContain("Plan: 0 to update, 1 unchanged, 0 errors.");
  },
);
