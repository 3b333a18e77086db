// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax under test
import { describe, expect, it } from "vitest";
import { interpolate } from "../src/config/interpolate.js";
import { parseYaml } from "../src/config/parse.js";
import { readPlainYaml } from "../src/config/plain-yaml.js";
import { load } from "./fixtures/load.js";
import { validYaml } from "./fixtures/plugins.js";

/** Distinctive values, so that a message quoting one, whole or in part, is caught. */
const SECRET = "S3cretSipPass";
const SHORT = "Q7";
const env = { SECRET, SHORT };

/** validYaml with one line replaced (and lines added after it, when `to` has several). */
const edit = (from: string, to: string) => {
  if (!validYaml.includes(from)) throw new Error(`validYaml has no ${JSON.stringify(from)}`);
  return validYaml.replace(from, () => to);
};

/** Where the value came from, as every message below names it instead of quoting it. */
const FROM = "(from ${env:SECRET})";

const cases = [
  {
    kind: "a mapping given a string (type)",
    text: edit('auth: { username: acme, password: "${env:SIP_PASSWORD}" }', "auth: ${env:SECRET}"),
    expected: `24:11 auth must be a mapping, got a string ${FROM}`,
  },
  {
    kind: "an integer given a string (type)",
    text: edit("max_calls: 25", "max_calls: ${env:SECRET}"),
    expected: `16:16 max_calls must be an integer, got a string ${FROM}`,
  },
  {
    kind: "a value outside an enum, with no did-you-mean",
    text: edit("direction: inbound", "direction: ${env:SECRET}"),
    expected: `22:16 direction must be one of inbound, outbound, got a string ${FROM}`,
  },
  {
    kind: "a list item failing a pattern",
    text: edit('numbers: ["+14155550100", "+14155550101"]', 'numbers: ["${env:SECRET}"]'),
    expected: `23:15 numbers[0] must match ^\\+[1-9]\\d{1,14}$, got a string ${FROM} (a phone number in E.164 form)`,
  },
  {
    kind: "a string too short (minLength)",
    text: edit("name: Twilio inbound", "name: ${env:SHORT}"),
    expected: "20:11 name must be at least 3 characters, got a string (from ${env:SHORT})",
  },
  {
    kind: "a string failing a format, the reference inside it",
    text: edit("domain: acme.pstn.twilio.com", "domain: sip/${env:SECRET}"),
    expected: `21:13 domain must be a valid hostname, got a string ${FROM}`,
  },
  {
    kind: "a const (version)",
    text: edit("version: 1", "version: ${env:SECRET}"),
    expected: `1:10 version must be 1, got a string ${FROM}`,
  },
  {
    kind: "an unknown provider, with no did-you-mean",
    text: edit("  - provider: acme-prod", "  - provider: ${env:SECRET}"),
    expected: `13:15 unknown provider ${FROM}; declared providers: acme-prod, globex`,
  },
  {
    kind: "a duplicate trunk id",
    text: edit("id: g-1", "id: ${env:SECRET}\n  - provider: globex\n    id: ${env:SECRET}"),
    expected: `21:9 duplicate trunk ${FROM} for provider "globex" (first defined on line 18)`,
  },
  {
    kind: "a plain-http baseUrl",
    text: edit("concurrency: 4", "concurrency: 4\n    baseUrl: http://${env:SECRET}.example"),
    expected: `8:14 baseUrl ${FROM} must use https (plain http is allowed only for localhost, 127.0.0.0/8 and [::1])`,
  },
  {
    kind: "a provider type no plugin answers to",
    text: edit("type: acme", "type: ${env:SECRET}"),
    expected: `4:11 type ${FROM} names no usable provider plugin; write the type in the file to see why`,
  },
];

/**
 * A file with problems is always read by the full parser in the end, so the same text is tried as the
 * fast reader takes it and with a document end marker (`...`), which leaves it to the parser from the start.
 */
const readers = [
  { reader: "as the fast reader reads it", shape: (text: string) => text, fast: true },
  { reader: "as only the full parser reads it", shape: (text: string) => `${text}...\n`, fast: false },
];

describe("a value from ${env:…} is never quoted in a message", () => {
  describe.each(readers)("$reader", ({ shape, fast }) => {
    it.each(cases)("names the variable for $kind", async ({ text, expected }) => {
      const shaped = shape(text);
      expect(readPlainYaml(shaped) !== undefined).toBe(fast);
      const { problems, config } = await load(shaped, env);
      expect(config).toBeUndefined();
      const messages = problems.map((p) => `${p.line}:${p.col} ${p.message}`);
      expect(messages).toContain(expected);
      for (const message of messages) {
        expect(message).not.toContain(SECRET);
        expect(message).not.toContain(SHORT);
      }
    });
  });

  it("learns the same sources from both readers", () => {
    const text = cases.map((c) => c.text).find((t) => t.includes("sip/${env:SECRET}")) ?? "";
    const fast = readPlainYaml(text);
    expect(fast).toBeDefined();
    const { refs } = interpolate(fast?.value, env, fast?.interpolable);
    expect(refs).toEqual(interpolate(parseYaml(text).value, env).refs);
    expect(refs).toContainEqual({ path: ["trunks", 1, "domain"], variable: "SECRET" });
  });

  it("still quotes a literal value, with its did-you-mean", async () => {
    const { problems } = await load(edit("direction: inbound", "direction: outbund"), env);
    expect(problems.map((p) => p.message)).toEqual([
      'direction must be one of inbound, outbound, got "outbund" (did you mean "outbound"?)',
    ]);
  });
});
