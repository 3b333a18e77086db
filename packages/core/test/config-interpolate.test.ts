// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax under test
import { describe, expect, it } from "vitest";
import { interpolate } from "../src/config/interpolate.js";
import { load, problemsOf } from "./fixtures/load.js";
import { validYaml } from "./fixtures/plugins.js";

const withName = (name: string) => validYaml.replace("name: Main", () => `name: ${name}`);
const nameOf = async (name: string, env: Record<string, string | undefined> = {}) =>
  (await load(withName(name), env)).config?.trunks[0]?.fields.name;

describe("${env:NAME} interpolation", () => {
  it.each([
    { rule: "replaces a whole value", name: "${env:NAME}", env: { NAME: "Main" }, expected: "Main" },
    {
      rule: "replaces inside a string",
      name: '"Acme ${env:SITE} trunk"',
      env: { SITE: "LA" },
      expected: "Acme LA trunk",
    },
    {
      rule: "replaces several references",
      name: "${env:A}-${env:B}",
      env: { A: "x", B: "y" },
      expected: "x-y",
    },
    { rule: "turns $${ into a literal ${", name: '"$${env:NAME}"', env: {}, expected: "${env:NAME}" },
    { rule: "leaves a lone $ alone", name: '"cost $5"', env: {}, expected: "cost $5" },
    {
      rule: "does not re-interpolate a value",
      name: "${env:NAME}",
      env: { NAME: "${env:OTHER}" },
      expected: "${env:OTHER}",
    },
  ])("$rule", async ({ name, env, expected }) => {
    expect(await nameOf(name, env)).toBe(expected);
  });

  it("does not interpolate keys", async () => {
    expect(await problemsOf(validYaml.replace("name: Main", "${env:NAME}: Main"), { NAME: "name" })).toEqual([
      '15:5 unknown key "${env:NAME}" in trunks[0]; expected one of: enabled, id, max_calls, name, provider',
    ]);
  });

  it.each([
    {
      rule: "an unset variable, at the reference inside the string",
      name: '"Acme ${env:SITE} trunk"',
      expected: "15:17 environment variable SITE is not set",
    },
    {
      rule: "a reference that is not env:",
      name: "${file:/etc/passwd}",
      expected:
        '15:11 unsupported reference "${file:/etc/passwd}": only ${env:NAME} is supported (write "$${" for a literal "${")',
    },
    {
      rule: "an invalid variable name",
      name: "${env:1BAD}",
      expected:
        '15:11 unsupported reference "${env:1BAD}": only ${env:NAME} is supported (write "$${" for a literal "${")',
    },
    {
      rule: "an unterminated reference",
      name: "${env:NAME",
      expected: '15:11 unterminated "${" (write "$${" for a literal "${")',
    },
  ])("reports $rule", async ({ name, expected }) => {
    expect(await problemsOf(withName(name), { SITE: undefined })).toEqual([expected]);
  });

  it("reports each missing variable once, not also as the empty value it leaves behind", async () => {
    expect(await problemsOf(validYaml, { ACME_TOKEN: undefined, GLOBEX_SECRET: undefined })).toEqual([
      "6:12 environment variable ACME_TOKEN is not set",
      "11:13 environment variable GLOBEX_SECRET is not set",
    ]);
  });

  it("records which environment variable each provider option came from", async () => {
    const text = validYaml.replace("accountId: AC_1", "accountId: ${env:ACME_ACCOUNT}");
    const { config } = await load(text, { ACME_ACCOUNT: "AC_9" });
    expect(config?.providers["acme-prod"]?.options.accountId).toBe("AC_9");
    expect(config?.providers["acme-prod"]?.envRefs).toEqual({
      accountId: "ACME_ACCOUNT",
      token: "ACME_TOKEN",
    });
  });

  it("leaves numbers and booleans as they are", async () => {
    const { config } = await load(validYaml);
    expect(config?.trunks[0]?.fields).toEqual({ name: "Main", max_calls: 25, enabled: true });
  });
});

describe("interpolate with the strings that can change listed", () => {
  const value = { a: "${env:X}", b: [{ c: "${env:X}", d: 1 }, { e: "${env:X}" }], f: { g: "${env:X}" } };

  it("visits the listed strings only, in the order given", () => {
    const { value: out, refs } = interpolate(value, { X: "x" }, [
      ["b", 0, "c"],
      ["f", "g"],
    ]);
    expect(out).toEqual({ a: "${env:X}", b: [{ c: "x", d: 1 }, { e: "${env:X}" }], f: { g: "x" } });
    expect(refs.map((r) => r.path)).toEqual([
      ["b", 0, "c"],
      ["f", "g"],
    ]);
  });

  it("copies the lists and mappings on the way to a changed string, and shares the rest", () => {
    const out = interpolate(value, { X: "x" }, [["b", 0, "c"]]).value as unknown as typeof value;
    expect(out).toEqual({ ...value, b: [{ c: "x", d: 1 }, value.b[1]] });
    expect(out.b[1]).toBe(value.b[1]);
    expect(out.f).toBe(value.f);
    expect(value.b[0]?.c).toBe("${env:X}");
  });

  it("visits nothing when no string can change", () => {
    expect(interpolate(value, {}, [])).toEqual({ value, issues: [], refs: [] });
    expect(interpolate(value, {}, []).value).toBe(value);
  });

  it("reports a listed reference it cannot resolve as the full walk does", () => {
    const listed = interpolate(value, {}, [["a"]]);
    expect(listed.issues).toEqual(interpolate({ a: value.a }, {}).issues);
    expect(listed.issues).toHaveLength(1);
  });
});
