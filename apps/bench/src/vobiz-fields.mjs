/**
 * A Vobiz trunk as its API reads it, in the vocabulary of trunks.yaml and of the update body:
 * the fields every bench client PUTs back in full. Imports nothing, so the bare client may use it.
 */
export function vobizFields(trunk) {
  return {
    name: trunk.name,
    max_concurrent_calls: trunk.concurrent_calls_limit,
    enabled: trunk.trunk_status === "active",
  };
}
