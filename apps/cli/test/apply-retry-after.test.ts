import type { RequestRecord, RetryAfterForm } from "@trunksync/emulator";
import { describe, expect, it } from "vitest";
import { renameAll } from "./helpers/rename-all.js";
import { runCli } from "./helpers/run-cli.js";
import { demoVobizTrunks } from "./helpers/seed-trunks.js";

// providers.md: "expect 429 and honour `Retry-After`". RFC 9110 allows delta-seconds or an HTTP
// date; the emulator sends either (`retryAfter`), rounded up so an honouring client is never early.

const FORMS: { form: RetryAfterForm; header: RegExp; allowedAt: (limited: RequestRecord) => number }[] = [
  {
    form: "seconds",
    header: /^[1-9]\d*$/,
    // Counted from the 429's arrival, which is before the client can have received it.
    allowedAt: (limited) => limited.startedAt + Number(limited.retryAfter) * 1000,
  },
  {
    form: "date",
    // IMF-fixdate, e.g. `Tue, 12 May 2026 05:12:19 GMT`.
    header: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/,
    allowedAt: (limited) => Date.parse(limited.retryAfter ?? ""),
  },
];

// One round of waiting is enough to see a client honour the header (core's retry specs cover the
// arithmetic with a fake clock): the block's 8 renames go out at once, the first 4 take the
// limiter's whole burst, the other 4 are told to come back, and by then 4 tokens have refilled.
const TRUNKS = 8;
const PUTS_PER_SECOND = 4;

describe("trunksync apply against a rate-limited provider", () => {
  it.each(FORMS)(
    "gets every update through, never retrying before a Retry-After in $form form allows",
    async ({ form, header, allowedAt }) => {
      const run = await renameAll(TRUNKS, { retryAfter: form }, {});
      try {
        // Only PUTs are limited.
        run.emulator.faults.set({ rateLimit: PUTS_PER_SECOND }, "vobiz.update");
        const { code, stdout } = await runCli(["apply", "--auto-approve"], { cwd: run.dir });
        expect(stdout).toContain(`Apply: ${TRUNKS} applied, 0 unchanged, 0 failed, 0 skipped.`);
        expect(code).toBe(0);
        const names = run.ids.map((id) => demoVobizTrunks(run.emulator).get(id)?.name);
        expect(names.every((name) => name?.endsWith(" (renamed)"))).toBe(true);

        const puts = run.emulator.requests.filter((r) => r.method === "PUT");
        const limited = puts.filter((r) => r.status === 429);
        expect(limited.length).toBeGreaterThan(0);
        expect(run.emulator.stats().byStatus["429"]).toBe(limited.length);
        expect(puts.filter((r) => r.status === 200)).toHaveLength(TRUNKS);
        for (const record of limited) expect(record.retryAfter).toMatch(header);

        // Each trunk has its own PUT path: its requests in arrival order are its attempts.
        const byPath = new Map<string, RequestRecord[]>();
        for (const put of puts) byPath.set(put.path, [...(byPath.get(put.path) ?? []), put]);
        expect(byPath.size).toBe(TRUNKS);
        for (const attempts of byPath.values()) {
          attempts.sort((a, b) => a.startedAt - b.startedAt);
          expect(attempts.at(-1)?.status).toBe(200);
          for (let i = 1; i < attempts.length; i++) {
            const previous = attempts[i - 1] as RequestRecord;
            expect(previous.status).toBe(429);
            expect(attempts[i]?.startedAt).toBeGreaterThanOrEqual(allowedAt(previous));
          }
        }
      } finally {
        await run.close();
      }
    },
  );
});
