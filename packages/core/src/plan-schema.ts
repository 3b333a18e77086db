// biome-ignore-all lint/suspicious/noThenProperty: `then` is JSON Schema's if/then keyword here
import type { JsonSchema } from "./json.js";

/**
 * The saved plan's format (`trunksync plan --out plan.json`), version 1: what `apply plan.json`
 * accepts. `pnpm schema` writes it to schemas/plan.schema.json (a spec fails when that is stale);
 * core's build precompiles it (plan-validator.js), and `planFileProblems` checks a plan file with it.
 */
export const PLAN_SCHEMA: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "urn:trunksync:schemas:plan.schema.json",
  title: "trunksync plan",
  description:
    "A saved trunksync plan (`trunksync plan --out plan.json`): what `apply` would change at each provider, made from one version of trunks.yaml. Sensitive values never appear in it.",
  type: "object",
  required: [
    "version",
    "createdAt",
    "tool",
    "config",
    "filters",
    "changes",
    "unmanaged",
    "summary",
    "safety",
  ],
  additionalProperties: false,
  properties: {
    version: {
      const: 1,
      description: "Plan format version.",
    },
    createdAt: {
      type: "string",
      pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$",
      description: "When the plan was made (ISO-8601, UTC).",
    },
    tool: {
      type: "object",
      description: "The trunksync that made the plan.",
      required: ["name", "version"],
      additionalProperties: false,
      properties: {
        name: {
          const: "trunksync",
        },
        version: {
          type: "string",
          minLength: 1,
        },
      },
    },
    config: {
      type: "object",
      description: "The config the plan was made from; `apply plan.json` refuses it if the digest moved.",
      required: ["file", "digest"],
      additionalProperties: false,
      properties: {
        file: {
          type: "string",
          minLength: 1,
          description: "File name of the config (no directories).",
          pattern: "^[^/\\\\]+$",
        },
        digest: {
          type: "string",
          pattern: "^sha256:[0-9a-f]{64}$",
          description: "sha256 of the config file's bytes.",
        },
      },
    },
    filters: {
      type: "object",
      description:
        "The `--provider` and `--trunk` filters the plan was made with; empty lists select everything.",
      required: ["providers", "trunks"],
      additionalProperties: false,
      properties: {
        providers: {
          type: "array",
          items: {
            type: "string",
          },
        },
        trunks: {
          type: "array",
          items: {
            type: "string",
          },
        },
      },
    },
    changes: {
      type: "array",
      description: "One entry per selected trunk of trunks.yaml, sorted by provider then trunk id.",
      items: {
        $ref: "#/$defs/trunkChange",
      },
    },
    unmanaged: {
      type: "array",
      description:
        "Remote trunks not declared in trunks.yaml, by provider (informational). A provider read with a --trunk filter, or whose read failed, is left out.",
      items: {
        $ref: "#/$defs/unmanagedReport",
      },
    },
    summary: {
      type: "object",
      description: "Counts of `changes` by action.",
      required: ["update", "noop", "error"],
      additionalProperties: false,
      properties: {
        update: {
          $ref: "#/$defs/count",
        },
        noop: {
          $ref: "#/$defs/count",
        },
        error: {
          $ref: "#/$defs/count",
        },
      },
    },
    safety: {
      type: "object",
      description: "Change-count thresholds. An unsafe plan is complete but `apply` refuses it.",
      required: ["safe", "violations"],
      additionalProperties: false,
      properties: {
        safe: {
          type: "boolean",
        },
        violations: {
          type: "array",
          items: {
            $ref: "#/$defs/safetyViolation",
          },
        },
      },
    },
  },
  $defs: {
    count: {
      type: "integer",
      minimum: 0,
    },
    trunkRef: {
      description: "Which trunk: provider block, its plugin type, the trunk id and a display name.",
      type: "object",
      required: ["provider", "providerType", "id"],
      properties: {
        provider: {
          type: "string",
          minLength: 1,
          description: "Provider block name in trunks.yaml.",
        },
        providerType: {
          type: "string",
          minLength: 1,
          description: "Plugin type of that block, e.g. `vobiz`.",
        },
        id: {
          type: "string",
          minLength: 1,
          description: "Trunk id at the provider.",
        },
        name: {
          type: "string",
          description: "Desired name when trunks.yaml has one, else the remote one; for display only.",
        },
      },
    },
    trunkChange: {
      description: "What the plan does with one trunk, by `action`.",
      type: "object",
      required: ["action"],
      properties: {
        action: {
          enum: ["update", "no-op", "error"],
        },
      },
      oneOf: [
        {
          $ref: "#/$defs/updateChange",
        },
        {
          $ref: "#/$defs/noopChange",
        },
        {
          $ref: "#/$defs/errorChange",
        },
      ],
    },
    updateChange: {
      description: "The trunk differs from trunks.yaml: `apply` sends one full update.",
      $ref: "#/$defs/trunkRef",
      required: ["action", "fingerprint", "changes"],
      properties: {
        action: {
          const: "update",
        },
        fingerprint: {
          $ref: "#/$defs/fingerprint",
        },
        changes: {
          type: "array",
          minItems: 1,
          description: "Managed fields that differ, sorted by path.",
          items: {
            $ref: "#/$defs/fieldChange",
          },
        },
      },
      unevaluatedProperties: false,
    },
    noopChange: {
      description: "The trunk matches trunks.yaml.",
      $ref: "#/$defs/trunkRef",
      required: ["action", "fingerprint"],
      properties: {
        action: {
          const: "no-op",
        },
        fingerprint: {
          $ref: "#/$defs/fingerprint",
        },
      },
      unevaluatedProperties: false,
    },
    errorChange: {
      description: "The trunk cannot be planned; the plan says why.",
      $ref: "#/$defs/trunkRef",
      required: ["action", "error"],
      properties: {
        action: {
          const: "error",
        },
        error: {
          type: "object",
          required: ["kind", "message"],
          additionalProperties: false,
          properties: {
            kind: {
              enum: ["not-found", "read-failed", "incomplete", "provider-failed", "plugin-failed"],
              description:
                "not-found: no such trunk at the provider; read-failed: reading this trunk failed; incomplete: a full update body cannot be built (fields to add to trunks.yaml); provider-failed: the whole provider could not be read (e.g. credentials); plugin-failed: the provider's plugin failed (a bug in the plugin): on this trunk, or reading the whole provider (every trunk of the block gets the same error).",
            },
            message: {
              type: "string",
              minLength: 1,
            },
          },
        },
      },
      unevaluatedProperties: false,
    },
    fingerprint: {
      type: "string",
      minLength: 1,
      description:
        "The remote trunk's version when planned (`updated_at` or a hash); `apply` skips the trunk if it moved.",
    },
    fieldChange: {
      description: "One managed field that differs. A sensitive field carries neither value.",
      type: "object",
      required: ["path"],
      additionalProperties: false,
      properties: {
        path: {
          type: "string",
          minLength: 1,
          description: "Dotted path in the provider's update-API vocabulary, e.g. `auth.password`.",
        },
        before: {
          description: "Remote value; absent when the remote has none.",
        },
        after: {
          description: "Desired value from trunks.yaml.",
        },
        sensitive: {
          const: true,
        },
      },
      if: {
        required: ["sensitive"],
      },
      then: {
        not: {
          anyOf: [
            {
              required: ["before"],
            },
            {
              required: ["after"],
            },
          ],
        },
      },
      else: {
        required: ["after"],
      },
    },
    unmanagedReport: {
      type: "object",
      required: ["provider", "providerType", "supported", "count", "ids"],
      additionalProperties: false,
      properties: {
        provider: {
          type: "string",
          minLength: 1,
        },
        providerType: {
          type: "string",
          minLength: 1,
        },
        supported: {
          type: "boolean",
          description: "False when the provider's API cannot list trunks; count and ids are then empty.",
        },
        count: {
          $ref: "#/$defs/count",
        },
        ids: {
          type: "array",
          items: {
            type: "string",
          },
          description: "Undeclared trunk ids, sorted.",
        },
      },
      if: {
        properties: {
          supported: {
            const: false,
          },
        },
      },
      then: {
        properties: {
          count: {
            const: 0,
          },
          ids: {
            maxItems: 0,
          },
        },
      },
    },
    safetyViolation: {
      type: "object",
      required: ["provider", "limit", "count"],
      additionalProperties: false,
      properties: {
        provider: {
          type: ["string", "null"],
          description:
            "Provider block whose `maxChanges` is exceeded, or null for the global `--max-changes`.",
        },
        limit: {
          $ref: "#/$defs/count",
        },
        count: {
          $ref: "#/$defs/count",
          description: "Updates planned.",
        },
      },
    },
  },
};
