// pnpm bench [--quick]: trunksync's scenarios against the emulator, each in a fresh process,
// compared with the network bound and a naive sequential client. See docs/performance.md.
import { rmSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import {
  applyRoundTrips,
  boundMs,
  listRoundTrips,
  median,
  perIdRoundTrips,
  rateBoundMs,
  ratios,
  sustainedRate,
} from "./bounds.mjs";
import { videoSdkConfigYaml, vobizConfigYaml } from "./config-yaml.mjs";
import { killAllSync, startEmulatorProcess } from "./emulator-process.mjs";
import { renderReport, replaceLatestSection } from "./report.mjs";
import { runNode } from "./run-node.mjs";
import { evaluateTargets } from "./targets.mjs";
import { generatedVideoSdkTrunks, listVobizTrunks } from "./trunk-data.mjs";

const ROOT = resolve(import.meta.dirname, "../../..");
const CLI = join(ROOT, "apps/cli/dist/bin.js");
const NAIVE = join(import.meta.dirname, "naive-client.mjs");
const BARE = join(import.meta.dirname, "bare-client.mjs");
const DIFF = join(import.meta.dirname, "diff-scenario.mjs");
const RESULTS = join(ROOT, "apps/bench/results");
const DOC = join(ROOT, "docs/performance.md");

const LATENCY_MS = 20;
const CONCURRENCY = 16;
const RATE = 100;
/** The emulator's token bucket starts full and holds one second of requests (apps/emulator rate-limiter.ts). */
const BURST = RATE;
/**
 * The concurrency of the run compared with the naive client: what a user would set for a bulk
 * change (`--concurrency`, or a block's `concurrency`, at most 256). Neither provider publishes a
 * concurrency or rate limit (shared/providers.md); trunksync backs off on 429 and Retry-After.
 */
const FAST_CONCURRENCY = 64;

const FULL = {
  vobiz: 10_000,
  videosdk: 2_000,
  apply: 1_000,
  rateLimited: 1_000,
  diff: 100_000,
  naive: 1_000,
};
const QUICK = { vobiz: 500, videosdk: 200, apply: 100, rateLimited: 100, diff: 5_000, naive: 100 };

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--quick" && a !== "--profile");
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown argument ${unknown[0]}\nusage: pnpm bench [--quick] [--profile]\n`);
  process.exit(1);
}
const quick = args.includes("--quick");
// --profile: a CPU profile of every measured child in results/profiles/<scenario> (git-ignored).
const profile = args.includes("--profile");
const sizes = quick ? QUICK : FULL;
// Full runs take the median of three runs of the short scenarios: the machine is shared.
const repeat = quick ? 1 : 3;

const progress = (text) => process.stderr.write(`bench: ${text}\n`);
const workDir = await mkdtemp(join(tmpdir(), "trunksync-bench-"));

// However the bench ends, no emulator outlives it and its temporary files go.
process.on("exit", () => {
  killAllSync();
  rmSync(workDir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(130));
const emulators = [];

let exitCode = 1;
try {
  const results = await runAll();
  const report = renderReport(results);
  process.stdout.write(`${report}\n`);
  const failed = results.scenarios.filter((s) => !s.ok);
  for (const s of failed) process.stderr.write(`bench: ${s.id} FAILED: ${s.problems.join("; ")}\n`);
  // Only a full run without profiling overhead is the record; the others are for checking and digging.
  const official = !quick && !profile;
  const file = official ? "latest.json" : quick ? "quick.json" : "profile.json";
  await mkdir(RESULTS, { recursive: true });
  await writeFile(join(RESULTS, file), `${JSON.stringify(results, null, 2)}\n`);
  if (official) {
    await writeFile(DOC, replaceLatestSection(await readFile(DOC, "utf8"), report));
    progress("wrote apps/bench/results/latest.json and docs/performance.md");
  }
  exitCode = failed.length === 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await Promise.allSettled(emulators.map((e) => e.stop()));
  await rm(workDir, { recursive: true, force: true });
}
process.exitCode = exitCode;

async function runAll() {
  const started = performance.now();
  const machine = {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? "unknown",
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg(),
  };
  const startup = await measureStartup(quick ? 3 : 5);
  progress(`start-up ${Math.round(startup.medianMs)} ms`);
  const scenarios = [];

  const main = await emulator(["--generate", String(sizes.vobiz), "--latency-ms", String(LATENCY_MS)]);
  const vobiz = await listVobizTrunks(main.env);
  const videosdk = await generatedVideoSdkTrunks(sizes.vobiz);
  const plan = await planVobiz(main, vobiz, startup);
  const planFloor = await bare(main, plan, vobiz, startup);
  scenarios.push(overFloor(plan, planFloor), planFloor);
  scenarios.push(await planVideoSdk(main, videosdk.slice(0, sizes.videosdk), startup));
  const apply = await applyChanged(main, vobiz, startup, CONCURRENCY);
  const applyFloor = await bare(main, apply, vobiz, startup, sizes.apply);
  scenarios.push(overFloor(apply, applyFloor), applyFloor);
  const naiveTrunks = vobiz.generated.slice(0, sizes.naive);
  const naiveRun = await naive(main, naiveTrunks);
  // The same job as the naive client's, on the same (by then drifted again) trunks.
  const fast = await applyChanged(main, vobiz, startup, FAST_CONCURRENCY, naiveTrunks.length);
  const fastFloor = await bare(main, fast, vobiz, startup, naiveTrunks.length);
  scenarios.push(compareNaive(naiveRun, fast, apply, fastFloor), overFloor(fast, fastFloor), fastFloor);
  await main.stop();

  scenarios.push(await diffOnly());
  scenarios.push(await applyRateLimited(startup));

  machine.loadAverageAtEnd = loadavg();
  return {
    mode: `${quick ? "quick" : "full"}${profile ? ", profiled" : ""}`,
    generatedAt: new Date().toISOString(),
    durationS: Math.round((performance.now() - started) / 1000),
    machine,
    settings: {
      latencyMs: LATENCY_MS,
      concurrency: CONCURRENCY,
      naiveComparisonConcurrency: FAST_CONCURRENCY,
      rateLimit: RATE,
      rateBurst: BURST,
      repeat,
      sizes,
    },
    startup,
    scenarios,
    targets: evaluateTargets(scenarios),
  };
}

async function emulator(flags) {
  // The bench reads counters only: no request log, so the emulator spends less CPU on the cores it shares.
  const started = await startEmulatorProcess(ROOT, [...flags, "--request-log", "0"]);
  emulators.push(started);
  return started;
}

async function measureStartup(samples) {
  const runs = [];
  for (let i = 0; i < samples; i++) runs.push(await runNode([CLI, "--version"], childOptions("startup", {})));
  const bad = runs.find((r) => r.exitCode !== 0);
  if (bad) throw new Error(`trunksync --version exited ${bad.exitCode}: ${bad.stderr.trim()}`);
  return {
    medianMs: median(runs.map((r) => r.wallMs)),
    samples: runs.map((r) => r.wallMs),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    maxRssMb: median(runs.map((r) => r.maxRssMb)),
  };
}

/** Runs `once(i)` `times` times and keeps the run with the median wall time, plus every wall time. */
async function medianRun(times, once) {
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(await once(i));
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], wallSamplesMs: runs.map((r) => r.wallMs) };
}

function childOptions(scenario, env) {
  return {
    env,
    cwd: workDir,
    workDir,
    ...(profile ? { profileDir: join(RESULTS, "profiles", scenario) } : {}),
  };
}

/** A fresh process against `emu` with stats reset before it: requests and peak in-flight are its own. */
async function measured(emu, scenario, nodeArgs) {
  await emu.resetStats();
  const run = await runNode(nodeArgs, childOptions(scenario, emu.env));
  const stats = await emu.stats();
  return {
    ...run,
    requests: stats.total,
    peakInFlight: stats.peakInFlight,
    byRoute: stats.byRoute,
    byStatus: stats.byStatus,
  };
}

async function writeConfig(name, text) {
  const file = join(workDir, name);
  await writeFile(file, text);
  return file;
}

async function planVobiz(emu, vobiz, startup) {
  const trunks = vobiz.generated.slice(0, sizes.vobiz);
  progress(`plan ${trunks.length} Vobiz trunks (account of ${vobiz.total})`);
  const config = await writeConfig(
    "plan-vobiz.yaml",
    vobizConfigYaml({ baseUrl: emu.url, concurrency: CONCURRENCY, trunks }),
  );
  const run = await medianRun(repeat, () =>
    measured(emu, "plan-vobiz", [CLI, "plan", "-c", config, "--format", "json"]),
  );
  const roundTrips = listRoundTrips(vobiz.total, CONCURRENCY);
  return finish({
    id: "plan-vobiz",
    title: "plan, Vobiz (list API)",
    trunks: trunks.length,
    run,
    startup,
    roundTrips,
    boundNote: `${roundTrips} RT: list of ${vobiz.total}`,
    problems: [...exitProblems(run, 0), ...planProblems(run, trunks.length)],
  });
}

async function planVideoSdk(emu, trunks, startup) {
  progress(`plan ${trunks.length} VideoSDK trunks`);
  const config = await writeConfig(
    "plan-videosdk.yaml",
    videoSdkConfigYaml({ baseUrl: emu.url, concurrency: CONCURRENCY, trunks }),
  );
  const run = await medianRun(repeat, () =>
    measured(emu, "plan-videosdk", [CLI, "plan", "-c", config, "--format", "json"]),
  );
  const roundTrips = perIdRoundTrips(trunks.length, CONCURRENCY);
  return finish({
    id: "plan-videosdk",
    title: "plan, VideoSDK (per-id GET)",
    trunks: trunks.length,
    run,
    startup,
    roundTrips,
    boundNote: `${roundTrips} RT: ${trunks.length} GETs`,
    problems: [...exitProblems(run, 0), ...planProblems(run, trunks.length)],
  });
}

async function applyChanged(emu, vobiz, startup, concurrency, count = sizes.apply) {
  const base = vobiz.generated.slice(0, count);
  const id = concurrency === CONCURRENCY ? "apply" : `apply-c${concurrency}`;
  progress(`apply ${base.length} changed Vobiz trunks at concurrency ${concurrency}`);
  const run = await medianRun(repeat, async (i) => {
    const trunks = base.map((t) => ({ ...t, name: `${t.name} (${id} ${i + 1})` }));
    const config = await writeConfig(
      `${id}-${i + 1}.yaml`,
      vobizConfigYaml({ baseUrl: emu.url, concurrency, trunks }),
    );
    return measured(emu, id, [CLI, ...applyArgs(config, concurrency)]);
  });
  const rt = applyRoundTrips({ accountTrunks: vobiz.total, changed: base.length, concurrency });
  const outcome = applyOutcome(run);
  return finish({
    id,
    title:
      concurrency === CONCURRENCY
        ? "apply, Vobiz, changed name"
        : `apply, Vobiz, changed name, concurrency ${concurrency} (the naive client's job)`,
    trunks: base.length,
    run,
    startup,
    roundTrips: rt.total,
    concurrency,
    boundNote: `${rt.total} RT: plan ${rt.plan} + PUT ${rt.puts}`,
    extra: { roundTripParts: rt, ...outcome },
    problems: [...exitProblems(run, 0), ...applyProblems(outcome, base.length)],
  });
}

