// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax under test
import { describe, expect, it } from "vitest";
import { sourceSecrets } from "../src/index.js";
import { load } from "./fixtures/load.js";
import { env, validYaml } from "./fixtures/plugins.js";

/** validYaml with one line replaced (and lines added after it, when `to` has several). */
const edit = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`the text has no ${JSON.stringify(from)}`);
  return text.replace(from, () => to);
};
const AUTH = 'auth: { username: acme, password: "${env:SIP_PASSWORD}" }';

/** What sourceSecrets finds in `text`, loaded with the fixture plugins and environment; sorted. */
async function secretsOf(text: string, overrides: Record<string, string> = {}) {
  const result = await load(text, overrides);
  return (await sourceSecrets(text, result.plugins, { ...env, ...overrides })).sort();
}

describe("sourceSecrets", () => {
  it("holds what sensitive options and fields resolve to, written literally or read from the environment, and nothing else", async () => {
    const text = edit(validYaml, "token: ${env:ACME_TOKEN}", 'token: "Lit3ralAcmeTok"');
    expect(await secretsOf(text)).toEqual(["Lit3ralAcmeTok", env.GLOBEX_SECRET, env.SIP_PASSWORD].sort());
  });

  it("holds a string where a mapping holding a secret belongs, whatever is wrong with it", async () => {
    expect(await secretsOf(edit(validYaml, AUTH, 'auth: "acme:PlainPassw0rd"'))).toContain(
      "acme:PlainPassw0rd",
    );
    const list = await secretsOf(edit(validYaml, AUTH, 'auth: [acme, "ListPassw0rd"]'));
    expect(list).toEqual(expect.arrayContaining(["acme", "ListPassw0rd"]));
  });

  it("holds the value of a misspelt sibling of a secret, and not its known siblings", async () => {
    const found = await secretsOf(
      edit(validYaml, AUTH, 'auth: { username: acme, pasword: "LiteralSipPw-999" }'),
    );
    expect(found).toContain("LiteralSipPw-999");
    expect(found).not.toContain("acme");
  });

  it("holds an unknown key's value even when its name is one of an object's own properties", async () => {
    const found = await secretsOf(
      edit(validYaml, AUTH, 'auth: { username: acme, toString: "ProtoPassw0rd" }'),
    );
    expect(found).toContain("ProtoPassw0rd");
  });

  it("holds strings under an unknown key of a provider block that has a write-only option, not numbers", async () => {
    const text = edit(validYaml, "    concurrency: 4", '    concurency: 4\n    tokn: "LiteralAcmeTok-77"');
    const found = await secretsOf(text);
    expect(found).toContain("LiteralAcmeTok-77");
    expect(found).not.toContain("4");
  });

  it("holds every string under a trunk field the plugin's `fields` marks sensitive", async () => {
    const text = edit(
      validYaml,
      "    direction: inbound",
      '    direction: inbound\n    pin: { code: "Pin-7788", backup: [x1y2] }',
    );
    expect(await secretsOf(text)).toEqual(expect.arrayContaining(["Pin-7788", "x1y2"]));
  });

  it("keeps a ${env:…} reference readable: it holds the value read, not the reference", async () => {
    const text = edit(validYaml, AUTH, 'auth: { username: acme, password: "pre-${env:SIP_PASSWORD}" }');
    const found = await secretsOf(text);
    expect(found).toEqual(expect.arrayContaining([env.SIP_PASSWORD, `pre-${env.SIP_PASSWORD}`]));
    expect(found.filter((s) => s.includes("${env:"))).toEqual([]);
  });

  it("holds a literal with an escaped `$${` both as the file writes it and as it reads", async () => {
    const text = edit(validYaml, AUTH, 'auth: { username: acme, password: "Lit$${x}Pw" }');
    expect(await secretsOf(text)).toEqual(expect.arrayContaining(["Lit$${x}Pw", "Lit${x}Pw"]));
  });

  it("follows a provider block whose type comes from the environment", async () => {
    const text = edit(
      edit(validYaml, "    type: acme", "    type: ${env:ACME_TYPE}"),
      "token: ${env:ACME_TOKEN}",
      'token: "Lit3ralAcmeTok"',
    );
    expect(await secretsOf(text, { ACME_TYPE: "acme" })).toContain("Lit3ralAcmeTok");
  });

  it("gives nothing for a file that is not YAML, whose structure says nothing", async () => {
    expect(await secretsOf(`${validYaml}  - provider: [unclosed\n`)).toEqual([]);
  });
});
