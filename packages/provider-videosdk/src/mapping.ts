import {
  type FieldRule,
  getPath,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  type RemoteTrunk,
} from "@trunksync/core";

/** Spaces, dashes and parentheses people write in numbers; the leading `+` stays. */
export function normalizeNumber(value: JsonValue): JsonValue {
  return typeof value === "string" ? value.replace(/[\s\-()]/g, "") : value;
}

/**
 * Domains compare case-insensitively, and `example.com.` is `example.com`, with a port too
 * (`example.com.:5061`). A port is kept: `sip.example.com` and `sip.example.com:5060` may differ to
 * the provider.
 */
export function normalizeDomain(value: JsonValue): JsonValue {
  return typeof value === "string" ? value.toLowerCase().replace(/\.(?=(?::\d+)?$)/, "") : value;
}

export const fields: Readonly<Record<string, FieldRule>> = {
  numbers: { compare: "set", normalize: normalizeNumber },
  domain: { normalize: normalizeDomain },
  "auth.password": { sensitive: true },
};

/** The dotted paths of a PUT body, all required. */
export const UPDATE_PATHS = [
  "auth.username",
  "auth.password",
  "name",
  "domain",
  "direction",
  "numbers",
] as const;

/**
 * A trunk object from the API in config vocabulary (the same names as its update API), or what
 * makes it unusable. With no `updated_at` in this API, the fingerprint is an HMAC of the normalised
 * read, password included (so a password change shows), from `fingerprint`, core's
 * `keyedFingerprinter` keyed with the block's credential: plans carry fingerprints, and a plain hash
 * would let anyone holding a plan guess the password offline from the other fields, which
 * trunks.yaml shows.
 */
export function toRemoteTrunk(
  raw: unknown,
  id: string,
  fingerprint: (value: JsonValue) => string,
): { trunk: RemoteTrunk } | { problem: string } {
  if (!isJsonObject(raw)) return { problem: "the trunk is not a JSON object" };
  const { name, domain, direction, numbers, auth } = raw;
  if (typeof name !== "string") return { problem: fieldProblem("name", "a string") };
  if (typeof domain !== "string") return { problem: fieldProblem("domain", "a string") };
  if (typeof direction !== "string") return { problem: fieldProblem("direction", "a string") };
  if (!Array.isArray(numbers) || !numbers.every((n) => typeof n === "string")) {
    return { problem: fieldProblem("numbers", "an array of strings") };
  }
  if (!isJsonObject(auth)) return { problem: fieldProblem("auth", "an object") };
  const { username, password } = auth;
  if (typeof username !== "string") return { problem: fieldProblem("auth.username", "a string") };
  if (typeof password !== "string") return { problem: fieldProblem("auth.password", "a string") };
  const mapped: JsonObject = { name, domain, direction, numbers, auth: { username, password } };
  const normalised: JsonObject = {
    ...mapped,
    domain: normalizeDomain(domain),
    numbers: numbers.map(normalizeNumber).map(String).sort(),
  };
  return { trunk: { id, fields: mapped, fingerprint: fingerprint(normalised) } };
}

function fieldProblem(field: string, expected: string): string {
  return `field "${field}" is missing or not ${expected}`;
}

/** The full PUT body for `merged` (config over current), or the dotted paths still unknown. */
export function updateBody(merged: JsonObject): { body: JsonObject } | { missing: string[] } {
  const missing = UPDATE_PATHS.filter((path) => getPath(merged, path) === undefined);
  if (missing.length > 0) return { missing };
  const at = (path: string) => getPath(merged, path) as JsonValue;
  return {
    body: {
      auth: { username: at("auth.username"), password: at("auth.password") },
      name: at("name"),
      domain: at("domain"),
      direction: at("direction"),
      numbers: at("numbers"),
    },
  };
}