async function applyRateLimited(startup) {
  const count = sizes.rateLimited;
  progress(`apply ${count} changed Vobiz trunks under a rate limit of ${RATE} req/s`);
  const emu = await emulator([
    "--generate",
    String(count),
    "--latency-ms",
    String(LATENCY_MS),
    "--rate-limit",
    String(RATE),
  ]);
  try {
    const vobiz = await listVobizTrunks(emu.env);
    const trunks = vobiz.generated.map((t) => ({ ...t, name: `${t.name} (rate-limited)` }));
    const config = await writeConfig(
      "apply-rate-limited.yaml",
      vobizConfigYaml({ baseUrl: emu.url, concurrency: CONCURRENCY, trunks }),
    );
    // Let the setup's list requests drain out of the token bucket: every run starts from a full one.
    await delay(1_000);
    const run = { ...(await measured(emu, "apply-rate-limited", [CLI, ...applyArgs(config)])) };
    run.wallSamplesMs = [run.wallMs];
    const limited = run.byStatus["429"] ?? 0;
    const accepted = run.requests - limited;
    const outcome = applyOutcome(run);
    const busyMs = run.wallMs - startup.medianMs;
    const achievedRate = sustainedRate({ accepted, burst: BURST, busyMs });
    const bound = startup.medianMs + rateBoundMs(accepted, RATE, BURST);
    return {
      ...finish({
        id: "apply-rate-limited",
        title: `apply, Vobiz, rate limit ${RATE} req/s`,
        trunks: count,
        run,
        startup,
        boundNote: `(${accepted} requests − ${BURST} burst) ÷ ${RATE}/s`,
        extra: { rate: RATE, burst: BURST, accepted, rateLimited: limited, achievedRate, ...outcome },
        notes: `${Number.isFinite(achievedRate) ? `${achievedRate.toFixed(1)} req/s sustained beyond the burst` : "all requests fitted in the burst"}; ${limited} answered 429; ${outcome.failedTrunks ?? "?"} failed trunks`,
        problems: [...exitProblems(run, 0), ...applyProblems(outcome, count)],
      }),
      boundMs: bound,
      ratio: {
        withStartup: run.wallMs / bound,
        withoutStartup: (run.wallMs - startup.medianMs) / (bound - startup.medianMs),
      },
    };
  } finally {
    await emu.stop();
  }
}

