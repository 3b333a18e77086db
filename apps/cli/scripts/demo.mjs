// `pnpm demo`: the trunksync story a user sees, on the real built binary against the local emulator.
// The emulator (127.0.0.1, any free port) serves the demo accounts with a few console edits made behind
// git's back; a copy of examples/trunks.yaml points at it; validate → plan → apply → drift run as child
// processes and each must exit as documented. Nothing beyond 127.0.0.1 is contacted.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { styleText } from "node:util";
import { parseDocument } from "yaml";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../../../examples/trunks.yaml", import.meta.url));
const CONFIG = "trunks.yaml";

/** Edits made in the providers' consoles: what trunksync should find and undo. Ids are in the example. */
const CONSOLE_EDITS = [
  {
    provider: "vobiz",
    id: "bfab10fb-cb97-488b-9c63-989c32980b0f",
    patch: { concurrent_calls_limit: 10, trunk_status: "inactive" },
    says: "Acme Production Trunk: call limit lowered to 10 and disabled",
  },
  {
    provider: "vobiz",
    id: "7e2d4b90-5a3c-4f1e-8b7d-6c9a0e1f2d34",
    patch: { name: "Acme Support (temp)" },
    says: 'Acme Support Inbound: renamed "Acme Support (temp)"',
  },
  {
    provider: "videosdk",
    id: "SqlZqn1U1ezvhWGRek6ow",
    patch: { numbers: ["+14155550100", "+14155550199"] },
    says: "Twilio inbound: number +14155550199 added",
  },
];

const STEPS = [
  {
    args: ["validate"],
    expect: 0,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
    why: "Checks the file offline (schema, ${env:…} references): no network; exit 0 when valid.",
  },
  {
    args: ["plan", "--detailed-exitcode"],
    expect: 2,
    why: "Reads both accounts and diffs them against the file, read-only. --detailed-exitcode: exit 2 = changes pending.",
  },
  {
    args: ["apply", "--auto-approve"],
    expect: 0,
    why: "Sends one update per drifted trunk and checks the trunk each update answers with. --auto-approve: there is no one at a prompt here.",
  },
  {
    args: ["drift"],
    expect: 0,
    why: "The nightly check: read-only, exit 0 when every trunk matches trunks.yaml (2 would mean drift).",
  },
];

/** A step that did not behave as documented, or a demo that cannot start: one clear line, no stack. */
class DemoError extends Error {}

const color = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== "dumb";
const style = (format, text) => (color ? styleText(format, text) : text);
const say = (text = "") => process.stdout.write(`${text}\n`);

// A reader that goes away (`pnpm demo | head`) must not skip the clean-up below.
process.stdout.on("error", (err) => {
  if (err.code !== "EPIPE") throw err;
});

/** The child being waited on, and the signal that asked us to stop (checked between steps). */
let running;
let stopSignal;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopSignal !== undefined) return;
    stopSignal = signal;
    // Ctrl-C already reaches the child through the terminal's process group; a SIGTERM is ours alone.
    if (signal === "SIGTERM") running?.kill("SIGTERM");
  });
}

process.exitCode = await main();

async function main() {
  const started = performance.now();
  let emulator;
  let dir;
  try {
    const { DEFAULT_SEED, startEmulator } = await loadBuilt();
    emulator = await startEmulator({ seed: DEFAULT_SEED });
    for (const edit of CONSOLE_EDITS) emulator.faults.remoteEdit(edit.provider, edit.id, edit.patch);
    dir = await mkdtemp(join(tmpdir(), "trunksync-demo-"));
    await writeFile(join(dir, CONFIG), await exampleFor(emulator.url));

    say(style("bold", "trunksync demo"));
    say(`Emulator of both provider APIs on ${emulator.url}; ${CONFIG} is examples/trunks.yaml with each`);
    say("provider's baseUrl pointed at it. Since the file was last applied, someone edited the consoles:");
    for (const edit of CONSOLE_EDITS) say(`  - ${edit.says}`);
    say("The fourth trunk, Acme Backup Trunk, still matches.");

    const env = { ...process.env, ...demoCredentials(DEFAULT_SEED) };
    for (const step of STEPS) await runStep(step, dir, env);

    const updated = updatedTrunkIds(emulator);
    const expected = CONSOLE_EDITS.map((edit) => edit.id).sort();
    if (updated.join() !== expected.join()) {
      throw new DemoError(
        `apply should have updated exactly ${expected.join(", ")}; the emulator saw updates of ${updated.join(", ") || "none"}`,
      );
    }
    summarise(updated.length, performance.now() - started);
    return 0;
  } catch (err) {
    if (stopSignal !== undefined) {
      console.error(`\ndemo stopped by ${stopSignal}`);
      return stopSignal === "SIGINT" ? 130 : 143;
    }
    if (err instanceof DemoError) console.error(`\ndemo failed: ${err.message}`);
    else console.error("\ndemo failed unexpectedly:", err);
    return 1;
  } finally {
    await emulator?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }
}

