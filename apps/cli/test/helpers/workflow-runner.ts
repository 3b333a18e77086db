import { spawn } from "node:child_process";
import { once } from "node:events";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The parts of a GitHub Actions workflow the example workflows use. */
export interface Step {
  name?: string;
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
export interface Job {
  env?: Record<string, string>;
  steps: Step[];
}
export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  jobs: Record<string, Job>;
}

export async function readWorkflow(file: string): Promise<Workflow> {
  return parse(await readFile(file, "utf8")) as Workflow;
}

/** Every line of the workflow's `run:` scripts that runs trunksync, as written. */
export function trunksyncLines(workflow: Workflow): string[] {
  return Object.values(workflow.jobs).flatMap((job) =>
    job.steps.flatMap((step) =>
      (step.run ?? "")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => /^trunksync\s/.test(line)),
    ),
  );
}

const CLI = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
const GITHUB_SCRIPT = fileURLToPath(new URL("./github-script.mjs", import.meta.url));

export interface Runner {
  /** The checked-out repository: steps run here. */
  repo: string;
  /** Values of `${{ secrets.NAME }}`. */
  secrets: Record<string, string>;
  /** Holds the `trunksync` command (the built CLI) and the fake GitHub's state. */
  tools: string;
}

/**
 * A scratch runner: `trunksync` on PATH runs this checkout's built CLI, as
 * `npm install --global trunksync` would provide it; the fake GitHub starts with no comments or issues.
 */
