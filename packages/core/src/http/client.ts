import { STATUS_CODES } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import pLimit from "p-limit";
import type { Dispatcher, Pool } from "undici";
import { ConfigError, ProviderError } from "../errors.js";
import { redactor } from "../redaction.js";
import { baseUrlProblem } from "./base-url.js";
import { errorMessage } from "./error-message.js";
import { exchange, type RawAnswer } from "./exchange.js";
import {
  backoffDelay,
  RETRYABLE_CODES,
  RETRYABLE_METHODS,
  RETRYABLE_STATUSES,
  retryAfterMs,
} from "./retry.js";
import type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse, HttpStats } from "./types.js";
import { loadUndiciPool } from "./undici-pool.js";
import { USER_AGENT } from "./user-agent.js";

const DEFAULT_MAX_ATTEMPTS = 6;
const DEFAULT_MIN_DELAY_MS = 250;
const DEFAULT_MAX_DELAY_MS = 10_000;
const DEFAULT_ERROR_PATHS = ["message", "error"];
/** Node fires longer timers after 1 ms instead; no deadline is that long anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Answer = { kind: "response" } & RawAnswer;
type NetworkFailure = { kind: "network"; code: string; message: string; error: unknown };
type Fail = (detail: string, extra?: { status?: number; hint?: string; cause?: unknown }) => ProviderError;

/**
 * The HTTP client of one provider block (see `HttpClient` for the guarantees).
 *
 * Retries are an explicit loop rather than undici's `RetryAgent`: RetryAgent either throws away
 * the final error body (which holds the provider's message) or hands back the raw response, has
 * no overall deadline, and needs a custom `retry` function for jitter, the deadline cap on
 * `Retry-After` and `onRetry` anyway, at which point it re-implements this loop less visibly.
 *
 * Concurrency is bounded twice on purpose: the pool has exactly `concurrency` connections, and
 * each attempt first takes one of `concurrency` slots. The slots make the deadline start when a
 * request is really sent, not while it waits behind thousands of others, and keep a request from
 * holding a slot while it sleeps before a retry.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const problem = baseUrlProblem(options.baseUrl);
  if (problem) {
    const message = `[${options.provider}] ${problem}`;
    throw new ConfigError([
      {
        file: "",
        line: 0,
        col: 0,
        path: `/providers/${options.provider}/baseUrl`,
        message,
        severity: "error",
      },
    ]);
  }
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const deadlineMs = options.deadlineMs ?? 4 * options.timeoutMs;
  const backoff = {
    minDelayMs: options.minDelayMs ?? DEFAULT_MIN_DELAY_MS,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
  };
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const errorPaths = options.errorMessagePaths ?? DEFAULT_ERROR_PATHS;
  const staticHeaders = lowerCaseKeys(options.headers ?? {});

  // undici is loaded with the first request, so loading a config (validate) never pays for it.
  let pool: Pool | undefined;
  const openPool = (): Pool => {
    pool ??= new (loadUndiciPool())(base.origin, {
      connections: concurrency,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    return pool;
  };
  const dispatcher = (): Dispatcher => options.dispatcher ?? openPool();
  const slots = pLimit(concurrency);
  const stats: HttpStats = { requests: 0, retries: 0, byMethod: {}, byStatus: {} };
  let closing: Promise<void> | undefined;

  function count(method: string, outcome: string): void {
    stats.requests += 1;
    stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
    stats.byStatus[outcome] = (stats.byStatus[outcome] ?? 0) + 1;
  }

  async function send(
    req: HttpRequest,
    path: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<Answer | NetworkFailure> {
    try {
      const answer = await exchange(
        dispatcher(),
        {
          origin: base.origin,
          method: req.method,
          path,
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
        },
        timeoutMs,
      );
      return { kind: "response", ...answer };
    } catch (error) {
      return {
        kind: "network",
        code: errorCode(error),
        message: error instanceof Error ? error.message : String(error),
        error,
      };
    }
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const path = requestPath(prefix, req);
    const headers: Record<string, string> = {
      "user-agent": USER_AGENT,
      accept: "application/json",
      ...staticHeaders,
      ...lowerCaseKeys(req.headers ?? {}),
    };
    if (req.body !== undefined) headers["content-type"] = "application/json";
    // Header values are credentials: scrub them from anything a provider echoes back.
    const secrets = [...Object.values(staticHeaders), ...Object.values(req.headers ?? {})];
    const fail: Fail = (detail, extra = {}) =>
      new ProviderError(
        { provider: options.provider, method: req.method, path, ...extra },
        redactor(secrets)(detail),
      );
    let deadline = Number.POSITIVE_INFINITY;

    for (let attempt = 1; ; attempt += 1) {
      const result = await slots(() => {
        if (attempt === 1) deadline = now() + deadlineMs;
        const remaining = deadline - now();
        return remaining > 0 ? send(req, path, headers, Math.min(remaining, MAX_TIMER_MS)) : undefined;
      });
      if (result === undefined) {
        throw fail(
          `no answer within the deadline of ${deadlineMs} ms (gave up after ${attempt - 1} attempts)`,
        );
      }
      count(req.method, result.kind === "response" ? String(result.status) : result.code);
      if (result.kind === "response" && result.status >= 200 && result.status < 300) {
        return parseSuccess(result, fail);
      }

      const failure = (): ProviderError =>
        result.kind === "response"
          ? httpFailure(result, attempt, errorPaths, options.authHint, fail)
          : networkFailure(result, attempt, base.origin, deadlineMs, fail);
      const transient =
        result.kind === "response" ? RETRYABLE_STATUSES.has(result.status) : RETRYABLE_CODES.has(result.code);
      if (!RETRYABLE_METHODS.has(req.method) || !transient || attempt >= maxAttempts) throw failure();

      const asked =
        result.kind === "response" ? retryAfterMs(result.headers["retry-after"], now()) : undefined;
      const wait = asked ?? backoffDelay(attempt, backoff);
      // Never sleep past the deadline: when the server asks for longer than is left, fail now.
      if (now() + wait >= deadline) {
        const why =
          asked === undefined
            ? `the next retry would pass the ${deadlineMs} ms deadline`
            : `the server asked to retry after ${Math.ceil(wait / 1000)} s, past the ${deadlineMs} ms deadline`;
        const error = failure();
        throw fail(`${error.detail}; ${why}`, { status: error.status, hint: error.hint, cause: error.cause });
      }
      stats.retries += 1;
      options.onRetry?.({
        method: req.method,
        path,
        attempt,
        ...(result.kind === "response" ? { status: result.status } : { code: result.code }),
        delayMs: wait,
      });
      await sleep(wait);
    }
  }

  return {
    provider: options.provider,
    concurrency,
    request,
    stats: () => ({
      requests: stats.requests,
      retries: stats.retries,
      byMethod: { ...stats.byMethod },
      byStatus: { ...stats.byStatus },
    }),
    close: () => {
      // A closed client stays closed: a request after close fails as it would on a used pool.
      closing ??= options.dispatcher ? Promise.resolve() : openPool().close();
      return closing;
    },
  };
}

function parseSuccess(answer: Answer, fail: Fail): HttpResponse {
  if (answer.text.trim() === "") return { status: answer.status, body: undefined, headers: answer.headers };
  try {
    return { status: answer.status, body: JSON.parse(answer.text), headers: answer.headers };
  } catch {
    // Not the parser's message: it quotes the body, which may hold secrets (VideoSDK returns passwords).
    const type = String(answer.headers["content-type"] ?? "no content-type");
    throw fail(`response body is not valid JSON (${answer.text.length} bytes, ${type})`, {
      status: answer.status,
    });
  }
}

function httpFailure(
  answer: Answer,
  attempt: number,
  errorPaths: readonly string[],
  authHint: string | undefined,
  fail: Fail,
): ProviderError {
  const statusText = STATUS_CODES[answer.status] ?? "HTTP error";
  const message = errorMessage(parseLenient(answer.text), errorPaths);
  const hint = answer.status === 401 || answer.status === 403 ? authHint : undefined;
  return fail(`${statusText}${message ? `: ${message}` : ""}${attemptsNote(attempt)}`, {
    status: answer.status,
    hint,
  });
}

function networkFailure(
  failure: NetworkFailure,
  attempt: number,
  origin: string,
  deadlineMs: number,
  fail: Fail,
): ProviderError {
  if (failure.code === "DEADLINE") {
    return fail(`no answer within the deadline of ${deadlineMs} ms${attemptsNote(attempt)}`);
  }
  const hint =
    failure.code === "ECONNREFUSED" ? `is anything listening at ${origin}? check baseUrl` : undefined;
  return fail(`network error ${failure.code}: ${failure.message}${attemptsNote(attempt)}`, {
    hint,
    cause: failure.error,
  });
}

function attemptsNote(attempt: number): string {
  return attempt === 1 ? "" : ` (gave up after ${attempt} attempts)`;
}

function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function requestPath(prefix: string, req: HttpRequest): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query ?? {})) query.set(key, String(value));
  const qs = query.toString();
  return `${prefix}${req.path}${qs ? `?${qs}` : ""}`;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The first `code` along the error's cause chain (undici wraps system errors). */
function errorCode(error: unknown): string {
  for (let cur: unknown = error; cur instanceof Error; cur = cur.cause) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return "UNKNOWN";
}
