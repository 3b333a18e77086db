import {
  ConfigError,
  type ConnectContext,
  type JsonObject,
  keyedFingerprinter,
  type ProviderClient,
  ProviderError,
  type ProviderOptions,
  type ProviderPlugin,
  type TrunkRead,
} from "@trunksync/core";
import { getTrunk, putTrunk, trunkPath } from "./api.js";
import { fields, toRemoteTrunk, updateBody } from "./mapping.js";
import { optionsSchema, trunkSchema } from "./schema.js";
import { apiKeyOf, type Credentials, tokenSource } from "./token.js";
import { validators } from "./validators.js";

/**
 * VideoSDK SIP trunks (`type: videosdk`): read and full-replace update by id. The API has no
 * list, so this client has no `list` member: `import` and the unmanaged report say so.
 */
export const videosdkPlugin: ProviderPlugin = {
  type: "videosdk",
  displayName: "VideoSDK",
  defaultBaseUrl: "https://api.videosdk.live",
  optionsSchema,
  trunkSchema,
  validators,
  fields,
  // The Authorization header is per request (a token that may be renewed), so none is static.
  httpProfile: () => ({ errorMessagePaths: ["message", "error", "msg", "statusMessage"] }),
  updateBody,
  connect: (options, ctx) => connectVideoSdk(options, ctx),
  // The API key names the account (a hand-made token carries it as its `apikey` claim).
  accountId: apiKeyOf,
};

/** The client behind `videosdkPlugin.connect`; `now` lets tests move the token clock. */
export function connectVideoSdk(
  options: ProviderOptions,
  { providerName, http }: ConnectContext,
  now?: () => number,
): ProviderClient {
  const credentials = credentialsOf(options, providerName);
  const token = tokenSource(credentials, now);
  // The credential keys trunk fingerprints: no plan holds it, so a plan's fingerprints give no
  // offline guess at SIP passwords. A new hand-made token between plan and apply makes its trunks
  // look changed remotely, so apply skips them: safe, and "re-run plan" says what to do.
  const fingerprint = keyedFingerprinter("token" in credentials ? credentials.token : credentials.secret);

  async function readOne(id: string): Promise<TrunkRead> {
    try {
      const raw = await getTrunk(http, await token(), id);
      if (raw === undefined) return { id, status: "missing" };
      const mapped = toRemoteTrunk(raw, id, fingerprint);
      if ("problem" in mapped)
        return { id, status: "failed", message: `[${providerName}] trunk ${id}: ${mapped.problem}` };
      return { id, status: "found", trunk: mapped.trunk };
    } catch (error) {
      // Bad credentials concern the whole account: let the planner report the provider once.
      if (!(error instanceof ProviderError) || error.status === 401 || error.status === 403) throw error;
      return { id, status: "failed", message: error.message };
    }
  }

  return {
    // All at once: the HTTP client's pool keeps them within the block's concurrency.
    read: (ids) => Promise.all(ids.map(readOne)),
    async update(id, body: JsonObject) {
      const mapped = toRemoteTrunk(await putTrunk(http, await token(), id, body), id, fingerprint);
      if ("problem" in mapped) {
        throw new ProviderError(
          { provider: providerName, method: "PUT", path: trunkPath(id) },
          `the updated trunk ${id} cannot be read back: ${mapped.problem}`,
        );
      }
      return mapped.trunk;
    },
    close: () => http.close(),
  };
}

/** The block's credentials; the options schema already demands one of the two ways. */
function credentialsOf(options: ProviderOptions, providerName: string): Credentials {
  const { token, apiKey, secret } = options;
  if (typeof token === "string") return { token };
  if (typeof apiKey === "string" && typeof secret === "string") return { apiKey, secret };
  const message = `provider block "${providerName}" needs \`token\`, or \`apiKey\` and \`secret\``;
  throw new ConfigError([
    { file: "", line: 0, col: 0, path: `/providers/${providerName}`, message, severity: "error" },
  ]);
}
