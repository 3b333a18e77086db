import {
  canonicalJson,
  createHttpClient,
  fingerprintOf,
  type JsonObject,
  type ProviderClient,
  ProviderError,
  type ProviderOptions,
  sha256Hex,
} from "@trunksync/core";
import { decodeJwt, jwtVerify, SignJWT } from "jose";
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import defaultExport, { optionsSchema, trunkSchema, videosdkPlugin } from "../src/index.js";
import { connectVideoSdk } from "../src/plugin.js";
import { videoSdkTrunk } from "./trunks.js";

const ORIGIN = "https://api.videosdk.live";
const SECRET = "videosdk-secret-for-tests";
const KEYED: ProviderOptions = { type: "videosdk", apiKey: "key-1", secret: SECRET, concurrency: 4 };

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

function connect(options: ProviderOptions = KEYED, now?: () => number): ProviderClient {
  const http = createHttpClient({
    provider: "videosdk",
    baseUrl: ORIGIN,
    concurrency: 4,
    timeoutMs: 5_000,
    dispatcher: agent,
    sleep: async () => {},
    ...videosdkPlugin.httpProfile(options),
  });
  return connectVideoSdk(options, { providerName: "videosdk", http }, now);
}

const api = () => agent.get(ORIGIN);

/** Answers GET /v2/sip-trunk/:id with `trunk`, recording the Authorization header it got. */
function serveTrunk(id: string, seen: string[], trunk = videoSdkTrunk({ trunkId: id })) {
  api()
    .intercept({ path: `/v2/sip-trunk/${id}`, method: "GET" })
    .reply(200, (opts) => {
      seen.push(String((opts.headers as Record<string, string>).authorization));
      return trunk;
    });
}

describe("the videosdk plugin object", () => {
  it("is the named and the default export, with its schemas and field rules", () => {
    expect(defaultExport).toBe(videosdkPlugin);
    expect(videosdkPlugin.optionsSchema).toBe(optionsSchema);
    expect(videosdkPlugin.trunkSchema).toBe(trunkSchema);
    expect(Object.keys(videosdkPlugin.fields).sort()).toEqual(["auth.password", "domain", "numbers"]);
    expect(videosdkPlugin.httpProfile(KEYED)).toEqual({
      errorMessagePaths: ["message", "error", "msg", "statusMessage"],
    });
  });

  describe("tells which account a block reads (its API key)", () => {
    it("from apiKey", () => {
      expect(videosdkPlugin.accountId?.(KEYED)).toBe("key-1");
    });

    it("from the apikey claim of a ready token, without verifying it", async () => {
      const token = await new SignJWT({ apikey: "key-7" })
        .setProtectedHeader({ alg: "HS256" })
        .sign(new TextEncoder().encode("a secret core never has"));
      expect(videosdkPlugin.accountId?.({ type: "videosdk", token })).toBe("key-7");
    });

    it.each([
      {
        rule: "a token without the claim",
        token: `e30.${Buffer.from('{"sub":"x"}').toString("base64url")}.sig`,
      },
      { rule: "a token that is not a JWT", token: "not-a-jwt" },
      {
        rule: "a token whose payload is not JSON",
        token: `e30.${Buffer.from("{").toString("base64url")}.sig`,
      },
    ])("none from $rule", ({ token }) => {
      expect(videosdkPlugin.accountId?.({ type: "videosdk", token })).toBeUndefined();
    });
  });

  it("has no list, since the API documents none", () => {
    const client = connect();
    expect("list" in client).toBe(false);
  });

  it("refuses a block without credentials with a ConfigError naming it", () => {
    const http = createHttpClient({
      provider: "videosdk",
      baseUrl: ORIGIN,
      concurrency: 1,
      timeoutMs: 1_000,
      dispatcher: agent,
    });
    expect(() =>
      videosdkPlugin.connect({ type: "videosdk", apiKey: "k" }, { providerName: "vsdk", http }),
    ).toThrow('provider block "vsdk" needs `token`, or `apiKey` and `secret`');
  });
});

