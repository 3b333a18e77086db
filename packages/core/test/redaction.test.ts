import { describe, expect, it } from "vitest";
import { MIN_REDACTED_LENGTH, REDACTED, redactor } from "../src/redaction.js";

// Secrets made of the characters output formats escape: quotes, backslashes, Markdown and HTML.
const QUOTED = 'Pw"with\\quote-1234';
const MARKUP = "Pw_under|score<99>&co";
const CONTROL = "Pw\u001bescape\ttab-77";

const jsonString = (text: string) => JSON.stringify(text).slice(1, -1);

describe("redactor: a secret as output formats write it", () => {
  it("redacts a secret inside JSON output even when it contains a quote and a backslash", () => {
    const output = JSON.stringify({ message: `password ${QUOTED} rejected` });
    const redacted = redactor([QUOTED])(output);
    expect(JSON.parse(redacted)).toEqual({ message: `password ${REDACTED} rejected` });
  });

  it("redacts a secret JSON-escaped twice (a JSON message quoting a JSON value, written as JSON)", () => {
    const message = `name must be a mapping, got ${JSON.stringify(QUOTED)}`;
    const output = JSON.stringify({ problems: [{ message }] }, null, 2);
    const redacted = redactor([QUOTED])(output);
    expect(JSON.parse(redacted)).toEqual({
      problems: [{ message: `name must be a mapping, got "${REDACTED}"` }],
    });
  });

  it("redacts a secret written as HTML entities, decimal, hexadecimal or named", () => {
    const redact = redactor([MARKUP]);
    expect(redact("<code>Pw&#95;under&#124;score&#60;99&#62;&#38;co</code>")).toBe(
      `<code>${REDACTED}</code>`,
    );
    expect(redact("Pw&#x5F;under&#X7c;score&lt;99&gt;&amp;co")).toBe(REDACTED);
  });

  it("redacts a secret whose escaping backslashes were themselves written as entities", () => {
    // JSON first (`\"`, `\\`), then Markdown (`\` as `&#92;`, `"` as `&#34;`).
    const markdown = jsonString(QUOTED).replace(/[\\"]/g, (c) => `&#${c.charCodeAt(0)};`);
    expect(markdown).toBe("Pw&#92;&#34;with&#92;&#92;quote-1234");
    expect(redactor([QUOTED])(`| ${markdown} |`)).toBe(`| ${REDACTED} |`);
  });

  it("redacts a secret with table separators escaped by backslashes", () => {
    expect(redactor([MARKUP])("| failed | Pw_under\\|score\\<99\\>&co |")).toBe(`| failed | ${REDACTED} |`);
  });

  it("redacts a secret whose control characters are written as escapes", () => {
    const redact = redactor([CONTROL]);
    expect(redact(`"${jsonString(CONTROL)}"`)).toBe(`"${REDACTED}"`);
    expect(redact("Pw\\u001Bescape\\u0009tab-77")).toBe(REDACTED);
    // YAML's double-quoted escapes, as a source line shows them.
    expect(redact('password: "Pw\\x1bescape\\ttab-77"')).toBe(`password: "${REDACTED}"`);
    expect(redact("Pw&#92;u001bescape&#92;u0009tab-77")).toBe(REDACTED);
  });

  it("redacts a secret with an apostrophe as a single-quoted YAML scalar writes it", () => {
    expect(redactor(["it's-a-secret"])("password: 'it''s-a-secret'")).toBe(`password: '${REDACTED}'`);
  });

  it("leaves a text alone when only a look-alike of the secret is in it", () => {
    const redact = redactor([QUOTED, MARKUP]);
    for (const text of ["Pw'with\\quote-1234", "Pw&#96;under|score<99>&co", "pw_under|score<99>&co"])
      expect(redact(text)).toBe(text);
  });

  it("keeps the escapes around a secret it replaces, so JSON stays valid", () => {
    const value = `"${QUOTED}"\\`;
    const redacted = redactor([QUOTED])(JSON.stringify({ value }));
    expect(JSON.parse(redacted)).toEqual({ value: `"${REDACTED}"\\` });
  });

  it(`redacts no value shorter than ${MIN_REDACTED_LENGTH} characters, in any form`, () => {
    const redact = redactor(['a"b']);
    expect(redact('a"b a\\"b a&#34;b')).toBe('a"b a\\"b a&#34;b');
  });
});

describe("redactor: a secret cut short by a renderer", () => {
  const LONG = "LongSecret-0123456789-abcdef";

  it("redacts the start of a long secret cut at an ellipsis", () => {
    const redact = redactor([LONG]);
    expect(redact(`got "${LONG.slice(0, 20)}..."`)).toBe(`got "${REDACTED}..."`);
    expect(redact(`| ${LONG.slice(0, 9)}… |`)).toBe(`| ${REDACTED}… |`);
  });

  it("redacts the end of a long secret after an ellipsis", () => {
    expect(redactor([LONG])(`…${LONG.slice(5)} more`)).toBe(`…${REDACTED} more`);
  });

  it("leaves parts shorter than 8 characters, and the start of a secret not followed by an ellipsis", () => {
    const redact = redactor([LONG]);
    for (const text of [`${LONG.slice(0, 7)}…`, `…${LONG.slice(-7)}`, `${LONG.slice(0, 20)} and more`])
      expect(redact(text)).toBe(text);
  });

  it("finds secrets of 12 characters or more cut short, and no shorter one", () => {
    expect(redactor(["Short-passw0"])("Short-pass…")).toBe(`${REDACTED}…`);
    expect(redactor(["Short-pass0"])("Short-pass…")).toBe("Short-pass…");
  });
});

describe("redactor: many secrets", () => {
  it("finds one of 10,000 secrets, escaped, in a text among others that hold none", () => {
    const secrets = Array.from({ length: 10_000 }, (_, i) => `sip"pw\\${i}-${(i * 7919).toString(36)}`);
    const redact = redactor(secrets);
    const secret = secrets[4321] as string;
    expect(redact(JSON.stringify({ message: `rejected ${secret}` }))).toBe(
      `{"message":"rejected ${REDACTED}"}`,
    );
    expect(redact("nothing to see here")).toBe("nothing to see here");
  });
});

describe("redactor: hostile text", () => {
  it("finishes quickly on a long run of backslashes and entities that never completes a secret", () => {
    const text = `${"\\".repeat(200_000)}Pw${"&#92;".repeat(50_000)}`;
    expect(redactor([QUOTED, MARKUP, CONTROL])(text)).toBe(text);
  });
});
