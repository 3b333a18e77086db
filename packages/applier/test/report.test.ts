import { describe, expect, it } from "vitest";
import { type ApplyResult, renderApplyReport } from "../src/index.js";

const result: ApplyResult = {
  outcomes: [
    {
      provider: "videosdk",
      id: "Sq1",
      name: "Twilio",
      status: "failed",
      message: "[videosdk] PUT /v2/sip-trunk/Sq1: 400 bad\nnumbers",
    },
    {
      provider: "vobiz",
      id: "a",
      name: "Acme",
      status: "applied",
      changes: [
        { path: "enabled", before: false, after: true },
        { path: "name", before: "x", after: "Acme" },
      ],
    },
    {
      provider: "vobiz",
      id: "b",
      status: "applied",
      changes: [{ path: "max_concurrent_calls", before: 1, after: 2 }],
    },
    { provider: "vobiz", id: "c", status: "applied", changes: [{ path: "name", before: "y", after: "z" }] },
    { provider: "vobiz", id: "d", status: "unchanged" },
  ],
  summary: { applied: 3, unchanged: 1, failed: 1, skipped: 0 },
  interrupted: false,
  durationMs: 12,
};

describe("renderApplyReport", () => {
  it("prints a line per trunk not already in sync, then the summary", () => {
    expect(renderApplyReport(result, { color: false })).toBe(
      [
        '✗ failed  videosdk Sq1 "Twilio": [videosdk] PUT /v2/sip-trunk/Sq1: 400 bad numbers',
        '✓ applied vobiz a "Acme": enabled, name',
        "✓ applied vobiz b: max_concurrent_calls",
        "✓ applied vobiz c: name",
        "Apply: 3 applied, 1 unchanged, 1 failed, 0 skipped.",
        "",
      ].join("\n"),
    );
  });

  it("says when the apply was interrupted", () => {
    const interrupted: ApplyResult = {
      outcomes: [{ provider: "vobiz", id: "a", status: "skipped", message: "interrupted" }],
      summary: { applied: 0, unchanged: 0, failed: 0, skipped: 1 },
      interrupted: true,
      durationMs: 1,
    };

    expect(renderApplyReport(interrupted, { color: false }).split("\n")).toEqual([
      "- skipped vobiz a: interrupted",
      "Interrupted: updates already sent were finished and the rest were not attempted; re-run plan to see where things stand.",
      "Apply: 0 applied, 0 unchanged, 0 failed, 1 skipped.",
      "",
    ]);
  });

  it.each([
    { color: true, hasEscapes: true },
    { color: false, hasEscapes: false },
  ])("colours the status only when color is $color", ({ color, hasEscapes }) => {
    expect(renderApplyReport(result, { color }).includes("\u001b[")).toBe(hasEscapes);
  });
});
