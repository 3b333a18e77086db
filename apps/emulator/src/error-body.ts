import type { ApiError } from "./api-types.js";

/** Vobiz's documented envelope, or the flatter `{ api_id, error, message }` its SDK also reads. */
export const VOBIZ_ERROR_BODIES = ["envelope", "flat"] as const;
export type VobizErrorBody = (typeof VOBIZ_ERROR_BODIES)[number];

/** Where VideoSDK's (undocumented) error body puts its message; clients read any of these. */
export const VIDEOSDK_MESSAGE_FIELDS = ["message", "error", "msg", "statusMessage"] as const;
export type VideoSdkMessageField = (typeof VIDEOSDK_MESSAGE_FIELDS)[number];

const VOBIZ_CODES: Record<number, string> = {
  400: "INVALID_PARAMETERS",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMIT_EXCEEDED",
  500: "INTERNAL_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
};

/**
 * Renders error answers in the chosen forms. One per emulator, so request ids count from 1 in
 * each run and two emulators in one process do not share a sequence.
 */
export function errorBodies(
  vobiz: VobizErrorBody,
  videosdk: VideoSdkMessageField,
): (error: ApiError, status: number) => unknown {
  let sequence = 0;
  return (error, status) => {
    if (error.provider === "videosdk") return { statusCode: status, [videosdk]: error.message };
    sequence += 1;
    const hex = sequence.toString(16);
    const code = VOBIZ_CODES[status] ?? `HTTP_${status}`;
    if (vobiz === "flat") {
      // A v4-shaped UUID drawn from the sequence: deterministic, like the emulator's other ids.
      // `error` holds only the code, so a client that reads it before `message` shows the code
      // instead of the message: providers.md's order (`message`, then `error`) is what works.
      return {
        api_id: `00000000-0000-4000-8000-${hex.padStart(12, "0")}`,
        error: code,
        message: error.message,
      };
    }
    return {
      status: "error",
      error: {
        code,
        message: error.message,
        details: error.details ?? {},
      },
      timestamp: new Date().toISOString(),
      requestId: `req_${hex.padStart(8, "0")}`,
    };
  };
}
