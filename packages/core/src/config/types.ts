import type { JsonObject } from "../json.js";
import type { ProviderOptions } from "../plugin.js";
import type { SourceLocation } from "../problem.js";

export interface ProviderBlock {
  /** Key under `providers:` in trunks.yaml. */
  name: string;
  type: string;
  /** Every option of the block after `${env:…}` interpolation, `type` included. */
  options: ProviderOptions;
  /** Option name → environment variable it was read from, for hints ("check VOBIZ_AUTH_TOKEN"). */
  envRefs: Record<string, string>;
  location: SourceLocation;
}

export interface TrunkConfig {
  provider: string;
  id: string;
  /** Managed fields only (everything but `provider` and `id`), after interpolation. */
  fields: JsonObject;
  location: SourceLocation;
}

/** A loaded, validated trunks.yaml. */
export interface Config {
  /** Absolute path of the file. */
  file: string;
  /** `sha256:<hex>` of the file's bytes; a saved plan records it. */
  digest: string;
  providers: Record<string, ProviderBlock>;
  trunks: TrunkConfig[];
}
