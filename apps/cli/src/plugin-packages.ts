import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { formatProblems, type Problem, type ProviderPlugin, resolvePlugin } from "@trunksync/core";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { cliPackageDir } from "./install-dir.js";
import { type CliIO, useColor, writeLine } from "./io.js";
import { BUILTIN_PLUGINS } from "./plugins.js";

/**
 * The plugin packages `file`'s provider blocks name, keyed by package name, loaded as `validate`
 * loads them (from the file's directory, then from where trunksync is installed). Only the blocks'
 * `type:` is read, so a file still being written (a trunk incomplete, `version` missing) works. A
 * missing file names none. `undefined` once the file's problems (not YAML, a type that loads no
 * plugin) are on stderr, located.
 */
export async function pluginPackagesOf(
  file: string,
  io: CliIO,
): Promise<Map<string, ProviderPlugin> | undefined> {
  const absolute = resolve(io.cwd, file);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      writeLine(io.stderr, `note: ${file} not found: the schema covers the built-in providers only`);
      return new Map();
    }
    writeLine(io.stderr, `error: ${file}: cannot read: ${code ?? String(err)}`);
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number) => lines.linePos(offset);
  const problems: Problem[] = doc.errors.map((e) => ({
    file,
    ...at(e.pos[0]),
    path: "",
    message: `YAML syntax error: ${e.message}`,
    severity: "error",
  }));
  const packages = new Map<string, ProviderPlugin>();
  const providers = doc.errors.length === 0 ? doc.get("providers", true) : undefined;
  for (const pair of isMap(providers) ? providers.items : []) {
    const type = isMap(pair.value) ? pair.value.get("type", true) : undefined;
    if (!isScalar(type) || typeof type.value !== "string") continue;
    if (BUILTIN_PLUGINS.some((p) => p.type === type.value) || packages.has(type.value)) continue;
    const resolution = await resolvePlugin(type.value, BUILTIN_PLUGINS, dirname(absolute), {
      fallbackDirs: [cliPackageDir()],
    });
    if ("plugin" in resolution) packages.set(type.value, resolution.plugin);
    else {
      const name = isScalar(pair.key) ? String(pair.key.value) : "";
      const where = at(type.range?.[0] ?? 0);
      problems.push({
        file,
        ...where,
        path: `/providers/${name}/type`,
        message: resolution.error,
        severity: "error",
      });
    }
  }
  if (problems.length === 0) return packages;
  io.stderr.write(formatProblems(problems, new Map([[file, text]]), { color: useColor(io.stderr, io.env) }));
  return undefined;
}