export async function makeRunner(base: string, secrets: Record<string, string>): Promise<Runner> {
  const runner = { repo: join(base, "repo"), tools: join(base, "tools"), secrets };
  await mkdir(runner.repo, { recursive: true });
  await mkdir(join(runner.tools, "bin"), { recursive: true });
  const shim = join(runner.tools, "bin", "trunksync");
  await writeFile(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  await chmod(shim, 0o755);
  await writeGithub(runner, { pullRequest: 7, nextId: 1, comments: [], issues: [] });
  return runner;
}

export interface FakeGithub {
  pullRequest: number;
  nextId: number;
  comments: { id: number; issue_number: number; body: string }[];
  issues: { number: number; title: string; body: string; labels: string[]; state: string }[];
}

const githubFile = (runner: Runner) => join(runner.tools, "github.json");
export async function readGithub(runner: Runner): Promise<FakeGithub> {
  return JSON.parse(await readFile(githubFile(runner), "utf8")) as FakeGithub;
}
async function writeGithub(runner: Runner, state: FakeGithub): Promise<void> {
  await writeFile(githubFile(runner), JSON.stringify(state));
}

export interface StepResult {
  name: string;
  /** Why the step did not run, if it did not. */
  skipped?: string;
  code?: number;
  stdout: string;
  stderr: string;
  /** What the step wrote to GITHUB_STEP_SUMMARY. */
  summary: string;
}

export interface JobResult {
  steps: StepResult[];
  success: boolean;
  /** `steps.<id>.outputs`. */
  outputs: Record<string, Record<string, string>>;
}

/**
 * Runs a job's steps in order as a GitHub-hosted runner would: `run:` scripts with `bash -e`, the
 * job's and step's `env:` (expressions resolved), fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files
 * per step, `if:` conditions on step outputs, and no further step after a failed one.
 * actions/github-script runs against the fake GitHub; checkout, setup-node and installing
 * trunksync are done by `makeRunner`. Any other action or expression is an error, so a workflow
 * change that this runner cannot follow fails the spec rather than passing unseen.
 */
export async function runJob(runner: Runner, job: Job, label: string): Promise<JobResult> {
  const outputs: Record<string, Record<string, string>> = {};
  const steps: StepResult[] = [];
  let failed = false;
  for (const [index, step] of job.steps.entries()) {
    const name = step.name ?? step.uses ?? `step ${index + 1}`;
    const recordSkipped = (why: string) =>
      steps.push({ name, skipped: why, stdout: "", stderr: "", summary: "" });
    if (failed) {
      recordSkipped("an earlier step failed");
      continue;
    }
    if (step.if !== undefined && !condition(step.if, outputs)) {
      recordSkipped(`if: ${step.if}`);
      continue;
    }
    if (step.uses?.startsWith("actions/checkout@") || step.uses?.startsWith("actions/setup-node@")) {
      recordSkipped("provided by the test runner");
      continue;
    }
    if (step.run?.trim() === "npm install --global trunksync@0") {
      recordSkipped("trunksync is the checkout's build");
      continue;
    }
    const files = join(runner.tools, `${label}-${index}`);
    await mkdir(files, { recursive: true });
    const outputFile = join(files, "output");
    const summaryFile = join(files, "summary");
    await writeFile(outputFile, "");
    await writeFile(summaryFile, "");
    const env: Record<string, string> = {
      PATH: `${join(runner.tools, "bin")}:${process.env.PATH ?? ""}`,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...resolveEnv(job.env, runner, outputs),
      ...resolveEnv(step.env, runner, outputs),
    };
    let command: string[];
    if (step.run !== undefined) {
      command = ["bash", "-e", "-c", step.run];
    } else if (step.uses?.startsWith("actions/github-script@") && step.with?.script !== undefined) {
      const scriptFile = join(files, "script.js");
      await writeFile(scriptFile, step.with.script);
      command = [process.execPath, GITHUB_SCRIPT, scriptFile, githubFile(runner)];
    } else {
      throw new Error(`workflow runner: cannot run step "${name}" (${step.uses ?? "no run or uses"})`);
    }
    const result = await exec(command, runner.repo, env);
    if (step.id !== undefined) outputs[step.id] = parseOutputs(await readFile(outputFile, "utf8"));
    steps.push({ name, ...result, summary: await readFile(summaryFile, "utf8") });
    if (result.code !== 0) failed = true;
  }
  return { steps, success: !failed, outputs };
}

async function exec(command: string[], cwd: string, env: Record<string, string>) {
  const [file = "", ...args] = command;
  const child = spawn(file, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const [code] = (await once(child, "close")) as [number | null];
  return { code: code ?? -1, stdout, stderr };
}

/** `key=value` lines (the single-line form of GITHUB_OUTPUT). */
function parseOutputs(text: string): Record<string, string> {
  const pairs = text
    .split("\n")
    .filter((line) => line.includes("="))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]);
  return Object.fromEntries(pairs);
}

function resolveEnv(
  env: Record<string, string> | undefined,
  runner: Runner,
  outputs: JobResult["outputs"],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([name, value]) => [
      name,
      value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => lookup(expression, runner, outputs)),
    ]),
  );
}

function lookup(expression: string, runner: Runner, outputs: JobResult["outputs"]): string {
  const secret = /^secrets\.(\w+)$/.exec(expression);
  if (secret) return runner.secrets[secret[1] ?? ""] ?? "";
  const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
  if (output) return outputs[output[1] ?? ""]?.[output[2] ?? ""] ?? "";
  throw new Error(`workflow runner: unsupported expression \${{ ${expression} }}`);
}

/**
 * `steps.<id>.outputs.<name> == 'value'` or `!=`, several joined by `&&`: the only conditions the
 * example workflows need.
 */
function condition(expression: string, outputs: JobResult["outputs"]): boolean {
  return expression.split("&&").every((term) => comparison(term, expression, outputs));
}

function comparison(term: string, expression: string, outputs: JobResult["outputs"]): boolean {
  const match = /^steps\.([\w-]+)\.outputs\.([\w-]+) (==|!=) '([^']*)'$/.exec(term.trim());
  if (!match) throw new Error(`workflow runner: unsupported if: ${expression}`);
  const [, id = "", key = "", op, value] = match;
  const actual = outputs[id]?.[key] ?? "";
  return op === "==" ? actual === value : actual !== value;
}
