import { loadConfigText } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { videosdkPlugin } from "../src/index.js";

/** A trunks.yaml with one VideoSDK trunk whose domain is `domain` (a YAML scalar, line 9). */
function withDomain(domain: string): string {
  return [
    "version: 1",
    "providers:",
    "  videosdk:",
    "    type: videosdk",
    "    token: a-ready-token",
    "trunks:",
    "  - provider: videosdk",
    "    id: SqlZqn1U1ezvhWGRek6ow",
    `    domain: "${domain}"`,
    "",
  ].join("\n");
}

async function problemsOf(domain: string): Promise<string[]> {
  const { problems } = await loadConfigText(withDomain(domain), "t.yaml", {
    builtins: [videosdkPlugin],
    env: {},
  });
  return problems.map((p) => `${p.line}:${p.col} ${p.message}`);
}

describe("a VideoSDK trunk's domain", () => {
  it.each([
    "acme.pstn.twilio.com",
    "Acme.PSTN.Twilio.com",
    "acme.pstn.twilio.com.",
    "localhost",
    "sip.example.com:5061",
    "sip.example.com.:5061",
    "sip.example.com:1",
    "sip.example.com:65535",
    "192.0.2.10",
    "192.0.2.10:5060",
    "[2001:db8::1]",
    "[2001:DB8::1]:5061",
    "[::1]:5060",
    "[::ffff:192.0.2.10]:5060",
    `${"a".repeat(63)}.example.com`,
  ])("accepts %s", async (domain) => {
    expect(await problemsOf(domain)).toEqual([]);
  });

  it.each([
    { rule: "port 0", domain: "sip.example.com:0" },
    { rule: "port above 65535", domain: "sip.example.com:65536" },
    { rule: "a port with a leading zero", domain: "sip.example.com:05061" },
    { rule: "an empty port", domain: "sip.example.com:" },
    { rule: "two ports", domain: "sip.example.com:5060:5061" },
    { rule: "a scheme", domain: "sip:acme.pstn.twilio.com" },
    { rule: "a path", domain: "acme.example.com/trunk" },
    { rule: "a space", domain: "acme example.com" },
    { rule: "an underscore", domain: "acme_pstn.example.com" },
    { rule: "a label starting with a hyphen", domain: "-acme.example.com" },
    { rule: "a label longer than 63 characters", domain: `${"a".repeat(64)}.example.com` },
    { rule: "a name longer than 253 characters", domain: `${"abcdefghi.".repeat(25)}example` },
    { rule: "an IPv6 address without brackets", domain: "2001:db8::1" },
    { rule: "a bracketed non-address", domain: "[sip.example.com]" },
    { rule: "an empty string", domain: "" },
  ])("refuses $rule, saying what a domain can be", async ({ domain }) => {
    // Messages quote at most 60 characters of a value.
    const shown = domain.length > 60 ? `${domain.slice(0, 57)}...` : domain;
    expect(await problemsOf(domain)).toEqual([
      `9:13 domain must be a hostname, IPv4 address or [IPv6] address, with an optional :port, got "${shown}"`,
    ]);
  });
});
