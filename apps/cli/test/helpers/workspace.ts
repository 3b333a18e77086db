// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";

/** A scratch directory for one test's trunks.yaml and plan files. */
export async function scratchDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "trunksync-cli-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface TrunkEntry {
  id: string;
  [field: string]: unknown;
}

/**
 * A trunks.yaml with one Vobiz block named `vobiz` on the emulator's demo account
 * (credentials from VOBIZ_AUTH_ID / VOBIZ_AUTH_TOKEN), plus any block options given.
 */
export function vobizConfig(
  baseUrl: string,
  trunks: readonly TrunkEntry[],
  block: Record<string, unknown> = {},
) {
  return stringify({
    version: 1,
    providers: {
      vobiz: {
        type: "vobiz",
        authId: "${env:VOBIZ_AUTH_ID}",
        authToken: "${env:VOBIZ_AUTH_TOKEN}",
        baseUrl,
        ...block,
      },
    },
    trunks: trunks.map((t) => ({ provider: "vobiz", ...t })),
  });
}

export async function writeText(dir: string, name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}
