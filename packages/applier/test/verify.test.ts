import { describe, expect, it } from "vitest";
import { type ApplyEvent, apply } from "../src/index.js";
import { world } from "./builders.js";

const remote = { name: "Old", max_concurrent_calls: 10, enabled: true };

describe("verification after apply", () => {
  it("reads back the applied trunks with one read per provider", async () => {
    const w = world({
      providers: { a: {}, b: {} },
      trunks: [
        { provider: "a", id: "a2", desired: { name: "New" }, remote },
        { provider: "a", id: "a1", desired: { name: "New" }, remote },
        { provider: "a", id: "a3", desired: { name: "Old" }, remote },
        { provider: "b", id: "b1", desired: { name: "New" }, remote },
      ],
    });

    const result = await apply(w.plan, w);

    expect(w.client("a").reads).toEqual([["a1", "a2"]]);
    expect(w.client("b").reads).toEqual([["b1"]]);
    expect(result.summary).toEqual({ applied: 3, unchanged: 1, failed: 0, skipped: 0 });
  });

  it("fails a trunk the provider accepted but stored differently, saying what it reads back", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New", max_concurrent_calls: 500 }, remote }],
    });
    w.client("p").stores = (body) => ({ ...body, max_concurrent_calls: 100 });
    const events: ApplyEvent[] = [];

    const result = await apply(w.plan, { ...w, onEvent: (e) => events.push(e) });

    const failed = {
      status: "failed",
      message: "provider accepted the update but reads back max_concurrent_calls=100",
    };
    expect(result.outcomes[0]).toMatchObject(failed);
    expect(events.at(-1)).toEqual({ type: "verification-failed", outcome: expect.objectContaining(failed) });
  });

  it("names only the path of a sensitive field that reads back differently", async () => {
    const w = world({
      providers: { p: {} },
      required: ["name", "auth"],
      trunks: [
        {
          provider: "p",
          id: "t1",
          desired: { auth: { username: "u", password: "wanted-pw" } },
          remote: { name: "N", auth: { username: "u", password: "kept-pw" } },
        },
      ],
    });
    w.client("p").stores = (body) => ({ ...body, auth: { username: "u", password: "kept-pw" } });

    const result = await apply(w.plan, w);

    expect(result.outcomes[0]?.message).toBe(
      "provider accepted the update but reads back a different auth.password",
    );
  });

  it("fails a trunk that disappeared after the update", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
    });
    const client = w.client("p");
    const update = client.update.bind(client);
    client.update = async (id, body) => {
      const stored = await update(id, body);
      client.trunks.delete(id);
      return stored;
    };

    const result = await apply(w.plan, w);

    expect(result.outcomes[0]).toMatchObject({
      status: "failed",
      message: "trunk no longer exists at the provider after the update",
    });
  });

  it("fails the applied trunks when the read-back itself fails", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
    });
    w.client("p").read = async () => {
      throw new Error("[p] GET /trunks: 503 busy");
    };

    const result = await apply(w.plan, w);

    expect(result.outcomes[0]).toMatchObject({
      status: "failed",
      message: "could not verify the update: [p] GET /trunks: 503 busy",
    });
  });

  it("does not read back when verify is false", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
    });
    w.client("p").stores = (body) => ({ ...body, name: "Clamped" });

    const result = await apply(w.plan, { ...w, verify: false });

    expect(w.client("p").reads).toEqual([]);
    expect(result.outcomes[0]?.status).toBe("applied");
  });
});