async function loadBuilt() {
  if (!existsSync(BIN)) {
    throw new DemoError(`${BIN} is missing: run \`pnpm demo\` from the repository root (it builds first)`);
  }
  try {
    return await import("@trunksync/emulator");
  } catch (err) {
    throw new DemoError(
      `cannot load @trunksync/emulator (${err.message}): run \`pnpm demo\`, which builds it`,
    );
  }
}

/** The example, comments kept, with every provider block sent to the emulator. */
async function exampleFor(url) {
  const doc = parseDocument(await readFile(EXAMPLE, "utf8"));
  for (const name of Object.keys(doc.get("providers")?.toJSON() ?? {})) {
    const baseUrl = doc.createNode(url);
    baseUrl.comment = " the demo's local emulator";
    doc.setIn(["providers", name, "baseUrl"], baseUrl);
  }
  return doc.toString();
}

/** The variables examples/trunks.yaml reads, set to the emulator's demo accounts (children only). */
function demoCredentials(seed) {
  const [vobiz] = seed.vobiz;
  const [videosdk] = seed.videosdk;
  const twilio = videosdk.trunks.find((trunk) => trunk.trunkId === "SqlZqn1U1ezvhWGRek6ow");
  return {
    VOBIZ_AUTH_ID: vobiz.authId,
    VOBIZ_AUTH_TOKEN: vobiz.authToken,
    VIDEOSDK_API_KEY: videosdk.apiKey,
    VIDEOSDK_SECRET: videosdk.secret,
    TWILIO_SIP_PASSWORD: twilio.auth.password,
  };
}

async function runStep({ args, expect, why }, cwd, env) {
  if (stopSignal !== undefined) throw new DemoError("stopped");
  const [verb, ...flags] = args;
  say();
  say(style("bold", `$ trunksync ${[verb, "-c", CONFIG, ...flags].join(" ")}`));
  say(style("dim", `# ${why}`));
  // stdout and stderr are ours, so the CLI decides colour and progress from the real terminal.
  running = spawn(process.execPath, [BIN, verb, "-c", CONFIG, ...flags], {
    cwd,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const [code, signal] = await once(running, "exit");
  running = undefined;
  if (stopSignal !== undefined) throw new DemoError("stopped");
  if (code !== expect) {
    const how = signal === null ? `exited ${code}` : `was killed by ${signal}`;
    throw new DemoError(`\`trunksync ${verb}\` ${how}; it should exit ${expect} here`);
  }
}

/** Trunk ids the emulator received an update for, from its request log. */
function updatedTrunkIds(emulator) {
  const ids = emulator.requests
    .filter((request) => request.method === "PUT" && request.status === 200)
    .map((request) => request.path.split("/").at(-1));
  return [...new Set(ids)].sort();
}

function summarise(updates, elapsedMs) {
  say();
  say(style("bold", `Done in ${(elapsedMs / 1000).toFixed(1)} s.`));
  say(`  - plan showed the ${CONSOLE_EDITS.length} console edits field by field (exit 2: changes pending);`);
  say(`  - apply updated those ${updates} trunks and left the matching one alone;`);
  say("  - drift, the second look, found every trunk in sync (exit 0).");
  say();
  say("Try it on your own account (read-only until you apply):");
  say("  export VOBIZ_AUTH_ID=... VOBIZ_AUTH_TOKEN=...");
  say("  node apps/cli/dist/bin.js import --provider vobiz   # writes trunks.yaml from the account");
  say("  node apps/cli/dist/bin.js plan                      # edit trunks.yaml, plan, then apply");
}
