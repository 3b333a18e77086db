import { PassThrough, Writable } from "node:stream";
import type { Problem } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { reportNewBlockProblems } from "../src/import-source.js";
import type { CliIO } from "../src/io.js";

/** A problem of the block import builds in memory for `--provider vobiz`, as core's loader places it. */
const problem = (path: string, message: string, severity: Problem["severity"]): Problem => ({
  file: "trunks.yaml",
  line: 3,
  col: 5,
  path,
  message,
  severity,
});

function capturedIo() {
  let text = "";
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString("utf8");
      done();
    },
  });
  const io: CliIO = { stdout: new PassThrough(), stderr, env: {}, cwd: "/" };
  return { io, stderr: () => text };
}

describe("the problems of a provider block import sets up", () => {
  it("prints its warnings on stderr, without a place in a file that does not exist", () => {
    const { io, stderr } = capturedIo();
    const error = reportNewBlockProblems(
      [problem("/providers/vobiz/timeoutMs", "a warning core might give", "warning")],
      "vobiz",
      io,
    );
    expect(error).toBeUndefined();
    expect(stderr()).toBe("warning: a warning core might give\n");
  });

  it("gives its errors back unplaced, naming --base-url for the block's baseUrl, after printing the warnings", () => {
    const { io, stderr } = capturedIo();
    const error = reportNewBlockProblems(
      [
        problem("/providers/vobiz", "a warning core might give", "warning"),
        problem("/providers/vobiz/baseUrl", "baseUrl must be a valid uri", "error"),
        problem("/providers/vobiz/authId", "authId must not be empty", "error"),
      ],
      "vobiz",
      io,
    );
    expect(stderr()).toBe("warning: a warning core might give\n");
    expect(error?.problems.map((p) => [p.file, p.line, p.col, p.message])).toEqual([
      ["", 0, 0, "--base-url: baseUrl must be a valid uri"],
      ["", 0, 0, "authId must not be empty"],
    ]);
  });
});
