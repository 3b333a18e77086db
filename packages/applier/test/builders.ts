import {
  type Config,
  type FieldRules,
  type JsonObject,
  PLAN_VERSION,
  type Plan,
  type ProviderClient,
  type ProviderPlugin,
  type RemoteTrunk,
  type TrunkChange,
  type TrunkRead,
  trunkKey,
} from "@trunksync/core";
import { diff } from "@trunksync/planner";

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Counts calls in flight at once, across every client that shares it. */
export class Gauge {
  current = 0;
  max = 0;
  enter(): void {
    this.current += 1;
    this.max = Math.max(this.max, this.current);
  }
  leave(): void {
    this.current -= 1;
  }
}

/**
 * Holds arriving calls until `size` of them wait (fewer for the last batch of `total`), then lets
 * the whole batch through: a limiter that works keeps every batch at exactly its cap.
 */
export function batches(size: number, total: number): () => Promise<void> {
  let waiting: Deferred[] = [];
  let released = 0;
  return () => {
    const gate = deferred();
    waiting.push(gate);
    if (waiting.length === Math.min(size, total - released)) {
      released += waiting.length;
      for (const g of waiting) g.resolve();
      waiting = [];
    }
    return gate.promise;
  };
}

const FAKE_RULES: FieldRules = {
  "auth.password": { sensitive: true },
  numbers: { compare: "set" },
};

/** A full-replace API like Vobiz's: every one of `required` must be in the body. */
export function fakePlugin(
  required: readonly string[] = ["name", "max_concurrent_calls", "enabled"],
): ProviderPlugin {
  return {
    type: "fake",
    displayName: "Fake",
    defaultBaseUrl: "http://127.0.0.1:1",
    optionsSchema: {},
    trunkSchema: {},
    fields: FAKE_RULES,
    httpProfile: () => ({ errorMessagePaths: [] }),
    updateBody(merged) {
      const missing = required.filter((f) => merged[f] === undefined);
      if (missing.length > 0) return { missing };
      return { body: Object.fromEntries(required.map((f) => [f, merged[f] as JsonObject[string]])) };
    },
    connect: () => {
      throw new Error("tests hand clients in directly");
    },
  };
}

/** An in-memory provider account that records every call. */
export class FakeClient implements ProviderClient {
  readonly trunks = new Map<string, RemoteTrunk>();
  readonly puts: { id: string; body: JsonObject }[] = [];
  readonly reads: string[][] = [];
  readonly failPut = new Map<string, Error>();
  /** Awaited inside every PUT before it completes: to block, batch or observe. */
  beforePut: (id: string) => Promise<void> = async () => {};
  /** What the provider stores for a body: lets a test clamp or drop a field. */
  stores: (body: JsonObject) => JsonObject = (body) => body;
  private version = 1;

  constructor(private readonly gauge = new Gauge()) {}

  seed(id: string, fields: JsonObject, fingerprint = "v1"): void {
    this.trunks.set(id, { id, fields, fingerprint });
  }

  async read(ids: readonly string[]): Promise<TrunkRead[]> {
    this.reads.push([...ids]);
    return ids.map((id): TrunkRead => {
      const trunk = this.trunks.get(id);
      return trunk ? { id, status: "found", trunk } : { id, status: "missing" };
    });
  }

  async update(id: string, body: JsonObject): Promise<RemoteTrunk> {
    this.puts.push({ id, body });
    this.gauge.enter();
    try {
      await this.beforePut(id);
      const failure = this.failPut.get(id);
      if (failure) throw failure;
      const previous = this.trunks.get(id)?.fields ?? {};
      this.version += 1;
      const trunk = { id, fields: { ...previous, ...this.stores(body) }, fingerprint: `v${this.version}` };
      this.trunks.set(id, trunk);
      return trunk;
    } finally {
      this.gauge.leave();
    }
  }

  async close(): Promise<void> {}
}

export interface TrunkSpec {
  provider: string;
  id: string;
  /** Managed fields in trunks.yaml. */
  desired: JsonObject;
  /** What the provider has now; absent → the trunk does not exist remotely. */
  remote?: JsonObject;
}

export interface WorldSpec {
  providers: Record<string, { concurrency?: number; maxChanges?: number }>;
  trunks: TrunkSpec[];
  gauge?: Gauge;
  required?: readonly string[];
}

/** A config, connected fake clients, the remote state and the plan made from them. */
export function world(spec: WorldSpec) {
  const gauge = spec.gauge ?? new Gauge();
  const clients = new Map<string, FakeClient>();
  for (const name of Object.keys(spec.providers)) clients.set(name, new FakeClient(gauge));
  const client = (name: string): FakeClient => {
    const c = clients.get(name);
    if (!c) throw new Error(`no provider ${name} in this world`);
    return c;
  };
  for (const t of spec.trunks) if (t.remote) client(t.provider).seed(t.id, t.remote);
  const config = configOf(spec.providers, spec.trunks);
  const state = new Map<string, RemoteTrunk>();
  for (const [name, c] of clients) for (const [id, trunk] of c.trunks) state.set(trunkKey(name, id), trunk);
  return {
    config,
    clients,
    client,
    gauge,
    state,
    plugins: new Map([["fake", fakePlugin(spec.required)]]),
    plan: planOf(config, state),
  };
}

export function configOf(
  providers: WorldSpec["providers"],
  trunks: readonly TrunkSpec[],
  digest = "sha256:1",
): Config {
  const location = { file: "/repo/trunks.yaml", line: 1, col: 1 };
  return {
    file: location.file,
    digest,
    providers: Object.fromEntries(
      Object.entries(providers).map(([name, options]) => [
        name,
        { name, type: "fake", options: { type: "fake", ...options }, envRefs: {}, location },
      ]),
    ),
    trunks: trunks.map((t) => ({ provider: t.provider, id: t.id, fields: t.desired, location })),
  };
}

/** What the planner would plan for `config` against `state` (sensitive values left out). */
export function planOf(config: Config, state: ReadonlyMap<string, RemoteTrunk>): Plan {
  const plugin = fakePlugin();
  const changes = config.trunks
    .map((t): TrunkChange => {
      const name = t.fields.name;
      const ref = {
        provider: t.provider,
        providerType: "fake",
        id: t.id,
        ...(typeof name === "string" ? { name } : {}),
      };
      const remote = state.get(trunkKey(t.provider, t.id));
      if (!remote)
        return { ...ref, action: "error", error: { kind: "not-found", message: "trunk not found" } };
      const block = config.providers[t.provider];
      if (!block) throw new Error(`no provider block ${t.provider} in this config`);
      const diffed = diff(t.fields, remote.fields, { block, plugin });
      if (!diffed.ok) throw diffed.error;
      const fieldChanges = diffed.value;
      return fieldChanges.length === 0
        ? { ...ref, action: "no-op", fingerprint: remote.fingerprint }
        : { ...ref, action: "update", fingerprint: remote.fingerprint, changes: fieldChanges };
    })
    .sort((a, b) => byString(a.provider, b.provider) || byString(a.id, b.id));
  const count = (action: TrunkChange["action"]) => changes.filter((c) => c.action === action).length;
  return {
    version: PLAN_VERSION,
    createdAt: "2025-01-01T12:00:00.000Z",
    tool: { name: "trunksync", version: "0.0.0-test" },
    config: { file: config.file, digest: config.digest },
    filters: { providers: [], trunks: [] },
    changes,
    unmanaged: [],
    summary: { update: count("update"), noop: count("no-op"), error: count("error") },
    safety: { safe: true, violations: [] },
  };
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
