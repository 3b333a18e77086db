import { createRequire } from "node:module";
import type { Pool } from "undici";

let loaded: typeof Pool | undefined;

/**
 * undici's connection pool, loaded alone. undici's entry point also loads fetch, WebSocket,
 * EventSource, the cache and cookie APIs and the mock agents: ~150 ms of a short CLI run, where
 * the pool (all core uses, with `dispatch`) loads in a third of that. The file is undici's own
 * CommonJS module (the package has no `exports` map; the lockfile pins the version) and a spec
 * checks it is still the pool; the type is undici's public declaration.
 */
export function loadUndiciPool(): typeof Pool {
  loaded ??= createRequire(import.meta.url)("undici/lib/dispatcher/pool.js") as typeof Pool;
  return loaded;
}
