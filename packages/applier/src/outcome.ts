import type { TrunkChange } from "@trunksync/core";
import type { TrunkOutcome, TrunkStatus } from "./types.js";

/** An outcome for a plan entry; `changes` are the plan's own, already redacted. */
export function outcomeOf(change: TrunkChange, status: TrunkStatus, message?: string): TrunkOutcome {
  return {
    provider: change.provider,
    id: change.id,
    ...(change.name === undefined ? {} : { name: change.name }),
    status,
    ...(message === undefined ? {} : { message }),
    ...(change.action === "update" ? { changes: change.changes } : {}),
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
