import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, constants, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pipe whose reader has already gone, as after `| head`: every write to it fails with EPIPE. */
function pipeWithoutReader(): number {
  const dir = mkdtempSync(join(tmpdir(), "trunksync-pipe-"));
  dirs.push(dir);
  const fifo = join(dir, "out");
  execFileSync("mkfifo", [fifo]);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY);
  closeSync(reader);
  return writer;
}

describe("when the reader of stdout goes away", () => {
  it("finishes quietly with the command's exit code instead of crashing on EPIPE", async () => {
    const stdout = pipeWithoutReader();
    const child = spawn(process.execPath, [BIN, "apply", "--help"], { stdio: ["ignore", stdout, "pipe"] });
    closeSync(stdout);
    if (!child.stderr) throw new Error("stderr is piped, so it exists");
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const [code] = (await once(child, "close")) as [number];
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

describe("when stdout cannot be written (a full disk)", () => {
  it("says so in one line on stderr, without a stack trace, and exits 1", async () => {
    const full = openSync("/dev/full", "w");
    const child = spawn(process.execPath, [BIN, "apply", "--help"], { stdio: ["ignore", full, "pipe"] });
    closeSync(full);
    if (!child.stderr) throw new Error("stderr is piped, so it exists");
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const [code] = (await once(child, "close")) as [number];
    expect(stderr).toMatch(/^error: cannot write to stdout: ENOSPC: no space left on device[^\n]*\n$/);
    expect(code).toBe(1);
  });
});
