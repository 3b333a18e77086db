import { isJsonObject, type ProviderOptions } from "@trunksync/core";

/** Lifetime of a minted token. Short, since trunksync runs are short and a leak expires soon. */
export const TOKEN_LIFETIME_S = 600;
/** A cached token is replaced this long before it expires, as VideoSDK's own server SDK does. */
export const RENEW_BEFORE_S = 60;

/** A ready JWT (used as is), or the API key and secret to mint them with. */
export type Credentials = { token: string } | { apiKey: string; secret: string };

/**
 * The `Authorization` value for the next request: the block's `token`, or an HS256 JWT minted
 * from `apiKey` + `secret` with the claims VideoSDK expects, cached until shortly before expiry.
 * Concurrent callers share one minting. `now` is in epoch milliseconds (tests move it).
 */
export function tokenSource(credentials: Credentials, now: () => number = Date.now): () => Promise<string> {
  if ("token" in credentials) {
    const { token } = credentials;
    return async () => token;
  }
  const { apiKey, secret } = credentials;
  const key = new TextEncoder().encode(secret);
  let cached: { jwt: Promise<string>; renewAt: number } | undefined;
  return () => {
    const nowS = Math.floor(now() / 1000);
    if (!cached || nowS >= cached.renewAt) {
      const exp = nowS + TOKEN_LIFETIME_S;
      // jose is loaded on the first minting only: validating a config never needs it.
      const jwt = import("jose").then(({ SignJWT }) =>
        new SignJWT({ apikey: apiKey, permissions: ["allow_join"], version: 2, roles: ["crawler"] })
          .setProtectedHeader({ alg: "HS256", typ: "JWT" })
          .setIssuedAt(nowS)
          .setExpirationTime(exp)
          .sign(key),
      );
      cached = { jwt, renewAt: exp - RENEW_BEFORE_S };
    }
    return cached.jwt;
  };
}

/**
 * The API key a block's credentials act for, which names the VideoSDK account: `apiKey`, or the
 * `apikey` claim of a ready `token`. The token is decoded, not verified: this only tells blocks
 * apart. Undefined when the token carries no readable claim.
 */
export function apiKeyOf(options: ProviderOptions): string | undefined {
  const { apiKey, token } = options;
  if (typeof apiKey === "string") return apiKey;
  if (typeof token !== "string") return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    return isJsonObject(payload) && typeof payload.apikey === "string" ? payload.apikey : undefined;
  } catch {
    // Not a JWT we can read: the API will say so; no account to compare meanwhile.
    return undefined;
  }
}
