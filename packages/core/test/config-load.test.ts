// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax under test
import { describe, expect, it } from "vitest";
import { loadConfigText } from "../src/index.js";
import { load, problemsOf } from "./fixtures/load.js";
import { schemaOnlyPlugin, validYaml } from "./fixtures/plugins.js";

/** The valid fixture with one substitution applied. */
const edit = (from: string, to: string) => {
  if (!validYaml.includes(from)) throw new Error(`fixture has no ${from}`);
  return validYaml.replace(from, to);
};

describe("loadConfigText on a valid file", () => {
  it("returns the providers with interpolated options and where the values came from", async () => {
    const { config, problems } = await load(validYaml);
    expect(problems).toEqual([]);
    expect(config?.providers["acme-prod"]).toEqual({
      name: "acme-prod",
      type: "acme",
      options: { type: "acme", accountId: "AC_1", token: "acme-secret-token", concurrency: 4 },
      envRefs: { token: "ACME_TOKEN" },
      location: { file: "t.yaml", line: 3, col: 3 },
    });
    expect(config?.providers.globex?.envRefs).toEqual({ apiKey: "GLOBEX_KEY", secret: "GLOBEX_SECRET" });
  });

  it("returns trunks with their managed fields only, in file order", async () => {
    const { config } = await load(validYaml);
    expect(config?.trunks.map((t) => [t.provider, t.id, t.location.line])).toEqual([
      ["acme-prod", "trunk-1", 13],
      ["globex", "g-1", 18],
    ]);
    expect(config?.trunks[0]?.fields).toEqual({ name: "Main", max_calls: 25, enabled: true });
    expect(config?.trunks[1]?.fields.auth).toEqual({ username: "acme", password: "sip-pass" });
  });

  it("records the absolute file and a sha256 digest of its bytes", async () => {
    const { config } = await load(validYaml);
    expect(config?.file).toBe(`${process.cwd()}/t.yaml`);
    expect(config?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const again = await load(`${validYaml}# a comment changes the digest\n`);
    expect(again.config?.digest).not.toBe(config?.digest);
  });

  it("resolves the plugins the file uses", async () => {
    const { plugins } = await load(validYaml);
    expect([...plugins.keys()]).toEqual(["acme", "globex"]);
  });

  it("accepts a file without trunks", async () => {
    const { config, problems } = await load("version: 1\nproviders: {}\n");
    expect(problems).toEqual([]);
    expect(config?.trunks).toEqual([]);
  });
});

describe("problems, located at the offending text", () => {
  it.each([
    {
      rule: "unknown trunk key, with a did-you-mean",
      text: edit("name: Main", "nmae: Main"),
      expected: ['15:5 unknown key "nmae" in trunks[0] (did you mean "name"?)'],
    },
    {
      rule: "unknown key with nothing close lists the known keys",
      text: edit("max_calls: 25", "colour: red"),
      expected: [
        '16:5 unknown key "colour" in trunks[0]; expected one of: enabled, id, max_calls, name, provider',
      ],
    },
    {
      rule: "unknown provider option",
      text: edit("concurrency: 4", "concurency: 4"),
      expected: ['7:5 unknown key "concurency" in provider "acme-prod" (did you mean "concurrency"?)'],
    },
    {
      rule: "unknown top-level key",
      text: edit("trunks:", "trunk:"),
      expected: ['12:1 unknown key "trunk" in the document (did you mean "trunks"?)'],
    },
    {
      rule: "wrong type",
      text: edit("max_calls: 25", "max_calls: 25x"),
      expected: ['16:16 max_calls must be an integer, got "25x"'],
    },
    {
      rule: "boolean expected",
      text: edit("enabled: true", "enabled: yes"),
      expected: ['17:14 enabled must be a boolean, got "yes"'],
    },
    {
      rule: "number below minimum",
      text: edit("max_calls: 25", "max_calls: -1"),
      expected: ["16:16 max_calls must be at least 0, got -1"],
    },
    {
      rule: "common option out of range",
      text: edit("concurrency: 4", "concurrency: 1000"),
      expected: ["7:18 concurrency must be at most 256, got 1000"],
    },
    {
      rule: "string too short",
      text: edit("name: Twilio inbound", "name: ab"),
      expected: ['20:11 name must be at least 3 characters, got "ab"'],
    },
    {
      rule: "enum, with a did-you-mean",
      text: edit("direction: inbound", "direction: inbond"),
      expected: ['22:16 direction must be one of inbound, outbound, got "inbond" (did you mean "inbound"?)'],
    },
    {
      rule: "pattern, with the item's description",
      text: edit('"+14155550101"', '"+1 415 555"'),
      expected: [
        '23:31 numbers[1] must match ^\\+[1-9]\\d{1,14}$, got "+1 415 555" (a phone number in E.164 form)',
      ],
    },
    {
      rule: "duplicate items in a set",
      text: edit('"+14155550101"', '"+14155550100"'),
      expected: ["23:31 numbers[1] repeats numbers[0]"],
    },
    {
      rule: "format",
      text: edit("domain: acme.pstn.twilio.com", "domain: acme_pstn!"),
      expected: ['21:13 domain must be a valid hostname, got "acme_pstn!"'],
    },
    {
      rule: "missing nested required key, pointing at its owner",
      text: edit('auth: { username: acme, password: "${env:SIP_PASSWORD}" }', "auth: { username: acme }"),
      expected: ['24:5 auth is missing required key "password"'],
    },
    {
      rule: "missing provider option",
      text: edit("    accountId: AC_1\n", ""),
      expected: ['3:3 provider "acme-prod" is missing required key "accountId"'],
    },
    {
      rule: "credential alternatives, reported once and not as a soup of branches",
      text: edit("    secret: ${env:GLOBEX_SECRET}\n", ""),
      expected: ['8:3 provider "globex" must set exactly one of: token | apiKey + secret'],
    },
    {
      rule: "both credential styles at once",
      text: edit("    apiKey:", "    token: t\n    apiKey:"),
      expected: ['8:3 provider "globex" must set exactly one of: token | apiKey + secret'],
    },
    {
      rule: "missing trunk id",
      text: edit("    id: g-1\n", ""),
      expected: ['18:5 trunks[1] is missing required key "id"'],
    },
    {
      rule: "version",
      text: edit("version: 1", "version: 2"),
      expected: ["1:10 version must be 1, got 2"],
    },
    {
      rule: "missing version",
      text: edit("version: 1\n", ""),
      expected: ['1:1 the document is missing required key "version"'],
    },
    {
      rule: "not a mapping at the top",
      text: "- version: 1\n",
      expected: ["1:1 the document must be a mapping, got a list"],
    },
    {
      rule: "provider block that is not a mapping",
      text: "version: 1\nproviders:\n  acme-prod: acme\n",
      expected: ['3:14 provider "acme-prod" must be a mapping, got "acme"'],
    },
    {
      rule: "provider name with spaces",
      text: "version: 1\nproviders:\n  acme prod: { type: acme, accountId: a, token: t }\n",
      expected: ['3:3 invalid key "acme prod" in providers: it must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$'],
    },
    {
      rule: "unknown provider type, with a did-you-mean and the known types",
      text: edit("type: acme", "type: acne"),
      expected: [
        '4:11 unknown provider type "acne" (did you mean "acme"?); known types: acme, globex, or a plugin package named trunksync-provider-*',
      ],
    },
    {
      rule: "trunk of an undeclared provider, with a did-you-mean",
      text: edit("  - provider: globex", "  - provider: globx"),
      expected: [
        '18:15 unknown provider "globx" (did you mean "globex"?); declared providers: acme-prod, globex',
      ],
    },
    {
      rule: "duplicate (provider, id) pair, at the second with the first's line",
      text: edit("id: g-1", "id: trunk-1").replace("provider: globex", "provider: acme-prod"),
      expected: expect.arrayContaining([
        '19:9 duplicate trunk "trunk-1" for provider "acme-prod" (first defined on line 13)',
      ]),
    },
    {
      rule: "duplicate YAML key, at the second with the first's line",
      text: edit("accountId: AC_1", "accountId: AC_1\n    accountId: AC_2"),
      expected: ['6:5 duplicate key "accountId" (first defined on line 5)'],
    },
    {
      rule: "plain http baseUrl off this machine",
      text: edit("concurrency: 4", "baseUrl: http://api.acme.example"),
      expected: [
        '7:14 baseUrl "http://api.acme.example" must use https (plain http is allowed only for localhost, 127.0.0.0/8 and [::1])',
      ],
    },
    {
      rule: "baseUrl that is not a URL",
      text: edit("concurrency: 4", "baseUrl: not a url"),
      expected: ['7:14 baseUrl must be a valid uri, got "not a url"'],
    },
    {
      rule: "baseUrl with a scheme that the URL parser still refuses",
      text: edit("concurrency: 4", "baseUrl: https://api.acme[.example"),
      expected: [
        '7:14 baseUrl "https://api.acme[.example" is not a valid URL (expected e.g. https://api.example.com)',
      ],
    },
    {
      rule: "missing environment variable, at the reference itself",
      text: validYaml,
      env: { SIP_PASSWORD: undefined },
      expected: ["24:40 environment variable SIP_PASSWORD is not set"],
    },
    {
      rule: "empty environment variable",
      text: validYaml,
      env: { ACME_TOKEN: "" },
      expected: ["6:12 environment variable ACME_TOKEN is empty"],
    },
  ])("reports $rule", async ({ text, env, expected }) => {
    expect(await problemsOf(text, env)).toEqual(expected);
  });

  it("accepts http on loopback for the emulator", async () => {
    expect(await problemsOf(edit("concurrency: 4", "baseUrl: http://127.0.0.1:4010"))).toEqual([]);
  });

  it("reports every problem at once, sorted by line and column", async () => {
    const text = edit("version: 1", "version: 2")
      .replace("name: Main", "nmae: Main")
      .replace("max_calls: 25", "max_calls: 25x")
      .replace("  - provider: globex", "  - provider: globx");
    expect(await problemsOf(text, { SIP_PASSWORD: undefined })).toEqual([
      "1:10 version must be 1, got 2",
      '15:5 unknown key "nmae" in trunks[0] (did you mean "name"?)',
      '16:16 max_calls must be an integer, got "25x"',
      '18:15 unknown provider "globx" (did you mean "globex"?); declared providers: acme-prod, globex',
      "24:40 environment variable SIP_PASSWORD is not set",
    ]);
  });

  it("gives problems a JSON pointer, the file and a severity", async () => {
    const { problems, config } = await load(edit("max_calls: 25", "max_calls: 25x"));
    expect(config).toBeUndefined();
    expect(problems).toEqual([
      {
        file: "t.yaml",
        line: 16,
        col: 16,
        path: "/trunks/0/max_calls",
        message: 'max_calls must be an integer, got "25x"',
        severity: "error",
      },
    ]);
  });

  it("never echoes a write-only value in a message", async () => {
    const problems = await problemsOf(edit("token: ${env:ACME_TOKEN}", "token: [hunter2]"));
    expect(problems).toEqual(["6:12 token must be a string, got a list"]);
    const numeric = await problemsOf(edit("token: ${env:ACME_TOKEN}", "token: 123456"));
    expect(numeric).toEqual(["6:12 token must be a string, got a number"]);
  });

  it("keeps warnings (unresolved tags) without failing the load", async () => {
    const { config, problems } = await load(edit("name: Main", "name: !custom Main"));
    expect(problems.map((p) => [p.line, p.col, p.severity, p.message])).toEqual([
      [15, 11, "warning", "Unresolved tag: !custom"],
    ]);
    expect(config?.trunks[0]?.fields.name).toBe("Main");
  });
});

describe("a failed pattern", () => {
  it("is worded by the schema's title when it has one, instead of quoting the expression", async () => {
    const plugin = schemaOnlyPlugin(
      "initech",
      {},
      {
        properties: {
          host: { type: "string", pattern: "^[a-z]+(?::\\d+)?$", title: "a host, with an optional :port" },
        },
      },
    );
    const text =
      "version: 1\nproviders:\n  initech: { type: initech }\ntrunks:\n  - { provider: initech, id: t1, host: 'a b' }\n";
    const { problems } = await loadConfigText(text, "t.yaml", { builtins: [plugin], env: {} });
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '5:40 host must be a host, with an optional :port, got "a b"',
    ]);
  });
});
