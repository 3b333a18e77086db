import { PassThrough } from "node:stream";
import { ConfigError, ProviderError } from "@trunksync/core/errors";
import { describe, expect, it } from "vitest";
import type { CliIO } from "../src/io.js";
import { reportError } from "../src/main.js";
import { openSession } from "../src/session.js";
import { EMULATOR_ENV } from "./helpers/seed-trunks.js";
import { vobizConfig } from "./helpers/trunks-yaml.js";
import { scratchDir, writeText } from "./helpers/workspace.js";

/** Streams for one run; `stderr()` is what was written to stderr so far. */
function streams(env: NodeJS.ProcessEnv = {}, cwd = "/") {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on("data", (c: Buffer) => chunks.push(c));
  const io: CliIO = { stdout: new PassThrough(), stderr, env, cwd };
  return { io, stderr: () => Buffer.concat(chunks).toString("utf8") };
}

function report(err: unknown, run = streams()): { code: number; stderr: string } {
  const code = reportError(err, run.io, false);
  return { code, stderr: run.stderr() };
}

describe("errors that reach the top of the CLI", () => {
  it("prints each config problem found after loading, located, and exits 1", () => {
    const problem = { path: "/providers/acme", severity: "error" as const };
    const { code, stderr } = report(
      new ConfigError([
        { ...problem, file: "trunks.yaml", line: 3, col: 5, message: 'provider block "acme": no token' },
        { ...problem, file: "trunks.yaml", line: 0, col: 0, message: "no provider can be reached" },
      ]),
    );
    expect(stderr).toBe(
      'error: trunks.yaml:3:5: provider block "acme": no token\nerror: trunks.yaml: no provider can be reached\n',
    );
    expect(code).toBe(1);
  });

  it("prints a provider's error as its message alone", () => {
    const err = new ProviderError(
      { provider: "p", method: "GET", path: "/x", status: 500 },
      "Internal Server Error",
    );
    const { code, stderr } = report(err);
    expect(stderr).toBe(`error: ${err.message}\n`);
    expect(code).toBe(1);
  });

  it("calls anything else a bug, without a stack trace unless --debug", () => {
    const { code, stderr } = report(new TypeError("x is undefined"));
    expect(stderr).toBe(
      "error: unexpected failure: x is undefined\n(this is a bug in trunksync; re-run with --debug for details)\n",
    );
    expect(code).toBe(1);
  });

  it("prints an unexpected error through the redaction of the session opened on the same streams", async () => {
    const { dir, remove } = await scratchDir();
    try {
      await writeText(dir, "trunks.yaml", vobizConfig("http://127.0.0.1:9", [{ id: "t1", name: "One" }]));
      const run = streams(EMULATOR_ENV, dir);
      const session = await openSession(run.io, { configFile: "trunks.yaml" });
      await session.close();
      const { stderr } = report(new TypeError(`token ${EMULATOR_ENV.VOBIZ_AUTH_TOKEN} was refused`), run);
      expect(stderr).toBe(
        "error: unexpected failure: token [redacted] was refused\n" +
          "(this is a bug in trunksync; re-run with --debug for details)\n",
      );
    } finally {
      await remove();
    }
  });
});
