// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax under test
import { describe, expect, it } from "vitest";
import { accountKey, loadConfigText, type ProviderPlugin } from "../src/index.js";
import { acme, env } from "./fixtures/plugins.js";

/** `acme` telling core which account a block reads: its `accountId` option. */
const accounted: ProviderPlugin = {
  ...acme,
  accountId: (options) => (typeof options.accountId === "string" ? options.accountId : undefined),
};

/** Two acme blocks, `acme-prod` and `acme-copy`, with these extra lines each, and `trunks` lines. */
function twoBlocks(prod: string[], copy: string[], trunks: string[]): string {
  return [
    "version: 1",
    "providers:",
    "  acme-prod:",
    "    type: acme",
    "    token: ${env:ACME_TOKEN}",
    ...prod.map((line) => `    ${line}`),
    "  acme-copy:",
    "    type: acme",
    "    token: ${env:ACME_TOKEN}",
    ...copy.map((line) => `    ${line}`),
    "trunks:",
    ...trunks,
    "",
  ].join("\n");
}

/** `trunk-1` under acme-prod (line 12 with one extra option line per block), then under acme-copy. */
const SAME_TRUNK_TWICE = [
  "  - provider: acme-prod",
  "    id: trunk-1",
  "    name: Main",
  "  - provider: acme-copy",
  "    id: trunk-1",
  "    name: Main",
];

async function problemsOf(
  text: string,
  plugin: ProviderPlugin = accounted,
  vars: Record<string, string> = {},
) {
  const { problems, config } = await loadConfigText(text, "t.yaml", {
    builtins: [plugin],
    env: { ...env, ...vars },
  });
  return { config, problems: problems.map((p) => `${p.line}:${p.col} ${p.message}`) };
}

const SHARED =
  '16:9 trunk "trunk-1" is already declared on line 12 under provider "acme-prod", which reads the same ' +
  'ACME account as provider "acme-copy": apply would update it from both entries, each undoing the other; declare it once';

describe("a trunk declared under two provider blocks of one account", () => {
  it("is refused at the second entry, naming the first entry's block and line", async () => {
    const { problems, config } = await problemsOf(
      twoBlocks(["accountId: AC_1"], ["accountId: AC_1"], SAME_TRUNK_TWICE),
    );
    expect(problems).toEqual([SHARED]);
    expect(config).toBeUndefined();
  });

  it.each([
    { rule: "an explicit default baseUrl", prod: [], copy: ["baseUrl: https://api.acme.example"] },
    { rule: "a trailing slash", prod: ["baseUrl: https://api.acme.example/"], copy: [] },
    { rule: "an upper-case host", prod: ["baseUrl: https://API.acme.example"], copy: [] },
  ])("is the same account on the same API endpoint written differently: $rule", async ({ prod, copy }) => {
    const { problems } = await problemsOf(
      twoBlocks(["accountId: AC_1", ...prod], ["accountId: AC_1", ...copy], SAME_TRUNK_TWICE),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      'under provider "acme-prod", which reads the same ACME account as provider "acme-copy"',
    );
  });

  it("is refused with the account from the environment, naming no value of it", async () => {
    const { problems } = await problemsOf(
      twoBlocks(["accountId: ${env:ACCOUNT}"], ["accountId: AC_9"], SAME_TRUNK_TWICE),
      accounted,
      { ACCOUNT: "AC_9" },
    );
    expect(problems).toEqual([SHARED]);
  });

  it.each([
    { rule: "other accounts", prod: ["accountId: AC_1"], copy: ["accountId: AC_2"] },
    {
      rule: "the same account id on another API endpoint",
      prod: ["accountId: AC_1"],
      copy: ["accountId: AC_1", "baseUrl: https://eu.api.acme.example"],
    },
    {
      rule: "the same account id at another path of one origin",
      prod: ["accountId: AC_1", "baseUrl: https://gateway.example/acme-a"],
      copy: ["accountId: AC_1", "baseUrl: https://gateway.example/acme-b"],
    },
  ])("is fine for $rule", async ({ prod, copy }) => {
    const { problems, config } = await problemsOf(twoBlocks(prod, copy, SAME_TRUNK_TWICE));
    expect(problems).toEqual([]);
    expect(config?.trunks).toHaveLength(2);
  });

  it("is fine when the plugin cannot say which account a block reads (no accountId hook)", async () => {
    const { problems } = await problemsOf(
      twoBlocks(["accountId: AC_1"], ["accountId: AC_1"], SAME_TRUNK_TWICE),
      acme,
    );
    expect(problems).toEqual([]);
  });

  it("is fine when the hook names no account for the options", async () => {
    const silent: ProviderPlugin = { ...acme, accountId: () => undefined };
    const { problems } = await problemsOf(
      twoBlocks(["accountId: AC_1"], ["accountId: AC_1"], SAME_TRUNK_TWICE),
      silent,
    );
    expect(problems).toEqual([]);
  });

  it("is not checked for a block whose options are invalid: only that problem is reported", async () => {
    const { problems } = await problemsOf(twoBlocks(["accountId: AC_1"], [], SAME_TRUNK_TWICE));
    expect(problems).toEqual(['7:3 provider "acme-copy" is missing required key "accountId"']);
  });

  it("leaves the same id twice under one block to the duplicate check, reported once", async () => {
    const { problems } = await problemsOf(
      twoBlocks(
        ["accountId: AC_1"],
        ["accountId: AC_1"],
        ["  - provider: acme-prod", "    id: trunk-1", "  - provider: acme-prod", "    id: trunk-1"],
      ),
    );
    expect(problems).toEqual([
      '15:9 duplicate trunk "trunk-1" for provider "acme-prod" (first defined on line 12)',
    ]);
  });

  it("lets blocks of one account declare different trunks", async () => {
    const { problems } = await problemsOf(
      twoBlocks(
        ["accountId: AC_1"],
        ["accountId: AC_1"],
        ["  - provider: acme-prod", "    id: trunk-1", "  - provider: acme-copy", "    id: trunk-2"],
      ),
    );
    expect(problems).toEqual([]);
  });
});

