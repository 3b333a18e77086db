import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliPackageDir } from "../src/install-dir.js";
import { writePluginPackage } from "./helpers/plugin-fixture.js";

const CLI_ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

describe("cliPackageDir", () => {
  it("is the root of the trunksync package, from which the CLI's own dependencies resolve", async () => {
    const dir = cliPackageDir();
    expect(dir).toBe(CLI_ROOT);
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { name: string };
    expect(manifest.name).toBe("trunksync");
    expect(() => createRequire(join(dir, "noop.js")).resolve("@trunksync/core/package.json")).not.toThrow();
  });
});

/**
 * The built, bundled CLI installed the way `npm i -g trunksync trunksync-provider-…` leaves it:
 * <root>/lib/node_modules/trunksync (package.json and dist copied, so the bundle's import.meta.url
 * points there; its node_modules linked to the workspace's, where its dependencies are) beside the
 * plugin packages, and a project directory with a trunks.yaml and no node_modules of its own.
 */
describe("the built CLI installed globally", () => {
  let root: string;
  let project: string;
  let installed: string;
  const globalModules = () => join(root, "lib", "node_modules");

  /** A plugin package in `modules` with a one-field trunk schema, named `display` for people. */
  const plugin = (modules: string, name: string, display: string) =>
    writePluginPackage(
      modules,
      name,
      `export default {
  type: "acme", displayName: ${JSON.stringify(display)}, defaultBaseUrl: "https://api.acme.example",
  optionsSchema: { properties: { token: { type: "string" } }, required: ["token"] },
  trunkSchema: { properties: { ring: { type: "integer" } } },
  fields: {}, httpProfile: () => ({ errorMessagePaths: [] }), updateBody: (merged) => ({ body: merged }),
  connect: () => { throw new Error("not in this spec"); },
};
`,
    );

  beforeAll(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), "trunksync-global-")));
    project = join(root, "project");
    installed = join(globalModules(), "trunksync");
    await mkdir(project, { recursive: true });
    await mkdir(installed, { recursive: true });
    await cp(join(CLI_ROOT, "package.json"), join(installed, "package.json"));
    await cp(join(CLI_ROOT, "dist"), join(installed, "dist"), { recursive: true });
    await symlink(join(CLI_ROOT, "node_modules"), join(installed, "node_modules"), "dir");
    await plugin(globalModules(), "trunksync-provider-acme", "Acme (global)");
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function run(args: string[], yaml: string) {
    await writeFile(join(project, "trunks.yaml"), yaml);
    const bin = join(installed, "dist", "bin.js");
    return promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: project,
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  }
  const config = (type: string) =>
    `version: 1\nproviders:\n  acme:\n    type: ${type}\n    token: t\ntrunks:\n  - provider: acme\n    id: t1\n    ring: 3\n`;

  it("finds a plugin installed next to it when the project has none", async () => {
    const { code, stdout, stderr } = await run(["validate"], config("trunksync-provider-acme"));
    expect(stderr).toBe("");
    expect(stdout).toBe("✓ trunks.yaml is valid: 1 trunk in 1 provider\n");
    expect(code).toBe(0);
  });

  it("uses the project's copy of a plugin installed in both places", async () => {
    await plugin(join(project, "node_modules"), "trunksync-provider-acme", "Acme (project)");
    try {
      const { code, stdout } = await run(["schema"], config("trunksync-provider-acme"));
      expect(code).toBe(0);
      const schema = JSON.parse(stdout) as { $defs: Record<string, { title?: string }> };
      expect(schema.$defs["trunksync-provider-acme-trunk"]?.title).toBe("Acme (project) trunk");
    } finally {
      await rm(join(project, "node_modules"), { recursive: true, force: true });
    }
  });

  it("names both places it looked, and how to install there, when neither has the plugin", async () => {
    const { code, stderr } = await run(["validate"], config("trunksync-provider-nowhere"));
    expect(code).toBe(1);
    expect(stderr.split("\n")[0]).toBe(
      `trunks.yaml:4:11: provider plugin package "trunksync-provider-nowhere" is not installed ` +
        `(looked from ${project}, then from ${installed}): npm i -D trunksync-provider-nowhere in the project, ` +
        "or npm i -g trunksync-provider-nowhere next to a global trunksync",
    );
  });
});
