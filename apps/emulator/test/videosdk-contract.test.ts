import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_SEED, mintVideoSdkToken } from "../src/index.js";
import {
  client,
  emulatorForEachTest,
  SEED_SIP_TRUNK,
  start,
  VIDEOSDK_KEY,
  VIDEOSDK_SECRET,
} from "./helpers.js";

/** The request and response of the seed page "Update SIP Trunk". */
const SEED_BODY = {
  auth: { username: "newUser", password: "newPassword" },
  name: "updatedTwilio",
  domain: "updated.example.com",
  direction: "inbound",
  numbers: ["+1987654321"],
};
const SEED_RESPONSE = { trunkId: "SqlZqn1U1ezvhWGRek6ow", ...SEED_BODY };

const server = emulatorForEachTest();

/** The demo account's stored trunks, copied: to show a refused request changed nothing. */
const storedTrunks = () =>
  structuredClone([...(server.emulator.state.videosdk.get(VIDEOSDK_KEY)?.trunks.values() ?? [])]);

describe("VideoSDK PUT /v2/sip-trunk/:id", () => {
  it("answers the seed page's example with the same object plus trunkId", async () => {
    const response = await server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, SEED_BODY);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(SEED_RESPONSE);
    expect(Object.keys(response.body as object)).toEqual(Object.keys(SEED_RESPONSE));
    expect((await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).body).toEqual(SEED_RESPONSE);
  });

  it("replaces numbers rather than merging them", async () => {
    await server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, {
      ...SEED_BODY,
      numbers: ["+14155550111", "+14155550112"],
    });
    await server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, { ...SEED_BODY, numbers: ["+14155550113"] });
    const read = (await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).body as { numbers: string[] };
    expect(read.numbers).toEqual(["+14155550113"]);
  });

  const without = (field: string) =>
    Object.fromEntries(Object.entries(SEED_BODY).filter(([key]) => key !== field));
  it.each([
    { case: "without auth", body: without("auth"), mentions: "auth" },
    { case: "without name", body: without("name"), mentions: "name" },
    { case: "without domain", body: without("domain"), mentions: "domain" },
    { case: "without direction", body: without("direction"), mentions: "direction" },
    { case: "without numbers", body: without("numbers"), mentions: "numbers" },
    { case: "with a 2-character name", body: { ...SEED_BODY, name: "ab" }, mentions: "name" },
    { case: "with direction both", body: { ...SEED_BODY, direction: "both" }, mentions: "direction" },
    { case: "with numbers as a string", body: { ...SEED_BODY, numbers: "+1987654321" }, mentions: "numbers" },
    { case: "with a numeric number", body: { ...SEED_BODY, numbers: [1987654321] }, mentions: "numbers" },
    {
      case: "with a numeric username",
      body: { ...SEED_BODY, auth: { username: 1, password: "p" } },
      mentions: "auth",
    },
    { case: "with a numeric domain", body: { ...SEED_BODY, domain: 7 }, mentions: "domain" },
  ])("answers 400 { statusCode, message } $case, changing nothing", async ({ body, mentions }) => {
    const before = (await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).body;
    const response = await server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ statusCode: 400, message: expect.stringContaining(mentions) });
    expect((await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).body).toEqual(before);
  });

  it("answers 400 to a malformed JSON body", async () => {
    const response = await server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, "not json");
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toMatch(/JSON/);
  });

  it("answers 404 for an unknown trunk", async () => {
    const response = await server.api.videosdk("PUT", "/AAAAAAAAAAAAAAAAAAAAA", SEED_BODY);
    expect(response).toMatchObject({ status: 404, body: { statusCode: 404 } });
  });
});

