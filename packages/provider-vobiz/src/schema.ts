// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax, shown in editor hints
import type { JsonSchema } from "@trunksync/core";

/** The options of a `type: vobiz` provider block (common options like `concurrency` are added by core). */
export const optionsSchema: JsonSchema = {
  type: "object",
  properties: {
    authId: {
      type: "string",
      minLength: 1,
      description: "Vobiz account Auth ID, sent as X-Auth-ID. Usually `${env:VOBIZ_AUTH_ID}`.",
      examples: ["MA_XXXXXXXX", "${env:VOBIZ_AUTH_ID}"],
    },
    authToken: {
      type: "string",
      minLength: 1,
      writeOnly: true,
      description:
        "Vobiz account Auth Token, sent as X-Auth-Token. Keep it out of git: `${env:VOBIZ_AUTH_TOKEN}`.",
      examples: ["${env:VOBIZ_AUTH_TOKEN}"],
    },
  },
  required: ["authId", "authToken"],
};

/**
 * A Vobiz trunk's managed fields, named as in `PUT /api/v1/Account/{auth_id}/trunks/{trunk_id}`.
 * All optional: a field left out is unmanaged and keeps its remote value.
 */
export const trunkSchema: JsonSchema = {
  type: "object",
  properties: {
    name: {
      type: "string",
      minLength: 1,
      maxLength: 255,
      description: "Trunk name (at most 255 characters).",
      examples: ["Acme Production Trunk"],
    },
    max_concurrent_calls: {
      type: "integer",
      minimum: 0,
      description: "Maximum simultaneous calls. Vobiz reads it back as `concurrent_calls_limit`.",
      examples: [25],
    },
    enabled: {
      type: "boolean",
      description:
        "Whether the trunk takes calls (`trunk_status` active/inactive). `false` disables without deleting.",
      examples: [true],
    },
  },
};
