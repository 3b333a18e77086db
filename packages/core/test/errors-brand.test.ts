import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config, ProviderBlock } from "../src/config/types.js";
import { closeAll, connectProviders } from "../src/connect.js";
import {
  ConfigError,
  ExitError,
  PluginError,
  ProviderError,
  TrunksyncError,
  UnsafePlanError,
} from "../src/errors.js";
import type { ProviderPlugin } from "../src/plugin.js";
import { loadSecondCore } from "./fixtures/second-core.js";

/** This copy's classes, by name, to test against another copy's. */
const ours = { TrunksyncError, ConfigError, ProviderError, PluginError, UnsafePlanError, ExitError };
type Classes = typeof ours;

let theirs: Classes;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ errors: theirs, remove } = await loadSecondCore());
});
afterAll(() => remove());

/** One error of each public class, made by the given copy of the module. */
function samples(errors: Classes) {
  const problem = { file: "t.yaml", line: 1, col: 1, path: "/x", message: "bad", severity: "error" as const };
  return {
    TrunksyncError: new errors.TrunksyncError("x"),
    ConfigError: new errors.ConfigError([problem]),
    ProviderError: new errors.ProviderError(
      { provider: "p", method: "GET", path: "/t", status: 404 },
      "Not Found",
    ),
    PluginError: new errors.PluginError("p", "trunksync-provider-p", "read", "boom"),
    UnsafePlanError: new errors.UnsafePlanError("too many"),
    ExitError: new errors.ExitError(2),
  };
}
type ClassName = keyof ReturnType<typeof samples>;
const CLASSES: ClassName[] = [
  "TrunksyncError",
  "ConfigError",
  "ProviderError",
  "PluginError",
  "UnsafePlanError",
  "ExitError",
];

describe("error classes from a second copy of @trunksync/core", () => {
  it("are other classes than ours: by prototype alone, instanceof would fail", () => {
    expect(theirs.ProviderError).not.toBe(ours.ProviderError);
    expect(
      Object.prototype.isPrototypeOf.call(ours.ProviderError.prototype, samples(theirs).ProviderError),
    ).toBe(false);
  });

  it.each(CLASSES)(
    "make a %s that is an instance of our class of that name, and of TrunksyncError",
    (name) => {
      const error = samples(theirs)[name];
      expect(error instanceof ours[name]).toBe(true);
      expect(error instanceof ours.TrunksyncError).toBe(true);
      expect(error instanceof Error).toBe(true);
    },
  );

  it.each(CLASSES)("accept our %s as an instance of theirs", (name) => {
    expect(samples(ours)[name] instanceof theirs[name]).toBe(true);
  });

  it.each(
    CLASSES.flatMap((made) =>
      CLASSES.filter((tested) => tested !== made && tested !== "TrunksyncError").map((tested) => ({
        made,
        tested,
      })),
    ),
  )("never make a $made pass for a $tested", ({ made, tested }) => {
    expect(samples(theirs)[made] instanceof ours[tested]).toBe(false);
    expect(samples(ours)[made] instanceof ours[tested]).toBe(false);
  });

  it('carry their brand as Symbol.for("trunksync.<Name>")', () => {
    const error = samples(theirs).ProviderError as unknown as Record<symbol, unknown>;
    expect(error[Symbol.for("trunksync.ProviderError")]).toBe(true);
    expect(error[Symbol.for("trunksync.TrunksyncError")]).toBe(true);
    expect(error[Symbol.for("trunksync.ConfigError")]).toBeUndefined();
  });

  it("leave non-trunksync values and plain errors out", () => {
    for (const value of [new Error("x"), null, undefined, "ProviderError", { status: 404 }]) {
      expect(value instanceof ours.TrunksyncError).toBe(false);
      expect(value instanceof ours.ProviderError).toBe(false);
    }
  });
});

describe("a plugin's subclass of a branded class", () => {
  it("is an instance of the branded classes it extends, in every copy", () => {
    class AcmeError extends theirs.ProviderError {}
    const error = new AcmeError({ provider: "p", method: "GET", path: "/t", status: 500 }, "oops");
    expect(error instanceof AcmeError).toBe(true);
    expect(error instanceof ours.ProviderError).toBe(true);
    expect(error instanceof ours.TrunksyncError).toBe(true);
    expect(error instanceof ours.ConfigError).toBe(false);
  });

  it("is tested by prototype itself: its base class is no instance of it", () => {
    class AcmeError extends ours.ProviderError {}
    expect(samples(ours).ProviderError instanceof AcmeError).toBe(false);
    expect(samples(theirs).ProviderError instanceof AcmeError).toBe(false);
  });
});

describe("connectProviders with a plugin on a second copy of core", () => {
  const block: ProviderBlock = {
    name: "twin",
    type: "trunksync-provider-twin",
    options: { type: "trunksync-provider-twin", baseUrl: "http://127.0.0.1:9" },
    envRefs: {},
    location: { file: "/repo/trunks.yaml", line: 3, col: 3 },
  };
  const config: Config = {
    file: "/repo/trunks.yaml",
    digest: "sha256:0",
    providers: { twin: block },
    trunks: [],
  };
  const plugin = (connect: ProviderPlugin["connect"]): ProviderPlugin => ({
    type: "twin",
    displayName: "Twin",
    defaultBaseUrl: "https://api.twin.example",
    optionsSchema: {},
    trunkSchema: {},
    fields: {},
    httpProfile: () => ({ errorMessagePaths: [] }),
    updateBody: (merged) => ({ body: merged }),
    connect,
  });
  const connect = (p: ProviderPlugin) => connectProviders(config, new Map([[block.type, p]]));

  it("passes a ConfigError from connect through as the user's problem, not as a bug in the plugin", () => {
    const problem = {
      file: "",
      line: 0,
      col: 0,
      path: "/providers/twin",
      message: "needs a region",
      severity: "error" as const,
    };
    const deliberate = new theirs.ConfigError([problem]);
    expect(() =>
      connect(
        plugin(() => {
          throw deliberate;
        }),
      ),
    ).toThrow(deliberate);
  });

  it("passes a ProviderError a client method rejects with through unchanged", async () => {
    const forbidden = new theirs.ProviderError(
      { provider: "twin", method: "GET", path: "/t", status: 403 },
      "Forbidden",
    );
    const clients = connect(
      plugin(() => ({
        read: () => Promise.reject(forbidden),
        update: () => Promise.reject(forbidden),
        close: async () => {},
      })),
    );
    await expect(clients.get("twin")?.read(["t"])).rejects.toBe(forbidden);
    await closeAll(clients);
  });
});
