import { type ApiResponse, isObject, parseJsonBody } from "./api-types.js";
import { EmulatorInputError } from "./errors.js";
import type { FaultAction, FaultSettings, Faults } from "./faults.js";
import type { Observer } from "./observer.js";
import { findVideoSdkTrunk, findVobizTrunk } from "./remote-edit.js";
import type { ApiRouteName, EmulatorState } from "./types.js";
import { videoSdkJson } from "./videosdk-trunk.js";
import { vobizJson } from "./vobiz-trunk.js";

export interface AdminContext {
  state: EmulatorState;
  faults: Faults;
  observer: Observer;
}

/** Body of `POST /__emulator/faults`; every part optional, applied in this order. */
interface FaultsRequest {
  clear?: boolean;
  set?: FaultSettings;
  /** Route for `set`; global when absent. */
  route?: ApiRouteName;
  next?: { count: number; action: FaultAction; status?: number; route?: ApiRouteName };
  rejectUpdates?: { id: string; status?: 400 | 422; message?: string };
  allowUpdates?: string;
}

/**
 * `/__emulator/*`: observation and run-time control for demos and benchmarks that drive the
 * emulator from another process. Errors are `{ error }` with 400 or 404.
 */
export function handleAdmin(
  ctx: AdminContext,
  method: string,
  segments: readonly string[],
  query: string,
  body: string,
): ApiResponse {
  try {
    return route(ctx, method, segments, query, body);
  } catch (error) {
    if (error instanceof EmulatorInputError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}

function route(ctx: AdminContext, method: string, segments: readonly string[], query: string, body: string) {
  const [resource, provider, id] = segments;
  const key = `${method} ${resource}`;
  if (segments.length === 1) {
    if (key === "GET stats") return ok(ctx.observer.stats());
    if (key === "GET requests") return ok(newest(ctx, query));
    if (key === "POST reset-stats") {
      ctx.observer.reset();
      return { status: 204 };
    }
    if (key === "GET faults") return ok(ctx.faults.snapshot());
    if (key === "POST faults") {
      applyFaults(ctx.faults, jsonObject(body) as FaultsRequest);
      return ok(ctx.faults.snapshot());
    }
  }
  if (resource === "trunks" && segments.length === 3 && id) {
    if (provider !== "vobiz" && provider !== "videosdk") return missing(`unknown provider ${provider}`);
    if (method === "GET") {
      const trunk = provider === "vobiz" ? findVobizTrunk(ctx.state, id) : findVideoSdkTrunk(ctx.state, id);
      if (trunk === undefined) return missing(`no ${provider} trunk with id ${id}`);
      return ok(
        "active_calls" in trunk
          ? { ...vobizJson(trunk), active_calls: trunk.active_calls }
          : videoSdkJson(trunk),
      );
    }
    if (method === "PATCH") {
      const exists = provider === "vobiz" ? findVobizTrunk(ctx.state, id) : findVideoSdkTrunk(ctx.state, id);
      if (exists === undefined) return missing(`no ${provider} trunk with id ${id}`);
      return ok(ctx.faults.remoteEdit(provider, id, jsonObject(body)));
    }
  }
  return missing(`no admin route ${method} /__emulator/${segments.join("/")}`);
}

function applyFaults(faults: Faults, request: FaultsRequest): void {
  const known = new Set(["clear", "set", "route", "next", "rejectUpdates", "allowUpdates"]);
  for (const key of Object.keys(request)) {
    if (!known.has(key))
      throw new EmulatorInputError(`unknown key ${key}; expected ${[...known].join(", ")}`);
  }
  for (const key of ["set", "next", "rejectUpdates"] as const) {
    if (request[key] !== undefined && !isObject(request[key]))
      throw new EmulatorInputError(`${key} must be an object`);
  }
  if (request.clear === true) faults.clear();
  if (request.set !== undefined) faults.set(request.set, request.route);
  if (request.next !== undefined) {
    const { count, action, ...opts } = request.next;
    faults.next(count, action, opts);
  }
  if (request.rejectUpdates !== undefined) {
    const { id, ...opts } = request.rejectUpdates;
    if (typeof id !== "string") throw new EmulatorInputError("rejectUpdates.id must be a trunk id");
    faults.rejectUpdates(id, opts);
  }
  if (request.allowUpdates !== undefined) faults.allowUpdates(request.allowUpdates);
}

/** `?limit=N`: the newest N records (default all kept). */
function newest(ctx: AdminContext, query: string) {
  const records = ctx.observer.requests();
  const limit = Number(new URLSearchParams(query).get("limit") ?? records.length);
  if (!Number.isInteger(limit) || limit < 0) throw new EmulatorInputError("limit must be an integer ≥ 0");
  return limit === 0 ? [] : records.slice(-limit);
}

function jsonObject(text: string): Record<string, unknown> {
  const parsed = parseJsonBody(text);
  if (parsed === undefined || !isObject(parsed.value))
    throw new EmulatorInputError("body must be a JSON object");
  return parsed.value;
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body });
const missing = (error: string): ApiResponse => ({ status: 404, body: { error } });
