import { Option } from "commander";

/** Flags shared by several verbs, defined once. */
export const configOption = () =>
  new Option("-c, --config <file>", "path to trunks.yaml").default("trunks.yaml");

export const formatOption = (formats: readonly string[], fallback = "text") =>
  new Option("--format <format>", "output format").choices(formats).default(fallback);

export const jsonOption = () => new Option("--json", "shorthand for --format json");

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const providerFilterOption = () =>
  new Option("--provider <name>", "only this provider block (repeatable)").argParser(collect);

export const trunkFilterOption = () =>
  new Option("--trunk <id>", "only this trunk id (repeatable)").argParser(collect);

export const verboseOption = () => new Option("--verbose", "timing and request counts on stderr");

/** `--json` wins over `--format`. */
export function outputFormat(opts: Record<string, unknown>): string {
  return opts.json === true ? "json" : String(opts.format ?? "text");
}
