// Writes schemas/trunks.schema.json from core and the built-in plugins (built dists: run after `pnpm build`).
// `--check` writes nothing and exits 1 when the committed file differs (CI).
import { readFile, writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { composeTrunksSchema } from "@trunksync/core";
import { BUILTIN_PLUGINS } from "../dist/plugins.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const target = fileURLToPath(new URL("../../../schemas/trunks.schema.json", import.meta.url));
const shown = relative(root, target);
const text = `${JSON.stringify(composeTrunksSchema(BUILTIN_PLUGINS), null, 2)}\n`;

if (process.argv.includes("--check")) {
  const current = await readFile(target, "utf8").catch(() => undefined);
  if (current !== text) {
    console.error(
      `${shown} is ${current === undefined ? "missing" : "stale"}: run pnpm schema and commit it`,
    );
    process.exit(1);
  }
  console.log(`${shown} is up to date`);
} else {
  await writeFile(target, text);
  console.log(`wrote ${shown}`);
}
