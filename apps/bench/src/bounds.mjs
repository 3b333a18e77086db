/**
 * The network bound: the least time any client could take, given the emulator's latency and the
 * number of requests it can have in flight. Pure arithmetic, so it is unit-tested.
 */

/** Vobiz's largest list page. */
export const VOBIZ_PAGE_SIZE = 100;

/** Round trips to list `trunks` trunks: the first page gives the total, the rest go `concurrency` at a time. */
export function listRoundTrips(trunks, concurrency, pageSize = VOBIZ_PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(trunks / pageSize));
  return 1 + Math.ceil((pages - 1) / concurrency);
}

/** Round trips for one request per trunk, `concurrency` at a time. */
export function perIdRoundTrips(trunks, concurrency) {
  return Math.ceil(trunks / concurrency);
}

/**
 * Round trips of an apply of `changed` Vobiz trunks on an account of `accountTrunks`: plan (list)
 * and the PUTs. Each update is verified against the trunk the PUT answers with: no further read.
 */
export function applyRoundTrips({ accountTrunks, changed, concurrency }) {
  const plan = listRoundTrips(accountTrunks, concurrency);
  const puts = perIdRoundTrips(changed, concurrency);
  return { plan, puts, total: plan + puts };
}

/** Least wall time in ms: process start-up plus round trips at the emulator's latency. */
export function boundMs({ startupMs, roundTrips, latencyMs }) {
  return startupMs + roundTrips * latencyMs;
}

/** Measured ÷ bound, with and without the process start-up on both sides. */
export function ratios({ wallMs, startupMs, roundTrips, latencyMs }) {
  const network = roundTrips * latencyMs;
  return {
    withStartup: wallMs / (startupMs + network),
    withoutStartup: network > 0 ? Math.max(0, wallMs - startupMs) / network : Number.NaN,
  };
}

/**
 * Least wall time in ms of `requests` requests against a token bucket that refills at `rate` per
 * second and starts full with `burst` tokens: the first `burst` cost nothing, the rest 1 ÷ rate each.
 */
export function rateBoundMs(requests, rate, burst = 0) {
  return (Math.max(0, requests - burst) / rate) * 1000;
}

/**
 * The request rate a run sustained beyond the bucket's initial burst, per second: what the rate
 * limit is compared with. NaN when every request fitted in the burst (the limit never bound).
 */
export function sustainedRate({ accepted, burst, busyMs }) {
  if (accepted <= burst || busyMs <= 0) return Number.NaN;
  return (accepted - burst) / (busyMs / 1000);
}

export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
