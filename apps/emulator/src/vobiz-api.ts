import { timingSafeEqual } from "node:crypto";
import {
  type ApiRequest,
  type ApiResponse,
  characterCount,
  isObject,
  parseRequestBody,
} from "./api-types.js";
import { formatMicros, nextTimestamp, nowMicros } from "./clock.js";
import type { RejectedUpdate } from "./faults.js";
import type { VobizCountField } from "./options.js";
import type { Random } from "./random.js";
import type { EmulatorState, VobizAccount } from "./types.js";
import { vobizJson, vobizRecord } from "./vobiz-trunk.js";

/**
 * A Vobiz error: the server writes it as the documented envelope
 * `{ status: "error", error: { code, message, details }, timestamp, requestId }` or, with
 * `vobizErrorBody: "flat"`, as `{ api_id, error: code, message }`. `details` maps a field to what is
 * wrong with it.
 */
export function vobizError(
  status: number,
  message: string,
  details: Record<string, string> = {},
): ApiResponse {
  return { status, error: { provider: "vobiz", message, details } };
}

/** The account when `X-Auth-ID` names the path's account and `X-Auth-Token` is its token. */
export function vobizAccount(state: EmulatorState, req: ApiRequest): VobizAccount | undefined {
  const id = req.headers["x-auth-id"];
  const token = req.headers["x-auth-token"];
  if (id !== req.authId || typeof token !== "string") return undefined;
  const account = state.vobiz.get(req.authId);
  if (account === undefined) return undefined;
  const given = Buffer.from(token);
  const expected = Buffer.from(account.authToken);
  return given.length === expected.length && timingSafeEqual(given, expected) ? account : undefined;
}

export const vobizUnauthorized = (): ApiResponse =>
  vobizError(401, "Authentication failed: check X-Auth-ID and X-Auth-Token (and the path's Account casing)");

const notFound = (id: string): ApiResponse =>
  vobizError(404, `Trunk ${id} not found`, { trunk_id: "not found" });

const COUNT = /^\d+$/;

export function listTrunks(account: VobizAccount, req: ApiRequest, countField: VobizCountField): ApiResponse {
  const params = new URLSearchParams(req.query);
  const limitText = params.get("limit");
  const offsetText = params.get("offset");
  const limit = limitText === null ? 20 : COUNT.test(limitText) ? Number(limitText) : Number.NaN;
  const offset = offsetText === null ? 0 : COUNT.test(offsetText) ? Number(offsetText) : Number.NaN;
  if (!(limit >= 1 && limit <= 100)) {
    return vobizError(400, "limit must be an integer between 1 and 100", {
      limit: `must be an integer between 1 and 100, got ${JSON.stringify(limitText)}`,
    });
  }
  if (!Number.isSafeInteger(offset)) {
    return vobizError(400, "offset must be a non-negative integer", {
      offset: `must be a non-negative integer, got ${JSON.stringify(offsetText)}`,
    });
  }
  // Only the documented fields: no next/previous links a client could come to rely on.
  const meta = { limit, offset, [countField]: account.trunks.size };
  return { status: 200, body: { meta, objects: account.trunks.page(offset, limit).map(vobizJson) } };
}

export function getTrunk(account: VobizAccount, req: ApiRequest): ApiResponse {
  const trunk = account.trunks.get(req.trunkId);
  return trunk === undefined ? notFound(req.trunkId) : { status: 200, body: vobizJson(trunk) };
}

/** PUT is a replace of the three writable fields: all required, everything else untouched. */
export function updateTrunk(account: VobizAccount, req: ApiRequest, rejected?: RejectedUpdate): ApiResponse {
  const trunk = account.trunks.get(req.trunkId);
  if (trunk === undefined) return notFound(req.trunkId);
  const body = parseBody(req.body);
  if (!body.ok) return body.response;
  const parsed = body.value;
  const problems = new Problems();
  checkName(parsed.name, problems);
  checkLimit(parsed.max_concurrent_calls, problems, true);
  if (parsed.enabled === undefined) problems.shape.enabled = "is required";
  else if (typeof parsed.enabled !== "boolean") problems.shape.enabled = "must be a boolean";
  const refused = problems.answer();
  if (refused !== undefined) return refused;
  if (rejected !== undefined) {
    return {
      ...vobizError(rejected.status, rejected.message, { trunk_id: rejected.message }),
      fault: "reject-update",
    };
  }
  trunk.name = parsed.name as string;
  trunk.concurrent_calls_limit = parsed.max_concurrent_calls as number;
  trunk.trunk_status = parsed.enabled === true ? "active" : "inactive";
  trunk.updated_at = nextTimestamp(trunk.updated_at);
  return { status: 200, body: vobizJson(trunk) };
}

