import type { FieldChange, Plan } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { renderDriftMarkdown, renderMarkdown } from "../src/render/markdown.js";
import { failure, makePlan, noop, update } from "./builders.js";

const mixed = makePlan(
  [
    update("videosdk", "s1", [{ path: "auth.password", sensitive: true }], "Twilio inbound"),
    update("vobiz-prod", "v1", [{ path: "max_concurrent_calls", before: 10, after: 25 }], "Acme"),
    noop("vobiz-prod", "v2"),
    failure("vobiz-prod", "v3", "not-found", "trunk v3 not found at provider vobiz-prod"),
  ],
  {
    unmanaged: [
      { provider: "videosdk", providerType: "videosdk", supported: false, count: 0, ids: [] },
      { provider: "vobiz-prod", providerType: "vobiz", supported: true, count: 2, ids: ["u1", "u2"] },
    ],
  },
);

const manyUpdates = (n: number): Plan =>
  makePlan(
    Array.from({ length: n }, (_, i) =>
      update(
        "vobiz-prod",
        `trunk-${String(i).padStart(5, "0")}`,
        [{ path: "max_concurrent_calls", before: i, after: i + 1 }],
        `Trunk ${i}`,
      ),
    ),
  );

const count = (text: string, needle: string) => text.split(needle).length - 1;
const NOTE =
  /_… (\d+) more trunks not shown \(comment size limit\); run trunksync plan locally for the full plan\._\n$/;

