import { it } from "vitest";
import { load } from "./fixtures/load.js";
const cases = [
  "version: 1\nproviders:\n  g:\n    type: globex\n    token: t\ntrunks:\n  - provider: g\n    id: x\n    auth: ${env:SIP_PASSWORD}\n    direction: ${env:GLOBEX_SECRET}\n    name: ${env:SIP_PASSWORD}\n    numbers: [\"${env:GLOBEX_KEY}\"]\n",
  "version: 1\nproviders: {}\ntrunks: &t [*t]\n",
  "version: 1\nproviders: !!binary aGVsbG8=\ntrunks: []\n",
  "version: 1\nproviders: !!set { a, b }\ntrunks: []\n",
  "version: 1\nproviders: !!omap [ a: 1 ]\ntrunks: []\n",
  "version: 1\nproviders: !!timestamp 2001-12-14\ntrunks: []\n",
  "version: 1\nproviders:\n  a:\n    type: acme\n    accountId: A\n    token: t\n    concurrency: 9007199254740993\ntrunks: []\n",
  "version: 1\nproviders:\n  a:\n    type: acme\n    accountId: A\n    token: t\n    concurrency: 123456789012345678901234567890\ntrunks: []\n",
];
it("scratch", async () => {
  for (const c of cases) {
    try {
      const r = await load(c);
      console.log(JSON.stringify(c), "\n", r.problems.slice(0, 5).map((p) => `${p.line}:${p.col} ${p.message}`).join("\n"), r.problems.length);
    } catch (e) { console.log(c, "THREW", String(e).slice(0, 200)); }
  }
});
