import type { ApiResponse } from "./api-types.js";
import type { Provider } from "./remote-edit.js";
import type { RouteMatch } from "./routes.js";
import type { ApiRouteName } from "./types.js";
import { videoSdkError } from "./videosdk-api.js";
import { vobizError } from "./vobiz-api.js";

// The errors the server answers itself, before or around a route's handler. Each is an `ApiError`,
// so it is written in the error form chosen for its provider, like the handlers' own errors.

export function providerOf(route: ApiRouteName): Provider {
  return route.startsWith("vobiz.") ? "vobiz" : "videosdk";
}

/** VideoSDK's body has no `details`: its message alone says what is wrong. */
export function errorFor(
  provider: Provider,
  status: number,
  message: string,
  details?: Record<string, string>,
): ApiResponse {
  return provider === "vobiz" ? vobizError(status, message, details) : videoSdkError(status, message);
}

/** The answer to a request that matched no route's method: 400, 404 or 405. */
export function unrouted(
  match: Exclude<RouteMatch, { kind: "api" } | { kind: "vobiz-casing" }>,
  method: string,
  path: string,
): ApiResponse {
  switch (match.kind) {
    case "method-not-allowed":
      return {
        ...errorFor(
          match.provider,
          405,
          `Method ${method} is not allowed on ${path}; allowed: ${match.allow}`,
          { method: `must be one of ${match.allow}` },
        ),
        headers: { allow: match.allow },
      };
    case "bad-path":
      return errorFor(
        match.provider,
        400,
        `Malformed percent-encoding in path segment ${JSON.stringify(match.segment)}`,
        { path: "malformed percent-encoding" },
      );
    default:
      // Admin paths while admin is off, too: those are answered like any unknown path.
      return errorFor(match.kind === "not-found" ? match.provider : "videosdk", 404, `No route for ${path}`);
  }
}

/** A 415 for a body sent as anything but JSON, naming the type it was sent as. */
export function unsupportedMediaType(provider: Provider, contentType: string | undefined): ApiResponse {
  const sent = contentType === undefined ? "no Content-Type" : JSON.stringify(contentType);
  return errorFor(provider, 415, `Unsupported Media Type: send the body as application/json, got ${sent}`, {
    "content-type": `must be application/json, got ${sent}`,
  });
}

/** A bug in a handler answers 500 (`failed`'s answer) instead of taking the emulator down. */
export function safely(run: () => ApiResponse, failed: (message: string) => ApiResponse): ApiResponse {
  try {
    return run();
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

/** A handler's exception, in the route's provider's error form. */
export const internalError = (provider: Provider, message: string): ApiResponse =>
  errorFor(provider, 500, `Internal error: ${message}`);
