import { describe, expect, it } from "vitest";
import { mintVideoSdkToken } from "../src/index.js";
import {
  ACME_TRUNK,
  client,
  emulatorForEachTest,
  SEED_SIP_TRUNK,
  SIP_BODY,
  start,
  VIDEOSDK_KEY,
  VIDEOSDK_SECRET,
  VOBIZ_ID,
  VOBIZ_TOKEN,
  vobizError,
} from "./helpers.js";

// How paths and methods are matched, as a real HTTP server matches them: each path segment
// percent-decoded after splitting on "/", a documented path asked with another method a 405 with
// `Allow`, HEAD served wherever GET is, and 404 only for paths that are no route at all.

const server = emulatorForEachTest();
const TRUNKS = `/api/v1/Account/${VOBIZ_ID}/trunks`;
const VOBIZ = { "X-Auth-ID": VOBIZ_ID, "X-Auth-Token": VOBIZ_TOKEN };
const PUT_BODY = { name: "Encoded path", max_concurrent_calls: 12, enabled: true };
const videosdk = () => ({ Authorization: mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET) });

/** Both stores, copied: to show a refused request changed nothing. */
const snapshot = () =>
  structuredClone({
    vobiz: [...(server.emulator.state.vobiz.get(VOBIZ_ID)?.trunks.values() ?? [])],
    videosdk: [...(server.emulator.state.videosdk.get(VIDEOSDK_KEY)?.trunks.values() ?? [])],
  });

describe("percent-encoded path segments are decoded", () => {
  it.each([
    { case: "a trunk id with an encoded dash", path: `${TRUNKS}/bfab10fb%2Dcb97-488b-9c63-989c32980b0f` },
    { case: "a trunk id in upper-case escapes", path: `${TRUNKS}/%62%66%61%62${ACME_TRUNK.slice(4)}` },
    {
      case: "an auth id with an encoded underscore",
      path: `/api/v1/Account/MA%5FDEMO0001/trunks/${ACME_TRUNK}`,
    },
    { case: "an encoded Account", path: `/api/v1/%41ccount/${VOBIZ_ID}/trunks/${ACME_TRUNK}` },
  ])("reads the Vobiz trunk through $case", async ({ path }) => {
    const response = await server.api.send("GET", path, VOBIZ);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ trunk_id: ACME_TRUNK, name: "Acme Production Trunk" });
  });

  it("lists through an encoded auth id", async () => {
    const response = await server.api.send("GET", "/api/v1/Account/MA%5FDEMO0001/trunks", VOBIZ);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ meta: { total: 3 } });
  });

  it("updates the trunk an encoded id names, logging the path as sent", async () => {
    const path = `${TRUNKS}/bfab10fb%2Dcb97-488b-9c63-989c32980b0f`;
    const response = await server.api.send("PUT", path, VOBIZ, PUT_BODY);
    expect(response.status).toBe(200);
    expect(server.emulator.requests.at(-1)).toMatchObject({ path, route: "vobiz.update" });
    expect(server.emulator.state.vobiz.get(VOBIZ_ID)?.trunks.get(ACME_TRUNK)?.name).toBe("Encoded path");
  });

  it("reads a VideoSDK trunk through an encoded id", async () => {
    const encoded = SEED_SIP_TRUNK.replace("Z", "%5A");
    expect(encoded).not.toBe(SEED_SIP_TRUNK);
    const response = await server.api.send("GET", `/v2/sip-trunk/${encoded}`, videosdk());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ trunkId: SEED_SIP_TRUNK });
  });

  it("keeps an encoded slash inside its segment: an unknown trunk id, not another route", async () => {
    const response = await server.api.send("GET", `${TRUNKS}/${ACME_TRUNK}%2Fcalls`, VOBIZ);
    expect(response.status).toBe(404);
    expect(vobizError(response.body)).toMatchObject({
      code: "NOT_FOUND",
      message: `Trunk ${ACME_TRUNK}/calls not found`,
    });
  });

  it("still answers 401 to a lower-case account spelled with escapes", async () => {
    const response = await server.api.send("GET", `/api/v1/%61ccount/${VOBIZ_ID}/trunks`, VOBIZ);
    expect(response.status).toBe(401);
  });
});

