#!/usr/bin/env node
import { parseCliArgs, USAGE } from "./cli-args.js";
import { EmulatorInputError } from "./errors.js";
import { loadSeedFile } from "./seed-file.js";
import { startEmulator } from "./server.js";

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const seed = args.seedFile === undefined ? undefined : await loadSeedFile(args.seedFile);
  const emulator = await startEmulator({ ...args.options, ...(seed === undefined ? {} : { seed }) });
  const vobiz = emulator.credentials.vobiz[0];
  const videosdk = emulator.credentials.videosdk[0];
  // Fake demo credentials: printing them is the point, so a user can paste them into a shell.
  // `export`, so that trunksync, a child of that shell, sees them.
  const variables = [
    ["VOBIZ_BASE_URL", emulator.url],
    ["VIDEOSDK_BASE_URL", emulator.url],
    ...(vobiz
      ? [
          ["VOBIZ_AUTH_ID", vobiz.authId],
          ["VOBIZ_AUTH_TOKEN", vobiz.authToken],
        ]
      : []),
    ...(videosdk
      ? [
          ["VIDEOSDK_API_KEY", videosdk.apiKey],
          ["VIDEOSDK_SECRET", videosdk.secret],
        ]
      : []),
  ];
  const lines = [
    `trunksync-emulator listening on ${emulator.url}`,
    "",
    ...variables.map(([name, value]) => `export ${name}=${shellWord(value ?? "")}`),
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** `value` as one shell word: as is when plain, else single-quoted (a seed file's token may be anything). */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

main().catch((error: unknown) => {
  const message = error instanceof EmulatorInputError ? error.message : String(error);
  process.stderr.write(`trunksync-emulator: ${message}\n`);
  if (error instanceof EmulatorInputError) process.stderr.write("Run with --help for usage.\n");
  process.exit(1);
});
