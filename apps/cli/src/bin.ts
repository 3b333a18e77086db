#!/usr/bin/env node
import { confirmOnTerminal } from "./confirm.js";
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  // Without a terminal there is nobody to ask: apply then needs --auto-approve.
  ...(process.stdin.isTTY ? { confirm: confirmOnTerminal } : {}),
});
