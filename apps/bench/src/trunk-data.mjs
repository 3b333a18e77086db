import { DEFAULT_SEED, startEmulator } from "@trunksync/emulator";
import { VOBIZ_PAGE_SIZE } from "./bounds.mjs";
import { vobizFields } from "./vobiz-fields.mjs";

const SETUP_CONCURRENCY = 16;

/**
 * Every trunk on the emulator's Vobiz account, through its list API, in config vocabulary.
 * Setup only: it runs before the scenario's stats are reset. Returns the account's total too.
 */
export async function listVobizTrunks(env) {
  const base = `${env.VOBIZ_BASE_URL}/api/v1/Account/${env.VOBIZ_AUTH_ID}/trunks`;
  const headers = { "X-Auth-ID": env.VOBIZ_AUTH_ID, "X-Auth-Token": env.VOBIZ_AUTH_TOKEN };
  const page = async (offset) => {
    const res = await fetch(`${base}?limit=${VOBIZ_PAGE_SIZE}&offset=${offset}`, { headers });
    if (!res.ok) throw new Error(`listing Vobiz trunks at offset ${offset}: HTTP ${res.status}`);
    return res.json();
  };
  const first = await page(0);
  const total = first.meta.total ?? first.meta.total_count;
  const offsets = [];
  for (let offset = VOBIZ_PAGE_SIZE; offset < total; offset += VOBIZ_PAGE_SIZE) offsets.push(offset);
  const pages = [first];
  for (let i = 0; i < offsets.length; i += SETUP_CONCURRENCY) {
    pages.push(...(await Promise.all(offsets.slice(i, i + SETUP_CONCURRENCY).map(page))));
  }
  const trunks = pages.flatMap((p) => p.objects.map((t) => ({ id: t.trunk_id, ...vobizFields(t) })));
  return { total, generated: trunks.filter((t) => !SEEDED.vobiz.has(t.id)) };
}

/**
 * The VideoSDK trunks `--generate count` creates. VideoSDK's API has no list, so they come from
 * the same deterministic generator run in this process (never listening for requests).
 */
export async function generatedVideoSdkTrunks(count) {
  const emulator = await startEmulator({ generate: count });
  try {
    const account = emulator.state.videosdk.values().next().value;
    return [...account.trunks.values()]
      .filter((t) => !SEEDED.videosdk.has(t.trunkId))
      .map((t) => ({
        id: t.trunkId,
        name: t.name,
        domain: t.domain,
        direction: t.direction,
        numbers: t.numbers,
      }));
  } finally {
    await emulator.close();
  }
}

/** Trunks of the emulator's built-in demo accounts: not part of any scenario. */
const SEEDED = {
  vobiz: new Set(DEFAULT_SEED.vobiz.flatMap((a) => (a.trunks ?? []).map((t) => t.trunk_id))),
  videosdk: new Set(DEFAULT_SEED.videosdk.flatMap((a) => (a.trunks ?? []).map((t) => t.trunkId))),
};