async function naive(emu, trunks) {
  progress(`naive sequential client: GET then PUT for ${trunks.length} trunks`);
  const ids = join(workDir, "naive-ids.json");
  await writeFile(ids, JSON.stringify(trunks.map((t) => t.id)));
  const run = await measured(emu, "naive", [NAIVE, ids, " (naive)"]);
  run.wallSamplesMs = [run.wallMs];
  const roundTrips = 2 * trunks.length;
  const reported = reportOf(run);
  return finish({
    id: "naive",
    title: "naive client: GET + PUT, sequential",
    trunks: trunks.length,
    run,
    startup: { medianMs: 0 },
    roundTrips,
    concurrency: 1,
    boundNote: `${roundTrips} RT, no start-up`,
    extra: { updated: reported.updated, failedTrunks: reported.failed },
    problems: [
      ...exitProblems(run, 0),
      ...(reported.updated === trunks.length ? [] : [`updated ${reported.updated} of ${trunks.length}`]),
    ],
  });
}

/**
 * The naive run with trunksync's speed-up over it: at the comparison's concurrency, and at the
 * default one; and the bare client's at the comparison's concurrency, the most any client could show.
 */
function compareNaive(naiveRun, fast, apply, floor) {
  const speedup = naiveRun.wallMs / fast.wallMs;
  const atDefault = naiveRun.wallMs / apply.wallMs;
  const floorSpeedup = floor.ok ? naiveRun.wallMs / floor.wallMs : Number.NaN;
  return {
    ...naiveRun,
    speedup,
    speedupAtDefaultConcurrency: atDefault,
    floorSpeedup,
    comparedWith: fast.id,
    notes:
      `trunksync apply at concurrency ${fast.concurrency} is ${speedup.toFixed(1)}× faster ` +
      `(at ${apply.concurrency}: ${atDefault.toFixed(1)}×; the bare client: ${floor.ok ? `${floorSpeedup.toFixed(1)}×` : "failed"})`,
  };
}