describe("a malformed percent-escape in the path is a 400", () => {
  it.each([
    { case: "%zz", segment: "bfab%zz" },
    { case: "a lone %", segment: "bfab%" },
    { case: "a truncated escape", segment: "bfab%2" },
    { case: "escapes that are not UTF-8", segment: "bfab%ff" },
    { case: "a truncated UTF-8 sequence", segment: "bfab%E0%A4" },
  ])(
    "answers a Vobiz PUT to a trunk id with $case by 400 in the envelope, changing nothing",
    async ({ segment }) => {
      const before = snapshot();
      const response = await server.api.send("PUT", `${TRUNKS}/${segment}`, VOBIZ, PUT_BODY);
      expect(response.status).toBe(400);
      expect(vobizError(response.body)).toEqual({
        code: "INVALID_PARAMETERS",
        message: `Malformed percent-encoding in path segment ${JSON.stringify(segment)}`,
        details: { path: "malformed percent-encoding" },
      });
      expect(snapshot()).toEqual(before);
      expect(server.emulator.requests.at(-1)).toMatchObject({ status: 400, route: "bad-path" });
    },
  );

  it("answers a malformed auth id segment in Vobiz's flat form when chosen", async () => {
    const flat = await start({ vobizErrorBody: "flat" });
    try {
      const response = await client(flat).send("GET", "/api/v1/Account/MA%zz/trunks", VOBIZ);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        api_id: expect.any(String),
        error: "INVALID_PARAMETERS",
        message: 'Malformed percent-encoding in path segment "MA%zz"',
      });
    } finally {
      await flat.close();
    }
  });

  it("answers a malformed VideoSDK path by 400 { statusCode, message }", async () => {
    const response = await server.api.send("PUT", "/v2/sip-trunk/Sql%zz", videosdk(), SIP_BODY);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      message: 'Malformed percent-encoding in path segment "Sql%zz"',
    });
  });
});

