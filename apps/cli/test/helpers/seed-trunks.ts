import type { EmulatorState } from "@trunksync/emulator";

/** Credentials of the emulator's DEFAULT_SEED accounts. */
export const EMULATOR_ENV = {
  VOBIZ_AUTH_ID: "MA_DEMO0001",
  VOBIZ_AUTH_TOKEN: "demo-vobiz-token",
  VIDEOSDK_API_KEY: "demo-videosdk-key",
  VIDEOSDK_SECRET: "demo-videosdk-secret",
};
/** The seeded Vobiz account (its auth id). */
export const DEMO_VOBIZ_ACCOUNT = EMULATOR_ENV.VOBIZ_AUTH_ID;

/** The demo Vobiz account's trunks, live: what the emulator stores now, by trunk id. */
export function demoVobizTrunks(emulator: { state: EmulatorState }) {
  const account = emulator.state.vobiz.get(DEMO_VOBIZ_ACCOUNT);
  if (!account) throw new Error(`the emulator has no Vobiz account ${DEMO_VOBIZ_ACCOUNT}`);
  return account.trunks;
}

/** Trunks of the emulator's DEFAULT_SEED. */
export const VOBIZ_ACME = "bfab10fb-cb97-488b-9c63-989c32980b0f";
export const VOBIZ_BACKUP = "3c1f7a52-9d4e-4b8a-a1c6-2f5e8d9b0a17";
export const VOBIZ_SUPPORT = "7e2d4b90-5a3c-4f1e-8b7d-6c9a0e1f2d34";
/** "Twilio inbound", auth acme / demo-sip-password. */
export const SIP_INBOUND = "SqlZqn1U1ezvhWGRek6ow";
/** SIP_INBOUND's fields as seeded, auth aside: what a trunks.yaml in sync with it declares. */
export const SIP_INBOUND_FIELDS = {
  name: "Twilio inbound",
  domain: "acme.pstn.twilio.com",
  direction: "inbound",
  numbers: ["+14155550100"],
};
/** "Twilio outbound": acme-out.pstn.twilio.com, outbound, ["+14155550101", "+14155550102"]. */
export const SIP_OUTBOUND = "Vq3k9dTzL0pXw7mB2nHsa";
/** Ids no account has. */
export const GHOST_VOBIZ = "00000000-0000-4000-8000-000000000000";
export const GHOST_SIP = "NoSuchTrunk0000000000";
