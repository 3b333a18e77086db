import type { ProviderPlugin } from "@trunksync/core";
import { videosdkPlugin } from "@trunksync/provider-videosdk";
import { vobizPlugin } from "@trunksync/provider-vobiz";

/** Provider plugins that ship with trunksync, selected by `type: vobiz` / `type: videosdk`. */
export const BUILTIN_PLUGINS: readonly ProviderPlugin[] = [vobizPlugin, videosdkPlugin];
