import { mkdir, symlink, writeFile } from "node:fs/promises";
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

/**
 * A plugin package `name` in the node_modules directory `modulesDir`, as npm would install it: a
 * package.json and `source` (plain ESM) as its index.js.
 */
export async function writePluginPackage(modulesDir: string, name: string, source: string): Promise<void> {
  const dir = join(modulesDir, name);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({ name, version: "1.0.0", type: "module", main: "index.js" }),
  );
  await writeFile(join(dir, "index.js"), source);
}
