import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ExitError, isJsonObject, PLAN_VERSION, type Plan } from "@trunksync/core";

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
  const problem = shapeProblem(value);
  if (problem !== undefined) throw new ExitError(1, `plan file ${file} is not a trunksync plan: ${problem}`);
  return value as Plan;
}

/** The first thing that keeps `value` from being a plan the applier can use. */
function shapeProblem(value: unknown): string | undefined {
  if (!isJsonObject(value)) return "expected a JSON object";
  if (value.version !== PLAN_VERSION) {
    return `version ${JSON.stringify(value.version ?? null)} is not supported (this trunksync reads version ${PLAN_VERSION}) — re-run plan`;
  }
  const { config, changes, summary, filters, createdAt } = value;
  if (typeof createdAt !== "string") return "createdAt is missing";
  if (!isJsonObject(config) || typeof config.file !== "string" || typeof config.digest !== "string") {
    return "config.file and config.digest are missing";
  }
  if (!isJsonObject(filters) || !Array.isArray(filters.providers) || !Array.isArray(filters.trunks)) {
    return "filters are missing";
  }
  if (!isJsonObject(summary)) return "summary is missing";
  if (!Array.isArray(changes)) return "changes is not a list";
  const bad = changes.findIndex(
    (c) =>
      !isJsonObject(c) ||
      typeof c.provider !== "string" ||
      typeof c.id !== "string" ||
      !["update", "no-op", "error"].includes(String(c.action)) ||
      (c.action === "update" && (typeof c.fingerprint !== "string" || !Array.isArray(c.changes))),
  );
  return bad === -1 ? undefined : `changes[${bad}] is not a trunk change`;
}
