import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin.js";
import {
  type ApiError,
  type ApiRequest,
  type ApiResponse,
  BODY_ROUTES,
  isJsonContentType,
} from "./api-types.js";
import { errorBodies } from "./error-body.js";
import { Faults } from "./faults.js";
import { generateTrunks } from "./generate.js";
import { Observer } from "./observer.js";
import { checkOptions, type EmulatorOptions } from "./options.js";
import { Random } from "./random.js";
import { RateLimiter, retryAfterValue } from "./rate-limiter.js";
import { redactBody, redactHeaders } from "./redact.js";
import { matchRoute, type RouteMatch } from "./routes.js";
import { DEFAULT_SEED, stateFromSeed } from "./seed.js";
import {
  errorFor,
  internalError,
  providerOf,
  safely,
  unrouted,
  unsupportedMediaType,
} from "./server-errors.js";
import type { EmulatorState, EmulatorStats, RequestRecord, RouteName } from "./types.js";
import { createSipTrunk, getSipTrunk, updateSipTrunk, videoSdkAuth } from "./videosdk-api.js";
import {
  createTrunk,
  deleteTrunk,
  getTrunk,
  listTrunks,
  updateTrunk,
  vobizAccount,
  vobizUnauthorized,
} from "./vobiz-api.js";

export interface Emulator {
  /** Origin to use as both providers' base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Closes the server and every socket, including requests left hanging by a fault. */
  close(): Promise<void>;
  /** The live store. */
  state: EmulatorState;
  /** Oldest first, at most `requestLog` records. */
  readonly requests: readonly RequestRecord[];
  stats(): EmulatorStats;
  /** Clears the log, counters and peak in-flight. */
  resetStats(): void;
  faults: Faults;
  /** Every account of the seed, for clients under test. */
  credentials: {
    vobiz: { authId: string; authToken: string }[];
    videosdk: { apiKey: string; secret: string }[];
  };
}

