// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FaultyApi, startFaultyApi } from "./helpers/faulty-api.js";
import { installFixturePlugin } from "./helpers/plugin-fixture.js";
import { runCli } from "./helpers/run-cli.js";
import { trunksYaml } from "./helpers/trunks-yaml.js";
import { scratchDir, writeText } from "./helpers/workspace.js";

// Distinctive values: finding one in the output can only mean it leaked.
const TOKEN = "faulty-token-Wq83Zr";
const OLD_PASSWORD = "old-pw-Tz41Pk";
const NEW_PASSWORD = "new-pw-Hs27Lm";
const env = { FAULTY_TOKEN: TOKEN, SIP_PASSWORD: NEW_PASSWORD };
const PLUGIN = "trunksync-provider-faulty";
const BUG = `(a bug in the plugin "${PLUGIN}", not in trunksync; report it to the plugin's authors)`;

let api: FaultyApi;
let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  api = await startFaultyApi({
    t1: { name: "One", channels: 2, sip_password: OLD_PASSWORD },
    t2: { name: "Two", channels: 2, sip_password: OLD_PASSWORD },
  });
  ({ dir, remove } = await scratchDir());
  await installFixturePlugin(dir, PLUGIN);
});
afterEach(async () => {
  await api.close();
  await remove();
});

/** trunks.yaml with one block of the fixture plugin (plus `block` options) and these trunks. */
function config(trunks: Record<string, Record<string, unknown>>, block: Record<string, unknown> = {}) {
  const entries = Object.entries(trunks).map(([id, fields]) => ({ provider: "faulty", id, ...fields }));
  const provider = { type: PLUGIN, token: "${env:FAULTY_TOKEN}", baseUrl: api.url, ...block };
  return writeText(dir, "trunks.yaml", trunksYaml({ faulty: provider }, entries));
}

const run = (argv: string[]) => runCli(argv, { cwd: dir, env });

describe("a third-party plugin whose updateBody throws", () => {
  it("makes that trunk a plan error naming the package, shows the other trunks' changes, and exits 1", async () => {
    await config({ t1: { name: "explode", sip_password: "${env:SIP_PASSWORD}" }, t2: { channels: 4 } });
    const { code, stdout, stderr } = await run(["plan"]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `plugin-failed: provider block "faulty": plugin "${PLUGIN}" failed in updateBody: cannot build a body ` +
        `(token [redacted], password [redacted]) ${BUG}`,
    );
    expect(stdout).toContain("~ channels: 2 → 4");
    expect(stdout).toContain("Plan: 1 to update, 0 unchanged, 1 error.");
    expect(stderr).not.toContain("unexpected failure");
    for (const secret of [TOKEN, OLD_PASSWORD, NEW_PASSWORD]) expect(stdout + stderr).not.toContain(secret);
  });

  it("keeps the plugin's secrets out of a saved plan, which is not redacted on its way out", async () => {
    await config({ t1: { name: "explode", sip_password: "${env:SIP_PASSWORD}" } });
    await run(["plan", "--out", "plan.json"]);
    const saved = await readFile(join(dir, "plan.json"), "utf8");
    expect(saved).toContain('"kind": "plugin-failed"');
    for (const secret of [TOKEN, OLD_PASSWORD, NEW_PASSWORD]) expect(saved).not.toContain(secret);
  });
});

describe("a third-party plugin whose close throws", () => {
  const warning = `warning: provider block "faulty": plugin "${PLUGIN}" failed in close: close failed (token [redacted]) ${BUG}`;

  it("costs plan a warning on stderr, not its exit code", async () => {
    await config({ t1: { channels: 4 } }, { failIn: "close" });
    const { code, stdout, stderr } = await run(["plan", "--detailed-exitcode"]);
    expect(code).toBe(2);
    expect(stdout).toContain("~ channels: 2 → 4");
    expect(stderr).toContain(warning);
    expect(stderr).not.toContain(TOKEN);
  });

  it("leaves a successful apply at exit 0, with the warning", async () => {
    await config({ t1: { channels: 4 } }, { failIn: "close" });
    const { code, stderr } = await run(["apply", "--auto-approve"]);
    expect(code).toBe(0);
    expect(api.trunks.get("t1")).toMatchObject({ channels: 4 });
    expect(stderr).toContain(warning);
  });
});

describe("a trunk field a third-party plugin marks only writeOnly", () => {
  it("is shown as a sensitive change and never written to a plan file", async () => {
    await config({ t1: { sip_password: "${env:SIP_PASSWORD}" } });
    const { code, stdout } = await run(["plan", "--out", "plan.json"]);
    expect(code).toBe(0);
    expect(stdout).toContain("~ sip_password: (sensitive value changed)");
    const saved = await readFile(join(dir, "plan.json"), "utf8");
    expect(JSON.parse(saved).changes[0].changes).toEqual([{ path: "sip_password", sensitive: true }]);
    for (const secret of [OLD_PASSWORD, NEW_PASSWORD]) expect(stdout + saved).not.toContain(secret);
  });
});

describe("a provider block's type", () => {
  it("suggests the installed package for its short name", async () => {
    await config({ t1: { channels: 4 } }, { type: "faulty" });
    const { code, stderr } = await run(["validate"]);
    expect(code).toBe(1);
    expect(stderr).toContain(`unknown provider type "faulty" (did you mean "${PLUGIN}"?)`);
  });
});
