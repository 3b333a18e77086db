import type { JsonObject } from "@trunksync/core";

/** A VideoSDK SIP trunk as `GET /v2/sip-trunk/:id` returns it (password in clear). */
export function videoSdkTrunk(overrides: JsonObject = {}): JsonObject {
  return {
    trunkId: "SqlZqn1U1ezvhWGRek6ow",
    auth: { username: "newUser", password: "newPassword" },
    name: "updatedTwilio",
    domain: "updated.example.com",
    direction: "inbound",
    numbers: ["+1987654321"],
    ...overrides,
  };
}
