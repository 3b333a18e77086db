import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { ExitError, isJsonObject, PLAN_VERSION, type Plan, REDACTED } from "@trunksync/core";
import { planFileProblems } from "@trunksync/core/plan-file";

/**
 * Reads a plan saved by `plan --out`. A plan file is user input: anything that is not a plan of
 * this version is refused with a message naming the file, never a stack trace. A config given where
 * the plan goes (`apply trunks.yaml`) is named as such, with the command that applies it.
 */
export async function readSavedPlan(file: string, cwd: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : error instanceof Error
            ? error.message
            : String(error);
    throw new ExitError(1, `cannot read plan file ${file}: ${reason}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (await looksLikeConfig(file, text)) throw configGivenAsPlan(file);
    const reason = error instanceof Error ? error.message : String(error);
    // Never `--out` a file that is not a plan's: the suggestion would overwrite it.
    const out = file.endsWith(".json") ? file : "plan.json";
    throw new ExitError(
      1,
      `plan file ${file} is not valid JSON (${reason}); make one with: trunksync plan --out ${out}`,
    );
  }
  // A config may be written as JSON too (YAML reads it).
  if (isConfigShaped(value)) throw configGivenAsPlan(file);
  const problem = versionProblem(value) ?? planFileProblems(value)[0];
  if (problem !== undefined) throw new ExitError(1, `plan file ${file} is not a trunksync plan: ${problem}`);
  // A plan holds no secret (a sensitive change carries no values), so a marker in a value apply would
  // send comes from printed output: applying it would set names to the marker. Remote (`before`)
  // values may hold the marker for real, and are not sent.
  if (sendsRedacted(value as Plan)) {
    throw new ExitError(
      1,
      `plan file ${file} holds values redacted for display (${REDACTED}): it is a copy of plan's printed ` +
        `output, not a saved plan; save one with: trunksync plan --out ${file}`,
    );
  }
  return value as Plan;
}

/** Whether a desired value of the plan (what apply sends) holds the redaction marker. */
function sendsRedacted(plan: Plan): boolean {
  return plan.changes.some(
    (change) =>
      change.action === "update" &&
      change.changes.some(
        (field) => field.after !== undefined && JSON.stringify(field.after).includes(REDACTED),
      ),
  );
}

/**
 * Why the config a saved plan records cannot be what apply reads, or undefined when it is there. A
 * plan records the config's file name only (a path would leak the runner's layout into PR
 * comments), which apply looks for in its own directory; run from elsewhere, or after
 * `plan -c dir/trunks.yaml`, it is not there, and the loader's "cannot read the file" would not
 * say why nor what to do. A file of that name next to the plan is offered as the likely one; the
 * digest check still refuses any other content.
 */
export async function missingRecordedConfig(
  planFile: string,
  plan: Plan,
  cwd: string,
): Promise<string | undefined> {
  const name = plan.config.file;
  if (!(await isMissing(resolve(cwd, name)))) return undefined;
  const besidePlan = join(dirname(planFile), name);
  const candidate = (await isMissing(resolve(cwd, besidePlan))) ? `<path to ${name}>` : besidePlan;
  return (
    `${planFile} was made from a config named ${name}, and there is no ${name} in the current directory ` +
    `(${cwd}): a plan records the config's file name, not the directory plan ran in. ` +
    `Run apply from that directory, or point it at the config with: trunksync apply -c ${candidate} ${planFile}`
  );
}

async function isMissing(path: string): Promise<boolean> {
  try {
    await stat(path);
    return false;
  } catch (error) {
    // Only absence is explained here; a file that exists but cannot be read is the loader's to report.
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
}

function configGivenAsPlan(file: string): ExitError {
  return new ExitError(
    1,
    `${file} is a trunksync config, not a plan saved with \`trunksync plan --out\`; to plan and apply it, run: trunksync apply -c ${file}`,
  );
}

/** Named like a config, or read as YAML holding a config's top-level keys. */
async function looksLikeConfig(file: string, text: string): Promise<boolean> {
  if (/\.ya?ml$/i.test(file)) return true;
  // Loaded only here: reading a plan, the usual case, needs no YAML parser.
  const { parse } = await import("yaml");
  try {
    return isConfigShaped(parse(text));
  } catch {
    return false;
  }
}

/** A config's top-level keys, and none of a plan's. */
function isConfigShaped(value: unknown): boolean {
  return isJsonObject(value) && ("providers" in value || "trunks" in value) && !("changes" in value);
}

/** Another version's plan is named as such, before its shape is judged by this version's schema. */
function versionProblem(value: unknown): string | undefined {
  if (!isJsonObject(value) || value.version === PLAN_VERSION) return undefined;
  return `version ${JSON.stringify(value.version ?? null)} is not supported (this trunksync reads version ${PLAN_VERSION}) — re-run plan`;
}
