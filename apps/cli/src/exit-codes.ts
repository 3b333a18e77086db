/** Exit codes, documented in `--help` and the README. */
export const EXIT = {
  ok: 0,
  /** Invalid input, a failed, refused or unconfirmed apply, or any error. */
  error: 1,
  /** `plan --detailed-exitcode` found changes; `drift` found drift. */
  changes: 2,
  /** Interrupted (SIGINT, Ctrl-C) during apply, its confirmation prompt included. */
  interrupted: 130,
  /** Terminated (SIGTERM) during apply. */
  terminated: 143,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0    success: valid / no changes / in sync / applied and verified
  1    error: invalid trunks.yaml, a provider error, an apply refused or not confirmed (any answer but
       yes, or end of input), or one with a failed or skipped trunk
  2    changes pending (plan --detailed-exitcode) or drift found (drift)
  130  apply interrupted by Ctrl-C: at its prompt (nothing sent) or after finishing in-flight requests
  143  apply stopped by SIGTERM (e.g. a cancelled CI job) after finishing in-flight requests`;
