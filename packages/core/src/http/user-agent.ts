import { createRequire } from "node:module";

// Read at run time so the header always matches the installed @trunksync/core. By package name, not
// by relative path: the build moves this code into a bundle elsewhere in dist.
const { version } = createRequire(import.meta.url)("@trunksync/core/package.json") as { version: string };

/** `User-Agent` of every request trunksync sends. */
export const USER_AGENT = `trunksync/${version}`;
