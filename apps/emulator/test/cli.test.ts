import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseCliArgs } from "../src/cli-args.js";
import { loadSeedFile } from "../src/seed-file.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

describe("parseCliArgs", () => {
  it("maps every flag to its option", () => {
    const args = parseCliArgs([
      "--port=4010",
      "--host=::1",
      "--seed=seed.json",
      "--generate=100000",
      "--latency-ms=20",
      "--jitter-ms=5",
      "--rate-limit=50",
      "--retry-after=date",
      "--fail-rate=0.1",
      "--fail-status=502",
      "--count-field=total_count",
      "--error-body=flat",
      "--message-field=statusMessage",
      "--admin",
      "--request-log=0",
    ]);
    expect(args).toEqual({
      options: {
        port: 4010,
        host: "::1",
        generate: 100_000,
        latencyMs: 20,
        jitterMs: 5,
        rateLimit: 50,
        retryAfter: "date",
        failRate: 0.1,
        failStatus: 502,
        vobizCountField: "total_count",
        vobizErrorBody: "flat",
        videoSdkMessageField: "statusMessage",
        admin: true,
        requestLog: 0,
      },
      seedFile: "seed.json",
      help: false,
    });
  });

  it("leaves options unset when flags are absent", () => {
    expect(parseCliArgs([])).toEqual({ options: { admin: false }, help: false });
  });

  it.each([
    { argv: ["--bogus"], error: /Unknown option '--bogus'/ },
    { argv: ["--port", "abc"], error: /--port must be a number, got "abc"/ },
    { argv: ["--port", "70000"], error: /--port must be an integer from 0 to 65535/ },
    { argv: ["--generate=-3"], error: /--generate must be an integer/ },
    { argv: ["--fail-rate", "1.5"], error: /--fail-rate must be between 0 and 1/ },
    { argv: ["--fail-status", "200"], error: /fail status must be an HTTP error status/ },
    { argv: ["--count-field", "count"], error: /--count-field must be total or total_count/ },
    { argv: ["--error-body", "nested"], error: /--error-body must be envelope or flat, got "nested"/ },
    { argv: ["--retry-after", "http-date"], error: /--retry-after must be seconds or date, got "http-date"/ },
    {
      argv: ["--message-field", "detail"],
      error: /--message-field must be message, error, msg or statusMessage, got "detail"/,
    },
    { argv: ["--host", "0.0.0.0"], error: /refusing to listen on 0\.0\.0\.0/ },
    { argv: ["extra"], error: /Unexpected argument 'extra'/ },
  ])("rejects $argv with a message naming the flag", ({ argv, error }) => {
    expect(() => parseCliArgs(argv)).toThrow(error);
  });
});

describe("seed files", () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const write = async (content: string) => {
    dir = await mkdtemp(join(tmpdir(), "emulator-seed-"));
    const file = join(dir, "seed.json");
    await writeFile(file, content);
    return file;
  };

  // providers.md's Decision has plugins read trunk_status enabled/disabled too: seeds may serve them.
  it.each(["active", "inactive", "enabled", "disabled"])("loads a trunk_status of %s", async (status) => {
    const seed = { vobiz: [{ authId: "MA_X", authToken: "t", trunks: [{ trunk_status: status }] }] };
    expect(await loadSeedFile(await write(JSON.stringify(seed)))).toEqual({ ...seed, videosdk: [] });
  });

  it("loads a valid seed", async () => {
    const seed = {
      vobiz: [{ authId: "MA_X", authToken: "t", trunks: [{ name: "One", trunk_status: "inactive" }] }],
    };
    expect(await loadSeedFile(await write(JSON.stringify(seed)))).toEqual({ ...seed, videosdk: [] });
  });

  it.each([
    { content: "{ nope", error: /seed\.json: not valid JSON/ },
    { content: "[]", error: /seed must be an object/ },
    { content: '{"vobiz":[{"authId":"MA_X"}]}', error: /vobiz\[0\]\.authToken must be a non-empty string/ },
    {
      content: '{"vobiz":[{"authId":"A","authToken":"t","trunks":[{"concurrent_calls_limit":"5"}]}]}',
      error: /vobiz\[0\]\.trunks\[0\]\.concurrent_calls_limit must be an integer/,
    },
    {
      content: '{"vobiz":[{"authId":"A","authToken":"t","trunks":[{"trunk_status":"paused"}]}]}',
      error: /trunk_status must be one of active, inactive, enabled, disabled/,
    },
    {
      content: '{"videosdk":[{"apiKey":"k","secret":"s","trunks":[{"numbers":[1]}]}]}',
      error: /videosdk\[0\]\.trunks\[0\]\.numbers must be an array of strings/,
    },
    {
      content: '{"videosdk":[{"apiKey":"k","secret":"s","trunks":[{"colour":"red"}]}]}',
      error: /colour is not a field/,
    },
  ])("rejects a bad seed with a located message ($error)", async ({ content, error }) => {
    await expect(loadSeedFile(await write(content))).rejects.toThrow(error);
  });

  it("names a seed file that cannot be read", async () => {
    dir = await mkdtemp(join(tmpdir(), "emulator-seed-"));
    await expect(loadSeedFile(join(dir, "missing.json"))).rejects.toThrow(
      /cannot read seed file .*missing\.json: ENOENT/,
    );
  });
});

