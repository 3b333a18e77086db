import { type RemoteState, type RemoteTrunk, trunkKey } from "@trunksync/core";
import type { ProviderReads } from "./read-state.js";

/**
 * A plan's `RemoteState`: the found trunks by `trunkKey`, indexed on first use. Only `apply`
 * looks trunks up, so `plan` and `drift` over 100,000 trunks skip building 100,000 keys; `apply`
 * pays for the index once, with its first lookup.
 */
export class LazyRemoteState implements RemoteState {
  #providers: readonly ProviderReads[];
  #index: Map<string, RemoteTrunk> | undefined;

  constructor(providers: readonly ProviderReads[]) {
    this.#providers = providers;
  }

  get size(): number {
    return this.#map().size;
  }

  get(key: string): RemoteTrunk | undefined {
    return this.#map().get(key);
  }

  has(key: string): boolean {
    return this.#map().has(key);
  }

  forEach(callback: (value: RemoteTrunk, key: string, map: RemoteState) => void, thisArg?: unknown): void {
    for (const [key, value] of this.#map()) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[string, RemoteTrunk]> {
    return this.#map().entries();
  }

  keys(): MapIterator<string> {
    return this.#map().keys();
  }

  values(): MapIterator<RemoteTrunk> {
    return this.#map().values();
  }

  [Symbol.iterator](): MapIterator<[string, RemoteTrunk]> {
    return this.#map().entries();
  }

  #map(): Map<string, RemoteTrunk> {
    if (this.#index) return this.#index;
    const index = new Map<string, RemoteTrunk>();
    for (const { provider, trunks, reads } of this.#providers) {
      trunks.forEach((trunk, i) => {
        const read = reads[i];
        if (read?.status === "found") index.set(trunkKey(provider, trunk.id), read.trunk);
      });
    }
    this.#providers = [];
    this.#index = index;
    return index;
  }
}
