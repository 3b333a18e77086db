import { jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { tokenSource } from "../src/token.js";

const SECRET = "videosdk-secret-for-tests";
const key = new TextEncoder().encode(SECRET);
const T0 = Date.parse("2026-05-12T05:00:00Z");

describe("VideoSDK tokens", () => {
  it("mints an HS256 JWT with the claims VideoSDK expects, valid for 10 minutes", async () => {
    const jwt = await tokenSource({ apiKey: "key-1", secret: SECRET }, () => T0)();
    const { payload, protectedHeader } = await jwtVerify(jwt, key, { currentDate: new Date(T0) });
    expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload).toEqual({
      apikey: "key-1",
      permissions: ["allow_join"],
      version: 2,
      roles: ["crawler"],
      iat: T0 / 1000,
      exp: T0 / 1000 + 600,
    });
  });

  it("reuses its token until 60 s before expiry, then mints a new one", async () => {
    const clock = { now: T0 };
    const source = tokenSource({ apiKey: "key-1", secret: SECRET }, () => clock.now);
    const first = await source();
    clock.now = T0 + 539_000;
    expect(await source()).toBe(first);
    clock.now = T0 + 540_000;
    const renewed = await source();
    expect(renewed).not.toBe(first);
    expect((await jwtVerify(renewed, key, { currentDate: new Date(clock.now) })).payload.iat).toBe(
      T0 / 1000 + 540,
    );
  });

  it("shares one minting between concurrent callers", () => {
    const source = tokenSource({ apiKey: "key-1", secret: SECRET }, () => T0);
    expect(source()).toBe(source());
  });

  it("uses a ready token as it is", async () => {
    expect(await tokenSource({ token: "ready.made.jwt" })()).toBe("ready.made.jwt");
  });
});
