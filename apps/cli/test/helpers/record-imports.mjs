// `node --import ./record-imports.mjs …` with TRUNKSYNC_RECORD_IMPORTS=<file>: appends the URL of
// every module the process imports to <file>, one a line (see startup.test.ts). CommonJS modules
// loaded by require() (ajv's own files, say) do not pass the import hooks: they are added from
// require's cache when the process exits.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

const file = process.env.TRUNKSYNC_RECORD_IMPORTS;
if (file) {
  register("./import-hooks.mjs", import.meta.url, { data: { file } });
  const cache = createRequire(import.meta.url).cache;
  process.on("exit", () => {
    const urls = Object.keys(cache).map((path) => `${pathToFileURL(path).href}\n`);
    appendFileSync(file, urls.join(""));
  });
}