describe("VideoSDK numbers are E.164", () => {
  const send = (method: string, numbers: string[]) =>
    method === "PUT"
      ? server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, { ...SEED_BODY, numbers })
      : server.api.videosdk("POST", "", { ...SEED_BODY, numbers });

  it.each(
    ["PUT", "POST"].flatMap((method) =>
      [
        { case: "no plus sign", number: "14155550100" },
        { case: "a country code starting with 0", number: "+04155550100" },
        { case: "16 digits", number: "+1415555010012345" },
        { case: "a single digit", number: "+1" },
        { case: "spaces", number: "+1 415 555 0100" },
        { case: "dashes", number: "+1-415-555-0100" },
        { case: "an empty string", number: "" },
      ].map((row) => ({ method, ...row })),
    ),
  )("answers 400 to $method with a number with $case, naming it", async ({ method, number }) => {
    const before = storedTrunks();
    const response = await send(method, ["+14155550100", number]);
    expect(response.status).toBe(400);
    const message = (response.body as { message: string }).message;
    expect(message).toContain("E.164");
    expect(message).toContain(JSON.stringify(number));
    expect(message).not.toContain('"+14155550100"');
    expect(storedTrunks()).toEqual(before);
  });

  it.each(["PUT", "POST"])("accepts E.164 numbers of 2 to 15 digits on %s", async (method) => {
    const numbers = ["+12", "+14155550100", "+442071234567", "+123456789012345"];
    const response = await send(method, numbers);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ numbers });
  });
});

describe("VideoSDK names", () => {
  it.each([
    { name: "😀😀", status: 400 },
    { name: "😀😀😀", status: 200 },
    { name: "abc", status: 200 },
  ])("counts at least 3 characters, not UTF-16 units: $name answers $status", async ({ name, status }) => {
    const response = await server.api.videosdk("PUT", `/${SEED_SIP_TRUNK}`, { ...SEED_BODY, name });
    expect(response.status).toBe(status);
  });
});

describe("VideoSDK GET and POST", () => {
  it("returns a seeded trunk with its password in clear", async () => {
    const response = await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(DEFAULT_SEED.videosdk[0]?.trunks?.[0]);
  });

  it("creates a trunk under a 21-character url-safe id", async () => {
    const response = await server.api.videosdk("POST", "", SEED_BODY);
    expect(response.status).toBe(200);
    const created = response.body as { trunkId: string };
    expect(created.trunkId).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(created).toEqual({ ...SEED_BODY, trunkId: created.trunkId });
    expect((await server.api.videosdk("GET", `/${created.trunkId}`)).body).toEqual(created);
  });

  it("validates a create like an update", async () => {
    const response = await server.api.videosdk("POST", "", { ...SEED_BODY, name: "ab" });
    expect(response.status).toBe(400);
  });

  it.each([
    { case: "a list", method: "GET", path: "/v2/sip-trunk", allow: "POST" },
    { case: "a delete", method: "DELETE", path: `/v2/sip-trunk/${SEED_SIP_TRUNK}`, allow: "GET, HEAD, PUT" },
    { case: "a PATCH", method: "PATCH", path: `/v2/sip-trunk/${SEED_SIP_TRUNK}`, allow: "GET, HEAD, PUT" },
  ])(
    "invents no route for $case: 405, Allow naming only documented methods",
    async ({ method, path, allow }) => {
      const token = mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET);
      const response = await server.api.send(method, path, { Authorization: token });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
      expect((await server.api.videosdk("GET", `/${SEED_SIP_TRUNK}`)).status).toBe(200);
    },
  );
});