describe("authorization", () => {
  it("sends a JWT signed with the secret as the bare Authorization header", async () => {
    const seen: string[] = [];
    serveTrunk("a", seen);
    await connect().read(["a"]);
    expect(seen).toHaveLength(1);
    const jwt = seen[0] as string;
    expect(jwt).not.toMatch(/^Bearer /i);
    expect((await jwtVerify(jwt, new TextEncoder().encode(SECRET))).payload.apikey).toBe("key-1");
  });

  it("sends a configured token exactly as given", async () => {
    const seen: string[] = [];
    serveTrunk("a", seen);
    await connect({ type: "videosdk", token: "ready.made.jwt" }).read(["a"]);
    expect(seen).toEqual(["ready.made.jwt"]);
  });

  it("renews the token shortly before it expires", async () => {
    const seen: string[] = [];
    const clock = { now: Date.parse("2026-05-12T05:00:00Z") };
    serveTrunk("a", seen);
    serveTrunk("b", seen);
    serveTrunk("c", seen);
    const client = connect(KEYED, () => clock.now);
    await client.read(["a"]);
    clock.now += 60_000;
    await client.read(["b"]);
    clock.now += 480_000;
    await client.read(["c"]);
    const iats = seen.map((jwt) => decodeJwt(jwt).iat);
    expect(iats[0]).toBe(iats[1]);
    expect(iats[2]).toBe((iats[0] as number) + 540);
  });
});

describe("reading trunks", () => {
  it("GETs every id and reports unknown ones as missing", async () => {
    const seen: string[] = [];
    serveTrunk("a", seen);
    serveTrunk("b", seen);
    api().intercept({ path: "/v2/sip-trunk/nope", method: "GET" }).reply(404, { message: "Trunk not found" });
    const reads = await connect().read(["a", "nope", "b"]);
    expect(reads.map((r) => [r.id, r.status])).toEqual([
      ["a", "found"],
      ["nope", "missing"],
      ["b", "found"],
    ]);
  });

  it("fails one malformed trunk naming provider, trunk and field, without its password", async () => {
    const seen: string[] = [];
    serveTrunk("a", seen, videoSdkTrunk({ trunkId: "a", numbers: "+1" }));
    const [read] = await connect().read(["a"]);
    expect(read).toEqual({
      id: "a",
      status: "failed",
      message: '[videosdk] trunk a: field "numbers" is missing or not an array of strings',
    });
  });

  it("rejects the whole read on bad credentials, without the token in the message", async () => {
    api()
      .intercept({ path: "/v2/sip-trunk/a", method: "GET" })
      .reply(401, { statusMessage: "Unauthorized token" });
    const error = await connect({ type: "videosdk", token: "ready.made.jwt" })
      .read(["a"])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toBe(
      "[videosdk] GET /v2/sip-trunk/a: 401 Unauthorized: Unauthorized token",
    );
  });
});

describe("updating a trunk", () => {
  it("PUTs the five fields with the token and returns the trunk as stored", async () => {
    const body = {
      auth: { username: "newUser", password: "newPassword" },
      name: "updatedTwilio",
      domain: "updated.example.com",
      direction: "inbound",
      numbers: ["+1987654321"],
    };
    let sent: { body: unknown; authorization: string } | undefined;
    api()
      .intercept({ path: "/v2/sip-trunk/SqlZqn1U1ezvhWGRek6ow", method: "PUT" })
      .reply(200, (opts) => {
        sent = {
          body: JSON.parse(String(opts.body)),
          authorization: (opts.headers as Record<string, string>).authorization ?? "",
        };
        return { trunkId: "SqlZqn1U1ezvhWGRek6ow", ...body };
      });
    const trunk = await connect({ type: "videosdk", token: "ready.made.jwt" }).update(
      "SqlZqn1U1ezvhWGRek6ow",
      body,
    );
    expect(sent).toEqual({ body, authorization: "ready.made.jwt" });
    expect(trunk).toMatchObject({ id: "SqlZqn1U1ezvhWGRek6ow", fields: body });
  });

  it("fails when the stored trunk cannot be read back", async () => {
    api().intercept({ path: "/v2/sip-trunk/a", method: "PUT" }).reply(200, { ok: true });
    const error = await connect()
      .update("a", {})
      .catch((e: unknown) => e);
    expect((error as ProviderError).message).toBe(
      '[videosdk] PUT /v2/sip-trunk/a: the updated trunk a cannot be read back: field "name" is missing or not a string',
    );
  });
});

