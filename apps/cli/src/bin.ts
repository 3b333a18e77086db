#!/usr/bin/env node
import { confirmOnTerminal } from "./confirm.js";
import { main } from "./main.js";

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
