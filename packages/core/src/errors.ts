import type { Problem } from "./problem.js";

/*
 * A global `trunksync` and a plugin that installed its own `@trunksync/core` load this module twice,
 * and an error made by one copy is not an instance of the other's class by prototype. So each
 * class carries a brand, `Symbol.for("trunksync.<Name>")` (the same symbol in every copy), on its
 * prototype, and `instanceof` accepts a value carrying the tested class's brand. A subclass made
 * outside this file has no brand of its own and is tested by prototype as usual.
 */
const brands = new WeakMap<object, symbol>();

function brand(cls: abstract new (...args: never[]) => Error, name: string): void {
  const symbol = Symbol.for(`trunksync.${name}`);
  brands.set(cls, symbol);
  Object.defineProperty(cls.prototype, symbol, { value: true });
}

/** Base of every error trunksync raises on purpose; anything else reaching the CLI is a bug. */
export class TrunksyncError extends Error {
  override name = "TrunksyncError";
  static {
    brand(TrunksyncError, "TrunksyncError");
  }

  /** True for an error of this class (or a subclass) from any copy of `@trunksync/core`. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class tested, a subclass or not: its own brand decides.
    // biome-ignore lint/complexity/noThisInStatic: the class name would test every subclass as TrunksyncError
    const symbol = brands.get(this);
    // biome-ignore lint/complexity/noThisInStatic: as above; an unbranded subclass is tested by prototype
    if (symbol === undefined) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[symbol] === true;
  }
}

/** The configuration (trunks.yaml, flags, environment) is wrong; `problems` says where. */
export class ConfigError extends TrunksyncError {
  override name = "ConfigError";
  static {
    brand(ConfigError, "ConfigError");
  }
  constructor(
    readonly problems: readonly Problem[],
    message = problems[0]?.message ?? "invalid configuration",
  ) {
    super(message);
  }
}

/**
 * Where a problem is, as a compiler names it: `file:line:col`, or `file` when it has no position;
 * "" for one raised outside any file (a plugin's own check). Here, beside `ConfigError`, because the
 * CLI loads this module on every run and prints a `ConfigError`'s problems with it.
 */
export function problemLocation(p: Problem): string {
  if (p.file === "") return "";
  return p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
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
  static {
    brand(ProviderError, "ProviderError");
  }
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

/**
 * The plugin code core calls: `ProviderPlugin`'s `httpProfile`, `connect` and `updateBody`, a field
 * rule's `normalize`, and the connected client's `read`, `list`, `update` and `close`.
 */
export type PluginHook =
  | "httpProfile"
  | "connect"
  | "read"
  | "list"
  | "update"
  | "close"
  | "updateBody"
  | "normalize";

/**
 * A provider plugin's hook threw something other than a trunksync error: a bug in the plugin, and
 * the message says so. Made by core around every hook it calls; plugins do not throw it.
 */
export class PluginError extends TrunksyncError {
  override name = "PluginError";
  static {
    brand(PluginError, "PluginError");
  }
  constructor(
    /** Provider block name from trunks.yaml. */
    readonly provider: string,
    /** The block's `type:` as written in trunks.yaml (a built-in's name or a package name). */
    readonly pluginType: string,
    /** The hook that threw, e.g. `updateBody` or `close`. */
    readonly hook: PluginHook,
    message: string,
    /** For `normalize`, the dotted path of the field whose rule threw. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A plan exceeds a safety threshold; `apply` refuses it (plan only flags it). */
export class UnsafePlanError extends TrunksyncError {
  override name = "UnsafePlanError";
  static {
    brand(UnsafePlanError, "UnsafePlanError");
  }
}

/** Ends the CLI with a specific exit code after printing `message` (if any) to stderr. */
export class ExitError extends TrunksyncError {
  override name = "ExitError";
  static {
    brand(ExitError, "ExitError");
  }
  constructor(
    readonly code: number,
    message = "",
  ) {
    super(message);
  }
}
