import { describe, expect, it } from "vitest";
import { type ApplyEvent, apply } from "../src/index.js";
import { world } from "./builders.js";

const remote = { name: "Old", max_concurrent_calls: 10, enabled: true };

describe("verification of each update against the provider's answer", () => {
  it("checks the trunks the provider answers with, without reading any trunk again", async () => {
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

    expect(w.client("a").reads).toEqual([]);
    expect(w.client("b").reads).toEqual([]);
    expect(result.summary).toEqual({ applied: 3, unchanged: 1, failed: 0, skipped: 0 });
  });

  it("fails a trunk the provider accepted but stored differently, saying what it stored", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New", max_concurrent_calls: 500 }, remote }],
    });
    w.client("p").stores = (body) => ({ ...body, max_concurrent_calls: 100 });
    const events: ApplyEvent[] = [];

    const result = await apply(w.plan, { ...w, onEvent: (e) => events.push(e) });

    const failed = {
      status: "failed",
      message: "provider accepted the update but stored max_concurrent_calls=100",
    };
    expect(result.outcomes[0]).toMatchObject(failed);
    expect(result.summary).toMatchObject({ applied: 0, failed: 1 });
    expect(events.at(-1)).toEqual({ type: "trunk-finished", outcome: expect.objectContaining(failed) });
  });

  it("says (unset) for a field the provider's answer leaves out", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
    });
    const client = w.client("p");
    const update = client.update.bind(client);
    client.update = async (id, body) => {
      const { name: _dropped, ...rest } = (await update(id, body)).fields;
      return { id, fields: rest, fingerprint: "v9" };
    };

    const result = await apply(w.plan, w);

    expect(result.outcomes[0]?.message).toBe("provider accepted the update but stored name=(unset)");
  });

  it("names only the path of a sensitive field stored differently", async () => {
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
      "provider accepted the update but stored a different auth.password",
    );
    expect(JSON.stringify(result)).not.toContain("pw");
  });

  it("leaves fields trunks.yaml does not manage out of the check", async () => {
    const w = world({
      providers: { p: {} },
      trunks: [{ provider: "p", id: "t1", desired: { name: "New" }, remote }],
    });
    // The provider changes an unmanaged field on its own: not the update's concern.
    w.client("p").stores = (body) => ({ ...body, enabled: false });

    const result = await apply(w.plan, w);

    expect(result.outcomes[0]?.status).toBe("applied");
  });

  it("takes the provider's answer as it is when verify is false", async () => {
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
