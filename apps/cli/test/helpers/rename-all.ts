import { type EmulatorOptions, startEmulator } from "@trunksync/emulator";
import { demoVobizTrunks } from "./seed-trunks.js";
import { vobizConfig } from "./trunks-yaml.js";
import { scratchDir, writeText } from "./workspace.js";

/**
 * Starts an emulator with `count` generated Vobiz trunks and writes, in a new scratch directory, a
 * trunks.yaml renaming every one of them, with `block` as the Vobiz block's options. Call `close` when done.
 */
export async function renameAll(count: number, options: EmulatorOptions, block: Record<string, unknown>) {
  const emulator = await startEmulator({ generate: count, ...options });
  const { dir, remove } = await scratchDir();
  const generated = [...demoVobizTrunks(emulator).values()].slice(-count);
  await writeText(
    dir,
    "trunks.yaml",
    vobizConfig(
      emulator.url,
      generated.map((t) => ({ id: t.trunk_id, name: `${t.name} (renamed)` })),
      block,
    ),
  );
  return {
    emulator,
    dir,
    ids: generated.map((t) => t.trunk_id),
    close: async () => {
      await emulator.close();
      await remove();
    },
  };
}