describe("a documented path asked with another method is a 405 naming the allowed ones", () => {
  const ITEM = `${TRUNKS}/${ACME_TRUNK}`;
  const SIP_ITEM = `/v2/sip-trunk/${SEED_SIP_TRUNK}`;
  it.each([
    { method: "PATCH", path: ITEM, allow: "GET, HEAD, PUT, DELETE" },
    { method: "POST", path: ITEM, allow: "GET, HEAD, PUT, DELETE" },
    { method: "OPTIONS", path: ITEM, allow: "GET, HEAD, PUT, DELETE" },
    { method: "DELETE", path: TRUNKS, allow: "GET, HEAD, POST" },
    { method: "PUT", path: TRUNKS, allow: "GET, HEAD, POST" },
    { method: "PATCH", path: `${TRUNKS}/`, allow: "GET, HEAD, POST" },
  ])(
    "answers Vobiz $method $path with 405, Allow: $allow, in the envelope",
    async ({ method, path, allow }) => {
      const before = snapshot();
      const response = await server.api.send(method, path, VOBIZ, PUT_BODY);
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
      expect(vobizError(response.body)).toEqual({
        code: "METHOD_NOT_ALLOWED",
        message: `Method ${method} is not allowed on ${path}; allowed: ${allow}`,
        details: { method: `must be one of ${allow}` },
      });
      expect(snapshot()).toEqual(before);
      expect(server.emulator.requests.at(-1)).toMatchObject({ status: 405, route: "method-not-allowed" });
    },
  );

  // VideoSDK documents no list and no delete: the 405's Allow names only what it documents.
  it.each([
    { method: "GET", path: "/v2/sip-trunk", allow: "POST" },
    { method: "DELETE", path: "/v2/sip-trunk", allow: "POST" },
    { method: "PATCH", path: SIP_ITEM, allow: "GET, HEAD, PUT" },
    { method: "DELETE", path: SIP_ITEM, allow: "GET, HEAD, PUT" },
    { method: "POST", path: SIP_ITEM, allow: "GET, HEAD, PUT" },
  ])("answers VideoSDK $method $path with 405, Allow: $allow", async ({ method, path, allow }) => {
    const before = snapshot();
    const body = method === "GET" ? undefined : SIP_BODY;
    const response = await server.api.send(method, path, videosdk(), body);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(allow);
    expect(response.body).toEqual({
      statusCode: 405,
      message: `Method ${method} is not allowed on ${path}; allowed: ${allow}`,
    });
    expect(snapshot()).toEqual(before);
  });

  it("answers a wrong method as the router would, before credentials are checked", async () => {
    const response = await server.api.send("PATCH", ITEM, {}, PUT_BODY);
    expect(response.status).toBe(405);
  });

  it.each([
    { case: "an unknown Vobiz resource", path: `/api/v1/Account/${VOBIZ_ID}/numbers` },
    { case: "a path below a trunk", path: `${ITEM}/calls` },
    { case: "an unknown API version", path: `/api/v2/Account/${VOBIZ_ID}/trunks` },
    { case: "a path below a SIP trunk", path: `${SIP_ITEM}/numbers` },
    { case: "the bare origin", path: "/" },
  ])("keeps 404 for $case, whatever the method", async ({ path }) => {
    for (const method of ["GET", "PATCH"]) {
      const response = await server.api.send(method, path, VOBIZ);
      expect(response.status).toBe(404);
      expect(response.headers.get("allow")).toBeNull();
    }
  });
});

describe("HEAD is answered like GET, without a body", () => {
  it.each([
    { case: "a Vobiz trunk", path: `${TRUNKS}/${ACME_TRUNK}`, headers: () => VOBIZ, status: 200 },
    { case: "the Vobiz list", path: `${TRUNKS}?limit=2`, headers: () => VOBIZ, status: 200 },
    { case: "an unknown Vobiz trunk", path: `${TRUNKS}/missing`, headers: () => VOBIZ, status: 404 },
    {
      case: "a Vobiz trunk without credentials",
      path: `${TRUNKS}/${ACME_TRUNK}`,
      headers: () => ({}),
      status: 401,
    },
    { case: "a VideoSDK trunk", path: `/v2/sip-trunk/${SEED_SIP_TRUNK}`, headers: videosdk, status: 200 },
  ])("answers HEAD on $case with GET's status and headers ($status)", async ({ path, headers, status }) => {
    const get = await fetch(`${server.emulator.url}${path}`, { headers: headers() });
    const getText = await get.text();
    const head = await fetch(`${server.emulator.url}${path}`, { method: "HEAD", headers: headers() });
    expect(head.status).toBe(status);
    expect(get.status).toBe(status);
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
    expect(head.headers.get("content-length")).toBe(String(Buffer.byteLength(getText)));
    expect(await head.text()).toBe("");
  });

  it("records HEAD under its GET route", async () => {
    await fetch(`${server.emulator.url}${TRUNKS}/${ACME_TRUNK}`, { method: "HEAD", headers: VOBIZ });
    expect(server.emulator.requests.at(-1)).toMatchObject({
      method: "HEAD",
      route: "vobiz.get",
      status: 200,
    });
  });

  it("answers HEAD where there is no GET with 405", async () => {
    const head = await fetch(`${server.emulator.url}/v2/sip-trunk`, { method: "HEAD", headers: videosdk() });
    expect(head.status).toBe(405);
    expect(head.headers.get("allow")).toBe("POST");
    expect(await head.text()).toBe("");
  });
});
