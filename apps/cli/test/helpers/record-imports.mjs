// `node --import ./record-imports.mjs …` with TRUNKSYNC_RECORD_IMPORTS=<file>: appends the URL of
// every module the process imports to <file>, one a line (see startup.test.ts).
import { register } from "node:module";

const file = process.env.TRUNKSYNC_RECORD_IMPORTS;
if (file) register("./import-hooks.mjs", import.meta.url, { data: { file } });