/**
 * The bare client (bare-client.mjs) sending the requests of trunksync's `scenario`: its list and,
 * with `changed`, the PUTs of that many trunks, at the scenario's concurrency. Same bound.
 */
async function bare(emu, scenario, vobiz, startup, changed) {
  const id = `floor-${scenario.id}`;
  progress(`bare undici client: the requests of ${scenario.id}`);
  const trunks = vobiz.generated.slice(0, changed ?? 0);
  const ids = join(workDir, `${id}-ids.json`);
  // Only a run with PUTs reads the ids.
  if (changed) await writeFile(ids, JSON.stringify(trunks.map((t) => t.id)));
  const run = await medianRun(repeat, (i) =>
    measured(emu, id, [BARE, String(scenario.concurrency), ...(changed ? [ids, ` (${id} ${i + 1})`] : [])]),
  );
  const reported = reportOf(run);
  return finish({
    id,
    title: `bare undici client: the requests of ${scenario.id} (floor)`,
    trunks: changed ?? scenario.trunks,
    run,
    startup,
    roundTrips: scenario.roundTrips,
    concurrency: scenario.concurrency,
    boundNote: `as ${scenario.id}`,
    extra: { listed: reported.listed, updated: reported.updated, failedTrunks: reported.failed },
    problems: [
      ...exitProblems(run, 0),
      ...(reported.listed === vobiz.total ? [] : [`listed ${reported.listed} of ${vobiz.total}`]),
      ...((reported.updated ?? 0) === trunks.length
        ? []
        : [`updated ${reported.updated} of ${trunks.length}`]),
      ...(run.requests === scenario.requests
        ? []
        : [`${run.requests} requests, ${scenario.id} sent ${scenario.requests}`]),
    ],
  });
}

