import { createRequire } from "node:module";

// Read at run time so the header always matches the installed @trunksync/core.
const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

/** `User-Agent` of every request trunksync sends. */
export const USER_AGENT = `trunksync/${version}`;
