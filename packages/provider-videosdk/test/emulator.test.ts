import { type ClientMap, closeAll, connectProviders, ProviderError, type RetryInfo } from "@trunksync/core";
import { type Emulator, startEmulator } from "@trunksync/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { videosdkPlugin } from "../src/index.js";
import { emulatorConfig } from "./emulator-config.js";

// Over real sockets against the emulator on 127.0.0.1, through core's connectProviders.

const SEEDED = "SqlZqn1U1ezvhWGRek6ow";

let emulator: Emulator;
let clients: ClientMap | undefined;
beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterEach(async () => {
  if (clients) await closeAll(clients);
  clients = undefined;
  await emulator.close();
});

function connect(secret = "demo-videosdk-secret", retries: RetryInfo[] = []) {
  clients = connectProviders(emulatorConfig(emulator.url, secret), new Map([["videosdk", videosdkPlugin]]), {
    onRetry: (i) => retries.push(i),
  });
  const client = clients.get("videosdk");
  if (!client) throw new Error("no client");
  return client;
}

describe("videosdk against the emulator", () => {
  it("reads a trunk, updates it with a full body and reads the change back", async () => {
    const client = connect();
    const [before] = await client.read([SEEDED, "unknown-trunk"]);
    if (before?.status !== "found")
      throw new Error(`expected the seeded trunk, got ${JSON.stringify(before)}`);
    const body = videosdkPlugin.updateBody({
      ...before.trunk.fields,
      name: "Twilio inbound (EU)",
      numbers: ["+442071234567"],
    });
    if (!("body" in body)) throw new Error(`incomplete body: ${body.missing.join(", ")}`);
    const updated = await client.update(SEEDED, body.body);
    expect(updated.fields).toMatchObject({ name: "Twilio inbound (EU)", numbers: ["+442071234567"] });
    expect(updated.fingerprint).not.toBe(before.trunk.fingerprint);
    const [after] = await client.read([SEEDED]);
    expect(after).toEqual({ id: SEEDED, status: "found", trunk: updated });
    expect(emulator.stats().byRoute).toMatchObject({ "videosdk.get": 3, "videosdk.update": 1 });
  });

  it("reports an unknown trunk as missing", async () => {
    expect(await connect().read(["unknown-trunk"])).toEqual([{ id: "unknown-trunk", status: "missing" }]);
  });

  it("retries an injected 503 on an update (PUT is idempotent)", async () => {
    const retries: RetryInfo[] = [];
    const client = connect("demo-videosdk-secret", retries);
    const [read] = await client.read([SEEDED]);
    if (read?.status !== "found") throw new Error("expected the seeded trunk");
    emulator.faults.next(1, "fail", { status: 503, route: "videosdk.update" });
    const updated = await client.update(SEEDED, read.trunk.fields);
    expect(updated.fields).toEqual(read.trunk.fields);
    expect(retries).toMatchObject([{ method: "PUT", status: 503, attempt: 1 }]);
  });

  it("fails fast when the token is signed with the wrong secret, naming the block", async () => {
    const error = await connect("not-the-secret")
      .read([SEEDED])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    const message = (error as ProviderError).message;
    expect(message).toMatch(/^\[videosdk\] GET \/v2\/sip-trunk\/SqlZqn1U1ezvhWGRek6ow: 401 Unauthorized/);
    expect(message).toContain(
      'check the credentials of provider block "videosdk" (VIDEOSDK_API_KEY, VIDEOSDK_SECRET)',
    );
    expect(message).not.toContain("not-the-secret");
    expect(emulator.stats().total).toBe(1);
  });
});
