import { describe, expect, it } from "vitest";
import { mintVideoSdkToken } from "../src/index.js";
import {
  ACME_TRUNK,
  emulatorForEachTest,
  SEED_SIP_TRUNK,
  SIP_BODY,
  VIDEOSDK_KEY,
  VIDEOSDK_SECRET,
  VOBIZ_ID,
  VOBIZ_TOKEN,
  vobizError,
} from "./helpers.js";

// Both providers' docs ask for `Content-Type: application/json` on requests with a body. Like a
// typical JSON API server, the emulator parses a body only when it is declared so, and answers any
// other body with 415, so a client that forgets the header learns that rather than a misleading
// "name is required".

const server = emulatorForEachTest();
const TRUNKS = `/api/v1/Account/${VOBIZ_ID}/trunks`;
const VOBIZ = { "X-Auth-ID": VOBIZ_ID, "X-Auth-Token": VOBIZ_TOKEN };
const PUT_BODY = { name: "Acme Production Trunk", max_concurrent_calls: 25, enabled: false };

const videosdk = () => ({ Authorization: mintVideoSdkToken(VIDEOSDK_KEY, VIDEOSDK_SECRET) });
const NOT_JSON = [
  { contentType: null, declared: "no Content-Type" },
  { contentType: "text/plain", declared: "text/plain" },
  { contentType: "text/plain;charset=UTF-8", declared: "text/plain;charset=UTF-8" },
  { contentType: "application/x-www-form-urlencoded", declared: "a form" },
  { contentType: "application/merge-patch+json", declared: "merge-patch" },
  { contentType: "application/jsonl", declared: "application/jsonl" },
];
/** How a 415's message names what was declared: the header quoted, or that there was none. */
const sent = (contentType: string | null) =>
  contentType === null ? "no Content-Type" : JSON.stringify(contentType);

describe("a JSON body is read when declared application/json", () => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON;charset=UTF-8",
    "application/json ; charset=utf-8",
  ])("updates a Vobiz trunk sent as %s", async (contentType) => {
    const response = await server.api.send("PUT", `${TRUNKS}/${ACME_TRUNK}`, VOBIZ, PUT_BODY, contentType);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ concurrent_calls_limit: 25, trunk_status: "inactive" });
  });

  it.each(["application/json", "APPLICATION/JSON; charset=utf-8"])(
    "updates a VideoSDK trunk sent as %s",
    async (contentType) => {
      const response = await server.api.send(
        "PUT",
        `/v2/sip-trunk/${SEED_SIP_TRUNK}`,
        videosdk(),
        SIP_BODY,
        contentType,
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ name: SIP_BODY.name });
    },
  );
});

describe("a body not declared as JSON is answered 415 Unsupported Media Type", () => {
  it.each(NOT_JSON)(
    "answers a Vobiz PUT with $declared by 415 naming application/json and what was sent, changing nothing",
    async ({ contentType }) => {
      const before = (await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body;
      const response = await server.api.send("PUT", `${TRUNKS}/${ACME_TRUNK}`, VOBIZ, PUT_BODY, contentType);
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ status: "error" });
      expect(vobizError(response.body)).toEqual({
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: `Unsupported Media Type: send the body as application/json, got ${sent(contentType)}`,
        details: { "content-type": `must be application/json, got ${sent(contentType)}` },
      });
      expect((await server.api.vobiz("GET", `/${ACME_TRUNK}`)).body).toEqual(before);
    },
  );

  it("sends no Content-Type at all in the case that declares none", async () => {
    await server.api.send("PUT", `${TRUNKS}/${ACME_TRUNK}`, VOBIZ, PUT_BODY, null);
    expect(server.emulator.requests.at(-1)?.headers).not.toHaveProperty("content-type");
  });

  it.each(NOT_JSON)(
    "answers a Vobiz POST with $declared by 415, creating nothing",
    async ({ contentType }) => {
      const response = await server.api.send(
        "POST",
        TRUNKS,
        VOBIZ,
        { name: "New", trunk_type: "INBOUND" },
        contentType,
      );
      expect(response.status).toBe(415);
      expect(vobizError(response.body).code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(server.emulator.state.vobiz.get(VOBIZ_ID)?.trunks.size).toBe(3);
    },
  );

  it.each(["PUT", "POST"].flatMap((method) => NOT_JSON.map((row) => ({ method, ...row }))))(
    "answers a VideoSDK $method with $declared by 415 { statusCode, message } naming application/json",
    async ({ method, contentType }) => {
      const path = method === "PUT" ? `/v2/sip-trunk/${SEED_SIP_TRUNK}` : "/v2/sip-trunk";
      const response = await server.api.send(method, path, videosdk(), SIP_BODY, contentType);
      expect(response.status).toBe(415);
      expect(response.body).toEqual({
        statusCode: 415,
        message: `Unsupported Media Type: send the body as application/json, got ${sent(contentType)}`,
      });
      expect(server.emulator.state.videosdk.get(VIDEOSDK_KEY)?.trunks.size).toBe(2);
      expect(server.emulator.state.videosdk.get(VIDEOSDK_KEY)?.trunks.get(SEED_SIP_TRUNK)?.name).toBe(
        "Twilio inbound",
      );
    },
  );

  it("checks credentials first: a text/plain PUT without a token is a 401", async () => {
    const response = await server.api.send("PUT", `${TRUNKS}/${ACME_TRUNK}`, {}, PUT_BODY, "text/plain");
    expect(response.status).toBe(401);
  });

  it("ignores a stray body on a route that reads none: DELETE with a text/plain body deletes", async () => {
    const response = await server.api.send("DELETE", `${TRUNKS}/${ACME_TRUNK}`, VOBIZ, "bye", "text/plain");
    expect(response.status).toBe(204);
  });
});

describe("an empty body is no body, whatever its Content-Type", () => {
  it.each([
    { contentType: "application/json", declared: "application/json" },
    { contentType: null, declared: "no Content-Type" },
    { contentType: "text/plain", declared: "text/plain" },
  ])("answers an empty Vobiz PUT with $declared by 400 naming all three fields", async ({ contentType }) => {
    const response = await server.api.send("PUT", `${TRUNKS}/${ACME_TRUNK}`, VOBIZ, "", contentType);
    expect(response.status).toBe(400);
    expect(Object.keys(vobizError(response.body).details)).toEqual([
      "name",
      "max_concurrent_calls",
      "enabled",
    ]);
  });

  it("answers an empty VideoSDK POST without a Content-Type by 400 naming all five fields", async () => {
    const response = await server.api.send("POST", "/v2/sip-trunk", videosdk(), "", null);
    expect(response.status).toBe(400);
    const message = (response.body as { message: string }).message;
    for (const field of ["auth", "name", "domain", "direction", "numbers"]) {
      expect(message).toContain(`${field} is required`);
    }
  });

  it("still answers 400 to malformed JSON declared as application/json", async () => {
    const response = await server.api.send(
      "PUT",
      `${TRUNKS}/${ACME_TRUNK}`,
      VOBIZ,
      "{ name: ",
      "application/json",
    );
    expect(response.status).toBe(400);
    expect(vobizError(response.body).details).toEqual({ body: "invalid JSON" });
  });
});
