import { createRequire } from "node:module";

// By package name, not by relative path: the build moves this code into a bundle elsewhere in dist.
const pkg = createRequire(import.meta.url)("trunksync/package.json") as { version: string };

export const VERSION: string = pkg.version;
