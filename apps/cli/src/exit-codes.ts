/** Exit codes, documented in `--help` and the README. */
export const EXIT = {
  ok: 0,
  /** Invalid input, a failed or refused apply, or any error. */
  error: 1,
  /** `plan --detailed-exitcode` found changes; `drift` found drift. */
  changes: 2,
  /** Interrupted (SIGINT, Ctrl-C) during apply. */
  interrupted: 130,
  /** Terminated (SIGTERM) during apply. */
  terminated: 143,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0    success: valid / no changes / in sync / applied and verified
  1    error: invalid trunks.yaml, a provider error, or an apply with a failed, skipped or refused trunk
  2    changes pending (plan --detailed-exitcode) or drift found (drift)
  130  apply interrupted by Ctrl-C after finishing in-flight requests
  143  apply stopped by SIGTERM (e.g. a cancelled CI job) after finishing in-flight requests`;
