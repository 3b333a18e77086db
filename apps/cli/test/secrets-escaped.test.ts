// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SEED } from "@trunksync/emulator";
import { beforeEach, describe, expect, it } from "vitest";
import { cell } from "../src/apply-summary-markdown.js";
import { runCli } from "./helpers/run-cli.js";
import { SIP_INBOUND, SIP_INBOUND_FIELDS } from "./helpers/seed-trunks.js";
import { trunksYaml, videosdkBlock } from "./helpers/trunks-yaml.js";
import { useEmulatorWorkspace, writeText } from "./helpers/workspace.js";

/*
 * Output formats escape what they quote, and the CLI redacts finished output: a secret must be
 * found in the form each format wrote it. Each secret holds characters its format escapes.
 */
/** JSON writes it `Pw\"with\\quote-1234`. */
const QUOTED = 'Pw"with\\quote-1234';
/** The job summary table writes it `Pw_under\|score\<99\>`, Markdown `Pw&#95;under&#124;score&#60;99&#62;`. */
const MARKUP = "Pw_under|score<99>";

/** The letters of a secret: however it is escaped they stay as they are, so finding one is a leak. */
const leaked = (output: string, secret: string) =>
  (secret.match(/[A-Za-z]{5,}/g) ?? []).filter((fragment) => output.includes(fragment));

const workspace = useEmulatorWorkspace({ emulator: { seed: DEFAULT_SEED }, per: "test" });

beforeEach(async () => {
  await writeText(
    workspace.dir,
    "trunks.yaml",
    trunksYaml({ videosdk: videosdkBlock(workspace.emulator.url) }, [
      {
        provider: "videosdk",
        id: SIP_INBOUND,
        ...SIP_INBOUND_FIELDS,
        auth: { username: "acme", password: "${env:SIP_PASSWORD}" },
      },
    ]),
  );
});

/** Makes the provider refuse the password update with a message quoting the password. */
function rejectQuoting(secret: string) {
  workspace.emulator.faults.rejectUpdates(SIP_INBOUND, {
    status: 400,
    message: `password ${secret} rejected`,
  });
}

describe("a secret in the form each output format writes it", () => {
  it("redacts a secret inside apply --json output even when it contains a quote and a backslash", async () => {
    rejectQuoting(QUOTED);
    const { code, stdout, stderr } = await runCli(["apply", "--auto-approve", "--json"], {
      cwd: workspace.dir,
      env: { SIP_PASSWORD: QUOTED },
    });
    expect(code).toBe(1);
    expect(leaked(stdout, QUOTED)).toEqual([]);
    expect(stdout).toContain("400 Bad Request: password [redacted] rejected");
    // Redacted in place: the output is still the JSON report.
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(leaked(stderr, QUOTED)).toEqual([]);
    expect(stderr).toContain("password [redacted] rejected");
  });

  it("redacts a secret with table characters in the job summary of a failed apply", async () => {
    rejectQuoting(MARKUP);
    const summary = join(workspace.dir, "summary.md");
    await writeFile(summary, "");
    const { code } = await runCli(["apply", "--auto-approve"], {
      cwd: workspace.dir,
      env: { SIP_PASSWORD: MARKUP, GITHUB_STEP_SUMMARY: summary },
    });
    expect(code).toBe(1);
    const written = await readFile(summary, "utf8");
    expect(leaked(written, MARKUP)).toEqual([]);
    expect(written).toMatch(/\| videosdk \| \S+ \| failed \| .*password \[redacted\] rejected \|/);
  });

  it("redacts a remote value equal to a secret in plan --format markdown as in text and JSON", async () => {
    workspace.emulator.faults.remoteEdit("videosdk", SIP_INBOUND, { name: MARKUP });
    const plan = (format: string) =>
      runCli(["plan", "--format", format], { cwd: workspace.dir, env: { SIP_PASSWORD: MARKUP } });

    const markdown = (await plan("markdown")).stdout;
    expect(leaked(markdown, MARKUP)).toEqual([]);
    expect(markdown).toContain(
      "| <code>name</code> | <code>&#34;[redacted]&#34;</code> | <code>&#34;Twilio inbound&#34;</code> |",
    );
    expect((await plan("text")).stdout).toContain('~ name: "[redacted]" → "Twilio inbound"');
    const json = JSON.parse((await plan("json")).stdout) as {
      changes: { changes?: { path: string; before?: unknown }[] }[];
    };
    const name = json.changes.flatMap((change) => change.changes ?? []).find((f) => f.path === "name");
    expect(name?.before).toBe("[redacted]");
  });
});

describe("core's redactor on what the job summary's table escaping writes", () => {
  it("finds a secret in a table cell, and keeps the text around it", async () => {
    const { redactor } = await import("@trunksync/core");
    for (const secret of [QUOTED, MARKUP, "Pw`tick`<b>|\\x"]) {
      const redacted = redactor([secret])(cell(`password ${secret} rejected`));
      expect(redacted).toBe("password [redacted] rejected");
    }
  });
});
