import { createRequire } from "node:module";
import { dirname } from "node:path";

/**
 * The running trunksync's package.json. By package name, not by a path relative to this file: the
 * build moves this code into a bundle elsewhere in dist. Node resolves it through symlinks to where
 * the package really is, as it does the CLI's own imports.
 */
export const CLI_MANIFEST: string = createRequire(import.meta.url).resolve("trunksync/package.json");

/**
 * The directory of the running trunksync package: plugin packages are looked for from there after
 * the project, so one installed next to trunksync (`npm i -g trunksync trunksync-provider-acme`, or
 * both in the same node_modules) is found.
 */
export function cliPackageDir(): string {
  return dirname(CLI_MANIFEST);
}
