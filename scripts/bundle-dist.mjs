// Last step of a published package's build, run in the package's directory after tsc (and any
// precompiling): rewrites each of its entry points (the `import` targets of `exports`, and `bin`)
// as one ES module holding all the package's own code it reaches. Other packages stay imports.
//
// Why: Node 20 spends ~0.4 ms on every ES module it resolves, reads and links; a network command
// loaded ~100 of trunksync's own, ~45 ms before its first request (docs/performance.md). Code
// splitting keeps what is shared between entry points in one copy (one `ConfigError` class for
// `@trunksync/core` and `@trunksync/core/errors`) and each `import()` a separate, lazily loaded
// chunk, so a command still loads only what it runs.
//
// tsc's per-module output stays in dist beside the bundles (specs import built modules such as
// the precompiled validators from it); nothing outside the package can reach it past `exports`.
import { readFile, rm } from "node:fs/promises";
import { build } from "esbuild";

const pkg = JSON.parse(await readFile("package.json", "utf8"));
const entryPoints = new Set();
for (const target of Object.values(pkg.exports ?? {})) {
  if (typeof target === "object" && target !== null && typeof target.import === "string") {
    entryPoints.add(target.import);
  }
}
for (const bin of Object.values(typeof pkg.bin === "string" ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {}))) {
  entryPoints.add(bin);
}
if (entryPoints.size === 0) throw new Error(`${pkg.name}: no entry points in package.json exports or bin`);

// Chunks are named by content hash: clear the previous build's, which nothing imports any more.
await rm("dist/chunks", { recursive: true, force: true });

await build({
  entryPoints: [...entryPoints],
  outdir: "dist",
  outbase: "dist",
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  // Dependencies, trunksync's other packages and Node's builtins are loaded as they are.
  packages: "external",
  // Chained through tsc's maps: stack traces (--debug) point at the TypeScript sources.
  sourcemap: true,
  logLevel: "warning",
});
