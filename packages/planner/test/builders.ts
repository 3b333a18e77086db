import {
  type Config,
  type FieldChange,
  type FieldRule,
  getPath,
  type JsonObject,
  type JsonValue,
  type Plan,
  type PlanErrorKind,
  type PluginMap,
  type ProviderClient,
  type ProviderPlugin,
  type RemoteTrunk,
  type TrunkChange,
  type TrunkRead,
} from "@trunksync/core";

export const DIGEST = `sha256:${"ab".repeat(32)}`;
export const NOW = new Date("2025-01-02T03:04:05.000Z");

export interface BlockSpec {
  type: string;
  maxChanges?: number;
}

export interface TrunkSpec {
  provider: string;
  id: string;
  fields?: JsonObject;
}

/** A loaded config as the loader would hand it over (no file is read). */
export function makeConfig(providers: Record<string, BlockSpec>, trunks: TrunkSpec[]): Config {
  const location = { file: "/repo/infra/trunks.yaml", line: 1, col: 1 };
  return {
    file: "/repo/infra/trunks.yaml",
    digest: DIGEST,
    providers: Object.fromEntries(
      Object.entries(providers).map(([name, spec]) => [
        name,
        {
          name,
          type: spec.type,
          options: {
            type: spec.type,
            ...(spec.maxChanges === undefined ? {} : { maxChanges: spec.maxChanges }),
          },
          envRefs: {},
          location,
        },
      ]),
    ),
    trunks: trunks.map((t) => ({ provider: t.provider, id: t.id, fields: t.fields ?? {}, location })),
  };
}

/** A plugin whose update body needs every path in `required` (like a full-replace PUT). */
export function fakePlugin(
  type: string,
  options: { fields?: Record<string, FieldRule>; required?: string[] } = {},
): ProviderPlugin {
  const required = options.required ?? [];
  return {
    type,
    displayName: type,
    defaultBaseUrl: "http://127.0.0.1:1",
    optionsSchema: {},
    trunkSchema: {},
    fields: options.fields ?? {},
    httpProfile: () => ({ errorMessagePaths: [] }),
    updateBody(merged) {
      const missing = required.filter((path) => getPath(merged, path) === undefined);
      return missing.length > 0 ? { missing } : { body: merged };
    },
    connect() {
      throw new Error("the planner never connects: tests hand it clients");
    },
  };
}

/** Rules like the VideoSDK plugin's: numbers as a set, domains case-insensitive, password sensitive. */
export const sipRules: Record<string, FieldRule> = {
  numbers: {
    compare: "set",
    normalize: (v: JsonValue) => (typeof v === "string" ? v.replace(/[\s-]/g, "") : v),
  },
  domain: { normalize: (v: JsonValue) => (typeof v === "string" ? v.toLowerCase() : v) },
  "auth.password": { sensitive: true },
};

export function plugins(...list: ProviderPlugin[]): PluginMap {
  return new Map(list.map((p) => [p.type, p]));
}

export function remote(id: string, fields: JsonObject, fingerprint = `fp-${id}`): RemoteTrunk {
  return { id, fields, fingerprint };
}

export function found(trunk: RemoteTrunk): TrunkRead {
  return { id: trunk.id, status: "found", trunk };
}

export interface FakeClient {
  client: ProviderClient;
  calls: { read: string[][]; list: number };
}

/**
 * A client over an in-memory account. `canList: false` leaves `list` out (like VideoSDK);
 * `fail` makes every call reject with it; `reads` overrides the answer for given ids.
 */
export function fakeClient(
  trunks: RemoteTrunk[],
  options: { canList?: boolean; fail?: Error; reads?: Record<string, TrunkRead> } = {},
): FakeClient {
  const calls = { read: [] as string[][], list: 0 };
  const byId = new Map(trunks.map((t) => [t.id, t]));
  const answer = (id: string): TrunkRead => {
    const override = options.reads?.[id];
    if (override) return override;
    const trunk = byId.get(id);
    return trunk ? found(trunk) : { id, status: "missing" };
  };
  const client: ProviderClient = {
    async read(ids) {
      calls.read.push([...ids]);
      if (options.fail) throw options.fail;
      return ids.map(answer);
    },
    async update() {
      throw new Error("the planner never updates");
    },
    async close() {},
  };
  if (options.canList !== false) {
    client.list = async () => {
      calls.list += 1;
      if (options.fail) throw options.fail;
      return trunks.map((t) => answer(t.id));
    };
  }
  return { client, calls };
}

/** A plan as plain data, summary counted from `changes`; renderers need nothing else. */
export function makePlan(changes: TrunkChange[], overrides: Partial<Plan> = {}): Plan {
  return {
    version: 1,
    createdAt: NOW.toISOString(),
    tool: { name: "trunksync", version: "1.2.3" },
    config: { file: "trunks.yaml", digest: DIGEST },
    filters: { providers: [], trunks: [] },
    changes,
    unmanaged: [],
    summary: {
      update: changes.filter((c) => c.action === "update").length,
      noop: changes.filter((c) => c.action === "no-op").length,
      error: changes.filter((c) => c.action === "error").length,
    },
    safety: { safe: true, violations: [] },
    ...overrides,
  };
}

export function update(provider: string, id: string, changes: FieldChange[], name?: string): TrunkChange {
  return {
    provider,
    providerType: provider,
    id,
    ...(name ? { name } : {}),
    action: "update",
    fingerprint: `fp-${id}`,
    changes,
  };
}

export function noop(provider: string, id: string): TrunkChange {
  return { provider, providerType: provider, id, action: "no-op", fingerprint: `fp-${id}` };
}

export function failure(provider: string, id: string, kind: PlanErrorKind, message: string): TrunkChange {
  return { provider, providerType: provider, id, action: "error", error: { kind, message } };
}
