import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEMO_ENV, REPO_ROOT } from "./validate-helpers.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/** Runs the built binary as a user would, with only the given environment (no TTY, no colour). */
async function spawnCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const [code] = (await once(child, "close")) as [number];
  return { code, stdout, stderr };
}

describe("the trunksync binary", () => {
  it("runs as the command the package's bin links, with the package's version", async () => {
    const pkgUrl = new URL("../package.json", import.meta.url);
    const pkg = JSON.parse(await readFile(pkgUrl, "utf8")) as { version: string; bin: { trunksync: string } };
    // Through node: package managers set the executable bit when they link a bin, the build does not.
    const child = spawn(process.execPath, [fileURLToPath(new URL(pkg.bin.trunksync, pkgUrl)), "--version"], {
      env: { PATH: process.env.PATH ?? "" },
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    const [code] = (await once(child, "close")) as [number];
    expect({ code, stdout }).toEqual({ code: 0, stdout: `${pkg.version}\n` });
  });

  it("validates examples/trunks.yaml and exits 0", async () => {
    expect(await spawnCli(["validate", "-c", "examples/trunks.yaml"], DEMO_ENV)).toEqual({
      code: 0,
      stdout: "✓ examples/trunks.yaml is valid: 4 trunks in 2 providers\n",
      stderr: "",
    });
  });

  it("exits 1 with located problems and no stack trace for an invalid file", async () => {
    const { code, stdout, stderr } = await spawnCli(
      ["validate", "-c", "examples/invalid/bad-types.yaml"],
      DEMO_ENV,
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain('examples/invalid/bad-types.yaml:17:14: enabled must be a boolean, got "yes"');
    expect(stderr).toMatch(/✗ examples\/invalid\/bad-types\.yaml is invalid: 7 problems\n$/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
