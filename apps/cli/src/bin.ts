#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import { confirmOnTerminal } from "./confirm.js";
import { main } from "./main.js";

// undici parses HTTP with a WebAssembly module, which V8 also compiles with its optimising tier in
// the background; a run cannot exit before that finishes (~0.2 s on a busy 2-core machine, see
// docs/performance.md). The baseline (Liftoff) code is ample for the responses of one run. Set
// before anything loads undici.
setFlagsFromString("--liftoff-only");

// A reader that goes away (`trunksync plan | head`) must not crash us mid-run, least of all mid-apply:
// drop further output to that stream and finish the work; the exit code still tells the truth.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  // Without a terminal there is nobody to ask: apply then needs --auto-approve.
  ...(process.stdin.isTTY ? { confirm: confirmOnTerminal } : {}),
});
