// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax under test
import { describe, expect, it } from "vitest";
import { DEMO_ENV, run } from "./validate-helpers.js";

/** `line:col message` of every problem `validate --json` reports for a file. */
async function problemsOf(file: string, env: Record<string, string> = DEMO_ENV) {
  const { code, stdout } = await run(["validate", "-c", file, "--json"], env);
  const report = JSON.parse(stdout) as {
    valid: boolean;
    problems: { line: number; col: number; message: string }[];
  };
  expect(code).toBe(report.valid ? 0 : 1);
  return report.problems.map((p) => `${p.line}:${p.col} ${p.message}`);
}

describe("trunksync validate on examples/trunks.yaml", () => {
  it("says the example is valid, counting trunks and providers, and exits 0", async () => {
    const { code, stdout, stderr } = await run(["validate", "-c", "examples/trunks.yaml"]);
    expect({ code, stdout, stderr }).toEqual({
      code: 0,
      stdout: "✓ examples/trunks.yaml is valid: 4 trunks in 2 providers\n",
      stderr: "",
    });
  });

  it("reports a missing environment variable at its reference, and exits 1", async () => {
    const { TWILIO_SIP_PASSWORD: _, ...env } = DEMO_ENV;
    const { code, stdout, stderr } = await run(["validate", "-c", "examples/trunks.yaml"], env);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      [
        "examples/trunks.yaml:49:17: environment variable TWILIO_SIP_PASSWORD is not set",
        "49 |       password: ${env:TWILIO_SIP_PASSWORD}",
        "   |                 ^",
        "✗ examples/trunks.yaml is invalid: 1 problem",
        "",
      ].join("\n"),
    );
  });

  it("prints a JSON report with --json and with --format json", async () => {
    for (const flags of [["--json"], ["--format", "json"]]) {
      const { code, stdout } = await run(["validate", "-c", "examples/trunks.yaml", ...flags]);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ valid: true, file: "examples/trunks.yaml", problems: [] });
    }
  });

  it("reads -c relative to the working directory", async () => {
    const { code } = await run(
      ["validate", "-c", "trunks.yaml"],
      DEMO_ENV,
      `${process.cwd()}/../../examples`,
    );
    expect(code).toBe(0);
  });

  it("defaults to ./trunks.yaml and says when it is missing", async () => {
    const { code, stderr } = await run(["validate"], DEMO_ENV, `${process.cwd()}/test`);
    expect(code).toBe(1);
    expect(stderr).toBe(
      "trunks.yaml: cannot read the file: no such file\n✗ trunks.yaml is invalid: 1 problem\n",
    );
  });

  it("rejects an unknown --format", async () => {
    const { code, stderr } = await run(["validate", "--format", "yaml"]);
    expect(code).toBe(1);
    expect(stderr).toContain("argument 'yaml' is invalid");
  });
});

describe("trunksync validate on examples/invalid", () => {
  it.each([
    {
      file: "syntax-error.yaml",
      expected: [
        "12:5 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ],
    },
    {
      file: "unknown-key.yaml",
      expected: [
        '12:5 unknown key "max_concurent_calls" in trunks[0] (did you mean "max_concurrent_calls"?)',
      ],
    },
    {
      file: "bad-types.yaml",
      expected: [
        "8:18 concurrency must be at least 1, got 0",
        '16:27 max_concurrent_calls must be an integer, got "25"',
        '17:14 enabled must be a boolean, got "yes"',
        '20:11 name must be at least 3 characters, got "TW"',
        '21:13 domain must be a hostname, IPv4 address or [IPv6] address, with an optional :port, got "acme pstn"',
        '22:16 direction must be one of inbound, outbound, got "both"',
        '23:31 numbers[1] must match ^\\+[1-9]\\d{1,14}$, got "4155550101" (a phone number in E.164 form)',
      ],
    },
    {
      file: "undeclared-provider.yaml",
      expected: [
        '9:15 unknown provider "vobiz-production" (did you mean "vobiz-prod"?); declared providers: vobiz-prod',
      ],
    },
    {
      file: "duplicate-trunk.yaml",
      expected: [
        '13:9 duplicate trunk "bfab10fb-cb97-488b-9c63-989c32980b0f" for provider "vobiz-prod" (first defined on line 9)',
      ],
    },
    {
      file: "duplicate-key.yaml",
      expected: ['13:5 duplicate key "name" (first defined on line 11)'],
    },
    {
      file: "missing-env.yaml",
      expected: ["7:16 environment variable TRUNKSYNC_EXAMPLE_UNSET_TOKEN is not set"],
    },
    {
      file: "unknown-type.yaml",
      expected: [
        '5:11 unknown provider type "vobis" (did you mean "vobiz"?); known types: videosdk, vobiz, or a plugin package named trunksync-provider-*',
      ],
    },
    {
      file: "videosdk-credentials.yaml",
      expected: ['4:3 provider "videosdk" must set exactly one of: token | apiKey + secret'],
    },
  ])("reports $file exactly, and exits 1", async ({ file, expected }) => {
    expect(await problemsOf(`examples/invalid/${file}`, DEMO_ENV)).toEqual(expected);
  });

  it("prints each problem with the offending line and a caret in text mode", async () => {
    const { code, stdout, stderr } = await run(["validate", "-c", "examples/invalid/unknown-key.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      [
        'examples/invalid/unknown-key.yaml:12:5: unknown key "max_concurent_calls" in trunks[0] (did you mean "max_concurrent_calls"?)',
        "12 |     max_concurent_calls: 25",
        "   |     ^",
        "✗ examples/invalid/unknown-key.yaml is invalid: 1 problem",
        "",
      ].join("\n"),
    );
  });

  it("gives each JSON problem its file, position, path, message and severity", async () => {
    const { stdout } = await run(["validate", "-c", "examples/invalid/duplicate-key.yaml", "--json"]);
    expect(JSON.parse(stdout)).toEqual({
      valid: false,
      file: "examples/invalid/duplicate-key.yaml",
      problems: [
        {
          file: "examples/invalid/duplicate-key.yaml",
          line: 13,
          col: 5,
          path: "",
          message: 'duplicate key "name" (first defined on line 11)',
          severity: "error",
        },
      ],
    });
  });

  it("colours problems only when the terminal allows it", async () => {
    const plain = await run(["validate", "-c", "examples/invalid/unknown-key.yaml"]);
    expect(plain.stderr).not.toContain("\u001b[");
    const forced = await run(["validate", "-c", "examples/invalid/unknown-key.yaml"], {
      ...DEMO_ENV,
      FORCE_COLOR: "1",
    });
    expect(forced.stderr).toContain("\u001b[31m");
  });
});