// VideoSDK trunks have no `updated_at`, so their fingerprint hashes the read, SIP password
// included. Plans carry fingerprints: they must show any remote change yet give no offline guess
// at the password, so they are keyed with the block's credential, which no plan holds.

const FINGERPRINTED = "SqlZqn1U1ezvhWGRek6ow";
const BEARER: ProviderOptions = { type: "videosdk", token: "ready.made.jwt" };

/** The fingerprint a freshly connected client reads for `trunk` (its own HTTP client, its own tokens). */
async function fingerprintRead(
  options: ProviderOptions,
  trunk: JsonObject = videoSdkTrunk(),
  now?: () => number,
): Promise<string> {
  api()
    .intercept({ path: `/v2/sip-trunk/${FINGERPRINTED}`, method: "GET" })
    .reply(200, trunk);
  const [read] = await connect(options, now).read([FINGERPRINTED]);
  if (read?.status !== "found") throw new Error(`expected the trunk, got ${JSON.stringify(read)}`);
  return read.trunk.fingerprint;
}

/** What the fingerprint used to be: a plain SHA-256 of the normalised read, password included. */
function unsaltedHashes(trunk: JsonObject): string[] {
  // The test trunk is already normalised: only the id is not hashed.
  const { trunkId, ...normalised } = trunk;
  const old = fingerprintOf(normalised);
  return [
    old,
    old.replace(/^sha256:/, ""),
    sha256Hex(canonicalJson(trunk)),
    sha256Hex(JSON.stringify(trunk)),
  ];
}

describe("the fingerprint of a VideoSDK trunk", () => {
  it("says what made it: an HMAC-SHA256", async () => {
    expect(await fingerprintRead(KEYED)).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
  });

  it("changes when only the SIP password changes remotely", async () => {
    const rotated = videoSdkTrunk({ auth: { username: "newUser", password: "rotated-in-console" } });
    expect(await fingerprintRead(KEYED, rotated)).not.toBe(await fingerprintRead(KEYED));
  });

  it.each([
    { form: "API key and secret", options: KEYED },
    { form: "hand-made token", options: BEARER },
  ])("is the same for two separately connected clients with the same $form", async ({ options }) => {
    // Different clocks: the secret form mints different tokens, which must not matter.
    const planned = await fingerprintRead(options, videoSdkTrunk(), () => Date.parse("2026-05-12T05:00:00Z"));
    const applied = await fingerprintRead(options, videoSdkTrunk(), () => Date.parse("2026-05-12T05:40:00Z"));
    expect(applied).toBe(planned);
  });

  it.each([
    { change: "secret", base: KEYED, other: { ...KEYED, secret: "another-secret" } },
    { change: "token", base: BEARER, other: { ...BEARER, token: "another.ready.jwt" } },
  ])("differs under another $change", async ({ base, other }) => {
    expect(await fingerprintRead(other)).not.toBe(await fingerprintRead(base));
  });

  it("holds no plain SHA-256 of the trunk, so a plan gives no offline guess at the password", async () => {
    const trunk = videoSdkTrunk();
    const fingerprint = await fingerprintRead(KEYED, trunk);
    for (const hash of unsaltedHashes(trunk)) expect(fingerprint).not.toContain(hash);
  });
});
