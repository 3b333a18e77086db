import {
  canonicalJson,
  createHttpClient,
  fingerprintOf,
  type JsonObject,
  type ProviderOptions,
  sha256Hex,
} from "@trunksync/core";
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectVideoSdk, videosdkPlugin } from "../src/plugin.js";
import { videoSdkTrunk } from "./trunks.js";

// VideoSDK trunks have no `updated_at`, so their fingerprint hashes the read, SIP password
// included. Plans carry fingerprints: they must show any remote change yet give no offline guess
// at the password, so they are keyed with the block's credential, which no plan holds.

const ORIGIN = "https://api.videosdk.live";
const ID = "SqlZqn1U1ezvhWGRek6ow";
const SIGNED: ProviderOptions = { type: "videosdk", apiKey: "key-1", secret: "videosdk-secret-for-tests" };
const BEARER: ProviderOptions = { type: "videosdk", token: "ready.made.jwt" };

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

/** The fingerprint a freshly connected client reads for `trunk` (its own HTTP client, its own tokens). */
async function fingerprintRead(
  options: ProviderOptions,
  trunk: JsonObject = videoSdkTrunk(),
  now?: () => number,
): Promise<string> {
  agent
    .get(ORIGIN)
    .intercept({ path: `/v2/sip-trunk/${ID}`, method: "GET" })
    .reply(200, trunk);
  const http = createHttpClient({
    provider: "videosdk",
    baseUrl: ORIGIN,
    concurrency: 1,
    timeoutMs: 5_000,
    dispatcher: agent,
    ...videosdkPlugin.httpProfile(options),
  });
  const [read] = await connectVideoSdk(options, { providerName: "videosdk", http }, now).read([ID]);
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
    expect(await fingerprintRead(SIGNED)).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
  });

  it("changes when only the SIP password changes remotely", async () => {
    const rotated = videoSdkTrunk({ auth: { username: "newUser", password: "rotated-in-console" } });
    expect(await fingerprintRead(SIGNED, rotated)).not.toBe(await fingerprintRead(SIGNED));
  });

  it.each([
    { form: "API key and secret", options: SIGNED },
    { form: "hand-made token", options: BEARER },
  ])("is the same for two separately connected clients with the same $form", async ({ options }) => {
    // Different clocks: the secret form mints different tokens, which must not matter.
    const planned = await fingerprintRead(options, videoSdkTrunk(), () => Date.parse("2026-05-12T05:00:00Z"));
    const applied = await fingerprintRead(options, videoSdkTrunk(), () => Date.parse("2026-05-12T05:40:00Z"));
    expect(applied).toBe(planned);
  });

  it.each([
    { change: "secret", base: SIGNED, other: { ...SIGNED, secret: "another-secret" } },
    { change: "token", base: BEARER, other: { ...BEARER, token: "another.ready.jwt" } },
  ])("differs under another $change", async ({ base, other }) => {
    expect(await fingerprintRead(other)).not.toBe(await fingerprintRead(base));
  });

  it("holds no plain SHA-256 of the trunk, so a plan gives no offline guess at the password", async () => {
    const trunk = videoSdkTrunk();
    const fingerprint = await fingerprintRead(SIGNED, trunk);
    for (const hash of unsaltedHashes(trunk)) expect(fingerprint).not.toContain(hash);
  });
});
