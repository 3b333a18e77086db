import { createRequire } from "node:module";
import { CLI_MANIFEST } from "./install-dir.js";

const pkg = createRequire(import.meta.url)(CLI_MANIFEST) as { version: string };

export const VERSION: string = pkg.version;
