import { readFile } from "node:fs/promises";
import { isObject } from "./api-types.js";
import { EmulatorInputError } from "./errors.js";
import type { EmulatorSeed } from "./types.js";

type Kind = "string" | "boolean" | "integer" | "strings" | "auth";

const VOBIZ_FIELDS: Record<string, Kind> = {
  trunk_id: "string",
  account_id: "string",
  name: "string",
  trunk_domain: "string",
  trunk_status: "string",
  secure: "boolean",
  trunk_direction: "string",
  concurrent_calls_limit: "integer",
  cps_limit: "integer",
  description: "string",
  transport: "string",
  recording: "boolean",
  enable_transcription: "boolean",
  pii_redaction: "boolean",
  webhook_method: "string",
  recording_webhook_enabled: "boolean",
  credential_uuid: "string",
  ipacl_uuid: "string",
  primary_uri_uuid: "string",
  fallback_uri_uuid: "string",
  inbound_destination: "string",
  webhook_url: "string",
  created_at: "string",
  updated_at: "string",
  active_calls: "integer",
};

const VIDEOSDK_FIELDS: Record<string, Kind> = {
  trunkId: "string",
  auth: "auth",
  name: "string",
  domain: "string",
  direction: "string",
  numbers: "strings",
};

const ENUMS: Record<string, readonly string[]> = {
  // The API writes active/inactive; providers.md has plugins read enabled/disabled too, so seeds may.
  trunk_status: ["active", "inactive", "enabled", "disabled"],
  trunk_direction: ["inbound", "outbound", "both"],
  transport: ["udp", "tcp", "tls"],
  webhook_method: ["POST", "GET"],
  direction: ["inbound", "outbound"],
};

/** Reads and checks a seed file; every problem message names the file and the JSON path. */
export async function loadSeedFile(file: string): Promise<EmulatorSeed> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new EmulatorInputError(
      `cannot read seed file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EmulatorInputError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return checkSeed(value, file);
}

export function checkSeed(value: unknown, source: string): EmulatorSeed {
  const fail = (path: string, message: string): never => {
    throw new EmulatorInputError(`${source}: ${path} ${message}`);
  };
  if (!isObject(value)) return fail("seed", "must be an object with vobiz and videosdk arrays");
  const accounts = (
    key: "vobiz" | "videosdk",
    credentials: [string, string],
    fields: Record<string, Kind>,
  ) => {
    const list = value[key] ?? [];
    if (!Array.isArray(list)) fail(key, "must be an array of accounts");
    for (const [i, account] of (list as unknown[]).entries()) {
      const at = `${key}[${i}]`;
      if (!isObject(account)) return fail(at, "must be an object");
      for (const credential of credentials) {
        if (typeof account[credential] !== "string" || account[credential] === "") {
          fail(`${at}.${credential}`, "must be a non-empty string");
        }
      }
      const trunks = account.trunks ?? [];
      if (!Array.isArray(trunks)) return fail(`${at}.trunks`, "must be an array");
      for (const [j, trunk] of (trunks as unknown[]).entries()) {
        if (!isObject(trunk)) return fail(`${at}.trunks[${j}]`, "must be an object");
        for (const [field, fieldValue] of Object.entries(trunk)) {
          const kind = fields[field];
          const path = `${at}.trunks[${j}].${field}`;
          if (kind === undefined) fail(path, "is not a field of this provider's trunks");
          else if (!hasKind(fieldValue, kind)) fail(path, `must be ${describe(kind)}`);
          const allowed = ENUMS[field];
          if (allowed !== undefined && !allowed.includes(fieldValue as string)) {
            fail(path, `must be one of ${allowed.join(", ")}`);
          }
        }
      }
    }
  };
  accounts("vobiz", ["authId", "authToken"], VOBIZ_FIELDS);
  accounts("videosdk", ["apiKey", "secret"], VIDEOSDK_FIELDS);
  return { vobiz: value.vobiz ?? [], videosdk: value.videosdk ?? [] } as EmulatorSeed;
}

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "integer":
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case "strings":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    case "auth":
      return isObject(value) && typeof value.username === "string" && typeof value.password === "string";
    default:
      return typeof value === kind;
  }
}

function describe(kind: Kind): string {
  if (kind === "integer") return "an integer ≥ 0";
  if (kind === "strings") return "an array of strings";
  if (kind === "auth") return "{ username: string, password: string }";
  return `a ${kind}`;
}
