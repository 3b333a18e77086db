import {
  addSecretsAt,
  escapeInterpolation,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  type ProviderPlugin,
  type RemoteTrunk,
  sensitivePathsOf,
} from "@trunksync/core";

/** One trunk as `import` writes it, and what the user must provide for its secrets. */
export interface ImportedTrunk {
  id: string;
  /**
   * `provider`, `id`, then every remote field in the plugin's schema order, as trunks.yaml holds them:
   * secrets as placeholders, every other string escaped so that it reads back as the provider has it.
   */
  entry: JsonObject;
  /** Environment variables the placeholders name, with the field each stands for. */
  secrets: { variable: string; path: string }[];
  /** The secret values read from the provider: only for redacting output, never written. */
  secretValues: string[];
}

/**
 * A deterministic variable name for a secret field of one trunk:
 * `videosdk`, `Sqlz…`, `auth.password` → `VIDEOSDK_SQLZ…_AUTH_PASSWORD`.
 */
export function secretVariable(provider: string, id: string, path: string): string {
  const name = `${provider}_${id}_${path}`.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** The trunks.yaml entry for a remote trunk of block `provider`. */
export function importedTrunk(provider: string, plugin: ProviderPlugin, trunk: RemoteTrunk): ImportedTrunk {
  const sensitive = new Set(sensitivePathsOf(plugin));
  const secrets: ImportedTrunk["secrets"] = [];
  const secretValues = new Set<string>();
  const convert = (value: JsonValue, path: string): JsonValue => {
    if (sensitive.has(path)) {
      const variable = secretVariable(provider, trunk.id, path);
      secrets.push({ variable, path });
      // Every string under the path, for a sensitive object too: none may reach the output.
      addSecretsAt(trunk.fields, [path], secretValues);
      return `\${env:${variable}}`;
    }
    // Remote text is data: a `${env:…}` in a trunk's name must not become a reference that plan
    // would fill from the environment (and apply send to the provider).
    if (typeof value === "string") return escapeInterpolation(value);
    if (Array.isArray(value)) return value.map((item) => convert(item, path));
    if (isJsonObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, `${path}.${k}`)]));
    }
    return value;
  };
  const entry: JsonObject = { provider: escapeInterpolation(provider), id: escapeInterpolation(trunk.id) };
  for (const key of fieldOrder(plugin, trunk.fields)) {
    entry[key] = convert(trunk.fields[key] as JsonValue, key);
  }
  return { id: trunk.id, entry, secrets, secretValues: [...secretValues] };
}

/** Fields in the order the plugin's schema declares them (how its docs read), then any others sorted. */
function fieldOrder(plugin: ProviderPlugin, fields: JsonObject): string[] {
  const declared = Object.keys((plugin.trunkSchema.properties as JsonObject | undefined) ?? {});
  const known = declared.filter((key) => key in fields);
  const rest = Object.keys(fields)
    .filter((key) => !declared.includes(key))
    .sort();
  return [...known, ...rest];
}
