import { EmulatorInputError } from "./errors.js";
import { type Provider, remoteEdit } from "./remote-edit.js";
import type { ApiRouteName, EmulatorState, VideoSdkTrunk, VobizTrunk } from "./types.js";
import { API_ROUTE_NAMES } from "./types.js";

/** Standing behaviour, globally or for one route (route settings override global ones). */
export interface FaultSettings {
  /** Added before every answer. */
  latencyMs?: number;
  /** Uniform extra delay in [0, jitterMs). */
  jitterMs?: number;
  /** Requests per second per credential (token bucket, one second of burst); 0 = unlimited. */
  rateLimit?: number;
  /** Probability in [0, 1] of answering `failStatus` instead. */
  failRate?: number;
  /** Status for `failRate` failures. Default 503. */
  failStatus?: number;
  /** Every request destroys its connection without answering. */
  reset?: boolean;
  /** Every request waits, unanswered, until the client gives up or the emulator closes. */
  hang?: boolean;
}

/** One-shot faults: the next `count` matching requests fail, reset or hang. */
export type FaultAction = "fail" | "reset" | "hang";

export interface QueuedFault {
  action: FaultAction;
  /** Requests still to be hit. */
  count: number;
  /** For `fail`: 500, 502 or 503 (any 4xx/5xx is accepted). */
  status: number;
  /** Only requests to this route; any route when absent. */
  route?: ApiRouteName;
}

/** An update the provider refuses for one trunk, whatever the body. */
export interface RejectedUpdate {
  status: 400 | 422;
  message: string;
}

/** JSON view of all faults (admin `GET /__emulator/faults`). */
export interface FaultsSnapshot {
  global: FaultSettings;
  routes: Partial<Record<ApiRouteName, FaultSettings>>;
  queued: QueuedFault[];
  rejectUpdates: Record<string, RejectedUpdate>;
}

/** Run-time fault control, shared by options, `emulator.faults` and the admin routes. */
export class Faults {
  /** Global settings; mutate directly or through `set`. */
  global: FaultSettings;
  readonly routes = new Map<ApiRouteName, FaultSettings>();
  readonly queued: QueuedFault[] = [];
  readonly rejectedUpdates = new Map<string, RejectedUpdate>();
  readonly #state: EmulatorState;
  readonly #initial: FaultSettings;

  constructor(state: EmulatorState, initial: FaultSettings) {
    this.#state = state;
    this.#initial = { ...initial };
    this.global = { ...initial };
  }

  /** Merges `settings` into the global settings, or into one route's overrides. */
  set(settings: FaultSettings, route?: ApiRouteName): void {
    checkSettings(settings);
    if (route === undefined) {
      Object.assign(this.global, settings);
      return;
    }
    checkRoute(route);
    this.routes.set(route, { ...this.routes.get(route), ...settings });
  }

  /** The next `count` requests (to `route`, if given) fail with `status`, reset or hang. */
  next(count: number, action: FaultAction, opts: { status?: number; route?: ApiRouteName } = {}): void {
    if (!Number.isInteger(count) || count < 1)
      throw new EmulatorInputError("count must be a positive integer");
    if (!["fail", "reset", "hang"].includes(action))
      throw new EmulatorInputError(`unknown fault action ${action}`);
    const status = opts.status ?? 503;
    checkStatus(status);
    if (opts.route !== undefined) checkRoute(opts.route);
    this.queued.push({ action, count, status, ...(opts.route === undefined ? {} : { route: opts.route }) });
  }

  /** Updates of trunk `id` (either provider) are refused with `status` and `message`. */
  rejectUpdates(id: string, opts: { status?: 400 | 422; message?: string } = {}): void {
    const status = opts.status ?? 422;
    if (status !== 400 && status !== 422)
      throw new EmulatorInputError("rejectUpdates status must be 400 or 422");
    this.rejectedUpdates.set(id, { status, message: opts.message ?? `trunk ${id} cannot be updated` });
  }

  allowUpdates(id: string): void {
    this.rejectedUpdates.delete(id);
  }

  /** A console edit: see `remoteEdit`. Returns the trunk as the API would now show it. */
  remoteEdit(provider: Provider, id: string, patch: Record<string, unknown>): VobizTrunk | VideoSdkTrunk {
    return remoteEdit(this.#state, provider, id, patch);
  }

  /** Back to the settings the emulator started with; no queued, route or rejection faults. */
  clear(): void {
    this.global = { ...this.#initial };
    this.routes.clear();
    this.queued.length = 0;
    this.rejectedUpdates.clear();
  }

  /** Effective settings for a route. */
  settingsFor(route: ApiRouteName): FaultSettings {
    const own = this.routes.size === 0 ? undefined : this.routes.get(route);
    return own === undefined ? this.global : { ...this.global, ...own };
  }

  /** Consumes one queued fault matching `route`, oldest first. */
  takeQueued(route: ApiRouteName): QueuedFault | undefined {
    if (this.queued.length === 0) return undefined;
    const index = this.queued.findIndex((fault) => fault.route === undefined || fault.route === route);
    const fault = this.queued[index];
    if (fault === undefined) return undefined;
    fault.count -= 1;
    if (fault.count === 0) this.queued.splice(index, 1);
    return fault;
  }

  snapshot(): FaultsSnapshot {
    return {
      global: { ...this.global },
      routes: Object.fromEntries(this.routes),
      queued: this.queued.map((fault) => ({ ...fault })),
      rejectUpdates: Object.fromEntries(this.rejectedUpdates),
    };
  }
}

const NUMERIC: readonly (keyof FaultSettings)[] = [
  "latencyMs",
  "jitterMs",
  "rateLimit",
  "failRate",
  "failStatus",
];
const BOOLEAN: readonly (keyof FaultSettings)[] = ["reset", "hang"];

/** Throws a located message for any setting of the wrong type or range. */
export function checkSettings(settings: FaultSettings): void {
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    if (NUMERIC.includes(key as keyof FaultSettings)) {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new EmulatorInputError(`${key} must be a number ≥ 0`);
      }
    } else if (BOOLEAN.includes(key as keyof FaultSettings)) {
      if (typeof value !== "boolean") throw new EmulatorInputError(`${key} must be true or false`);
    } else {
      throw new EmulatorInputError(`unknown fault setting ${key}`);
    }
  }
  if (settings.failRate !== undefined && settings.failRate > 1) {
    throw new EmulatorInputError("failRate must be between 0 and 1");
  }
  if (settings.failStatus !== undefined) checkStatus(settings.failStatus);
}

function checkStatus(status: number): void {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new EmulatorInputError(`fail status must be an HTTP error status (400–599), got ${status}`);
  }
}

function checkRoute(route: string): asserts route is ApiRouteName {
  if (!API_ROUTE_NAMES.includes(route as ApiRouteName)) {
    throw new EmulatorInputError(`unknown route ${route}; routes are ${API_ROUTE_NAMES.join(", ")}`);
  }
}
