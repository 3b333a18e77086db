import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const PRELOAD = pathToFileURL(join(import.meta.dirname, "usage-preload.mjs")).href;
let runs = 0;

/**
 * Runs `node <args>` as a fresh process and measures it from spawn to exit: wall time, CPU time
 * (user + system) and peak RSS of the child itself. Resolves whatever the exit code. With
 * `profileDir`, node writes a CPU profile of the child there (`--cpu-prof`).
 */
export async function runNode(args, { env, cwd, workDir, profileDir }) {
  runs += 1;
  const usageFile = join(workDir, `usage-${process.pid}-${runs}.json`);
  const started = performance.now();
  const profile = profileDir === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", profileDir];
  const child = spawn(process.execPath, ["--import", PRELOAD, ...profile, ...args], {
    cwd,
    env: { ...process.env, ...env, NO_COLOR: "1", TRUNKSYNC_BENCH_USAGE_FILE: usageFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout = [];
  const stderr = [];
  child.stdout.on("data", (chunk) => stdout.push(chunk));
  child.stderr.on("data", (chunk) => stderr.push(chunk));
  const exitCode = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve(code ?? `signal ${signal}`));
  });
  const wallMs = performance.now() - started;
  const usage = await readUsage(usageFile);
  return {
    exitCode,
    wallMs,
    cpuMs: usage ? (usage.userMicros + usage.systemMicros) / 1000 : Number.NaN,
    maxRssMb: usage ? usage.maxRssKb / 1024 : Number.NaN,
    stdout: Buffer.concat(stdout).toString("utf8"),
    stderr: Buffer.concat(stderr).toString("utf8"),
  };
}

async function readUsage(file) {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return undefined;
  } finally {
    await rm(file, { force: true });
  }
}
