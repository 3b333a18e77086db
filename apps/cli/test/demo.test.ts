import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { beforeAll, describe, expect, it } from "vitest";

const CLI_DIR = fileURLToPath(new URL("..", import.meta.url));

const HEADINGS = [
  "$ trunksync validate -c trunks.yaml",
  "$ trunksync plan -c trunks.yaml --detailed-exitcode",
  "$ trunksync apply -c trunks.yaml --auto-approve",
  "$ trunksync drift -c trunks.yaml",
] as const;
const [, PLAN, APPLY, DRIFT] = HEADINGS;

const [vobiz] = DEFAULT_SEED.vobiz;
const [videosdk] = DEFAULT_SEED.videosdk;
const SECRETS = {
  VOBIZ_AUTH_TOKEN: vobiz?.authToken,
  VIDEOSDK_API_KEY: videosdk?.apiKey,
  VIDEOSDK_SECRET: videosdk?.secret,
  TWILIO_SIP_PASSWORD: videosdk?.trunks?.find((t) => t.trunkId === "SqlZqn1U1ezvhWGRek6ow")?.auth?.password,
};

let code: number | null;
let stdout = "";
let stderr = "";

/** The text printed between one step's heading and the next (or the end). */
function section(heading: (typeof HEADINGS)[number]): string {
  const start = stdout.indexOf(heading);
  const next = HEADINGS[HEADINGS.indexOf(heading) + 1];
  return stdout.slice(start, next === undefined ? undefined : stdout.indexOf(next));
}

beforeAll(async () => {
  const child = spawn(process.execPath, ["scripts/demo.mjs"], {
    cwd: CLI_DIR,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  [code] = await once(child, "close");
}, 60_000);

describe("pnpm demo", () => {
  it("exits 0", () => {
    expect({ code, stderr }).toMatchObject({ code: 0 });
  });

  it("prints each step's heading once, in the order a user runs them", () => {
    const positions = HEADINGS.map((heading) => stdout.indexOf(heading));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(HEADINGS.map((heading) => stdout.split(heading).length - 1)).toEqual([1, 1, 1, 1]);
  });

  it.each([
    { field: "max_concurrent_calls", change: "max_concurrent_calls: 10 → 25" },
    { field: "enabled", change: "enabled: false → true" },
    { field: "name", change: 'name: "Acme Support (temp)" → "Acme Support Inbound"' },
    { field: "numbers", change: 'numbers: ["+14155550100","+14155550199"] → ["+14155550100"]' },
  ])("plan shows the drifted $field", ({ change }) => {
    expect(section(PLAN)).toContain(change);
  });

  it("plan counts three trunks to update and the matching one unchanged", () => {
    const plan = section(PLAN);
    expect(plan).toContain("Plan: 3 to update, 1 unchanged, 0 errors.");
    expect(plan).not.toContain("3c1f7a52-9d4e-4b8a-a1c6-2f5e8d9b0a17");
  });

  it("apply reports each drifted trunk as updated", () => {
    const apply = section(APPLY);
    expect(apply).toContain(
      '✓ applied vobiz-prod bfab10fb-cb97-488b-9c63-989c32980b0f "Acme Production Trunk": enabled, max_concurrent_calls',
    );
    expect(apply).toContain(
      '✓ applied vobiz-prod 7e2d4b90-5a3c-4f1e-8b7d-6c9a0e1f2d34 "Acme Support Inbound": name',
    );
    expect(apply).toContain('✓ applied videosdk SqlZqn1U1ezvhWGRek6ow "Twilio inbound": numbers');
    expect(apply).toContain("Apply: 3 applied, 1 unchanged, 0 failed, 0 skipped.");
  });

  it("drift afterwards finds every trunk in sync", () => {
    const drift = section(DRIFT);
    expect(drift).toContain("No drift. Remote trunks match trunks.yaml.");
    expect(drift).toContain("Drift: 0 drifted, 4 in sync, 0 errors.");
  });

  it.each(Object.entries(SECRETS))("never prints %s", (_name, secret) => {
    expect(secret).toEqual(expect.any(String));
    expect(stdout + stderr).not.toContain(secret);
  });
});
