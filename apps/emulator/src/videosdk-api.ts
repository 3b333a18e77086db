import {
  type ApiRequest,
  type ApiResponse,
  characterCount,
  isObject,
  parseRequestBody,
} from "./api-types.js";
import type { RejectedUpdate } from "./faults.js";
import { claimProblem, decodeVideoSdkToken, hasValidSignature } from "./jwt.js";
import type { Random } from "./random.js";
import type { EmulatorState, VideoSdkAccount, VideoSdkTrunk } from "./types.js";
import { videoSdkJson } from "./videosdk-trunk.js";

/**
 * VideoSDK's error bodies are undocumented; the emulator answers `{ statusCode, message }`, the
 * message under the field the `videoSdkMessageField` option names.
 */
export function videoSdkError(status: number, message: string): ApiResponse {
  return { status, error: { provider: "videosdk", message } };
}

export type VideoSdkAuth = { ok: true; account: VideoSdkAccount } | { ok: false; response: ApiResponse };

/**
 * The raw `Authorization` header must be an HS256 JWT signed with a configured account's secret,
 * whose `apikey` names that account and whose claims VideoSDK accepts (see `claimProblem`).
 * No `Bearer ` prefix.
 */
export function videoSdkAuth(state: EmulatorState, req: ApiRequest, nowMs = Date.now()): VideoSdkAuth {
  const header = req.headers.authorization;
  if (header === undefined || header === "") return unauthorized("Authorization header is missing");
  if (/^bearer /i.test(header)) {
    return unauthorized('Invalid token: send the token itself, without a "Bearer " prefix');
  }
  const decoded = decodeVideoSdkToken(header);
  if ("problem" in decoded) return unauthorized(`Invalid token: ${decoded.problem}`);
  const { token } = decoded;
  const account = state.videosdk.get(token.apiKey);
  if (account === undefined) return unauthorized("Invalid token: unknown apikey");
  if (!hasValidSignature(token, account.secret)) return unauthorized("Invalid token: bad signature");
  // Claims only after the signature: an unsigned token learns nothing about them.
  const problem = claimProblem(token.claims, nowMs);
  if (problem !== undefined) return unauthorized(`Invalid token: ${problem}`);
  return { ok: true, account };
}

const unauthorized = (message: string): VideoSdkAuth => ({
  ok: false,
  response: videoSdkError(401, message),
});

const notFound = (id: string): ApiResponse => videoSdkError(404, `SIP trunk ${id} not found`);

export function getSipTrunk(account: VideoSdkAccount, req: ApiRequest): ApiResponse {
  const trunk = account.trunks.get(req.trunkId);
  return trunk === undefined ? notFound(req.trunkId) : { status: 200, body: videoSdkJson(trunk) };
}

export function createSipTrunk(account: VideoSdkAccount, req: ApiRequest, random: Random): ApiResponse {
  const fields = validate(req.body);
  if (!fields.ok) return fields.response;
  let trunkId = random.urlSafeId();
  while (account.trunks.has(trunkId)) trunkId = random.urlSafeId();
  const trunk: VideoSdkTrunk = { trunkId, ...fields.value };
  account.trunks.set(trunkId, trunk);
  return { status: 200, body: videoSdkJson(trunk) };
}

/** PUT replaces all five fields; the id stays. */
export function updateSipTrunk(
  account: VideoSdkAccount,
  req: ApiRequest,
  rejected?: RejectedUpdate,
): ApiResponse {
  const current = account.trunks.get(req.trunkId);
  if (current === undefined) return notFound(req.trunkId);
  const fields = validate(req.body);
  if (!fields.ok) return fields.response;
  if (rejected !== undefined)
    return { ...videoSdkError(rejected.status, rejected.message), fault: "reject-update" };
  const trunk: VideoSdkTrunk = { trunkId: current.trunkId, ...fields.value };
  account.trunks.set(trunk.trunkId, trunk);
  return { status: 200, body: videoSdkJson(trunk) };
}

/** `+`, a country code that does not start with 0, up to 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;

type Fields = { ok: true; value: Omit<VideoSdkTrunk, "trunkId"> } | { ok: false; response: ApiResponse };

function validate(text: string): Fields {
  const parsed = parseRequestBody(text);
  if (parsed === undefined)
    return { ok: false, response: videoSdkError(400, "Request body is not valid JSON") };
  const body = parsed.value;
  if (!isObject(body))
    return { ok: false, response: videoSdkError(400, "Request body must be a JSON object") };
  const problems: string[] = [];
  const { auth, name, domain, direction, numbers } = body;
  if (!isObject(auth) || typeof auth.username !== "string" || typeof auth.password !== "string") {
    problems.push(
      auth === undefined ? "auth is required" : "auth must be { username: string, password: string }",
    );
  }
  if (typeof name !== "string" || characterCount(name) < 3) {
    problems.push(name === undefined ? "name is required" : "name must be a string of at least 3 characters");
  }
  if (typeof domain !== "string")
    problems.push(domain === undefined ? "domain is required" : "domain must be a string");
  if (direction !== "inbound" && direction !== "outbound") {
    problems.push(
      direction === undefined ? "direction is required" : "direction must be inbound or outbound",
    );
  }
  if (!Array.isArray(numbers) || !numbers.every((n) => typeof n === "string")) {
    problems.push(numbers === undefined ? "numbers is required" : "numbers must be an array of strings");
  } else {
    const bad = (numbers as string[]).filter((n) => !E164.test(n));
    if (bad.length > 0) {
      problems.push(
        `numbers must be E.164 (+ and up to 15 digits): ${bad.map((n) => JSON.stringify(n)).join(", ")}`,
      );
    }
  }
  if (problems.length > 0) return { ok: false, response: videoSdkError(400, problems.join("; ")) };
  const credentials = auth as { username: string; password: string };
  return {
    ok: true,
    value: {
      auth: { username: credentials.username, password: credentials.password },
      name: name as string,
      domain: domain as string,
      direction: direction as "inbound" | "outbound",
      numbers: [...(numbers as string[])],
    },
  };
}
