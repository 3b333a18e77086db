import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_ENV, SIP_INBOUND, SIP_INBOUND_FIELDS, VOBIZ_ACME } from "./helpers/seed-trunks.js";
import { twoProviderConfig } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";
import { DEMO_ENV, REPO_ROOT } from "./validate-helpers.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const RECORDER = fileURLToPath(new URL("./helpers/record-imports.mjs", import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "trunksync-startup-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The file URLs of every module a run of the built binary loads (imported or required). */
async function modulesLoaded(
  args: string[],
  env: Record<string, string> = {},
  cwd = REPO_ROOT,
): Promise<string[]> {
  const file = join(dir, `imports-${args.join("_").replace(/\W/g, "")}.txt`);
  const child = spawn(process.execPath, ["--import", RECORDER, BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env, TRUNKSYNC_RECORD_IMPORTS: file },
    stdio: "ignore",
  });
  const [code] = (await once(child, "close")) as [number];
  expect(code).toBe(0);
  return (await readFile(file, "utf8")).split("\n").filter((u) => u.startsWith("file:"));
}

/** What a run of the built binary loads, as package names (core as its modules), sorted. */
async function packagesLoaded(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const urls = await modulesLoaded(args, env);
  const names = await Promise.all(urls.map(packagesOf));
  return [...new Set(names.flat())].sort();
}

async function packagesOf(url: string): Promise<string[]> {
  const dependency = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (dependency) return [dependency];
  const core = /\/packages\/core\/dist\/(.+)$/.exec(url)?.[1];
  if (core) return (await modulesIn(url, core)).map((module) => `@trunksync/core/${module}`);
  const workspace = /\/packages\/([^/]+)\/dist\//.exec(url)?.[1];
  return workspace ? [`@trunksync/${workspace}`] : [];
}

/**
 * The modules (paths under dist) in a built file of core. The build bundles each entry point and
 * puts code shared between them in chunks; esbuild heads each module it inlines with a
 * `// dist/<path>` comment. An entry point that only re-exports a chunk is known by its own path.
 */
async function modulesIn(url: string, path: string): Promise<string[]> {
  const source = await readFile(fileURLToPath(url), "utf8");
  const inlined = [...source.matchAll(/^\/\/ dist\/(\S+\.js)$/gm)].map((m) => m[1] as string);
  if (path.startsWith("chunks/")) return inlined;
  return [...new Set([path, ...inlined])];
}

// Start-up is paid by every run: a verb loads what it uses when it runs, nothing before.
describe("what trunksync loads", () => {
  it.each(["--version", "--help", "plan --help", "apply --help", "drift --help", "import --help"])(
    "`trunksync %s` loads only commander and core's error classes and redactor",
    async (args) => {
      expect(await packagesLoaded(args.split(" "))).toEqual([
        "@trunksync/core/errors.js",
        "@trunksync/core/redaction.js",
        "commander",
      ]);
    },
  );

  it("validate loads no HTTP client and no JWT library", async () => {
    const loaded = await packagesLoaded(["validate", "-c", "examples/trunks.yaml"], DEMO_ENV);
    expect(loaded).toContain("ajv");
    expect(loaded).not.toContain("undici");
    expect(loaded).not.toContain("jose");
    expect(loaded).not.toContain("@trunksync/planner");
  });
});

// Built-in schemas come precompiled (ajv standalone code): a run checks trunks.yaml without loading
// ajv's compiler (~90 ms); only a trunksync-provider-* plugin's schemas are compiled at run time.
describe("ajv's compiler", () => {
  const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "file" });
  const compiler = (urls: string[]) =>
    urls.filter((url) => /\/node_modules\/ajv\/dist\/(2020\.js|compile\/)/.test(url));

  it("is not loaded by validate", async () => {
    const urls = await modulesLoaded(["validate", "-c", "examples/trunks.yaml"], DEMO_ENV);
    // The precompiled validators' one runtime helper; their formats are inline regular expressions.
    expect(urls.some((url) => url.includes("/node_modules/ajv/dist/runtime/ucs2length.js"))).toBe(true);
    expect(urls.filter((url) => url.includes("/node_modules/ajv-formats/"))).toEqual([]);
    expect(compiler(urls)).toEqual([]);
  });

  it("is not loaded by plan", async () => {
    const trunks = [
      { provider: "vobiz" as const, id: VOBIZ_ACME, name: "Acme Production Trunk" },
      { provider: "videosdk" as const, id: SIP_INBOUND, ...SIP_INBOUND_FIELDS },
    ];
    await writeText(workspace.dir, "trunks.yaml", twoProviderConfig(workspace.emulator.url, trunks));
    const urls = await modulesLoaded(["plan"], EMULATOR_ENV, workspace.dir);
    expect(urls.some((url) => url.includes("/packages/planner/dist/"))).toBe(true);
    expect(compiler(urls)).toEqual([]);
  });
});
