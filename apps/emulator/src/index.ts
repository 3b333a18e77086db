export type { VideoSdkMessageField, VobizErrorBody } from "./error-body.js";
export { EmulatorInputError } from "./errors.js";
export type {
  FaultAction,
  FaultSettings,
  Faults,
  FaultsSnapshot,
  QueuedFault,
  RejectedUpdate,
} from "./faults.js";
export { mintVideoSdkToken } from "./jwt.js";
export type { EmulatorOptions } from "./options.js";
export type { RetryAfterForm } from "./rate-limiter.js";
export type { Provider } from "./remote-edit.js";
export { DEFAULT_SEED } from "./seed.js";
export { type Emulator, startEmulator } from "./server.js";
export { TrunkStore } from "./trunk-store.js";
export type {
  ApiRouteName,
  EmulatorSeed,
  EmulatorState,
  EmulatorStats,
  RequestRecord,
  RouteName,
  VideoSdkAccount,
  VideoSdkSeedTrunk,
  VideoSdkTrunk,
  VobizAccount,
  VobizSeedTrunk,
  VobizTrunk,
  VobizTrunkRecord,
} from "./types.js";
export { API_ROUTE_NAMES } from "./types.js";
