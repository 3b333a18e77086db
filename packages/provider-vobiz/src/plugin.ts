import {
  type ConnectContext,
  type JsonObject,
  type ProviderClient,
  ProviderError,
  type ProviderOptions,
  type ProviderPlugin,
  type TrunkRead,
} from "@trunksync/core";
import { getTrunk, listTrunks, putTrunk, trunksPath } from "./api.js";
import { toRemoteTrunk, updateBody } from "./mapping.js";
import { optionsSchema, trunkSchema } from "./schema.js";
import { validators } from "./validators.js";

/** Vobiz trunks (`type: vobiz`): list, read and full-replace update over X-Auth-ID / X-Auth-Token. */
export const vobizPlugin: ProviderPlugin = {
  type: "vobiz",
  displayName: "Vobiz",
  defaultBaseUrl: "https://api.vobiz.ai",
  optionsSchema,
  trunkSchema,
  validators,
  fields: {},
  httpProfile: (options) => ({
    headers: { "X-Auth-ID": String(options.authId), "X-Auth-Token": String(options.authToken) },
    errorMessagePaths: ["error.message", "message", "error"],
  }),
  updateBody,
  connect: (options, ctx) => connectVobiz(options, ctx),
  // The auth id is the account's id (every API path is under /Account/{authId}).
  accountId: (options) => (typeof options.authId === "string" ? options.authId : undefined),
};

function connectVobiz(options: ProviderOptions, { providerName, http }: ConnectContext): ProviderClient {
  const authId = String(options.authId);

  /** A trunk object as a read result; a malformed one fails alone, naming the field. */
  function readOf(raw: unknown, id: string): TrunkRead {
    const mapped = toRemoteTrunk(raw);
    if ("problem" in mapped)
      return { id, status: "failed", message: `[${providerName}] trunk ${id}: ${mapped.problem}` };
    return { id, status: "found", trunk: mapped.trunk };
  }

  async function readOne(id: string): Promise<TrunkRead> {
    try {
      const raw = await getTrunk(http, authId, id);
      return raw === undefined ? { id, status: "missing" } : readOf(raw, id);
    } catch (error) {
      // Bad credentials concern the whole account: let the planner report the provider once.
      if (!(error instanceof ProviderError) || error.status === 401 || error.status === 403) throw error;
      return { id, status: "failed", message: error.message };
    }
  }

  /** A listed trunk object as a read, or undefined when it has no id to file it under. */
  function listedRead(raw: unknown): TrunkRead | undefined {
    const id = typeof raw === "object" && raw !== null && "trunk_id" in raw ? raw.trunk_id : undefined;
    return typeof id === "string" && id !== "" ? readOf(raw, id) : undefined;
  }

  async function listAll(): Promise<TrunkRead[]> {
    const pages = await listTrunks(http, authId, (objects) => objects.map(listedRead));
    // Overlapping pages may list a trunk twice: core's client keeps each id once for every caller.
    const reads: TrunkRead[] = [];
    for (const page of pages) {
      for (const read of page) {
        if (read === undefined) {
          throw new ProviderError(
            { provider: providerName, method: "GET", path: trunksPath(authId) },
            `trunk number ${reads.length + 1} of the list has no trunk_id`,
          );
        }
        reads.push(read);
      }
    }
    return reads;
  }

  return {
    // A few trunks: one GET each. Many: the list is cheaper (100 per request), then filtered.
    async read(ids) {
      if (ids.length <= http.concurrency) return Promise.all(ids.map(readOne));
      // The first sighting of an id listed twice, as core keeps for `list`.
      const listed = new Map<string, TrunkRead>();
      for (const read of await listAll()) if (!listed.has(read.id)) listed.set(read.id, read);
      return ids.map((id) => listed.get(id) ?? { id, status: "missing" });
    },
    list: listAll,
    async update(id, body: JsonObject) {
      const mapped = toRemoteTrunk(await putTrunk(http, authId, id, body));
      if ("problem" in mapped) {
        throw new ProviderError(
          { provider: providerName, method: "PUT", path: trunksPath(authId, id) },
          `the updated trunk ${id} cannot be read back: ${mapped.problem}`,
        );
      }
      return mapped.trunk;
    },
    close: () => http.close(),
  };
}