/** trunksync's scenario with its time over the bare client's: what trunksync itself costs. */
function overFloor(scenario, floor) {
  const times = floor.ok ? scenario.wallMs / floor.wallMs : Number.NaN;
  const note = floor.ok ? `${times.toFixed(2)}× the bare client` : "the bare client's run failed";
  return { ...scenario, overFloor: times, notes: scenario.notes ? `${scenario.notes}; ${note}` : note };
}

async function diffOnly() {
  progress(`diff ${sizes.diff} trunks in memory`);
  const run = await medianRun(repeat, () => runNode([DIFF, String(sizes.diff)], childOptions("diff", {})));
  const reported = reportOf(run);
  return {
    id: "diff",
    title: "diff only, in memory (planner)",
    trunks: sizes.diff,
    concurrency: undefined,
    ok: run.exitCode === 0 && reported.trunks === sizes.diff,
    problems: run.exitCode === 0 ? [] : [`exit ${run.exitCode}: ${tail(run.stderr)}`],
    exitCode: run.exitCode,
    wallMs: run.wallMs,
    wallSamplesMs: run.wallSamplesMs,
    cpuMs: run.cpuMs,
    maxRssMb: run.maxRssMb,
    planCpuMs: reported.cpuMs,
    planWallMs: reported.wallMs,
    updates: reported.updates,
    notes: `plan() itself: ${Math.round(reported.cpuMs)} ms CPU, ${Math.round(reported.wallMs)} ms wall`,
  };
}

/** The scenario's figures, with its bound, ratios and pass/fail of the harness checks. */
function finish({
  id,
  title,
  trunks,
  run,
  startup,
  roundTrips,
  concurrency,
  boundNote,
  extra,
  notes,
  problems,
}) {
  const hasBound = roundTrips !== undefined;
  const all = [...problems, ...(run.requests > 0 ? [] : ["no requests reached the emulator"])];
  return {
    id,
    title,
    trunks,
    concurrency: concurrency ?? CONCURRENCY,
    ok: all.length === 0,
    problems: all,
    exitCode: run.exitCode,
    wallMs: run.wallMs,
    wallSamplesMs: run.wallSamplesMs,
    cpuMs: run.cpuMs,
    maxRssMb: run.maxRssMb,
    requests: run.requests,
    peakInFlight: run.peakInFlight,
    byRoute: run.byRoute,
    byStatus: run.byStatus,
    ...(hasBound
      ? {
          roundTrips,
          boundMs: boundMs({ startupMs: startup.medianMs, roundTrips, latencyMs: LATENCY_MS }),
          ratio: ratios({
            wallMs: run.wallMs,
            startupMs: startup.medianMs,
            roundTrips,
            latencyMs: LATENCY_MS,
          }),
        }
      : {}),
    boundNote,
    ...extra,
    ...(notes === undefined ? {} : { notes }),
  };
}

function applyArgs(config, concurrency = CONCURRENCY) {
  return ["apply", "-c", config, "--auto-approve", "--concurrency", String(concurrency), "--format", "json"];
}

function exitProblems(run, expected) {
  return run.exitCode === expected
    ? []
    : [`exit ${run.exitCode} (expected ${expected}): ${tail(run.stderr)}`];
}

function planProblems(run, count) {
  try {
    const { summary } = JSON.parse(run.stdout);
    if (summary.noop === count && summary.update === 0 && summary.error === 0) return [];
    return [`plan summary ${JSON.stringify(summary)}, expected ${count} no-ops`];
  } catch {
    return ["plan --format json printed no JSON plan"];
  }
}

/** What a child script printed on stdout as JSON, or {} when it printed none. */
function reportOf(run) {
  try {
    return JSON.parse(run.stdout);
  } catch {
    return {};
  }
}

/** Applied and failed trunk counts from `apply --format json` (`{ plan, result }`). */
function applyOutcome(run) {
  const summary = reportOf(run).result?.summary;
  if (summary === undefined) return {};
  return { appliedTrunks: summary.applied, failedTrunks: summary.failed + (summary.skipped ?? 0) };
}

function applyProblems(outcome, count) {
  if (outcome.appliedTrunks === undefined) return ["apply --format json printed no result summary"];
  if (outcome.appliedTrunks === count && outcome.failedTrunks === 0) return [];
  return [`applied ${outcome.appliedTrunks} of ${count}, ${outcome.failedTrunks} failed or skipped`];
}

function tail(text) {
  const lines = text.trim().split("\n");
  return lines.slice(-5).join(" / ") || "(no output)";
}
