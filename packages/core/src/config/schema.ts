import type { JsonSchema } from "../json.js";
import type { ProviderPlugin } from "../plugin.js";

export const SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";
export const TRUNKS_SCHEMA_ID = "https://trunksync.dev/schemas/trunks.schema.json";

/** Third-party plugins are selected by package name. */
export const PLUGIN_PACKAGE_PATTERN = "^(@[a-z0-9][a-z0-9._~-]*/)?trunksync-provider-[a-z0-9][a-z0-9._~-]*$";
const PROVIDER_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";

/** Options every provider block accepts, whatever its type (see CommonProviderOptions). */
const COMMON_OPTIONS: Record<string, JsonSchema> = {
  baseUrl: {
    type: "string",
    format: "uri",
    description:
      "Override the provider's API origin: https, or http on a loopback host (tests, the emulator).",
    examples: ["http://127.0.0.1:4010"],
  },
  concurrency: {
    type: "integer",
    minimum: 1,
    maximum: 256,
    description: "Requests in flight to this provider at once. Default 8.",
    examples: [8],
  },
  timeoutMs: {
    type: "integer",
    minimum: 100,
    description: "Per-request timeout in milliseconds. Default 30000.",
    examples: [30000],
  },
  maxChanges: {
    type: "integer",
    minimum: 0,
    description: "apply refuses a plan with more updates than this for this provider.",
    examples: [20],
  },
};

const TRUNK_KEYS: Record<string, JsonSchema> = {
  provider: {
    type: "string",
    minLength: 1,
    description: "Name of a block under `providers:`.",
    examples: ["vobiz-prod"],
  },
  id: {
    type: "string",
    minLength: 1,
    description: "The trunk's id at the provider.",
    examples: ["bfab10fb-cb97-488b-9c63-989c32980b0f"],
  },
};

/**
 * A plugin's object schema with core's own properties added and unknown keys refused.
 * Core's properties come first (editors list them first) and cannot be overridden by the plugin.
 */
function extend(
  plugin: JsonSchema,
  core: Record<string, JsonSchema>,
  coreRequired: readonly string[],
): JsonSchema {
  const { properties, required, additionalProperties: _, type: __, ...rest } = plugin;
  const own = isRecord(properties) ? properties : {};
  const ownRequired = Array.isArray(required)
    ? required.filter((r): r is string => typeof r === "string")
    : [];
  return {
    type: "object",
    ...rest,
    properties: { ...core, ...own, ...core },
    required: [...new Set([...coreRequired, ...ownRequired])],
    additionalProperties: false,
  };
}

/**
 * A provider block of this plugin's type: common options plus the plugin's own. `type` pins the
 * `type:` value (the editor schema); validation leaves it open since a package name selects plugins too.
 */
export function providerBlockSchema(plugin: ProviderPlugin, type?: string): JsonSchema {
  const typeSchema = {
    ...(type === undefined ? { type: "string" } : { const: type }),
    description: "Provider plugin that handles this block.",
  };
  return extend(plugin.optionsSchema, { type: typeSchema, ...COMMON_OPTIONS }, ["type"]);
}

/** A trunk entry of this plugin's type: `provider` and `id` plus the plugin's trunk fields. */
export function trunkEntrySchema(plugin: ProviderPlugin): JsonSchema {
  return extend(plugin.trunkSchema, TRUNK_KEYS, ["provider", "id"]);
}

/** The document's outline; provider blocks and trunks are then checked against their type's schema. */
export const OUTLINE_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    version: { const: 1 },
    providers: {
      type: "object",
      propertyNames: { pattern: PROVIDER_NAME_PATTERN },
      additionalProperties: {
        type: "object",
        properties: { type: { type: "string", minLength: 1 } },
        required: ["type"],
      },
    },
    trunks: {
      type: "array",
      items: { type: "object", properties: TRUNK_KEYS, required: ["provider", "id"] },
    },
  },
  required: ["version", "providers"],
  additionalProperties: false,
};

/**
 * The editor schema for trunks.yaml (schemas/trunks.schema.json): a provider block's `type`
 * selects its options; a trunk must match one of the plugins' trunk shapes. `builtins` are the
 * plugins selected by their own `type` (the CLI's built-in providers, as passed to `loadConfig`).
 * `packages` adds plugins loaded from packages, keyed by the package name a block's `type:` gives
 * (what `trunksync schema` passes for the plugins a config uses).
 */
export function composeTrunksSchema(
  builtins: readonly ProviderPlugin[],
  packages: ReadonlyMap<string, ProviderPlugin> = new Map(),
): JsonSchema {
  const byType = new Map<string, ProviderPlugin>([...builtins.map((p) => [p.type, p] as const), ...packages]);
  const sorted = [...byType].sort(([a], [b]) => a.localeCompare(b));
  const defs: Record<string, JsonSchema> = {};
  for (const [type, plugin] of sorted) {
    defs[`${type}-provider`] = {
      title: `${plugin.displayName} provider block`,
      ...providerBlockSchema(plugin, type),
    };
    defs[`${type}-trunk`] = { title: `${plugin.displayName} trunk`, ...trunkEntrySchema(plugin) };
  }
  const builtinTypes = builtins.map((p) => p.type).sort((a, b) => a.localeCompare(b));
  const types = sorted.map(([type]) => type);
  // A package name's `/` must be escaped in a JSON Pointer (RFC 6901).
  const ref = (key: string) => `#/$defs/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
  return {
    $schema: SCHEMA_DIALECT,
    $id: TRUNKS_SCHEMA_ID,
    title: "trunksync trunks.yaml",
    description: "SIP trunks as code: provider accounts and the trunk fields trunksync manages on them.",
    type: "object",
    properties: {
      version: { const: 1, description: "File format version. Always 1." },
      providers: {
        type: "object",
        description: "Provider accounts by a name of your choice; trunks refer to them by that name.",
        propertyNames: { pattern: PROVIDER_NAME_PATTERN },
        additionalProperties: { $ref: "#/$defs/provider" },
      },
      trunks: {
        type: "array",
        description:
          "Trunks to manage. A field left out of a trunk is unmanaged: never diffed, never changed.",
        items: { $ref: "#/$defs/trunk" },
      },
    },
    required: ["version", "providers"],
    additionalProperties: false,
    $defs: {
      provider: {
        type: "object",
        properties: {
          type: {
            description: `Provider plugin: a built-in (${builtinTypes.join(", ")}) or a trunksync-provider-* package.`,
            anyOf: [{ enum: types }, { type: "string", pattern: PLUGIN_PACKAGE_PATTERN }],
          },
        },
        required: ["type"],
        allOf: types.map((type) => ({
          if: { properties: { type: { const: type } }, required: ["type"] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: { $ref: ref(`${type}-provider`) },
        })),
      },
      trunk: types.length > 0 ? { anyOf: types.map((type) => ({ $ref: ref(`${type}-trunk`) })) } : {},
      ...defs,
    },
  };
}

function isRecord(value: unknown): value is Record<string, JsonSchema> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
