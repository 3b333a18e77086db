// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchDir, writeText } from "./helpers/workspace.js";
import { DEMO_ENV, run } from "./validate-helpers.js";

/*
 * Secrets written in trunks.yaml itself rather than through ${env:…}, in a file with problems: the
 * problems quote the file's lines and values, and no secret may show in them.
 */
const IN_AUTH = "acme:PlainPassw0rd";
const MISSPELT = "LiteralSipPw-999";
const TOKEN = "LiteralVobizTok-55";
const SECRETS = [IN_AUTH, MISSPELT, TOKEN];

const FILE = `version: 1
providers:
  vobiz-prod:
    type: vobiz
    authId: MA_DEMO0001
    authTokn: "${TOKEN}"
  videosdk:
    type: videosdk
    apiKey: \${env:VIDEOSDK_API_KEY}
    secret: \${env:VIDEOSDK_SECRET}
trunks:
  - provider: videosdk
    id: SqlZqn1U1ezvhWGRek6ow
    auth: "${IN_AUTH}"
  - provider: videosdk
    id: Vq3k9dTzL0pXw7mB2nHsa
    auth: { username: acme, pasword: "${MISSPELT}" }
`;

const leaks = (output: string) => SECRETS.filter((secret) => output.includes(secret));

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await scratchDir());
  await writeText(dir, "trunks.yaml", FILE);
});
afterAll(() => remove());

describe("problems in a file holding literal secrets", () => {
  it("validate redacts a secret of the wrong type in the message and in the line it quotes", async () => {
    const { code, stderr } = await run(["validate"], DEMO_ENV, dir);
    expect(code).toBe(1);
    expect(leaks(stderr)).toEqual([]);
    expect(stderr).toContain(
      [
        'trunks.yaml:14:11: auth must be a mapping, got "[redacted]"',
        '14 |     auth: "[redacted]"',
        "   |           ^",
      ].join("\n"),
    );
  });

  it("validate redacts the value of a misspelt secret key, the caret still under the key", async () => {
    const { stderr } = await run(["validate"], DEMO_ENV, dir);
    expect(stderr).toContain(
      [
        'trunks.yaml:17:29: unknown key "pasword" in auth (did you mean "password"?)',
        '17 |     auth: { username: acme, pasword: "[redacted]" }',
        "   |                             ^",
      ].join("\n"),
    );
    expect(stderr).toContain('6 |     authTokn: "[redacted]"');
  });

  it("validate --json redacts the same secrets and stays JSON", async () => {
    const { code, stdout } = await run(["validate", "--json"], DEMO_ENV, dir);
    expect(code).toBe(1);
    expect(leaks(stdout)).toEqual([]);
    const report = JSON.parse(stdout) as { problems: { message: string }[] };
    expect(report.problems.map((p) => p.message)).toContain('auth must be a mapping, got "[redacted]"');
  });

  it("plan, which loads the file the same way, redacts them in the problems it prints", async () => {
    const { code, stdout, stderr } = await run(["plan"], DEMO_ENV, dir);
    expect(code).toBe(1);
    expect(leaks(stdout + stderr)).toEqual([]);
    expect(stderr).toContain('14 |     auth: "[redacted]"');
  });
});
