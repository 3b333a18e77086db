import type { Plan, UnmanagedReport } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { renderDriftText, renderText } from "../src/render/text.js";
import { failure, makePlan, noop, update } from "./builders.js";

const VOBIZ_ID = "bfab10fb-cb97-488b-9c63-989c32980b0f";

const mixed = makePlan([
  update(
    "vobiz-prod",
    VOBIZ_ID,
    [
      { path: "description", after: "main line" },
      { path: "max_concurrent_calls", before: 10, after: 25 },
      { path: "name", before: "Old", after: "Acme Production Trunk" },
    ],
    "Acme Production Trunk",
  ),
  update("videosdk", "SqlZqn1U1ezvhWGRek6ow", [
    { path: "auth.password", sensitive: true },
    { path: "numbers", before: ["+14155550100"], after: ["+14155550100", "+14155550101"] },
  ]),
  noop("vobiz-prod", "quiet-trunk"),
  failure(
    "vobiz-prod",
    "gone-trunk",
    "not-found",
    "trunk gone-trunk not found at provider vobiz-prod; check the id",
  ),
]);

const lines = (text: string) => text.split("\n");
const unmanaged = (report: Partial<UnmanagedReport>): UnmanagedReport => ({
  provider: "vobiz-prod",
  providerType: "vobiz",
  supported: true,
  count: 0,
  ids: [],
  ...report,
});

