#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import { confirmOnTerminal } from "./confirm.js";
import { main } from "./main.js";

// undici parses HTTP with a WebAssembly module, which V8 also compiles with its optimising tier in
// the background; a run cannot exit before that finishes (~0.2 s on a busy 2-core machine, see
// docs/performance.md). The baseline (Liftoff) code is ample for the responses of one run. Set
// before anything loads undici.
setFlagsFromString("--liftoff-only");

// An output that fails must not crash us mid-run, least of all mid-apply: drop further output to
// that stream and finish the work. A reader that went away (`trunksync plan | head`) wanted no more;
// any other failure (a full disk: ENOSPC) lost output, which is said once and makes the run fail.
let lostOutput = false;
for (const [name, stream] of [
  ["stdout", process.stdout],
  ["stderr", process.stderr],
] as const) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED" || lostOutput) return;
    lostOutput = true;
    // The error may come after main has returned (the write was queued): fail the run from here too.
    if (!process.exitCode) process.exitCode = 1;
    if (name === "stdout") process.stderr.write(`error: cannot write to stdout: ${err.message}\n`);
  });
}

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  // Without a terminal there is nobody to ask: apply then needs --auto-approve.
  ...(process.stdin.isTTY ? { confirm: confirmOnTerminal } : {}),
});
// The handler may already have failed the run: keep that over a 0.
process.exitCode = code || process.exitCode;