/** Starts the emulator on a loopback port. Rejects with `EmulatorInputError` on bad options. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkOptions(options);
  const host = options.host ?? "127.0.0.1";
  const countField = options.vobizCountField ?? "total";
  const retryAfterForm = options.retryAfter ?? "seconds";
  const errorBody = errorBodies(
    options.vobizErrorBody ?? "envelope",
    options.videoSdkMessageField ?? "message",
  );
  const admin = options.admin ?? false;
  const state = stateFromSeed(options.seed ?? DEFAULT_SEED, new Random(0x5eed));
  if (options.generate) generateTrunks(state, options.generate);
  const faults = new Faults(state, {
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    rateLimit: options.rateLimit ?? 0,
    failRate: options.failRate ?? 0,
    failStatus: options.failStatus ?? 503,
  });
  const observer = new Observer(options.requestLog ?? 10_000);
  const limiter = new RateLimiter();
  // Ids of created trunks, jitter and random failures: seeded, so a replayed run repeats.
  const random = new Random(0xc0ffee);
  const timers = new Set<NodeJS.Timeout>();

  const reply = (res: ServerResponse<IncomingMessage>, response: ApiResponse): void =>
    send(res, response, errorBody);

  const server = createServer((req, res) => {
    const t0 = performance.now();
    const startedAt = Date.now();
    const url = req.url ?? "/";
    const mark = url.indexOf("?");
    const path = mark === -1 ? url : url.slice(0, mark);
    const query = mark === -1 ? "" : url.slice(mark + 1);
    const method = req.method ?? "GET";
    const match = matchRoute(method, path);
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("error", () => {}); // a client that goes away mid-body is not the emulator's problem

    if (match.kind === "admin" && admin) {
      req.on("end", () =>
        reply(
          res,
          safely(
            () => handleAdmin({ state, faults, observer }, method, match.segments, query, body),
            (message) => ({ status: 500, body: { error: message } }),
          ),
        ),
      );
      return;
    }

    const route = routeName(match);
    let fault: RequestRecord["fault"];
    let retryAfter: string | undefined;
    observer.started(route);
    res.once("close", () => {
      const status = res.writableFinished ? res.statusCode : 0;
      observer.finished(status, () => ({
        method,
        path,
        query: Object.fromEntries(new URLSearchParams(query)),
        headers: redactHeaders(req.headers),
        body: redactBody(body),
        status,
        ...(fault === undefined ? {} : { fault }),
        ...(retryAfter === undefined ? {} : { retryAfter }),
        startedAt,
        durationMs: performance.now() - t0,
        route,
      }));
    });

    req.on("end", () => {
      if (match.kind === "vobiz-casing") {
        reply(res, vobizUnauthorized());
        return;
      }
      if (match.kind !== "api") {
        reply(res, unrouted(match, method, path));
        return;
      }
      const settings = faults.settingsFor(match.route);
      const queued = faults.takeQueued(match.route);
      const act = (): void => {
        if (res.destroyed) return;
        const action = queued?.action ?? (settings.reset ? "reset" : settings.hang ? "hang" : undefined);
        if (action === "reset") {
          fault = "reset";
          req.socket.destroy();
          return;
        }
        if (action === "hang") {
          fault = "hang";
          return;
        }
        const failStatus =
          queued?.action === "fail"
            ? queued.status
            : settings.failRate && random.next() < settings.failRate
              ? (settings.failStatus ?? 503)
              : 0;
        if (failStatus !== 0) {
          fault = "fail";
          reply(res, errorFor(providerOf(match.route), failStatus, STATUS_CODES[failStatus] ?? "Error"));
          return;
        }
        const request: ApiRequest = {
          route: match.route,
          headers: req.headers,
          authId: match.authId,
          trunkId: match.trunkId,
          query,
          body,
        };
        const response = safely(
          () =>
            answer(request, settings.rateLimit ?? 0, faults.routes.get(match.route)?.rateLimit !== undefined),
          (message) => internalError(providerOf(match.route), message),
        );
        if (response.fault !== undefined) fault = response.fault;
        retryAfter = response.headers?.["retry-after"];
        reply(res, response);
      };
      const delay = (settings.latencyMs ?? 0) + (settings.jitterMs ? random.next() * settings.jitterMs : 0);
      if (delay <= 0) {
        act();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        act();
      }, delay);
      timers.add(timer);
    });
  });

  /** Auth, then the per-credential rate limit, then the body's media type, then the route's handler. */
  function answer(req: ApiRequest, rateLimit: number, routeScoped: boolean): ApiResponse {
    const provider = providerOf(req.route);
    let credential: string;
    let handle: () => ApiResponse;
    if (provider === "vobiz") {
      const account = vobizAccount(state, req);
      if (account === undefined) return vobizUnauthorized();
      credential = `vobiz:${account.authId}`;
      handle = () => {
        switch (req.route) {
          case "vobiz.list":
            return listTrunks(account, req, countField);
          case "vobiz.create":
            return createTrunk(account, req, random);
          case "vobiz.update":
            return updateTrunk(account, req, faults.rejectedUpdates.get(req.trunkId));
          case "vobiz.delete":
            return deleteTrunk(account, req);
          default:
            return getTrunk(account, req);
        }
      };
    } else {
      const auth = videoSdkAuth(state, req);
      if (!auth.ok) return auth.response;
      const account = auth.account;
      credential = `videosdk:${account.apiKey}`;
      handle = () => {
        switch (req.route) {
          case "videosdk.create":
            return createSipTrunk(account, req, random);
          case "videosdk.update":
            return updateSipTrunk(account, req, faults.rejectedUpdates.get(req.trunkId));
          default:
            return getSipTrunk(account, req);
        }
      };
    }
    if (rateLimit > 0) {
      // A route with its own settings gets its own bucket, so its limit does not drain the others.
      const waitMs = limiter.take(routeScoped ? `${credential}|${req.route}` : credential, rateLimit);
      if (waitMs > 0) {
        // A date is read against the client's wall clock, so it comes from Date.now() (as request
        // records' startedAt does), not from the monotonic clock the bucket counts with.
        const value = retryAfterValue(retryAfterForm, waitMs, Date.now());
        const when = retryAfterForm === "seconds" ? `${value} s` : value;
        const limited = errorFor(provider, 429, `Rate limit exceeded; retry after ${when}`);
        return { ...limited, headers: { "retry-after": value }, fault: "rate-limit" };
      }
    }
    // As a JSON API server's body parser would: a body is JSON only when declared so.
    const contentType = req.headers["content-type"];
    if (req.body !== "" && BODY_ROUTES.has(req.route) && !isJsonContentType(contentType)) {
      return unsupportedMediaType(provider, contentType);
    }
    return handle();
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // A deep accept queue: benchmarks open thousands of connections at once, and an overflowing
    // backlog would add the kernel's SYN retry delay (a second or more) to their latency.
    server.listen(options.port ?? 0, host, 4096, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Sockets are gone; wait for their requests to be logged so stats are final on return.
      await observer.idle();
    },
    state,
    get requests() {
      return observer.requests();
    },
    stats: () => observer.stats(),
    resetStats: () => observer.reset(),
    faults,
    credentials: {
      vobiz: [...state.vobiz.values()].map(({ authId, authToken }) => ({ authId, authToken })),
      videosdk: [...state.videosdk.values()].map(({ apiKey, secret }) => ({ apiKey, secret })),
    },
  };
}

function routeName(match: RouteMatch): RouteName {
  switch (match.kind) {
    case "api":
      return match.route;
    case "vobiz-casing":
      return "vobiz.unauthorized-path";
    case "method-not-allowed":
    case "bad-path":
      return match.kind;
    default:
      return "not-found";
  }
}

function send(
  res: ServerResponse<IncomingMessage>,
  response: ApiResponse,
  errorBody: (error: ApiError, status: number) => unknown,
): void {
  if (res.destroyed) return;
  const body = response.error === undefined ? response.body : errorBody(response.error, response.status);
  if (body === undefined) {
    res.writeHead(response.status, response.headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(response.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...response.headers,
  });
  res.end(text);
}
