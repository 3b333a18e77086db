import { formatMicros, parseMicros } from "./clock.js";
import type { Random } from "./random.js";
import { TrunkStore } from "./trunk-store.js";
import type { EmulatorSeed, EmulatorState, VideoSdkTrunk, VobizTrunkRecord } from "./types.js";
import { videoSdkRecord } from "./videosdk-trunk.js";
import { vobizRecord } from "./vobiz-trunk.js";

/** One Vobiz and one VideoSDK account with the trunks the seed pages use as examples. */
export const DEFAULT_SEED: EmulatorSeed = {
  vobiz: [
    {
      authId: "MA_DEMO0001",
      authToken: "demo-vobiz-token",
      trunks: [
        {
          trunk_id: "bfab10fb-cb97-488b-9c63-989c32980b0f",
          name: "Acme Production Trunk",
          concurrent_calls_limit: 10,
          trunk_status: "active",
          created_at: "2026-05-12T05:11:52.054462Z",
          updated_at: "2026-05-12T05:12:18.147340Z",
        },
        {
          trunk_id: "3c1f7a52-9d4e-4b8a-a1c6-2f5e8d9b0a17",
          name: "Acme Backup Trunk",
          trunk_status: "inactive",
          trunk_direction: "outbound",
          concurrent_calls_limit: 5,
          transport: "tls",
          secure: true,
          // Whole seconds, written without a fraction, as in the seed page's OpenAPI example.
          created_at: "2026-05-13T08:30:00Z",
          updated_at: "2026-05-20T11:02:45Z",
        },
        {
          trunk_id: "7e2d4b90-5a3c-4f1e-8b7d-6c9a0e1f2d34",
          name: "Acme Support Inbound",
          trunk_direction: "inbound",
          concurrent_calls_limit: 30,
          cps_limit: 5,
          description: "Support line, routed to the contact centre",
          recording: true,
          recording_webhook_enabled: true,
          webhook_url: "https://hooks.acme.example/vobiz/recordings",
          inbound_destination: "sip:support@acme.example",
          created_at: "2026-06-01T14:00:07.5Z",
          updated_at: "2026-06-01T14:00:07.5Z",
        },
      ],
    },
  ],
  videosdk: [
    {
      apiKey: "demo-videosdk-key",
      secret: "demo-videosdk-secret",
      trunks: [
        {
          trunkId: "SqlZqn1U1ezvhWGRek6ow",
          auth: { username: "acme", password: "demo-sip-password" },
          name: "Twilio inbound",
          domain: "acme.pstn.twilio.com",
          direction: "inbound",
          numbers: ["+14155550100"],
        },
        {
          trunkId: "Vq3k9dTzL0pXw7mB2nHsa",
          auth: { username: "acme-out", password: "demo-sip-password-2" },
          name: "Twilio outbound",
          domain: "acme-out.pstn.twilio.com",
          direction: "outbound",
          numbers: ["+14155550101", "+14155550102"],
        },
      ],
    },
  ],
};

/** When a seed trunk has no timestamps: a fixed, plausible creation time so runs repeat exactly. */
const SEED_EPOCH = parseMicros("2026-01-05T09:00:00Z");

/** The live store for a seed; ids left out are drawn from `random` (deterministic). */
export function stateFromSeed(seed: EmulatorSeed, random: Random): EmulatorState {
  const state: EmulatorState = { vobiz: new Map(), videosdk: new Map() };
  for (const account of seed.vobiz) {
    const trunks = new TrunkStore<VobizTrunkRecord>();
    for (const [index, partial] of (account.trunks ?? []).entries()) {
      const trunkId = partial.trunk_id ?? random.uuid();
      const stamp = formatMicros(SEED_EPOCH + index * 60_000_000);
      trunks.set(trunkId, vobizRecord(account.authId, { ...partial, trunk_id: trunkId }, stamp));
    }
    state.vobiz.set(account.authId, { authId: account.authId, authToken: account.authToken, trunks });
  }
  for (const account of seed.videosdk) {
    const trunks = new TrunkStore<VideoSdkTrunk>();
    for (const partial of account.trunks ?? []) {
      const trunkId = partial.trunkId ?? random.urlSafeId();
      trunks.set(trunkId, videoSdkRecord({ ...partial, trunkId }));
    }
    state.videosdk.set(account.apiKey, { apiKey: account.apiKey, secret: account.secret, trunks });
  }
  return state;
}
