// Writes schemas/trunks.schema.json (from core and the built-in plugins) and schemas/plan.schema.json
// (core's PLAN_SCHEMA) from the built dists: run after `pnpm build`.
// `--check` writes nothing and exits 1 when a committed file differs (CI).
import { readFile, writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { composeTrunksSchema } from "@trunksync/core";
import { PLAN_SCHEMA } from "@trunksync/core/plan-file";
import { BUILTIN_PLUGINS } from "../dist/plugins.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const check = process.argv.includes("--check");
const schemas = {
  "trunks.schema.json": composeTrunksSchema(BUILTIN_PLUGINS),
  "plan.schema.json": PLAN_SCHEMA,
};

let stale = false;
for (const [name, schema] of Object.entries(schemas)) {
  const target = fileURLToPath(new URL(`../../../schemas/${name}`, import.meta.url));
  const shown = relative(root, target);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (check) {
    const current = await readFile(target, "utf8").catch(() => undefined);
    if (current === text) {
      console.log(`${shown} is up to date`);
    } else {
      console.error(
        `${shown} is ${current === undefined ? "missing" : "stale"}: run pnpm schema and commit it`,
      );
      stale = true;
    }
  } else {
    await writeFile(target, text);
    console.log(`wrote ${shown}`);
  }
}
if (stale) process.exit(1);