describe("VideoSDK authorization", () => {
  const path = `/v2/sip-trunk/${SEED_SIP_TRUNK}`;
  const hour = 3_600_000;
  const noneToken = () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const exp = Math.floor(Date.now() / 1000) + 600;
    return `${part({ alg: "none", typ: "JWT" })}.${part({ apikey: VIDEOSDK_KEY, exp })}.`;
  };
  const noExpiry = () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const signed = `${part({ alg: "HS256", typ: "JWT" })}.${part({ apikey: VIDEOSDK_KEY })}`;
    return `${signed}.${createHmac("sha256", VIDEOSDK_SECRET).update(signed).digest("base64url")}`;
  };

  it.each([
    { case: "no Authorization header", header: undefined },
    {
      case: "a Bearer-prefixed valid token",
      header: () => `Bearer ${mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET)}`,
    },
    {
      case: "an expired token",
      header: () =>
        mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET, {
          now: Date.now() - 2 * hour,
          expiresInSeconds: 60,
        }),
    },
    {
      case: "a token signed with the wrong secret",
      header: () => mintVideoSdkToken(VIDEOSDK_KEY, "wrong-secret"),
    },
    {
      case: "a token for an unknown API key",
      header: () => mintVideoSdkToken("someone-else", VIDEOSDK_SECRET),
    },
    { case: "an unsigned (alg none) token", header: noneToken },
    { case: "a token without exp", header: noExpiry },
    { case: "garbage", header: () => "not.a.jwt" },
  ])("answers 401 to $case", async ({ header }) => {
    const response = await server.api.send(
      "GET",
      path,
      header === undefined ? {} : { Authorization: header() },
    );
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ statusCode: 401, message: expect.any(String) });
  });

  it.each(
    ["PUT", "POST"].flatMap((method) =>
      [
        { case: "no Authorization header", header: () => undefined },
        {
          case: "a Bearer-prefixed valid token",
          header: () => `Bearer ${mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET)}`,
        },
        {
          case: "a token signed with the wrong secret",
          header: () => mintVideoSdkToken(VIDEOSDK_KEY, "wrong"),
        },
      ].map((row) => ({ method, ...row })),
    ),
  )("answers 401 to a $method with $case, changing nothing", async ({ method, header }) => {
    const value = header();
    const headers: Record<string, string> = value === undefined ? {} : { Authorization: value };
    const target = method === "PUT" ? `/v2/sip-trunk/${SEED_SIP_TRUNK}` : "/v2/sip-trunk";
    const before = storedTrunks();
    const response = await server.api.send(method, target, headers, SEED_BODY);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ statusCode: 401, message: expect.any(String) });
    expect(storedTrunks()).toEqual(before);
  });

  it("says why a Bearer-prefixed token is refused", async () => {
    const token = mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET);
    const response = await server.api.send("PUT", path, { Authorization: `Bearer ${token}` }, SEED_BODY);
    expect((response.body as { message: string }).message).toMatch(/without a "Bearer " prefix/);
  });

  it("accepts a token minted an hour ago that is still within its lifetime", async () => {
    const token = mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET, { now: Date.now() - hour });
    expect((await server.api.send("GET", path, { Authorization: token })).status).toBe(200);
  });

  it("mints the official SDK's payload", () => {
    const token = mintVideoSdkToken("k", "s", { now: 1_700_000_000_000 });
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString());
    expect(signature).toBe(createHmac("sha256", "s").update(`${header}.${payload}`).digest("base64url"));
    expect(decode(header)).toEqual({ alg: "HS256", typ: "JWT" });
    expect(decode(payload)).toEqual({
      apikey: "k",
      permissions: ["allow_join"],
      version: 2,
      roles: ["crawler"],
      iat: 1_700_000_000,
      exp: 1_700_086_400,
    });
  });

  it("keeps trunks per account: account B cannot read or update A's trunk", async () => {
    const twoAccounts = await start({
      seed: {
        vobiz: [],
        videosdk: [
          {
            apiKey: "key-a",
            secret: "secret-a",
            trunks: [{ trunkId: "AAAAAAAAAAAAAAAAAAAAA", name: "A's" }],
          },
          { apiKey: "key-b", secret: "secret-b", trunks: [] },
        ],
      },
    });
    try {
      const other = client(twoAccounts);
      const asB = { Authorization: mintVideoSdkToken("key-b", "secret-b") };
      const asA = { Authorization: mintVideoSdkToken("key-a", "secret-a") };
      expect((await other.send("GET", "/v2/sip-trunk/AAAAAAAAAAAAAAAAAAAAA", asB)).status).toBe(404);
      expect((await other.send("PUT", "/v2/sip-trunk/AAAAAAAAAAAAAAAAAAAAA", asB, SEED_BODY)).status).toBe(
        404,
      );
      expect((await other.send("GET", "/v2/sip-trunk/AAAAAAAAAAAAAAAAAAAAA", asA)).body).toMatchObject({
        name: "A's",
      });
    } finally {
      await twoAccounts.close();
    }
  });
});
