import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ExitError, isJsonObject, PLAN_VERSION, type Plan } from "@trunksync/core";
import { planFileProblems } from "@trunksync/core/plan-file";

/**
 * Reads a plan saved by `plan --out`. A plan file is user input: anything that is not a plan of
 * this version is refused with a message naming the file, never a stack trace.
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
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExitError(
      1,
      `plan file ${file} is not valid JSON (${reason}); make one with: trunksync plan --out ${file}`,
    );
  }
  const problem = versionProblem(value) ?? planFileProblems(value)[0];
  if (problem !== undefined) throw new ExitError(1, `plan file ${file} is not a trunksync plan: ${problem}`);
  return value as Plan;
}

/** Another version's plan is named as such, before its shape is judged by this version's schema. */
function versionProblem(value: unknown): string | undefined {
  if (!isJsonObject(value) || value.version === PLAN_VERSION) return undefined;
  return `version ${JSON.stringify(value.version ?? null)} is not supported (this trunksync reads version ${PLAN_VERSION}) — re-run plan`;
}