describe("a plugin's accountId that throws", () => {
  it("is reported at its block as the plugin's bug, with the block's credentials scrubbed", async () => {
    const throwing: ProviderPlugin = {
      ...acme,
      accountId: (options) => {
        throw new Error(`cannot read ${String(options.token)}`);
      },
    };
    const { problems } = await problemsOf(
      twoBlocks(["accountId: AC_1"], ["accountId: AC_1"], SAME_TRUNK_TWICE),
      throwing,
    );
    const failure = (line: number, block: string) =>
      `${line}:3 provider block "${block}": plugin "acme" failed in accountId: cannot read [redacted] ` +
      `(a bug in the plugin "acme", not in trunksync; report it to the plugin's authors)`;
    expect(problems).toEqual([failure(3, "acme-prod"), failure(7, "acme-copy")]);
    expect(problems.join("\n")).not.toContain(env.ACME_TOKEN);
  });
});

describe("accountKey", () => {
  const options = { type: "acme", accountId: "AC_1", token: "t" };

  it("is undefined without the hook, or when the hook gives no account", () => {
    expect(accountKey("acme", acme, options)).toBeUndefined();
    expect(accountKey("acme", { ...acme, accountId: () => "" }, options)).toBeUndefined();
  });

  it("differs by type, endpoint and account, and only by them", () => {
    const key = accountKey("acme", accounted, options);
    expect(key).toBeDefined();
    expect(accountKey("acme", accounted, { ...options, token: "other", concurrency: 2 })).toBe(key);
    expect(accountKey("acme", accounted, { ...options, baseUrl: "https://api.acme.example//" })).toBe(key);
    expect(accountKey("trunksync-provider-acme", accounted, options)).not.toBe(key);
    expect(accountKey("acme", accounted, { ...options, accountId: "AC_2" })).not.toBe(key);
    expect(accountKey("acme", accounted, { ...options, baseUrl: "https://api.acme.example:8443" })).not.toBe(
      key,
    );
  });
});
