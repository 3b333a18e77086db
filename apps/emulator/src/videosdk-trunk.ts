import type { VideoSdkSeedTrunk, VideoSdkTrunk } from "./types.js";

/** A stored trunk from a partial one; the API has no documented defaults, so these are placeholders. */
export function videoSdkRecord(partial: VideoSdkSeedTrunk & { trunkId: string }): VideoSdkTrunk {
  return {
    trunkId: partial.trunkId,
    auth: {
      username: partial.auth?.username ?? "user",
      password: partial.auth?.password ?? "password",
    },
    name: partial.name ?? "Untitled trunk",
    domain: partial.domain ?? "sip.example.com",
    direction: partial.direction ?? "inbound",
    numbers: [...(partial.numbers ?? [])],
  };
}

/** The API's JSON: documented field order, copies so callers cannot alias the store. */
export function videoSdkJson(trunk: VideoSdkTrunk): VideoSdkTrunk {
  return {
    trunkId: trunk.trunkId,
    auth: { username: trunk.auth.username, password: trunk.auth.password },
    name: trunk.name,
    domain: trunk.domain,
    direction: trunk.direction,
    numbers: [...trunk.numbers],
  };
}
