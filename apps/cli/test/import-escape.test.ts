// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax under test
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "./helpers/run-cli.js";
import { EMULATOR_ENV, VOBIZ_ACME, VOBIZ_BACKUP, VOBIZ_SUPPORT } from "./helpers/seed-trunks.js";
import { vobizConfig } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });

/** A value of HOME no seeded trunk could contain by chance. */
const HOME = "/home/import-escape-spec";
const readConfig = () => readFile(join(workspace.dir, "trunks.yaml"), "utf8");
const renameRemotely = (id: string, name: string) =>
  workspace.emulator.faults.remoteEdit("vobiz", id, { name });
const namesOf = (text: string) =>
  Object.fromEntries(
    (parse(text) as { trunks: { id: string; name: string }[] }).trunks.map((t) => [t.id, t.name]),
  );

describe("trunksync import writes remote text so that it reads back as the provider has it", () => {
  it("a name holding ${env:…} stays text: plan shows no change and no variable's value appears", async () => {
    renameRemotely(VOBIZ_ACME, "Line ${env:VOBIZ_AUTH_TOKEN}");
    renameRemotely(VOBIZ_BACKUP, "Promo ${env:HOME} line");
    renameRemotely(VOBIZ_SUPPORT, "$${ $$ $ { }");
    const env = { HOME };

    const imported = await runCli(["import", "--provider", "vobiz", "--base-url", workspace.emulator.url], {
      cwd: workspace.dir,
      env,
    });
    expect(imported.code).toBe(0);
    const text = await readConfig();
    expect(namesOf(text)).toEqual({
      [VOBIZ_ACME]: "Line $${env:VOBIZ_AUTH_TOKEN}",
      [VOBIZ_BACKUP]: "Promo $${env:HOME} line",
      [VOBIZ_SUPPORT]: "$$${ $$ $ { }",
    });

    const validate = await runCli(["validate"], { cwd: workspace.dir, env });
    expect(validate.code).toBe(0);
    const plan = await runCli(["plan", "--detailed-exitcode"], { cwd: workspace.dir, env });
    expect(plan.stdout).toContain("Plan: 0 to update, 3 unchanged, 0 errors.");
    expect(plan.code).toBe(0);

    const apply = await runCli(["apply", "--auto-approve"], { cwd: workspace.dir, env });
    expect(apply.code).toBe(0);
    expect(workspace.emulator.requests.filter((r) => r.method === "PUT")).toEqual([]);
    for (const output of [text, imported.stderr, plan.stdout, plan.stderr, apply.stdout, apply.stderr]) {
      expect(output).not.toContain(EMULATOR_ENV.VOBIZ_AUTH_TOKEN);
      expect(output).not.toContain(HOME);
    }
  });

  it("updates an escaped name the file has when the remote one changes, and keeps a name it sources from the environment", async () => {
    await writeText(
      workspace.dir,
      "trunks.yaml",
      vobizConfig(workspace.emulator.url, [
        { id: VOBIZ_ACME, name: "Old $${env:HOME}" },
        { id: VOBIZ_BACKUP, name: "${env:BACKUP_NAME}" },
      ]),
    );
    renameRemotely(VOBIZ_ACME, "New ${env:HOME}");
    const env = { HOME, BACKUP_NAME: "Backup from the environment" };

    const imported = await runCli(
      ["import", "--provider", "vobiz", "--trunk", VOBIZ_ACME, "--trunk", VOBIZ_BACKUP],
      {
        cwd: workspace.dir,
        env,
      },
    );
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain("0 added, 1 updated, 1 unchanged.");
    expect(namesOf(await readConfig())).toEqual({
      [VOBIZ_ACME]: "New $${env:HOME}",
      [VOBIZ_BACKUP]: "${env:BACKUP_NAME}",
    });
  });
});
