import { describe, expect, it } from "vitest";
import type { Config } from "../src/config/types.js";
import { secretValues } from "../src/index.js";
import { REDACTED, redactor } from "../src/redaction.js";
import { BACKUP, block, PASSWORD, plugin, TOKEN, trunk } from "./fixtures/nested-auth.js";

describe("secretValues", () => {
  it("includes every string under a trunk field the plugin's `fields` marks sensitive as an object", () => {
    const config: Config = {
      file: "/repo/trunks.yaml",
      digest: "sha256:0",
      providers: { "acme-prod": block },
      trunks: [{ provider: "acme-prod", id: "t1", fields: trunk, location: block.location }],
    };
    const plugins = new Map([["trunksync-provider-acme", plugin]]);
    // Longest first, then by code unit.
    expect(secretValues(config, plugins)).toEqual([BACKUP, PASSWORD, TOKEN, "main"]);
  });
});

describe("redactor", () => {
  it("replaces each secret of 4 characters or more whole, longest first, in one pass", () => {
    const redact = redactor(["abc", "dact", "pass", "password1"]);
    expect(redact("abc password1 pass redacted")).toBe(`abc ${REDACTED} ${REDACTED} re${REDACTED}ed`);
  });

  it("leaves text as it is without secrets", () => {
    expect(redactor([])("[redacted] stays")).toBe("[redacted] stays");
  });
});
