import type { Provider } from "./remote-edit.js";
import type { ApiRouteName } from "./types.js";

export type RouteMatch =
  | { kind: "api"; route: ApiRouteName; authId: string; trunkId: string }
  /** `/api/v1/account/…` with a lower-case (or otherwise wrong) `Account`: Vobiz answers 401. */
  | { kind: "vobiz-casing" }
  | { kind: "admin"; segments: string[] }
  /** A documented resource asked with a method it does not have; `allow` is the `Allow` header. */
  | { kind: "method-not-allowed"; provider: Provider; allow: string }
  /** A path segment with a malformed percent-escape (`%zz`), as sent. */
  | { kind: "bad-path"; provider: Provider; segment: string }
  | { kind: "not-found"; provider: Provider };

/** One resource's routes by method, and the `Allow` header a wrong method is answered with. */
interface Resource {
  routes: Partial<Record<string, ApiRouteName>>;
  allow: string;
}

/** HEAD is served wherever GET is (Node sends the headers without the body), so Allow names it. */
function resource(routes: Record<string, ApiRouteName>): Resource {
  const methods = Object.keys(routes).flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method]));
  return { routes, allow: methods.join(", ") };
}

const VOBIZ_COLLECTION = resource({ GET: "vobiz.list", POST: "vobiz.create" });
const VOBIZ_ITEM = resource({ GET: "vobiz.get", PUT: "vobiz.update", DELETE: "vobiz.delete" });
// VideoSDK documents no list and no delete, so none is invented: GET on the collection is a 405.
const VIDEOSDK_COLLECTION = resource({ POST: "videosdk.create" });
const VIDEOSDK_ITEM = resource({ GET: "videosdk.get", PUT: "videosdk.update" });

/**
 * Routes by splitting the path once and comparing fixed segments: no regular expressions per
 * request. Each segment is percent-decoded after the split, as real servers do (so `%2F` stays
 * inside its segment). One trailing slash is ignored. A documented path with an undocumented
 * method is a 405; a path that is no route at all, a 404.
 */
export function matchRoute(method: string, rawPath: string): RouteMatch {
  const path = rawPath.length > 1 && rawPath.endsWith("/") ? rawPath.slice(0, -1) : rawPath;
  const segments = path.split("/");
  if (segments[1] === "__emulator") return { kind: "admin", segments: segments.slice(2) };
  const malformed = decodeSegments(segments);
  const first = segments[1];
  if (malformed !== undefined) {
    return { kind: "bad-path", provider: first === "api" ? "vobiz" : "videosdk", segment: malformed };
  }
  if (first === "api") {
    const [, , version, account, authId, trunks, trunkId] = segments;
    if (version === "v1" && authId && trunks === "trunks" && segments.length <= 7) {
      if (account !== "Account") {
        return account?.toLowerCase() === "account" ? { kind: "vobiz-casing" } : notFound("vobiz");
      }
      const target = trunkId === undefined ? VOBIZ_COLLECTION : trunkId ? VOBIZ_ITEM : undefined;
      if (target !== undefined) return inResource(target, method, "vobiz", authId, trunkId ?? "");
    }
    return notFound("vobiz");
  }
  if (first === "v2" && segments[2] === "sip-trunk" && segments.length <= 4) {
    const trunkId = segments[3];
    const target = trunkId === undefined ? VIDEOSDK_COLLECTION : trunkId ? VIDEOSDK_ITEM : undefined;
    if (target !== undefined) return inResource(target, method, "videosdk", "", trunkId ?? "");
  }
  return notFound("videosdk");
}

function inResource(
  target: Resource,
  method: string,
  provider: Provider,
  authId: string,
  trunkId: string,
): RouteMatch {
  const route = target.routes[method === "HEAD" ? "GET" : method];
  return route === undefined
    ? { kind: "method-not-allowed", provider, allow: target.allow }
    : { kind: "api", route, authId, trunkId };
}

/** Decodes each segment in place; returns the first one that is not valid percent-encoded UTF-8. */
function decodeSegments(segments: string[]): string | undefined {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (!segment.includes("%")) continue; // the usual case: nothing to decode, nothing allocated
    try {
      segments[i] = decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return undefined;
}

const notFound = (provider: Provider): RouteMatch => ({ kind: "not-found", provider });
