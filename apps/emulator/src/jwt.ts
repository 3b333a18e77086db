import { createHmac, timingSafeEqual } from "node:crypto";

const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

/**
 * A VideoSDK API token, as the official server SDK mints it: HS256 over
 * `{ apikey, permissions: ["allow_join"], version: 2, roles: ["crawler"], iat, exp }`.
 * `now` is in epoch milliseconds (default `Date.now()`); the lifetime defaults to 24 h.
 */
export function mintVideoSdkToken(
  apiKey: string,
  secret: string,
  opts: { expiresInSeconds?: number; now?: number } = {},
): string {
  const iat = Math.floor((opts.now ?? Date.now()) / 1000);
  const payload = {
    apikey: apiKey,
    permissions: ["allow_join"],
    version: 2,
    roles: ["crawler"],
    iat,
    exp: iat + (opts.expiresInSeconds ?? 86_400),
  };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

/** A token split into its parts, before the signature is checked. */
export interface UnverifiedToken {
  apiKey: string;
  claims: Record<string, unknown>;
  /** `header.payload`, the text the signature covers. */
  signed: string;
  /** The third segment as sent. */
  signature: string;
}

/** Unpadded base64url only: no `=`, no `+` or `/`, nothing the alphabet lacks. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Splits a compact HS256 JWT, or says why it is not one. Segments must be strict base64url:
 * Node's decoder would skip padding, `+`/`/` and junk, accepting texts no JWT library emits.
 */
export function decodeVideoSdkToken(token: string): { token: UnverifiedToken } | { problem: string } {
  const parts = token.split(".");
  if (parts.length !== 3) return { problem: "not a JWT (three dot-separated segments)" };
  const [header, payload, signature] = parts as [string, string, string];
  if (!parts.every((part) => BASE64URL.test(part) && part.length % 4 !== 1)) {
    return { problem: "segments must be unpadded base64url" };
  }
  const headerJson = parseSegment(header);
  const claims = parseSegment(payload);
  if (headerJson === undefined || claims === undefined) {
    return { problem: "header and payload must be base64url-encoded JSON objects" };
  }
  if (headerJson.alg !== "HS256") return { problem: "alg must be HS256" };
  if (typeof claims.apikey !== "string") return { problem: "apikey must be a string" };
  return { token: { apiKey: claims.apikey, claims, signed: `${header}.${payload}`, signature } };
}

/**
 * True when the signature is exactly the unpadded base64url HMAC-SHA256 of the signed text
 * under `secret` (constant-time when the lengths match).
 */
export function hasValidSignature(token: UnverifiedToken, secret: string): boolean {
  const expected = Buffer.from(createHmac("sha256", secret).update(token.signed).digest("base64url"));
  const given = Buffer.from(token.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Tokens may be issued up to this far ahead of the server's clock (clock skew). */
const IAT_LEEWAY_S = 60;

/**
 * The first claim VideoSDK would refuse, as a message naming it; undefined when all pass. `iat`
 * and `nbf` are optional, as in standard JWT validation (the server SDK sends `iat`; other
 * libraries may not); when present they must be numbers.
 */
export function claimProblem(claims: Record<string, unknown>, nowMs: number): string | undefined {
  const now = nowMs / 1000;
  const { exp, iat, nbf, permissions, version, roles } = claims;
  if (typeof exp !== "number") return "exp must be a number";
  if (exp <= now) return "exp is in the past: the token has expired";
  if (iat !== undefined && typeof iat !== "number") return "iat must be a number";
  if (typeof iat === "number" && iat > now + IAT_LEEWAY_S) {
    return `iat is more than ${IAT_LEEWAY_S} s in the future`;
  }
  if (nbf !== undefined && typeof nbf !== "number") return "nbf must be a number";
  if (typeof nbf === "number" && nbf > now) return "nbf is in the future: the token is not valid yet";
  if (!containsOneOf(permissions, ["allow_join", "allow_mod"])) {
    return 'permissions must be an array containing "allow_join" or "allow_mod"';
  }
  if (version !== 2) return "version must be 2";
  if (!containsOneOf(roles, ["crawler"])) return 'roles must be an array containing "crawler"';
  return undefined;
}

function containsOneOf(value: unknown, wanted: readonly string[]): boolean {
  return Array.isArray(value) && (value as unknown[]).some((item) => wanted.includes(item as string));
}

/** The JSON object a segment encodes; undefined unless it is one, canonically encoded. */
function parseSegment(segment: string): Record<string, unknown> | undefined {
  const bytes = Buffer.from(segment, "base64url");
  // Canonical only: set unused trailing bits would give one payload several encodings.
  if (bytes.toString("base64url") !== segment) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
