import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mintVideoSdkToken } from "../src/index.js";
import { emulatorForEachTest, SEED_SIP_TRUNK, VIDEOSDK_KEY, VIDEOSDK_SECRET } from "./helpers.js";

// What VideoSDK accepts as the Authorization of its SIP trunk API: an HS256 JWT with the claims
// its server SDK mints (providers.md), each part strict unpadded base64url.

const server = emulatorForEachTest();
const PATH = `/v2/sip-trunk/${SEED_SIP_TRUNK}`;
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const HEADER = encode({ alg: "HS256", typ: "JWT" });
const sign = (signed: string) => createHmac("sha256", VIDEOSDK_SECRET).update(signed).digest("base64url");
/** `header.payload.signature`, the signature computed over the first two parts exactly as given. */
const signedToken = (header: string, payload: string) =>
  `${header}.${payload}.${sign(`${header}.${payload}`)}`;

/** The SDK's payload for the demo account, issued now, with `changes` applied (undefined drops a claim). */
function claims(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const base = {
    apikey: VIDEOSDK_KEY,
    permissions: ["allow_join"],
    version: 2,
    roles: ["crawler"],
    iat: now,
  };
  return { ...base, exp: now + 600, ...changes };
}

const get = (authorization: string) => server.api.send("GET", PATH, { Authorization: authorization });

describe("VideoSDK token claims", () => {
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    { case: "no permissions", changes: () => ({ permissions: undefined }), claim: "permissions" },
    {
      case: "permissions without allow_join or allow_mod",
      changes: () => ({ permissions: ["allow_x"] }),
      claim: "permissions",
    },
    { case: "permissions as a string", changes: () => ({ permissions: "allow_join" }), claim: "permissions" },
    { case: "no version", changes: () => ({ version: undefined }), claim: "version" },
    { case: "version 1", changes: () => ({ version: 1 }), claim: "version" },
    { case: 'version "2"', changes: () => ({ version: "2" }), claim: "version" },
    { case: "no roles", changes: () => ({ roles: undefined }), claim: "roles" },
    { case: "roles without crawler", changes: () => ({ roles: ["rtc"] }), claim: "roles" },
    { case: "roles as a string", changes: () => ({ roles: "crawler" }), claim: "roles" },
    { case: "iat as a string", changes: () => ({ iat: "now" }), claim: "iat" },
    { case: "iat 120 s in the future", changes: () => ({ iat: now() + 120 }), claim: "iat" },
    { case: "no exp", changes: () => ({ exp: undefined }), claim: "exp" },
    { case: "exp a second ago", changes: () => ({ iat: now() - 600, exp: now() - 1 }), claim: "exp" },
    { case: "exp as a string", changes: () => ({ exp: "tomorrow" }), claim: "exp" },
    { case: "nbf 120 s in the future", changes: () => ({ nbf: now() + 120 }), claim: "nbf" },
    { case: "nbf as a string", changes: () => ({ nbf: "0" }), claim: "nbf" },
  ])("answers 401 naming $claim to a correctly signed token with $case", async ({ changes, claim }) => {
    const payload = encode(claims(changes()));
    const response = await get(signedToken(HEADER, payload));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ statusCode: 401, message: expect.stringContaining(claim) });
  });

  it.each([
    { case: "the server SDK's payload", changes: () => ({}) },
    { case: "allow_mod instead of allow_join", changes: () => ({ permissions: ["allow_mod"] }) },
    {
      case: "several permissions and roles",
      changes: () => ({ permissions: ["allow_mod", "allow_join"], roles: ["rtc", "crawler"] }),
    },
    { case: "iat 30 s ahead (clock skew)", changes: () => ({ iat: now() + 30 }) },
    // Standard JWT validation does not require iat; only the server SDK is known to send it.
    { case: "no iat", changes: () => ({ iat: undefined }) },
    { case: "no iat and an nbf in the past", changes: () => ({ iat: undefined, nbf: now() - 60 }) },
    { case: "an nbf in the past", changes: () => ({ nbf: now() - 60 }) },
    { case: "an nbf of now", changes: () => ({ nbf: now() }) },
  ])("accepts a correctly signed token with $case", async ({ changes }) => {
    const response = await get(signedToken(HEADER, encode(claims(changes()))));
    expect(response.status).toBe(200);
  });

  it("checks claims only once the signature is right", async () => {
    const payload = encode(claims({ version: 1 }));
    const forged = `${HEADER}.${payload}.${createHmac("sha256", "wrong").update(`${HEADER}.${payload}`).digest("base64url")}`;
    const response = await get(forged);
    expect(response.status).toBe(401);
    expect((response.body as { message: string }).message).not.toContain("version");
  });
});

