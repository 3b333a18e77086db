import type { ProviderPlugin } from "@trunksync/core";
import { describe, expect, it } from "vitest";
import { importedTrunk } from "../src/import-entries.js";

/** A plugin that keeps a trunk's whole `auth` object secret, not just a password inside it. */
const plugin: ProviderPlugin = {
  type: "initech",
  displayName: "Initech",
  defaultBaseUrl: "https://api.initech.example",
  optionsSchema: {},
  trunkSchema: {
    properties: {
      name: { type: "string" },
      auth: { type: "object", properties: { username: { type: "string" }, password: { type: "string" } } },
    },
  },
  fields: { auth: { sensitive: true } },
  httpProfile: () => ({ errorMessagePaths: [] }),
  updateBody: (merged) => ({ body: merged }),
  connect: () => {
    throw new Error("not connected in this spec");
  },
};

describe("importedTrunk", () => {
  const imported = importedTrunk("initech", plugin, {
    id: "tr-1",
    fields: { name: "Main", auth: { username: "acme-user", password: "pw-9Kd2Lq" } },
    fingerprint: "f",
  });

  it("writes a sensitive object as one placeholder", () => {
    expect(imported.entry).toEqual({
      provider: "initech",
      id: "tr-1",
      name: "Main",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder import writes into trunks.yaml
      auth: "${env:INITECH_TR_1_AUTH}",
    });
    expect(imported.secrets).toEqual([{ variable: "INITECH_TR_1_AUTH", path: "auth" }]);
  });

  it("redacts every string under a sensitive object, not only a top-level string", () => {
    expect(imported.secretValues.sort()).toEqual(["acme-user", "pw-9Kd2Lq"]);
  });
});