describe("renderText", () => {
  const text = renderText(mixed, { color: false });

  it.each([
    {
      name: "a header per changed trunk, with its name",
      line: `~ vobiz-prod/${VOBIZ_ID} (Acme Production Trunk)`,
    },
    { name: "a header without a name when the trunk has none", line: "~ videosdk/SqlZqn1U1ezvhWGRek6ow" },
    { name: "a changed number as before → after", line: "    ~ max_concurrent_calls: 10 → 25" },
    { name: "strings quoted", line: '    ~ name: "Old" → "Acme Production Trunk"' },
    { name: "arrays as JSON", line: '    ~ numbers: ["+14155550100"] → ["+14155550100","+14155550101"]' },
    { name: "+ for a field the remote lacks", line: '    + description: "main line"' },
    { name: "no values for a sensitive field", line: "    ~ auth.password: (sensitive value changed)" },
    { name: "an error header", line: "! vobiz-prod/gone-trunk" },
    {
      name: "the error kind and message",
      line: "    not-found: trunk gone-trunk not found at provider vobiz-prod; check the id",
    },
  ])("shows $name", ({ line }) => {
    expect(lines(text)).toContain(line);
  });

  it("ends with the exact summary line", () => {
    expect(text.endsWith("\nPlan: 2 to update, 1 unchanged, 1 error.\n")).toBe(true);
  });

  it('says "1 error", in the singular, for a single failed trunk', () => {
    const one = renderText(makePlan([failure("p", "x", "read-failed", "boom")]), { color: false });
    expect(lines(one)).toContain("Plan: 0 to update, 0 unchanged, 1 error.");
  });

  it("counts no-op trunks without listing them", () => {
    expect(text).not.toContain("quiet-trunk");
  });

  it("says there is nothing to do when nothing changes, and still prints the summary", () => {
    const clean = renderText(makePlan([noop("vobiz-prod", "a"), noop("vobiz-prod", "b")]), { color: false });
    expect(clean).toBe(
      "No changes. Remote trunks match trunks.yaml.\nPlan: 0 to update, 2 unchanged, 0 errors.\n",
    );
  });

  it("does not claim a clean plan when there are errors", () => {
    const errors = renderText(makePlan([failure("p", "x", "read-failed", "boom")]), { color: false });
    expect(errors).not.toContain("No changes.");
  });

  it.each([
    {
      name: "lists unmanaged ids",
      report: unmanaged({ count: 2, ids: ["a1", "b2"] }),
      line: "vobiz-prod: 2 unmanaged trunks (not in trunks.yaml): a1, b2",
    },
    {
      name: "uses the singular for one unmanaged trunk",
      report: unmanaged({ count: 1, ids: ["a1"] }),
      line: "vobiz-prod: 1 unmanaged trunk (not in trunks.yaml): a1",
    },
    {
      name: "caps the unmanaged list",
      report: unmanaged({
        count: 13,
        ids: Array.from({ length: 13 }, (_, i) => `t${String(i).padStart(2, "0")}`),
      }),
      line: "vobiz-prod: 13 unmanaged trunks (not in trunks.yaml): t00, t01, t02, t03, t04, t05, t06, t07, t08, t09 … and 3 more",
    },
    {
      name: "says when a provider cannot list trunks",
      report: unmanaged({ provider: "videosdk", providerType: "videosdk", supported: false }),
      line: "videosdk: unmanaged report unavailable (the videosdk trunk API cannot list trunks)",
    },
  ])("$name", ({ report, line }) => {
    expect(lines(renderText(makePlan([], { unmanaged: [report] }), { color: false }))).toContain(line);
  });

  describe("a provider that failed as a whole", () => {
    const denied = "[vobiz-prod] GET /api/v1/Account/MA1/trunks: Unauthorized: bad token";
    const ids = Array.from({ length: 12 }, (_, i) => `t${String(i).padStart(2, "0")}`);
    const out = renderText(
      makePlan([
        ...ids.map((id) => failure("vobiz-prod", id, "provider-failed", denied)),
        failure("videosdk", "s1", "not-found", "trunk s1 not found at provider videosdk"),
      ]),
      { color: false },
    );

    it("is shown once, naming the trunks it covers, capped like the unmanaged list", () => {
      expect(out.split(denied)).toHaveLength(2);
      expect(lines(out)).toContain(
        "! vobiz-prod (12 trunks: t00, t01, t02, t03, t04, t05, t06, t07, t08, t09 … and 2 more)",
      );
      expect(lines(out)).toContain(`    provider-failed: ${denied}`);
    });

    it("is still the block's when the block has one trunk", () => {
      const one = renderText(makePlan([failure("vobiz-prod", "t00", "provider-failed", denied)]), {
        color: false,
      });
      expect(lines(one)).toContain("! vobiz-prod (1 trunk: t00)");
    });

    it("leaves other trunks' errors, and the per-trunk count in the summary, as they are", () => {
      expect(lines(out)).toContain("! videosdk/s1");
      expect(lines(out)).toContain("Plan: 0 to update, 0 unchanged, 13 errors.");
    });
  });

  describe("a plugin's bug", () => {
    const bug = 'provider block "acme": plugin "acme" failed in list: boom (a bug in the plugin "acme")';
    const own =
      'provider block "other": plugin "other" failed in updateBody: no body (a bug in the plugin "other")';
    const out = renderText(
      makePlan([
        failure("acme", "t1", "plugin-failed", bug),
        failure("acme", "t2", "plugin-failed", bug),
        failure("other", "s1", "plugin-failed", own),
      ]),
      { color: false },
    );

    it("that several trunks of a block share is shown once, naming them", () => {
      expect(out.split(bug)).toHaveLength(2);
      expect(lines(out)).toContain("! acme (2 trunks: t1, t2)");
      expect(lines(out)).toContain(`    plugin-failed: ${bug}`);
    });

    it("of one trunk alone is shown as that trunk's error", () => {
      expect(lines(out)).toContain("! other/s1");
      expect(lines(out)).toContain(`    plugin-failed: ${own}`);
      expect(out).not.toContain("other (1 trunk");
    });
  });

  it("says nothing about a provider without unmanaged trunks", () => {
    const out = renderText(makePlan([], { unmanaged: [unmanaged({})] }), { color: false });
    expect(out).not.toContain("unmanaged");
  });

  it("flags an unsafe plan with each limit and count", () => {
    const unsafe: Plan = {
      ...mixed,
      safety: {
        safe: false,
        violations: [
          { provider: "vobiz-prod", limit: 1, count: 2 },
          { provider: null, limit: 1, count: 2 },
        ],
      },
    };
    const out = lines(renderText(unsafe, { color: false }));
    expect(out).toContain("UNSAFE PLAN: apply will refuse it.");
    expect(out).toContain("  2 updates for vobiz-prod exceed its maxChanges of 1");
    expect(out).toContain("  2 updates in all exceed the limit of 1 (--max-changes)");
    expect(text).not.toContain("UNSAFE");
  });

  it("writes no ANSI escapes without colour (NO_COLOR, pipes)", () => {
    expect(text).not.toContain("\u001b");
  });

  it.each([
    { name: "yellow ~ for changes", snippet: "\u001b[33m~\u001b[0m max_concurrent_calls" },
    { name: "green + for new values", snippet: "\u001b[32m+\u001b[0m description" },
    { name: "red ! for errors", snippet: "\u001b[31m!\u001b[0m vobiz-prod/gone-trunk" },
  ])("colours $name when asked", ({ snippet }) => {
    expect(renderText(mixed, { color: true })).toContain(snippet);
  });

  it("escapes control characters that come from the provider", () => {
    const hostile = makePlan([
      update(
        "p",
        "x\u001b[2J",
        [{ path: "name", before: "a\u009b31m", after: "b" }],
        "evil\u001b]0;title\u0007",
      ),
    ]);
    const out = renderText(hostile, { color: false });
    const controls = [...out].filter((c) => c !== "\n" && (c < " " || (c >= "\u007f" && c <= "\u009f")));
    expect(controls).toEqual([]);
    expect(out).toContain("~ p/x\\u001b[2J (evil\\u001b]0;title\\u0007)");
  });
});

describe("renderDriftText", () => {
  it("words the summary for drift and leaves safety out", () => {
    const unsafe: Plan = {
      ...mixed,
      safety: { safe: false, violations: [{ provider: null, limit: 0, count: 2 }] },
    };
    const out = renderDriftText(unsafe, { color: false });
    expect(out.endsWith("\nDrift: 2 drifted, 1 in sync, 1 error.\n")).toBe(true);
    expect(out).not.toContain("UNSAFE");
    expect(out).toContain("    ~ max_concurrent_calls: 10 → 25");
  });

  it("starts with a legend saying which side is remote and which is trunks.yaml", () => {
    expect(renderDriftText(mixed, { color: false })).toMatch(
      /^Each drifted field shows: remote value → value in trunks\.yaml\.\n\n~ /,
    );
  });

  it("says there is no drift when everything matches", () => {
    expect(renderDriftText(makePlan([noop("p", "a")]), { color: false })).toBe(
      "No drift. Remote trunks match trunks.yaml.\nDrift: 0 drifted, 1 in sync, 0 errors.\n",
    );
  });
});
