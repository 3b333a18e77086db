import { formatMicros, parseMicros } from "./clock.js";
import { Random } from "./random.js";
import type { EmulatorState, VobizTrunkRecord } from "./types.js";

const COMPANIES = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Stark",
  "Wayne",
  "Tyrell",
  "Soylent",
  "Wonka",
];
const SITES = ["Mumbai", "Delhi", "Bengaluru", "London", "Frankfurt", "Singapore", "Dallas", "Sydney"];
const PURPOSES = ["Sales", "Support", "Billing", "Outbound", "Collections", "Helpdesk", "Ops"];
const DIRECTIONS = ["inbound", "outbound", "both"] as const;
const TRANSPORTS = ["udp", "udp", "udp", "tcp", "tls"] as const;
const CARRIERS = ["pstn.twilio.com", "sip.telnyx.com", "sip.vonage.com", "sip.plivo.com"];

const GENERATED_EPOCH = parseMicros("2025-09-01T00:00:00Z");

/**
 * Strings are built with join() so each is one flat allocation (concatenation keeps ropes).
 *
 * Adds `count` trunks per provider to the first account of each. A fixed-seed PRNG makes the
 * ids and fields identical on every run, so benchmarks and demos can name trunks ahead of time.
 *
 * Some Vobiz trunks carry the optional uuids and `webhook_method: "GET"`, chosen by their number
 * (every 3rd, 4th, 5th, 7th, 14th), so clients meet both shapes of a trunk in any page.
 */
export function generateTrunks(state: EmulatorState, count: number): void {
  const random = new Random(0x7275_6e6b);
  // Their own PRNG: the main sequence, and so every other field, is what it was before they existed.
  const uuids = new Random(0x7575_6964);
  const vobiz = state.vobiz.values().next().value;
  if (vobiz !== undefined) {
    let micros = GENERATED_EPOCH;
    for (let i = 0; i < count; i++) {
      const trunkId = random.uuid();
      const direction = random.pick(DIRECTIONS);
      const transport = random.pick(TRANSPORTS);
      micros += random.int(1_000_000, 900_000_000);
      const created = formatMicros(micros);
      const n = i + 1;
      const record: VobizTrunkRecord = {
        trunk_id: trunkId,
        account_id: vobiz.authId,
        name: [random.pick(COMPANIES), random.pick(SITES), random.pick(PURPOSES), i + 1].join(" "),
        trunk_domain: `${trunkId}.sip.vobiz.ai`,
        trunk_status: random.next() < 0.9 ? "active" : "inactive",
        secure: transport === "tls",
        trunk_direction: direction,
        concurrent_calls_limit: random.int(1, 20) * 5,
        cps_limit: random.int(1, 10),
        description: "",
        transport,
        recording: random.next() < 0.3,
        enable_transcription: random.next() < 0.1,
        pii_redaction: false,
        webhook_method: n % 4 === 0 ? "GET" : "POST",
        recording_webhook_enabled: false,
        created_at: created,
        updated_at:
          random.next() < 0.5 ? created : formatMicros(micros + random.int(1_000_000, 86_400_000_000)),
        active_calls: 0,
        // Always present, undefined when unset (left out of the JSON all the same): one object
        // shape for every generated trunk keeps serialising a list page fast.
        credential_uuid: n % 3 === 0 ? uuids.uuid() : undefined,
        ipacl_uuid: n % 5 === 0 ? uuids.uuid() : undefined,
        primary_uri_uuid: n % 7 === 0 ? uuids.uuid() : undefined,
        fallback_uri_uuid: n % 14 === 0 ? uuids.uuid() : undefined,
      };
      vobiz.trunks.set(trunkId, record);
    }
  }
  const videosdk = state.videosdk.values().next().value;
  if (videosdk !== undefined) {
    for (let i = 0; i < count; i++) {
      const trunkId = random.urlSafeId();
      const company = random.pick(COMPANIES);
      const direction = random.next() < 0.5 ? "inbound" : "outbound";
      const numbers: string[] = [];
      for (let n = random.int(1, 3); n > 0; n--)
        numbers.push(`+1${random.int(200, 999)}555${random.int(1000, 9999)}`);
      videosdk.trunks.set(trunkId, {
        trunkId,
        auth: { username: [company.toLowerCase(), i + 1].join("-"), password: random.urlSafeId() },
        name: [company, direction, i + 1].join(" "),
        domain: [company.toLowerCase(), "-", i + 1, ".", random.pick(CARRIERS)].join(""),
        direction,
        numbers,
      });
    }
  }
}
