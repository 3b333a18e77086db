import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Emulator, type EmulatorOptions, startEmulator } from "@trunksync/emulator";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

/** A scratch directory for one test's trunks.yaml and plan files. */
export async function scratchDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "trunksync-cli-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeText(dir: string, name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** An emulator and a scratch directory to run the CLI in, both live while a test runs. */
export interface EmulatorWorkspace {
  readonly emulator: Emulator;
  readonly dir: string;
}

/**
 * Starts an emulator with `emulator` options and makes a scratch directory before each test
 * (`per: "test"`) or once for the file (`per: "file"`), and closes and removes them afterwards.
 * Reading `emulator` or `dir` outside a test or hook throws.
 */
export function useEmulatorWorkspace(options: {
  emulator: EmulatorOptions;
  per: "test" | "file";
}): EmulatorWorkspace {
  let live: (EmulatorWorkspace & { remove: () => Promise<void> }) | undefined;
  const [before, after] = options.per === "test" ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    const emulator = await startEmulator(options.emulator);
    const { dir, remove } = await scratchDir();
    live = { emulator, dir, remove };
  });
  after(async () => {
    const ending = live;
    live = undefined;
    await ending?.emulator.close();
    await ending?.remove();
  });
  const current = () => {
    if (live === undefined)
      throw new Error("the emulator workspace exists only while a test runs: use it inside a test or hook");
    return live;
  };
  return {
    get emulator() {
      return current().emulator;
    },
    get dir() {
      return current().dir;
    },
  };
}
