import type { ApiRouteName } from "./types.js";

export type RouteMatch =
  | { kind: "api"; route: ApiRouteName; authId: string; trunkId: string }
  /** `/api/v1/account/…` with a lower-case (or otherwise wrong) `Account`: Vobiz answers 401. */
  | { kind: "vobiz-casing" }
  | { kind: "admin"; segments: string[] }
  | { kind: "not-found"; provider: "vobiz" | "videosdk" };

const VOBIZ_COLLECTION: Partial<Record<string, ApiRouteName>> = { GET: "vobiz.list", POST: "vobiz.create" };
const VOBIZ_ITEM: Partial<Record<string, ApiRouteName>> = {
  GET: "vobiz.get",
  PUT: "vobiz.update",
  DELETE: "vobiz.delete",
};
const VIDEOSDK_COLLECTION: Partial<Record<string, ApiRouteName>> = { POST: "videosdk.create" };
const VIDEOSDK_ITEM: Partial<Record<string, ApiRouteName>> = { GET: "videosdk.get", PUT: "videosdk.update" };

/**
 * Routes by splitting the path once and comparing fixed segments: no regular expressions per
 * request. One trailing slash is ignored. A known path with an undocumented method is a 404,
 * like an unknown path (VideoSDK has no list or delete, so none is invented).
 */
export function matchRoute(method: string, rawPath: string): RouteMatch {
  const path = rawPath.length > 1 && rawPath.endsWith("/") ? rawPath.slice(0, -1) : rawPath;
  const segments = path.split("/");
  const first = segments[1];
  if (first === "api") {
    const [, , version, account, authId, trunks, trunkId] = segments;
    if (version === "v1" && authId && trunks === "trunks" && segments.length <= 7) {
      if (account !== "Account") {
        return account?.toLowerCase() === "account" ? { kind: "vobiz-casing" } : notFound("vobiz");
      }
      const route =
        trunkId === undefined ? VOBIZ_COLLECTION[method] : trunkId ? VOBIZ_ITEM[method] : undefined;
      if (route !== undefined) return { kind: "api", route, authId, trunkId: trunkId ?? "" };
    }
    return notFound("vobiz");
  }
  if (first === "v2" && segments[2] === "sip-trunk" && segments.length <= 4) {
    const trunkId = segments[3];
    const route =
      trunkId === undefined ? VIDEOSDK_COLLECTION[method] : trunkId ? VIDEOSDK_ITEM[method] : undefined;
    if (route !== undefined) return { kind: "api", route, authId: "", trunkId: trunkId ?? "" };
    return notFound("videosdk");
  }
  if (first === "__emulator") return { kind: "admin", segments: segments.slice(2) };
  return notFound("videosdk");
}

const notFound = (provider: "vobiz" | "videosdk"): RouteMatch => ({ kind: "not-found", provider });
