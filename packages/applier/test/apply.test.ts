import { type JsonObject, ProviderError } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { type ApplyEvent, apply } from "../src/index.js";
import { world } from "./builders.js";

const remote = { name: "Old", max_concurrent_calls: 10, enabled: false };

describe("apply", () => {
  it.each<{ name: string; desired: JsonObject; body: JsonObject }>([
    {
      name: "keeps enabled when only name changes",
      desired: { name: "New" },
      body: { name: "New", max_concurrent_calls: 10, enabled: false },
    },
    {
      name: "keeps name when only max_concurrent_calls changes",
      desired: { max_concurrent_calls: 25 },
      body: { name: "Old", max_concurrent_calls: 25, enabled: false },
    },
    {
      name: "sends every managed field that changed",
      desired: { name: "New", max_concurrent_calls: 25, enabled: true },
      body: { name: "New", max_concurrent_calls: 25, enabled: true },
    },
  ])("$name", async ({ desired, body }) => {
    const w = world({ providers: { p: {} }, trunks: [{ provider: "p", id: "t1", desired, remote }] });

    const result = await apply(w.plan, w);

    expect(w.client("p").puts).toEqual([{ id: "t1", body }]);
    expect(result.outcomes).toMatchObject([{ provider: "p", id: "t1", status: "applied" }]);
  });

  it("sends one PUT per update and none for trunks already in sync", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [
        { provider: "p", id: "a", desired: { name: "A2" }, remote: { ...remote, name: "A" } },
        { provider: "p", id: "b", desired: { name: "B" }, remote: { ...remote, name: "B" } },
        { provider: "p", id: "c", desired: { enabled: true }, remote },
      ],
    });

    const result = await apply(w.plan, w);

    expect(w.client("p").puts.map((p) => p.id)).toEqual(["a", "c"]);
    expect(result.outcomes.map((o) => [o.id, o.status])).toEqual([
      ["a", "applied"],
      ["b", "unchanged"],
      ["c", "applied"],
    ]);
    expect(result.summary).toEqual({ applied: 2, unchanged: 1, failed: 0, skipped: 0 });
  });

  it("reports a plan error as failed with the plan's message and sends nothing for it", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "gone", desired: { name: "X" } }],
    });

    const result = await apply(w.plan, w);

    expect(w.client("p").puts).toEqual([]);
    expect(result.outcomes).toEqual([
      { provider: "p", id: "gone", name: "X", status: "failed", message: "trunk not found" },
    ]);
  });

  it("fails a trunk whose full body cannot be built, naming the missing field", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [
        {
          provider: "p",
          id: "t1",
          desired: { name: "New" },
          remote: { name: "Old", max_concurrent_calls: 3 },
        },
      ],
    });

    const result = await apply(w.plan, w);

    expect(w.client("p").puts).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({
      status: "failed",
      message: expect.stringContaining("enabled missing"),
    });
  });

  it("fails a trunk the remote state has no entry for, without sending it", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
    });

    const result = await apply(w.plan, { ...w, state: new Map() });

    expect(w.client("p").puts).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({
      status: "failed",
      message: expect.stringContaining("re-run plan"),
    });
  });

  it("goes on with the other trunks when one PUT fails, reporting the provider's message", async () => {
    const w = world({
      providers: { p: { concurrency: 1 } },
      trunks: ["a", "b", "c"].map((id) => ({ provider: "p", id, desired: { name: `${id}-new` }, remote })),
    });
    const error = new ProviderError(
      { provider: "p", method: "PUT", path: "/trunks/b", status: 400 },
      "max_concurrent_calls is required",
    );
    w.client("p").failPut.set("b", error);

    const result = await apply(w.plan, w);

    expect(result.outcomes.map((o) => [o.id, o.status, o.message])).toEqual([
      ["a", "applied", undefined],
      ["b", "failed", "[p] PUT /trunks/b: 400 max_concurrent_calls is required"],
      ["c", "applied", undefined],
    ]);
    expect(result.summary).toEqual({ applied: 2, unchanged: 0, failed: 1, skipped: 0 });
  });

  it("starts no other trunk after the first failure with failFast", async () => {
    const w = world({
      providers: { p: { concurrency: 1 } },
      trunks: ["a", "b", "c"].map((id) => ({ provider: "p", id, desired: { name: `${id}-new` }, remote })),
    });
    w.client("p").failPut.set("a", new Error("boom"));

    const result = await apply(w.plan, { ...w, failFast: true });

    expect(w.client("p").puts.map((p) => p.id)).toEqual(["a"]);
    expect(result.outcomes.map((o) => [o.id, o.status, o.message])).toEqual([
      ["a", "failed", "boom"],
      ["b", "skipped", "not attempted: --fail-fast after an earlier failure"],
      ["c", "skipped", "not attempted: --fail-fast after an earlier failure"],
    ]);
  });

  it("sorts outcomes by provider, then trunk id, whatever order the plan had", async () => {
    const w = world({
      providers: { zeta: {}, alpha: {} },
      trunks: [
        { provider: "zeta", id: "b", desired: { name: "n" }, remote },
        { provider: "alpha", id: "z", desired: { name: "n" }, remote },
        { provider: "alpha", id: "a", desired: { name: "Old" }, remote },
      ],
    });

    const result = await apply({ ...w.plan, changes: [...w.plan.changes].reverse() }, w);

    expect(result.outcomes.map((o) => `${o.provider}/${o.id}`)).toEqual(["alpha/a", "alpha/z", "zeta/b"]);
  });

  it("tells onEvent when each update starts and how it finished", async () => {
    const w = world({
      providers: { p: { concurrency: 1 } },
      trunks: [
        { provider: "p", id: "a", desired: { name: "A" }, remote },
        { provider: "p", id: "b", desired: { name: "Old" }, remote },
      ],
    });
    const events: ApplyEvent[] = [];

    await apply(w.plan, { ...w, onEvent: (e) => events.push(e) });

    expect(events).toEqual([
      { type: "trunk-started", trunk: { provider: "p", providerType: "fake", id: "a", name: "A" } },
      { type: "trunk-finished", outcome: expect.objectContaining({ id: "a", status: "applied" }) },
    ]);
  });

  it("keeps secrets out of the result, whatever happens to the trunks", async () => {
    const secret = "s3cret-sip-password";
    const auth = { username: "acme", password: secret };
    const w = world({
      providers: { p: { concurrency: 1 } },
      required: ["name", "auth"],
      trunks: [
        {
          provider: "p",
          id: "a",
          desired: { auth },
          remote: { name: "A", auth: { username: "acme", password: "old" } },
        },
        {
          provider: "p",
          id: "b",
          desired: { auth },
          remote: { name: "B", auth: { username: "x", password: "old" } },
        },
        {
          provider: "p",
          id: "c",
          desired: { auth },
          remote: { name: "C", auth: { username: "x", password: "old" } },
        },
      ],
    });
    w.client("p").failPut.set("b", new Error("rejected"));
    // c is accepted but the provider keeps its old password: verification must not print either.
    w.client("p").stores = (body) =>
      body.name === "C" ? { ...body, auth: { username: "acme", password: "old" } } : body;

    const result = await apply(w.plan, w);

    expect(w.client("p").puts.map((p) => p.body.auth)).toEqual([auth, auth, auth]);
    expect(result.summary).toMatchObject({ applied: 1, failed: 2 });
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(result)).not.toContain('"old"');
  });
});
