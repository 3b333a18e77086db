import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Installs the fixture plugin package test/fixtures/<name> next to a trunks.yaml in `dir`, as
 * `npm i` would (a link: the package resolves @trunksync/core from where it really is).
 */
export async function installFixturePlugin(dir: string, name: string): Promise<void> {
  await mkdir(join(dir, "node_modules"), { recursive: true });
  const target = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  await symlink(target, join(dir, "node_modules", name), "dir");
}
