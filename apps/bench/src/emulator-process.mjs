import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";

const WANTED = ["VOBIZ_BASE_URL", "VOBIZ_AUTH_ID", "VOBIZ_AUTH_TOKEN", "VIDEOSDK_API_KEY", "VIDEOSDK_SECRET"];
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * A banner line `export NAME=value` as [NAME, value], the value unquoted as a shell would (the
 * emulator single-quotes a value with characters a shell would read); [] for any other line.
 */
function exported(line) {
  const m = /^export ([A-Z_]+)=(.*)$/.exec(line);
  if (!m) return [];
  const [, name, word] = m;
  const value = word.startsWith("'") ? word.slice(1, -1).replaceAll("'\\''", "'") : word;
  return [[name, value]];
}

/** Emulators still running, killed on any way out of the bench (see `killAllSync`). */
const running = new Set();

/**
 * Starts `trunksync-emulator` in its own process and resolves once it has printed its URL and
 * credentials. The credentials stay in memory: they reach children through the environment only.
 */
export async function startEmulatorProcess(root, flags) {
  const bin = join(root, "apps/emulator/dist/bin.js");
  const child = spawn(process.execPath, [bin, "--admin", ...flags], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let out = "";
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => {
    err += chunk;
  });
  const env = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`did not print its URL within ${STARTUP_TIMEOUT_MS} ms`),
      STARTUP_TIMEOUT_MS,
    );
    const fail = (why) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`trunksync-emulator ${flags.join(" ")} ${why}${err ? `:\n${err.trim()}` : ""}`));
    };
    child.once("exit", (code) => fail(`exited with code ${code} before it was ready`));
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      out += chunk;
      const found = Object.fromEntries(out.split("\n").flatMap(exported));
      if (WANTED.every((key) => found[key])) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        child.once("exit", () => running.delete(child));
        child.stdout.resume();
        resolve(found);
      }
    });
  });
  const url = env.VOBIZ_BASE_URL;
  return {
    url,
    /** Credentials and base URLs as environment variables for the CLI and the naive client. */
    env,
    async stats() {
      const res = await fetch(`${url}/__emulator/stats`);
      if (!res.ok) throw new Error(`GET /__emulator/stats answered ${res.status}`);
      return res.json();
    },
    async resetStats() {
      const res = await fetch(`${url}/__emulator/reset-stats`, { method: "POST" });
      if (!res.ok) throw new Error(`POST /__emulator/reset-stats answered ${res.status}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Last resort on exit or a signal: synchronous, so it also runs from `process.on("exit")`. */
export function killAllSync() {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}
