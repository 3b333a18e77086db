import type { Problem } from "./problem.js";

/** Base of every error trunksync raises on purpose; anything else reaching the CLI is a bug. */
export class TrunksyncError extends Error {
  override name = "TrunksyncError";
}

/** The configuration (trunks.yaml, flags, environment) is wrong; `problems` says where. */
export class ConfigError extends TrunksyncError {
  override name = "ConfigError";
  constructor(
    readonly problems: readonly Problem[],
    message = problems[0]?.message ?? "invalid configuration",
  ) {
    super(message);
  }
}

export interface ProviderErrorDetails {
  /** Provider block name from trunks.yaml, e.g. `vobiz-prod`. */
  provider: string;
  method: string;
  /** Request path (never with credentials). */
  path: string;
  /** HTTP status, absent for network errors and malformed responses. */
  status?: number;
  /** What the user can do about it, e.g. which environment variables to check. */
  hint?: string;
  cause?: unknown;
}

/**
 * A provider request failed (after retries) or answered something trunksync cannot use.
 * Message shape follows ofetch: `[vobiz-prod] PUT /api/...: 400 Bad Request: name is required`.
 */
export class ProviderError extends TrunksyncError {
  override name = "ProviderError";
  readonly provider: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly hint: string | undefined;
  /** The provider's own message, without the request prefix. */
  readonly detail: string;

  constructor(details: ProviderErrorDetails, detail: string) {
    const status = details.status === undefined ? "" : ` ${details.status}`;
    const hint = details.hint ? ` (${details.hint})` : "";
    super(`[${details.provider}] ${details.method} ${details.path}:${status} ${detail}${hint}`, {
      cause: details.cause,
    });
    this.provider = details.provider;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.hint = details.hint;
    this.detail = detail;
  }
}

/** A plan exceeds a safety threshold; `apply` refuses it (plan only flags it). */
export class UnsafePlanError extends TrunksyncError {
  override name = "UnsafePlanError";
}

/** Ends the CLI with a specific exit code after printing `message` (if any) to stderr. */
export class ExitError extends TrunksyncError {
  override name = "ExitError";
  constructor(
    readonly code: number,
    message = "",
  ) {
    super(message);
  }
}
