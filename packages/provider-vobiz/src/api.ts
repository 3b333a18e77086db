import { type HttpClient, isJsonObject, type JsonObject, ProviderError } from "@trunksync/core";

/** The largest page the list endpoint serves. */
export const PAGE_SIZE = 100;

/** `/api/v1/Account/{auth_id}/trunks[/{trunk_id}]`. `Account` is capitalised: Vobiz answers 401 otherwise. */
export function trunksPath(authId: string, trunkId?: string): string {
  const base = `/api/v1/Account/${encodeURIComponent(authId)}/trunks`;
  return trunkId === undefined ? base : `${base}/${encodeURIComponent(trunkId)}`;
}

/** One trunk as the API returns it, or undefined when it is unknown (404). */
export async function getTrunk(http: HttpClient, authId: string, trunkId: string): Promise<unknown> {
  try {
    return (await http.request({ method: "GET", path: trunksPath(authId, trunkId) })).body;
  } catch (error) {
    if (error instanceof ProviderError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * Every trunk object on the account, page by page in list order, each page passed through
 * `mapPage` as soon as it arrives. The first page says how many there are (`meta.total`, or
 * `meta.total_count` in older API versions); the other pages are then requested all at once and
 * the HTTP client's pool keeps them within the block's concurrency. Without a count, pages are
 * fetched one after another until a short page.
 */
export async function listTrunks<T>(
  http: HttpClient,
  authId: string,
  mapPage: (objects: unknown[]) => T,
): Promise<T[]> {
  const first = await listPage(http, authId, 0);
  if (first.total === undefined) {
    return [mapPage(first.objects), ...(await listSequentially(http, authId, mapPage))];
  }
  const offsets: number[] = [];
  for (let offset = PAGE_SIZE; offset < first.total; offset += PAGE_SIZE) offsets.push(offset);
  const rest = Promise.all(
    offsets.map(async (offset) => {
      const { objects } = await listPage(http, authId, offset);
      // Mapping waits for the check phase, after the HTTP client has written the requests this
      // answer freed a slot for: a page is mapped while the next ones are on the wire.
      await new Promise(setImmediate);
      return mapPage(objects);
    }),
  );
  return [mapPage(first.objects), ...(await rest)];
}

async function listSequentially<T>(
  http: HttpClient,
  authId: string,
  mapPage: (objects: unknown[]) => T,
): Promise<T[]> {
  const pages: T[] = [];
  for (let offset = PAGE_SIZE; ; offset += PAGE_SIZE) {
    const { objects } = await listPage(http, authId, offset);
    pages.push(mapPage(objects));
    if (objects.length < PAGE_SIZE) return pages;
  }
}

async function listPage(
  http: HttpClient,
  authId: string,
  offset: number,
): Promise<{ objects: unknown[]; total: number | undefined }> {
  const path = trunksPath(authId);
  const res = await http.request({ method: "GET", path, query: { limit: PAGE_SIZE, offset } });
  const body = res.body;
  if (!isJsonObject(body) || !Array.isArray(body.objects)) {
    throw new ProviderError(
      { provider: http.provider, method: "GET", path: `${path}?limit=${PAGE_SIZE}&offset=${offset}` },
      "the trunk list answer has no `objects` array",
    );
  }
  const meta = isJsonObject(body.meta) ? body.meta : {};
  const total = [meta.total, meta.total_count].find((n) => typeof n === "number" && Number.isSafeInteger(n));
  return { objects: body.objects, total: total as number | undefined };
}

/** Replaces a trunk's name, call limit and status (all three: Vobiz's PUT is not a patch). */
export async function putTrunk(
  http: HttpClient,
  authId: string,
  trunkId: string,
  body: JsonObject,
): Promise<unknown> {
  return (await http.request({ method: "PUT", path: trunksPath(authId, trunkId), body })).body;
}