export function createTrunk(account: VobizAccount, req: ApiRequest, random: Random): ApiResponse {
  const body = parseBody(req.body);
  if (!body.ok) return body.response;
  const parsed = body.value;
  const problems = new Problems();
  checkName(parsed.name, problems);
  const type = parsed.trunk_type;
  if (type === undefined) problems.shape.trunk_type = "is required";
  else if (typeof type !== "string") problems.shape.trunk_type = "must be a string";
  else if (type !== "INBOUND" && type !== "OUTBOUND")
    problems.value.trunk_type = "must be INBOUND or OUTBOUND";
  checkLimit(parsed.max_concurrent_calls, problems, false);
  const refused = problems.answer();
  if (refused !== undefined) return refused;
  let trunkId = random.uuid();
  while (account.trunks.has(trunkId)) trunkId = random.uuid();
  const direction = parsed.trunk_type === "INBOUND" ? "inbound" : "outbound";
  const record = vobizRecord(
    account.authId,
    {
      trunk_id: trunkId,
      name: parsed.name as string,
      trunk_direction: direction,
      concurrent_calls_limit: (parsed.max_concurrent_calls as number | undefined) ?? 10,
    },
    formatMicros(nowMicros()),
  );
  account.trunks.set(trunkId, record);
  return { status: 201, body: vobizJson(record) };
}

export function deleteTrunk(account: VobizAccount, req: ApiRequest): ApiResponse {
  const trunk = account.trunks.get(req.trunkId);
  if (trunk === undefined) return notFound(req.trunkId);
  if (trunk.active_calls > 0) {
    return vobizError(409, `Trunk ${req.trunkId} has ${trunk.active_calls} active calls`, {
      active_calls: String(trunk.active_calls),
    });
  }
  account.trunks.delete(req.trunkId);
  return { status: 204 };
}

type Body = { ok: true; value: Record<string, unknown> } | { ok: false; response: ApiResponse };

function parseBody(text: string): Body {
  const parsed = parseRequestBody(text);
  if (parsed === undefined) {
    return {
      ok: false,
      response: vobizError(400, "Request body is not valid JSON", { body: "invalid JSON" }),
    };
  }
  if (!isObject(parsed.value)) {
    return {
      ok: false,
      response: vobizError(400, "Request body must be a JSON object", { body: "not an object" }),
    };
  }
  return { ok: true, value: parsed.value };
}

/**
 * A body's problems by field, in two stages as providers.md's statuses split them: a missing
 * field or one of the wrong JSON type (the OpenAPI `type`, so 2.5 is not an `integer`) is a 400
 * "invalid parameters"; a well-typed value out of range is a 422 "validation failed". Values
 * are judged only once the shape is right, so a 400 names only shape problems.
 */
class Problems {
  readonly shape: Record<string, string> = {};
  readonly value: Record<string, string> = {};

  /** The error answer, or undefined when the body is valid. */
  answer(): ApiResponse | undefined {
    if (Object.keys(this.shape).length > 0) return refuse(400, "Invalid parameters", this.shape);
    if (Object.keys(this.value).length > 0) return refuse(422, "Validation failed", this.value);
    return undefined;
  }
}

function checkName(name: unknown, problems: Problems): void {
  if (name === undefined) problems.shape.name = "is required";
  else if (typeof name !== "string") problems.shape.name = "must be a string";
  else if (name.length === 0 || characterCount(name) > 255)
    problems.value.name = "must be 1 to 255 characters";
}

function checkLimit(value: unknown, problems: Problems, required: boolean): void {
  if (value === undefined) {
    if (required) problems.shape.max_concurrent_calls = "is required";
  } else if (typeof value !== "number" || !Number.isInteger(value)) {
    problems.shape.max_concurrent_calls = "must be an integer";
  } else if (value < 0 || value > Number.MAX_SAFE_INTEGER) {
    problems.value.max_concurrent_calls = `must be from 0 to ${Number.MAX_SAFE_INTEGER}`;
  }
}

/**
 * `details` maps each field to its problem; the message names them all too, since the flat
 * error body (`{ api_id, error, message }`) has no details and clients read only the message.
 */
function refuse(status: 400 | 422, title: string, problems: Record<string, string>): ApiResponse {
  const message = Object.entries(problems)
    .map(([field, problem]) => `${field} ${problem}`)
    .join("; ");
  return vobizError(status, `${title}: ${message}`, problems);
}