describe("trunksync-emulator binary", () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill("SIGKILL");
    child = undefined;
  });

  /** Collects stdout until the credential block has been printed. */
  async function banner(process: ChildProcess): Promise<string> {
    let out = "";
    for await (const chunk of process.stdout ?? []) {
      out += String(chunk);
      if (out.includes("VIDEOSDK_SECRET=")) return out;
    }
    throw new Error(`emulator exited before printing its credentials: ${out}`);
  }

  it("prints its URL and pasteable credentials, serves, and stops on SIGTERM", async () => {
    child = spawn(process.execPath, [BIN, "--generate", "1000", "--latency-ms", "20"], { stdio: "pipe" });
    const out = await banner(child);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    for (const line of [
      "export VOBIZ_AUTH_ID=MA_DEMO0001",
      "export VOBIZ_AUTH_TOKEN=demo-vobiz-token",
      "export VIDEOSDK_API_KEY=demo-videosdk-key",
      "export VIDEOSDK_SECRET=demo-videosdk-secret",
    ]) {
      expect(out.split("\n")).toContain(line);
    }
    const response = await fetch(`${url}/api/v1/Account/MA_DEMO0001/trunks?limit=1`, {
      headers: { "X-Auth-ID": "MA_DEMO0001", "X-Auth-Token": "demo-vobiz-token" },
    });
    expect(await response.json()).toMatchObject({ meta: { total: 1003 } });
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    expect(await exited).toEqual([0, null]);
  });

  it("prints variables that a shell they are pasted into passes on to its children, odd characters included", async () => {
    const dir = await mkdtemp(join(tmpdir(), "emulator-banner-"));
    const token = `it's a "$token" \\ with spaces`;
    try {
      const seed = join(dir, "seed.json");
      await writeFile(seed, JSON.stringify({ vobiz: [{ authId: "MA_ODD", authToken: token, trunks: [] }] }));
      child = spawn(process.execPath, [BIN, "--seed", seed], { stdio: "pipe" });
      let out = "";
      for await (const chunk of child.stdout ?? []) {
        out += String(chunk);
        if (out.includes("VOBIZ_AUTH_TOKEN=")) break;
      }
      const pasted = out
        .split("\n")
        .filter((line) => line.startsWith("export "))
        .join("\n");
      // The pasted lines, then a child process of that shell reading what it was given.
      const shell = spawn(
        "bash",
        [
          "-c",
          `${pasted}\n"${process.execPath}" -p 'JSON.stringify([process.env.VOBIZ_AUTH_ID, process.env.VOBIZ_AUTH_TOKEN])'`,
        ],
        {
          env: { PATH: process.env.PATH ?? "" },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      let seen = "";
      shell.stdout.on("data", (chunk) => {
        seen += String(chunk);
      });
      const [code] = await once(shell, "exit");
      expect(code).toBe(0);
      expect(JSON.parse(seen)).toEqual(["MA_ODD", token]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("exits 1 with a one-line message and no stack trace on a bad flag", async () => {
    child = spawn(process.execPath, [BIN, "--rate-limit", "fast"], { stdio: "pipe" });
    let err = "";
    child.stderr?.on("data", (chunk) => {
      err += String(chunk);
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(err).toContain('trunksync-emulator: --rate-limit must be a number, got "fast"');
    expect(err).not.toMatch(/\n\s+at /);
  });
});