describe("VideoSDK token encoding is strict unpadded base64url", () => {
  /** A valid token whose signature holds `-` or `_`, so its standard-base64 spelling differs. */
  function tokenWithUrlSafeSignature(): [string, string, string] {
    for (let seconds = 0; ; seconds += 1) {
      const token = mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET, { now: Date.now() - seconds * 1000 });
      const parts = token.split(".") as [string, string, string];
      if (/[-_]/.test(parts[2])) return parts;
    }
  }

  /** A payload whose base64url text ends in a partial group, so padding and spare bits are possible. */
  function partialGroupPayload(): string {
    for (let filler = ""; ; filler += "x") {
      const payload = encode(claims({ jti: filler }));
      if (payload.length % 4 !== 0) return payload;
    }
  }

  it("accepts the strict forms the variants below are made from", async () => {
    const [header, payload, signature] = tokenWithUrlSafeSignature();
    expect((await get(`${header}.${payload}.${signature}`)).status).toBe(200);
    expect((await get(signedToken(HEADER, partialGroupPayload()))).status).toBe(200);
  });

  it.each([
    { case: "= padding after the signature", variant: (s: string) => `${s}=` },
    {
      case: "the signature in standard base64",
      variant: (s: string) => s.replaceAll("-", "+").replaceAll("_", "/"),
    },
    { case: "junk after the signature", variant: (s: string) => `${s}!` },
    { case: "a space inside the signature", variant: (s: string) => `${s.slice(0, 20)} ${s.slice(20)}` },
    { case: "a signature one character short", variant: (s: string) => s.slice(0, -1) },
    { case: "an empty signature", variant: () => "" },
  ])("answers 401 to a valid token with $case", async ({ variant }) => {
    const [header, payload, signature] = tokenWithUrlSafeSignature();
    const response = await get(`${header}.${payload}.${variant(signature)}`);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ statusCode: 401, message: expect.stringMatching(/^Invalid token/) });
  });

  it.each([
    {
      case: "= padding",
      variant: (p: string) => p.padEnd(Math.ceil(p.length / 4) * 4, "="),
    },
    {
      case: "unused trailing bits set",
      variant: (p: string) => p.slice(0, -1) + BASE64URL[BASE64URL.indexOf(p.at(-1) ?? "A") | 1],
    },
  ])(
    "answers 401 to a payload with $case, even when the signature covers it as sent",
    async ({ variant }) => {
      const strict = partialGroupPayload();
      const payload = variant(strict);
      // Node's lenient decoder reads both as the same claims: only the text tells them apart.
      expect(payload).not.toBe(strict);
      expect(Buffer.from(payload, "base64url").toString()).toBe(Buffer.from(strict, "base64url").toString());
      const response = await get(signedToken(HEADER, payload));
      expect(response.status).toBe(401);
    },
  );

  it("answers 401 to a header in standard base64 with padding, signed as sent", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT", kid: "1" })).toString("base64");
    expect(header).toMatch(/=$/);
    expect((await get(signedToken(header, encode(claims())))).status).toBe(401);
  });
});
