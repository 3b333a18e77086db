import { type HttpClient, type JsonObject, ProviderError } from "@trunksync/core";

export function trunkPath(trunkId: string): string {
  return `/v2/sip-trunk/${encodeURIComponent(trunkId)}`;
}

/** The `Authorization` header: the bare JWT, without `Bearer ` (VideoSDK rejects the prefix). */
function auth(jwt: string): Record<string, string> {
  return { authorization: jwt };
}

/** One trunk as the API returns it, or undefined when it is unknown (404). */
export async function getTrunk(http: HttpClient, jwt: string, trunkId: string): Promise<unknown> {
  try {
    return (await http.request({ method: "GET", path: trunkPath(trunkId), headers: auth(jwt) })).body;
  } catch (error) {
    if (error instanceof ProviderError && error.status === 404) return undefined;
    throw error;
  }
}

/** Replaces a trunk (all five fields: treated as a full replace, see providers.md). */
export async function putTrunk(
  http: HttpClient,
  jwt: string,
  trunkId: string,
  body: JsonObject,
): Promise<unknown> {
  return (await http.request({ method: "PUT", path: trunkPath(trunkId), headers: auth(jwt), body })).body;
}