describe("renderMarkdown", () => {
  const md = renderMarkdown(mixed);

  it.each([
    { name: "a title", line: "## trunksync plan" },
    { name: "the summary sentence", line: "**Plan: 2 to update, 1 unchanged, 1 error.**" },
    { name: "a summary table header", line: "| provider | to update | unchanged | errors |" },
    { name: "a row per provider", line: "| vobiz-prod | 1 | 1 | 1 |" },
    {
      name: "a collapsible block per changed trunk",
      line: "<details><summary><code>vobiz-prod/v1</code> Acme: 1 field</summary>",
    },
    {
      name: "field rows with before and after",
      line: "| <code>max&#95;concurrent&#95;calls</code> | <code>10</code> | <code>25</code> |",
    },
    {
      name: "no values for sensitive fields",
      line: "| <code>auth.password</code> | <em>(sensitive)</em> | <em>(sensitive value changed)</em> |",
    },
    { name: "an errors section", line: "### Errors" },
    {
      name: "each error with its kind",
      line: "- <code>vobiz-prod/v3</code>: **not-found**: trunk v3 not found at provider vobiz-prod",
    },
    { name: "an unmanaged section", line: "- vobiz-prod: 2 unmanaged trunks (not in trunks.yaml): u1, u2" },
    {
      name: "providers that cannot list",
      line: "- videosdk: unmanaged report unavailable (the videosdk trunk API cannot list trunks)",
    },
  ])("shows $name", ({ line }) => {
    expect(md.split("\n")).toContain(line);
  });

  it("does not list no-op trunks", () => {
    expect(md).not.toContain("/v2");
  });

  it("warns about an unsafe plan with its limits", () => {
    const unsafe = renderMarkdown({
      ...mixed,
      safety: { safe: false, violations: [{ provider: "vobiz-prod", limit: 0, count: 1 }] },
    });
    expect(unsafe).toContain("> [!WARNING]\n> **Unsafe plan:** `trunksync apply` will refuse it.");
    expect(unsafe).toContain("> - 1 updates for vobiz-prod exceed its maxChanges of 0");
    expect(md).not.toContain("[!WARNING]");
  });

  it("says there is nothing to change when all trunks match", () => {
    const clean = renderMarkdown(makePlan([noop("p", "a")]));
    expect(clean).toContain(
      "**Plan: 0 to update, 1 unchanged, 0 errors.**\n\nNo changes. Remote trunks match trunks.yaml.",
    );
  });

  it.each<{ name: string; field: FieldChange; absent: string[] }>([
    { name: "pipes", field: { path: "name", before: "a|b", after: "c" }, absent: ["a|b"] },
    { name: "backticks", field: { path: "name", before: "`rm -rf`", after: "c" }, absent: ["`rm"] },
    {
      name: "HTML",
      field: { path: "name", before: "<script>alert(1)</script>", after: "</details>" },
      absent: ["<script>", "</details> |"],
    },
    { name: "line breaks", field: { path: "name", before: "a\n| x | y |", after: "c" }, absent: ["\n| x"] },
  ])("escapes $name in values so the table keeps its shape", ({ field, absent }) => {
    const out = renderMarkdown(makePlan([update("p", "t", [field])]));
    for (const text of absent) expect(out).not.toContain(text);
    const row = out.split("\n").find((line) => line.startsWith("| <code>name</code>"));
    expect(row && count(row, "|")).toBe(4);
  });

  it("escapes trunk names from the provider", () => {
    const out = renderMarkdown(
      makePlan([update("p", "t", [{ path: "x", after: 1 }], "<img src=x onerror=alert(1)> **bold**")]),
    );
    expect(out).not.toContain("<img");
    expect(out).not.toContain("**bold**");
  });

  it("shows everything, without a note, when the plan fits", () => {
    const out = renderMarkdown(manyUpdates(20));
    expect(count(out, "<details>")).toBe(20);
    expect(out).not.toContain("more trunks not shown");
  });

  it("keeps a 5,000-change plan under GitHub's comment limit and says how many trunks it left out", () => {
    const out = renderMarkdown(manyUpdates(5000));
    expect(out.length).toBeLessThanOrEqual(65_000);
    const shown = count(out, "<details>");
    expect(shown).toBeGreaterThan(50);
    expect(count(out, "</details>")).toBe(shown);
    expect(Number(out.match(NOTE)?.[1])).toBe(5000 - shown);
    expect(out).toContain("**Plan: 5000 to update, 0 unchanged, 0 errors.**");
  });

  it("keeps a single trunk with 5,000 field changes under the limit", () => {
    const fields = Array.from({ length: 5000 }, (_, i) => ({
      path: `f${i}`,
      before: "x".repeat(50),
      after: "y".repeat(50),
    }));
    const out = renderMarkdown(
      makePlan([update("p", "huge", fields), update("p", "small", [{ path: "a", after: 1 }])]),
    );
    expect(out.length).toBeLessThanOrEqual(65_000);
    expect(out).toMatch(NOTE);
  });

  it.each([300, 1_000, 5_000])("respects a maxLength of %i", (maxLength) => {
    const out = renderMarkdown(manyUpdates(200), { maxLength });
    expect(out.length).toBeLessThanOrEqual(maxLength);
    expect(out).toMatch(/more trunks not shown/);
  });

  it("shows errors before changes, so truncation hides updates first", () => {
    const errors = Array.from({ length: 3 }, (_, i) => failure("p", `e${i}`, "read-failed", "boom"));
    const out = renderMarkdown(makePlan([...manyUpdates(500).changes, ...errors]), { maxLength: 4_000 });
    expect(count(out, "**read-failed**")).toBe(3);
    expect(out.indexOf("### Errors")).toBeLessThan(out.indexOf("### Changes"));
  });

  it("lists a provider that failed as a whole once, with the trunks it covers", () => {
    const denied = "[vobiz-prod] GET /trunks: Unauthorized";
    const out = renderMarkdown(
      makePlan(["a", "b", "c"].map((id) => failure("vobiz-prod", id, "provider-failed", denied))),
    );
    const shown = "&#91;vobiz-prod&#93; GET /trunks: Unauthorized";
    expect(out.split(shown)).toHaveLength(2);
    expect(out).toContain(`- <code>vobiz-prod</code> (3 trunks: a, b, c): **provider-failed**: ${shown}`);
  });

  it("cuts very long values in a cell", () => {
    const out = renderMarkdown(
      makePlan([
        update("p", "t", [{ path: "numbers", after: Array.from({ length: 500 }, (_, i) => `+1415555${i}`) }]),
      ]),
    );
    const row = out.split("\n").find((line) => line.startsWith("| <code>numbers"));
    expect(row?.length).toBeLessThan(2_000);
    expect(row).toContain("…</code>");
  });
});

describe("renderDriftMarkdown", () => {
  it("words the report for drift", () => {
    const out = renderDriftMarkdown(mixed);
    expect(out).toContain("## trunksync drift");
    expect(out).toContain("**Drift: 2 drifted, 1 in sync, 1 error.**");
    expect(out).toContain("| provider | drifted | unchanged | errors |");
  });

  it("heads each field table with remote and trunks.yaml rather than before and after", () => {
    const out = renderDriftMarkdown(mixed);
    expect(out).toContain("| field | remote | trunks.yaml |");
    expect(out).not.toContain("| field | before | after |");
  });

  it("points at trunksync drift when truncated", () => {
    expect(renderDriftMarkdown(manyUpdates(300), { maxLength: 3_000 })).toMatch(
      /run trunksync drift locally for the full drift\._\n$/,
    );
  });
});
