// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import type { JsonObject } from "@trunksync/core";

/**
 * The conventional environment variables of each built-in type's credentials, by option. A map,
 * not an object: `--provider constructor` must not find Object's constructor.
 */
export const CREDENTIAL_ENV: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map<
  string,
  Readonly<Record<string, string>>
>([
  ["vobiz", { authId: "VOBIZ_AUTH_ID", authToken: "VOBIZ_AUTH_TOKEN" }],
  ["videosdk", { apiKey: "VIDEOSDK_API_KEY", secret: "VIDEOSDK_SECRET" }],
]);

/**
 * A provider block of built-in `type`, as written in trunks.yaml: credentials as `${env:…}`
 * placeholders (never values), and `baseUrl` when given. Undefined for a type with no convention.
 */
export function newProviderBlock(type: string, baseUrl: string | undefined): JsonObject | undefined {
  const credentials = CREDENTIAL_ENV.get(type);
  if (!credentials) return undefined;
  const block: JsonObject = { type };
  for (const [option, variable] of Object.entries(credentials)) block[option] = `\${env:${variable}}`;
  if (baseUrl !== undefined) block.baseUrl = baseUrl;
  return block;
}
