// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax, shown in editor hints
import type { JsonSchema } from "@trunksync/core";

/**
 * The options of a `type: videosdk` provider block: either a ready JWT (`token`) or the
 * API key and secret trunksync signs short-lived tokens with. Exactly one way.
 */
export const optionsSchema: JsonSchema = {
  type: "object",
  properties: {
    token: {
      type: "string",
      minLength: 1,
      writeOnly: true,
      description:
        "A ready VideoSDK JWT, sent as the bare Authorization header. Use instead of apiKey + secret.",
      examples: ["${env:VIDEOSDK_TOKEN}"],
    },
    apiKey: {
      type: "string",
      minLength: 1,
      description: "VideoSDK API key (the `apikey` claim of the tokens trunksync signs). Needs `secret`.",
      examples: ["${env:VIDEOSDK_API_KEY}"],
    },
    secret: {
      type: "string",
      minLength: 1,
      writeOnly: true,
      description: "VideoSDK API secret, used to sign HS256 tokens. Needs `apiKey`.",
      examples: ["${env:VIDEOSDK_SECRET}"],
    },
  },
  oneOf: [
    { required: ["token"], not: { anyOf: [{ required: ["apiKey"] }, { required: ["secret"] }] } },
    { required: ["apiKey", "secret"], not: { required: ["token"] } },
  ],
};

/**
 * A VideoSDK SIP trunk's managed fields, named as in `PUT /v2/sip-trunk/:id`.
 * All optional: a field left out is unmanaged and keeps its remote value.
 */
export const trunkSchema: JsonSchema = {
  type: "object",
  properties: {
    name: {
      type: "string",
      minLength: 3,
      description: "Trunk name (at least 3 characters).",
      examples: ["Twilio inbound"],
    },
    domain: {
      type: "string",
      format: "hostname",
      description: "SIP domain of the trunk; compared case-insensitively.",
      examples: ["acme.pstn.twilio.com"],
    },
    direction: {
      enum: ["inbound", "outbound"],
      description: "Call direction of the trunk.",
      examples: ["inbound"],
    },
    numbers: {
      type: "array",
      uniqueItems: true,
      items: {
        type: "string",
        pattern: "^\\+[1-9]\\d{1,14}$",
        description: "A phone number in E.164 form.",
        examples: ["+14155550100"],
      },
      description: "Phone numbers on the trunk, E.164; compared as a set (order does not matter).",
      examples: [["+14155550100"]],
    },
    auth: {
      type: "object",
      properties: {
        username: {
          type: "string",
          minLength: 1,
          description: "SIP digest username.",
          examples: ["acme"],
        },
        password: {
          type: "string",
          minLength: 1,
          writeOnly: true,
          description: "SIP digest password. Keep it out of git: `${env:SIP_PASSWORD}`.",
          examples: ["${env:TWILIO_SIP_PASSWORD}"],
        },
      },
      required: ["username", "password"],
      additionalProperties: false,
      description: "SIP digest credentials; give both username and password.",
    },
  },
};
