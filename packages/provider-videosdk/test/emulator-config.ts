import type { Config } from "@trunksync/core";

/** A config of one VideoSDK block on the emulator at `baseUrl`: the seeded API key, signing with `secret`. */
export function emulatorConfig(baseUrl: string, secret: string): Config {
  return {
    file: "/repo/trunks.yaml",
    digest: "sha256:0",
    providers: {
      videosdk: {
        name: "videosdk",
        type: "videosdk",
        options: { type: "videosdk", baseUrl, apiKey: "demo-videosdk-key", secret },
        envRefs: { apiKey: "VIDEOSDK_API_KEY", secret: "VIDEOSDK_SECRET" },
        location: { file: "/repo/trunks.yaml", line: 8, col: 3 },
      },
    },
    trunks: [],
  };
}
