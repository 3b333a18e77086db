import type { ClientMap, Config, PluginMap } from "@trunksync/core";
import { closeAll, ExitError } from "@trunksync/core";
import type { CliIO } from "./io.js";
import { writeLine } from "./io.js";
import { loadOrExit } from "./load-config.js";
import { redactedIo } from "./redact.js";

/** Everything a command that talks to providers needs: the loaded config, its plugins and connected clients. */
export interface Session {
  config: Config;
  plugins: PluginMap;
  clients: ClientMap;
  /** The command's streams, redacting every secret value of the config. */
  io: CliIO;
  /** The same redaction, for text written elsewhere for people to read (the job summary). */
  redact: (text: string) => string;
  filters: { providers: string[]; trunks: string[] };
  close(): Promise<void>;
}

export interface SessionOptions {
  configFile: string;
  providers?: string[];
  trunks?: string[];
  concurrency?: number;
  onRetry?: () => void;
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * A session's options from a command's: the config, the filters (`--provider`, `--trunk`) and
 * `--concurrency`; `onRetry` is told of each retry (apply counts them for its progress line).
 */
export function sessionOptionsOf(
  opts: Record<string, unknown>,
  configFile: string,
  onRetry?: () => void,
): SessionOptions {
  return {
    configFile,
    providers: stringList(opts.provider),
    trunks: stringList(opts.trunk),
    ...(typeof opts.concurrency === "number" ? { concurrency: opts.concurrency } : {}),
    ...(onRetry === undefined ? {} : { onRetry }),
  };
}

/**
 * Loads and validates the config (exit 1 with located problems), checks the filters name things the
 * config declares, and connects one client per selected provider block.
 */
export async function openSession(rawIo: CliIO, options: SessionOptions): Promise<Session> {
  const { config, plugins } = await loadOrExit(options.configFile, rawIo);
  const { connectProviders, secretValues } = await import("@trunksync/core");
  // Second line of defence: an unexpected error that reaches main is printed through it too.
  const { io, redact } = redactedIo(rawIo, secretValues(config, plugins));
  const filters = checkFilters(config, options.providers ?? [], options.trunks ?? []);
  const selected = filters.providers.length > 0 ? filters.providers : Object.keys(config.providers);
  const clients = connectProviders(config, plugins, {
    only: selected,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
  });
  return { config, plugins, clients, io, redact, filters, close: () => closeEach(clients, io) };
}

/**
 * Closes every client. One that fails to close (a plugin's `close` throwing) costs a warning on
 * `io.stderr`, not the run: the work is done, and its output and exit code stand. Never rejects.
 */
export async function closeEach(clients: ClientMap, io: CliIO): Promise<void> {
  await Promise.all(
    // One client at a time: closeAll reports only its first failure, and each deserves a warning.
    [...clients].map(([name, client]) =>
      closeAll(new Map([[name, client]])).catch((error: unknown) => {
        writeLine(io.stderr, `warning: ${error instanceof Error ? error.message : String(error)}`);
      }),
    ),
  );
}

function checkFilters(config: Config, providers: string[], trunks: string[]) {
  const problems: string[] = [];
  for (const name of providers) {
    if (!(name in config.providers)) {
      problems.push(
        `--provider ${name}: no such provider block in ${config.file} (declared: ${Object.keys(config.providers).join(", ")})`,
      );
    }
  }
  // The blocks declaring each id: the same id may be declared in more than one.
  const blocksOf = new Map<string, Set<string>>();
  for (const trunk of config.trunks) {
    const blocks = blocksOf.get(trunk.id);
    if (blocks) blocks.add(trunk.provider);
    else blocksOf.set(trunk.id, new Set([trunk.provider]));
  }
  // With --provider, a --trunk of another block would select nothing and plan "No changes": say so.
  const selected = new Set(providers);
  for (const id of trunks) {
    const blocks = [...(blocksOf.get(id) ?? [])];
    if (blocks.length === 0) problems.push(`--trunk ${id}: no trunk with this id in ${config.file}`);
    else if (selected.size > 0 && !blocks.some((block) => selected.has(block))) {
      problems.push(
        `--trunk ${id}: this trunk is in provider block ${blocks.join(", ")}, which --provider ${providers.join(", ")} does not select; add --provider ${blocks[0]} or drop --provider`,
      );
    }
  }
  if (problems.length > 0) throw new ExitError(1, problems.join("\n"));
  return { providers: [...providers].sort(), trunks: [...trunks].sort() };
}

/** Runs `fn` with a session and always closes its connections. */
export async function withSession<T>(
  rawIo: CliIO,
  options: SessionOptions,
  fn: (s: Session) => Promise<T>,
): Promise<T> {
  const session = await openSession(rawIo, options);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

export function verboseLine(io: CliIO, enabled: unknown, text: string): void {
  if (enabled === true) writeLine(io.stderr, text);
}
