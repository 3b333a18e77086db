import { describe, expect, it } from "vitest";

// The build bundles each entry point of `exports` (scripts/bundle-dist.mjs); specs run after it.
const index = (await import(
  new URL("../dist/index.js", import.meta.url).href
)) as typeof import("../src/index.js");
const errors = (await import(
  new URL("../dist/errors.js", import.meta.url).href
)) as typeof import("../src/errors.js");

describe("the built entry points", () => {
  it("share one copy of each error class, so instanceof holds across them", () => {
    expect(errors.ConfigError).toBe(index.ConfigError);
    expect(errors.ProviderError).toBe(index.ProviderError);
    expect(new errors.ExitError(1, "stop")).toBeInstanceOf(index.TrunksyncError);
  });

  it("name the installed version in the User-Agent", async () => {
    const { version } = (await import("../package.json", { with: { type: "json" } })).default;
    const sent: string[] = [];
    const { MockAgent } = await import("undici");
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get("https://api.example.test")
      .intercept({ path: "/ping", method: "GET" })
      .reply(200, (opts) => {
        sent.push(String((opts.headers as Record<string, string>)["user-agent"]));
        return {};
      });
    const http = index.createHttpClient({
      provider: "p",
      baseUrl: "https://api.example.test",
      concurrency: 1,
      timeoutMs: 1000,
      dispatcher: agent,
    });
    await http.request({ method: "GET", path: "/ping" });
    expect(sent).toEqual([`trunksync/${version}`]);
    await agent.close();
  });
});
