import { readFile, rename, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  type ClientMap,
  ExitError,
  escapeInterpolation,
  type RemoteTrunk,
  sensitivePathsOf,
  type TrunkRead,
} from "@trunksync/core";
import { declaredUnder, mergeIntoDocument, newDocument } from "./import-document.js";
import { type ImportedTrunk, importedTrunk } from "./import-entries.js";
import { importSource } from "./import-source.js";
import { type CliIO, writeLine } from "./io.js";
import { redactedIo } from "./redact.js";
import { closeEach } from "./session.js";

export interface ImportOptions {
  provider: string;
  configFile: string;
  /** A file path, or `-` for stdout. */
  out: string;
  /** Only these trunk ids (required for providers that cannot list). */
  trunks: string[];
  baseUrl?: string;
}

/** Secret placeholders listed on stderr before "… and N more". */
const MAX_LISTED_SECRETS = 50;

/**
 * Reads a provider account's trunks and writes them as trunks.yaml entries, merged into the output
 * file when it exists. Secrets (credentials, SIP passwords) become `${env:…}` placeholders: their
 * values are never written or printed, and stderr says which variables to set.
 */
export async function importTrunks(rawIo: CliIO, options: ImportOptions): Promise<number> {
  const source = await importSource(options.configFile, options.provider, options.baseUrl, rawIo);
  const { connectProviders, secretValues } = await import("@trunksync/core");
  // Defence in depth: neither the account's credentials nor the trunks' secrets may reach a stream,
  // nor an error that reaches main.
  const credentials = secretValues(source.config, source.plugins);
  let { io } = redactedIo(rawIo, credentials);
  const toStdout = options.out === "-";
  // With --out -, stdout shows what would be written: the -c file merged, or a new file.
  const target = resolve(io.cwd, toStdout ? options.configFile : options.out);
  const existing = await readIfExists(target);
  // A trunk another block of the account declares is that block's: under this one too, `validate`
  // would refuse the file. The blocks are named as the -c file declares them, as this one is.
  const declared =
    existing === undefined ? new Map<string, string>() : declaredUnder(existing, source.sameAccount);
  refuseDeclaredElsewhere(options, declared, source.plugin.displayName);
  const clients = connectProviders(source.config, source.plugins, { only: [options.provider] });
  let read: ImportedTrunk[];
  try {
    const trunks = await readTrunks(clients, options, source.plugin.displayName);
    read = trunks
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((trunk) => importedTrunk(options.provider, source.plugin, trunk));
    ({ io } = redactedIo(rawIo, [...credentials, ...read.flatMap((t) => t.secretValues)]));
  } finally {
    // A plugin's close that throws is a warning: the trunks are read, or the read's own error stands.
    await closeEach(clients, io);
  }
  const imported = read.filter((t) => !declared.has(String(t.entry.id)));

  const input = {
    provider: options.provider,
    blockYaml: source.blockYaml,
    entries: imported.map((t) => t.entry),
    keepExisting: new Set(sensitivePathsOf(source.plugin)),
    setPaths: new Set(
      Object.entries(source.plugin.fields)
        .filter(([, rule]) => rule.compare === "set")
        .map(([path]) => path),
    ),
  };
  let merged: ReturnType<typeof newDocument>;
  try {
    merged = existing === undefined ? newDocument(input) : mergeIntoDocument(existing, input);
  } catch (error) {
    throw new ExitError(
      1,
      `cannot merge into ${options.out}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (toStdout) io.stdout.write(merged.text);
  else await writeAtomically(target, merged.text, options.out);

  for (const block of source.sameAccount) {
    const count = read.filter((t) => declared.get(String(t.entry.id)) === block).length;
    if (count === 0) continue;
    writeLine(
      io.stderr,
      `left out ${count} ${count === 1 ? "trunk" : "trunks"} already declared under provider block "${block}", ` +
        `which reads the same ${source.plugin.displayName} account`,
    );
  }
  const where = toStdout ? "stdout" : options.out;
  writeLine(
    io.stderr,
    `Imported ${imported.length} ${imported.length === 1 ? "trunk" : "trunks"} from ${options.provider} into ${where}: ` +
      `${merged.added} added, ${merged.updated} updated, ${merged.unchanged} unchanged.`,
  );
  printSecretVariables(io, secretsWritten(imported, merged.unwritten));
  return 0;
}

type WrittenSecret = ImportedTrunk["secrets"][number] & { id: string };

/**
 * The placeholders the file really holds. Merging keeps a secret an entry already had (the user's
 * own placeholder or value) and adds none to an entry that leaves the field out (`unwritten`, per
 * entry), and a variable named on stderr must be one that plan will read.
 */
function secretsWritten(
  imported: readonly ImportedTrunk[],
  unwritten: readonly ReadonlySet<string>[],
): WrittenSecret[] {
  return imported.flatMap((trunk, i) =>
    trunk.secrets.filter((s) => unwritten[i]?.has(s.path) !== true).map((s) => ({ ...s, id: trunk.id })),
  );
}

/** Refuses, before any request, a `--trunk` that another block of the same account declares. */
function refuseDeclaredElsewhere(
  options: ImportOptions,
  declared: ReadonlyMap<string, string>,
  displayName: string,
): void {
  const problems = [...new Set(options.trunks)].flatMap((id) => {
    const block = declared.get(escapeInterpolation(id));
    return block === undefined
      ? []
      : [
          `--trunk ${id}: provider block "${block}" already declares it and reads the same ${displayName} ` +
            `account: import it with --provider ${block} (declared under "${options.provider}" too, apply ` +
            "would update it from both entries, each undoing the other)",
        ];
  });
  if (problems.length > 0) throw new ExitError(1, `${problems.join("\n")}\nnothing was read or written`);
}

async function readTrunks(
  clients: ClientMap,
  options: ImportOptions,
  displayName: string,
): Promise<RemoteTrunk[]> {
  const client = clients.get(options.provider);
  if (!client) throw new ExitError(1, `no connection to provider "${options.provider}"`);
  let reads: TrunkRead[];
  if (options.trunks.length > 0) {
    reads = await client.read([...new Set(options.trunks)]);
  } else if (client.list) {
    reads = await client.list();
  } else {
    throw new ExitError(
      1,
      `the ${displayName} trunk API has no list endpoint; pass the trunk ids with --trunk (repeatable)`,
    );
  }
  const problems = reads
    .filter((r) => r.status !== "found")
    .map((r) =>
      r.status === "missing"
        ? `trunk ${r.id} not found at provider ${options.provider}`
        : `cannot read trunk ${r.id}: ${r.message}`,
    )
    .sort();
  if (problems.length > 0) throw new ExitError(1, `${problems.join("\n")}\nnothing was written`);
  return reads.flatMap((r) => (r.status === "found" ? [r.trunk] : []));
}

function printSecretVariables(io: CliIO, secrets: readonly WrittenSecret[]): void {
  if (secrets.length === 0) return;
  const these =
    secrets.length === 1 ? "this environment variable" : `these ${secrets.length} environment variables`;
  writeLine(
    io.stderr,
    `Secret fields were written as \${env:…} placeholders. Set ${these} before plan or apply ` +
      "(values from the provider's console; trunksync never prints them):",
  );
  for (const s of secrets.slice(0, MAX_LISTED_SECRETS))
    writeLine(io.stderr, `  ${s.variable}  (${s.id} ${s.path})`);
  if (secrets.length > MAX_LISTED_SECRETS) {
    writeLine(
      io.stderr,
      `  … and ${secrets.length - MAX_LISTED_SECRETS} more (see the placeholders in the file)`,
    );
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ExitError(1, `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Write then rename, so an interrupted import never leaves a half-written trunks.yaml. */
async function writeAtomically(file: string, text: string, shown: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    throw new ExitError(
      1,
      `cannot write ${shown}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
