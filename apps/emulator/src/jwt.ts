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

/** The claims the emulator relies on, before the signature is checked. */
export interface UnverifiedToken {
  apiKey: string;
  exp: number;
  signed: string;
  signature: Buffer;
}

/** Splits a compact HS256 JWT; undefined when it is not one (wrong shape, algorithm or claims). */
export function decodeVideoSdkToken(token: string): UnverifiedToken | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const headerJson = parseSegment(header);
  const claims = parseSegment(payload);
  if (headerJson?.alg !== "HS256") return undefined;
  if (typeof claims?.apikey !== "string" || typeof claims.exp !== "number") return undefined;
  return {
    apiKey: claims.apikey,
    exp: claims.exp,
    signed: `${header}.${payload}`,
    signature: Buffer.from(signature, "base64url"),
  };
}

/** True when `secret` produced the token's signature (constant-time comparison). */
export function hasValidSignature(token: UnverifiedToken, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(token.signed).digest();
  return expected.length === token.signature.length && timingSafeEqual(expected, token.signature);
}

function parseSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
