import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fingerprintOf, type JsonObject } from "@trunksync/core";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { EMULATOR_ENV, SIP_INBOUND } from "./helpers/seed-trunks.js";
import { trunksYaml, videosdkBlock } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

// VideoSDK trunks have no `updated_at`: their fingerprint hashes the read, SIP password included.
// A saved plan must still catch any remote change, yet hold nothing to guess the password from.

const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });

beforeEach(async () => {
  await writeText(
    workspace.dir,
    "trunks.yaml",
    trunksYaml({ videosdk: videosdkBlock(workspace.emulator.url) }, [
      { provider: "videosdk", id: SIP_INBOUND, name: "Twilio inbound (EU)" },
    ]),
  );
  expect((await runCli(["plan", "--out", "plan.json"], { cwd: workspace.dir })).code).toBe(0);
});

const apply = () => runCli(["apply", "plan.json", "--auto-approve"], { cwd: workspace.dir });
const stored = () =>
  workspace.emulator.state.videosdk.get(EMULATOR_ENV.VIDEOSDK_API_KEY)?.trunks.get(SIP_INBOUND);

describe("a saved plan of a VideoSDK trunk", () => {
  it("holds a keyed fingerprint, not the plain SHA-256 of the trunk it read", async () => {
    const trunk = stored();
    if (!trunk) throw new Error("the seed has no SIP_INBOUND");
    // What the fingerprint used to be: a plain hash of the read (the seeded trunk is already normalised).
    const { name, domain, direction, numbers, auth } = trunk;
    const read: JsonObject = { name, domain, direction, numbers, auth: { ...auth } };
    const unsalted = fingerprintOf(read).replace(/^sha256:/, "");
    const plan = await readFile(join(workspace.dir, "plan.json"), "utf8");
    expect(plan).toMatch(/"fingerprint": "hmac-sha256:[0-9a-f]{64}"/);
    expect(plan).not.toContain(unsalted);
  });

  it("is applied by a later run that re-reads the trunk with its own connection and token", async () => {
    const { code, stdout } = await apply();
    expect(code).toBe(0);
    expect(stdout).toContain("Apply: 1 applied, 0 unchanged, 0 failed, 0 skipped.");
    expect(stored()?.name).toBe("Twilio inbound (EU)");
  });

  it("skips the trunk when only its SIP password changed remotely since the plan", async () => {
    workspace.emulator.faults.remoteEdit("videosdk", SIP_INBOUND, {
      auth: { username: "acme", password: "changed-in-console" },
    });
    const { code, stdout } = await apply();
    expect(code).toBe(1);
    expect(stdout).toContain(`changed remotely since plan — re-run plan`);
    expect(stdout).toContain("Apply: 0 applied, 0 unchanged, 0 failed, 1 skipped.");
    expect(stored()).toMatchObject({ name: "Twilio inbound", auth: { password: "changed-in-console" } });
  });
});
