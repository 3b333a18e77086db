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

/**
 * When output is coloured, in the order io.ts's useColor decides it (the order of clicolors and
 * supports-color: an explicit NO_COLOR beats an explicit FORCE_COLOR, which beats the terminal
 * check). The README says it in the same words; a spec holds them together.
 */
export const COLOUR_HELP = `
Colour: never with a non-empty NO_COLOR; otherwise always with FORCE_COLOR set to anything but 0,
even on a pipe or with TERM=dumb; otherwise only on a terminal whose TERM is not dumb.`;
