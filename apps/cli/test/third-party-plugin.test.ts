import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { installFixturePlugin } from "./helpers/plugin-fixture.js";
import { runCli } from "./helpers/run-cli.js";
import { demoVobizTrunks, EMULATOR_ENV, VOBIZ_ACME, VOBIZ_BACKUP } from "./helpers/seed-trunks.js";
import { trunksYaml, vobizBlock } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

// The fixture plugin speaks Vobiz: its trunks are the emulator's demo trunks, its token the demo
// account's, and `label` (Vobiz's `name`) is its write-only field. Finding the token or a label in the
// output can only mean it leaked.
const TOKEN = EMULATOR_ENV.VOBIZ_AUTH_TOKEN;
const OLD_LABEL = "Acme Production Trunk"; // VOBIZ_ACME's name as seeded
const NEW_LABEL = "Acme relabelled Hs27Lm";
const PLUGIN = "trunksync-provider-faulty";
const BUG = `(a bug in the plugin "${PLUGIN}", not in trunksync; report it to the plugin's authors)`;

const ws = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });
beforeEach(() => installFixturePlugin(ws.dir, PLUGIN));

/** trunks.yaml with one block of the fixture plugin on the emulator (plus `block` options) and these trunks. */
function config(trunks: Record<string, Record<string, unknown>>, block: Record<string, unknown> = {}) {
  const entries = Object.entries(trunks).map(([id, fields]) => ({ provider: "faulty", id, ...fields }));
  const provider = vobizBlock(ws.emulator.url, { type: PLUGIN, ...block });
  return writeText(ws.dir, "trunks.yaml", trunksYaml({ faulty: provider }, entries));
}

const run = (argv: string[]) => runCli(argv, { cwd: ws.dir });

describe("a third-party plugin whose updateBody throws", () => {
  it("makes that trunk a plan error naming the package, shows the other trunks' changes, and exits 1", async () => {
    await config({ [VOBIZ_ACME]: { label: "explode" }, [VOBIZ_BACKUP]: { channels: 4 } });
    const { code, stdout, stderr } = await run(["plan"]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `plugin-failed: provider block "faulty": plugin "${PLUGIN}" failed in updateBody: cannot build a body ` +
        `(token [redacted], label [redacted]) ${BUG}`,
    );
    expect(stdout).toContain("~ channels: 5 → 4");
    expect(stdout).toContain("Plan: 1 to update, 0 unchanged, 1 error.");
    expect(stderr).not.toContain("unexpected failure");
    for (const secret of [TOKEN, OLD_LABEL, "explode"]) expect(stdout + stderr).not.toContain(secret);
  });

  it("keeps the plugin's secrets out of a saved plan, which is not redacted on its way out", async () => {
    await config({ [VOBIZ_ACME]: { label: "explode" } });
    await run(["plan", "--out", "plan.json"]);
    const saved = await readFile(join(ws.dir, "plan.json"), "utf8");
    expect(saved).toContain('"kind": "plugin-failed"');
    for (const secret of [TOKEN, OLD_LABEL, "explode"]) expect(saved).not.toContain(secret);
  });
});

describe("a third-party plugin whose close throws", () => {
  const warning = `warning: provider block "faulty": plugin "${PLUGIN}" failed in close: close failed (token [redacted]) ${BUG}`;

  it("costs plan a warning on stderr, not its exit code", async () => {
    await config({ [VOBIZ_ACME]: { channels: 4 } }, { failIn: "close" });
    const { code, stdout, stderr } = await run(["plan", "--detailed-exitcode"]);
    expect(code).toBe(2);
    expect(stdout).toContain("~ channels: 10 → 4");
    expect(stderr).toContain(warning);
    expect(stderr).not.toContain(TOKEN);
  });

  it("leaves a successful apply at exit 0, with the warning", async () => {
    await config({ [VOBIZ_ACME]: { channels: 4 } }, { failIn: "close" });
    const { code, stderr } = await run(["apply", "--auto-approve"]);
    expect(code).toBe(0);
    expect(demoVobizTrunks(ws.emulator).get(VOBIZ_ACME)).toMatchObject({ concurrent_calls_limit: 4 });
    expect(stderr).toContain(warning);
  });

  it("leaves a successful import at exit 0, the trunk written, with the warning", async () => {
    await config({}, { failIn: "close" });
    const { code, stdout, stderr } = await run(["import", "--provider", "faulty", "--trunk", VOBIZ_ACME]);
    expect(code).toBe(0);
    expect(stderr).toContain(
      "Imported 1 trunk from faulty into trunks.yaml: 1 added, 0 updated, 0 unchanged.",
    );
    expect(stderr.split("\n")).toContain(warning);
    const written = parse(await readFile(join(ws.dir, "trunks.yaml"), "utf8"));
    expect(written.trunks).toEqual([
      {
        provider: "faulty",
        id: VOBIZ_ACME,
        label: `\${env:FAULTY_${VOBIZ_ACME.toUpperCase().replaceAll("-", "_")}_LABEL}`,
        channels: 10,
        enabled: true,
      },
    ]);
    for (const secret of [TOKEN, OLD_LABEL]) expect(stdout + stderr).not.toContain(secret);
  });

  it("leaves an import whose read failed at its own error, with the warning", async () => {
    await config({}, { failIn: "close" });
    const file = await readFile(join(ws.dir, "trunks.yaml"), "utf8");
    const { code, stderr } = await run(["import", "--provider", "faulty", "--trunk", "no-such-trunk"]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      "error: trunk no-such-trunk not found at provider faulty\nnothing was written\n",
    );
    expect(stderr.split("\n")).toContain(warning);
    expect(await readFile(join(ws.dir, "trunks.yaml"), "utf8")).toBe(file);
  });
});

describe("a trunk field a third-party plugin marks only writeOnly", () => {
  it("is shown as a sensitive change and never written to a plan file", async () => {
    expect(demoVobizTrunks(ws.emulator).get(VOBIZ_ACME)).toMatchObject({ name: OLD_LABEL });
    await config({ [VOBIZ_ACME]: { label: NEW_LABEL } });
    const { code, stdout } = await run(["plan", "--out", "plan.json"]);
    expect(code).toBe(0);
    expect(stdout).toContain("~ label: (sensitive value changed)");
    const saved = await readFile(join(ws.dir, "plan.json"), "utf8");
    expect(JSON.parse(saved).changes[0].changes).toEqual([{ path: "label", sensitive: true }]);
    for (const secret of [OLD_LABEL, NEW_LABEL]) expect(stdout + saved).not.toContain(secret);
  });
});

describe("a provider block's type", () => {
  it("suggests the installed package for its short name", async () => {
    await config({ [VOBIZ_ACME]: { channels: 4 } }, { type: "faulty" });
    const { code, stderr } = await run(["validate"]);
    expect(code).toBe(1);
    expect(stderr).toContain(`unknown provider type "faulty" (did you mean "${PLUGIN}"?)`);
  });
});
