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

/** One DNS label: letters, digits and inner hyphens, at most 63 characters. */
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
/**
 * An IPv6 address in brackets, checked loosely (hex groups and colons, an IPv4 tail allowed): enough
 * to catch a typo, and the provider decides the rest.
 */
const BRACKETED_IPV6 = "\\[(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|\\d{1,3}(?:\\.\\d{1,3}){3})\\]";
/** 1 to 65535, no leading zero. */
const PORT = "(?:[1-9]\\d{0,3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}|655[0-2]\\d|6553[0-5])";

/**
 * A SIP domain as VideoSDK takes it: a hostname (an IPv4 address is one too, syntactically) of at
 * most 253 characters with an optional trailing dot, or a bracketed IPv6 address; either with an
 * optional `:port`. Upper case is allowed: domains compare case-insensitively.
 */
export const SIP_DOMAIN_PATTERN = `^(?![^:]{254})(?:${LABEL}(?:\\.${LABEL})*\\.?|${BRACKETED_IPV6})(?::${PORT})?$`;

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
      pattern: SIP_DOMAIN_PATTERN,
      title: "a hostname, IPv4 address or [IPv6] address, with an optional :port",
      description:
        "SIP domain of the trunk: a hostname, IPv4 address or bracketed IPv6 address, with an optional :port; compared case-insensitively.",
      examples: ["acme.pstn.twilio.com", "sip.example.com:5061"],
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
