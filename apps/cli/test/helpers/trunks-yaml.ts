// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import { stringify } from "yaml";

/** A Vobiz provider block on `baseUrl`, credentials from VOBIZ_AUTH_ID / VOBIZ_AUTH_TOKEN, plus `extra` options. */
export function vobizBlock(baseUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "vobiz",
    authId: "${env:VOBIZ_AUTH_ID}",
    authToken: "${env:VOBIZ_AUTH_TOKEN}",
    baseUrl,
    ...extra,
  };
}

/** A VideoSDK provider block on `baseUrl`, signing with VIDEOSDK_API_KEY / VIDEOSDK_SECRET, plus `extra` options. */
export function videosdkBlock(baseUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "videosdk",
    apiKey: "${env:VIDEOSDK_API_KEY}",
    secret: "${env:VIDEOSDK_SECRET}",
    baseUrl,
    ...extra,
  };
}

export interface TrunkEntry {
  id: string;
  [field: string]: unknown;
}

/** A trunk of the `vobiz` or `videosdk` block of twoProviderConfig. */
export interface ProviderTrunk extends TrunkEntry {
  provider: "vobiz" | "videosdk";
}

/** A version 1 trunks.yaml of these provider blocks (by name) and trunks. */
export function trunksYaml(
  providers: Record<string, Record<string, unknown>>,
  trunks: readonly (TrunkEntry & { provider: string })[],
): string {
  return stringify({ version: 1, providers, trunks });
}

/** A trunks.yaml with one `vobiz` block on the emulator (see vobizBlock) for all the trunks given. */
export function vobizConfig(
  baseUrl: string,
  trunks: readonly TrunkEntry[],
  block: Record<string, unknown> = {},
): string {
  return trunksYaml(
    { vobiz: vobizBlock(baseUrl, block) },
    trunks.map((t) => ({ provider: "vobiz", ...t })),
  );
}

/** A trunks.yaml with a `vobiz` and a `videosdk` block, both on the emulator, plus any options per block. */
export function twoProviderConfig(
  baseUrl: string,
  trunks: readonly ProviderTrunk[],
  blocks: { vobiz?: Record<string, unknown>; videosdk?: Record<string, unknown> } = {},
): string {
  return trunksYaml(
    { vobiz: vobizBlock(baseUrl, blocks.vobiz), videosdk: videosdkBlock(baseUrl, blocks.videosdk) },
    trunks,
  );
}
