import { type JsonValue, type Plan, REDACTED, redactor } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import * as planner from "../src/index.js";
import { escapeMd } from "../src/render/markdown.js";
import { formatValue } from "../src/render/value.js";
import { printable } from "../src/render/wording.js";
import { failure, makePlan, noop, update } from "./builders.js";

/*
 * Renderers escape remote text, and the CLI redacts their finished output with core's redactor: a
 * secret a provider echoes must be found whatever a renderer turned its characters into. These
 * secrets hold every character the renderers escape.
 */
const MARKUP = "Zq&<>\"'|`\\*_[]~#Kx9";
const CONTROL = "Cw\u001b\u0085\r\n\tVn4";
/** Long enough to be cut in a Markdown table cell. */
const LONG = 'Lq"9_|<x>-Long-Secret-Value-0042';
const SECRETS = [MARKUP, CONTROL, LONG];

/** The letters and digits of a secret: no escaping changes them, so any left in the output leaked. */
const fragments = (secret: string) => secret.match(/[A-Za-z0-9]{2,}/g) ?? [];
const leaked = (output: string) => SECRETS.flatMap(fragments).filter((fragment) => output.includes(fragment));

describe("core's redactor on what the planner's escaping functions write", () => {
  const escapes: [string, (text: string) => string][] = [
    ["printable (text output)", printable],
    ["formatValue (a field value in text output)", (text) => formatValue(text)],
    ["escapeMd (Markdown)", escapeMd],
    ["escapeMd of formatValue (a field value in Markdown)", (text) => escapeMd(formatValue(text))],
    ["JSON (renderJson)", (text) => JSON.stringify({ message: text })],
  ];

  it.each(escapes)("finds a secret in what %s writes, and keeps the text around it", (_, escapeText) => {
    const redact = redactor(SECRETS);
    for (const secret of SECRETS) {
      const output = redact(escapeText(`before ${secret} after`));
      expect(leaked(output)).toEqual([]);
      expect(output).toContain(`before ${REDACTED} after`);
    }
  });
});

/** A plan with a secret wherever remote text is shown: names, ids, values, errors, unmanaged ids. */
const plan: Plan = makePlan(
  [
    update(
      "videosdk",
      `id-${MARKUP}`,
      [
        { path: "name", before: `Trunk ${MARKUP}`, after: "Clean name" },
        { path: "domain", before: CONTROL, after: "sip.example.com" },
        { path: "numbers", before: [LONG, MARKUP] as JsonValue, after: [] },
        // A long value is cut in a Markdown cell, here in the middle of the secret.
        { path: "description", before: `${"x".repeat(280)}${LONG}`, after: "" },
      ],
      `Name ${CONTROL}`,
    ),
    noop("vobiz-prod", "v2"),
    failure("vobiz-prod", "v3", "provider-failed", `password ${LONG} rejected ${CONTROL}`),
  ],
  {
    unmanaged: [
      { provider: "vobiz-prod", providerType: "vobiz", supported: true, count: 1, ids: [`u-${MARKUP}`] },
    ],
  },
);

describe("every renderer's output, redacted", () => {
  type Renderer = (plan: Plan, options: { color: boolean }) => string;
  // Every render function the planner exports, so that a new one is checked without being listed.
  const renderers = Object.entries(planner).filter(
    (entry): entry is [string, Renderer] => entry[0].startsWith("render") && typeof entry[1] === "function",
  );

  it("covers the renderers the CLI uses", () => {
    expect(renderers.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining([
        "renderDriftMarkdown",
        "renderDriftText",
        "renderJson",
        "renderMarkdown",
        "renderText",
      ]),
    );
  });

  it.each(renderers)("%s: shows the secrets before redaction, and no part of them after", (_, render) => {
    const output = render(plan, { color: true });
    expect(leaked(output).length).toBeGreaterThan(0);
    expect(leaked(redactor(SECRETS)(output))).toEqual([]);
  });
});
