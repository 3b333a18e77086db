import {
  type JsonObject,
  type ProviderBlock,
  type ProviderPlugin,
  unmappedFieldsHint,
} from "@trunksync/core";

/** What the user can do instead, and what sets it after a message that has no hint (`"; "`, `" — "`). */
export interface HintAdvice {
  readonly text: string;
  readonly separator: string;
}

/**
 * `message` about a trunk that cannot be updated or verified for a field it lacks, with core's
 * `unmappedFieldsHint` when the plugin's read `fields` hold a field its `trunkSchema` does not
 * declare, then `advice`: `<message>, while <hint>, or <advice>`, else `<message><separator><advice>`.
 * Plan and apply both word such a trunk through this, so their hints read alike.
 */
export function withUnmappedHint(
  message: string,
  block: ProviderBlock,
  plugin: ProviderPlugin,
  fields: JsonObject,
  advice?: HintAdvice,
): string {
  const hint = unmappedFieldsHint(block, plugin, fields);
  if (advice === undefined) return hint === undefined ? message : `${message}, while ${hint}`;
  if (hint === undefined) return `${message}${advice.separator}${advice.text}`;
  return `${message}, while ${hint}, or ${advice.text}`;
}
