// The planner alone, in memory: N declared Vobiz-shaped trunks against N remote trunks (one in ten
// with a changed name), through `plan` (reading each block, then the diff and the plan) with a client that answers
// from memory. Usage: node diff-scenario.mjs <N>. Prints { trunks, updates, cpuMs, wallMs } of
// the planning call as JSON; the harness adds the whole process's CPU time and peak RSS.
import { plan } from "@trunksync/planner";

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write("usage: diff-scenario.mjs <trunk count>\n");
  process.exit(1);
}

const PROVIDER = "vobiz-bench";

// Stands in for the Vobiz plugin: the planner only needs its field rules (its `fields`, and the
// `writeOnly` fields of its trunk schema) and update body.
const plugin = {
  type: "vobiz",
  displayName: "Vobiz",
  trunkSchema: {},
  fields: {},
  updateBody(merged) {
    const missing = ["name", "max_concurrent_calls", "enabled"].filter((key) => merged[key] === undefined);
    if (missing.length > 0) return { missing };
    const { name, max_concurrent_calls, enabled } = merged;
    return { body: { name, max_concurrent_calls, enabled } };
  },
};

const trunks = [];
const remote = [];
for (let i = 0; i < count; i++) {
  const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
  const fields = { name: `Trunk ${i}`, max_concurrent_calls: 5 + (i % 20) * 5, enabled: i % 7 !== 0 };
  trunks.push({ provider: PROVIDER, id, fields, location: { file: "trunks.yaml", line: i + 10, col: 5 } });
  remote.push({
    id,
    status: "found",
    trunk: {
      id,
      fingerprint: `2025-09-01T00:00:${String(i % 60).padStart(2, "0")}.000000Z`,
      fields: {
        ...fields,
        name: i % 10 === 0 ? `Trunk ${i} (old)` : fields.name,
        trunk_domain: `${id}.sip.vobiz.ai`,
        transport: "udp",
        cps_limit: 2,
      },
    },
  });
}
const config = {
  file: "/bench/trunks.yaml",
  digest: "sha256:0000000000000000000000000000000000000000000000000000000000000000",
  providers: {
    [PROVIDER]: {
      name: PROVIDER,
      type: "vobiz",
      options: { type: "vobiz", concurrency: 16 },
      envRefs: {},
      location: { file: "trunks.yaml", line: 3, col: 3 },
    },
  },
  trunks,
};
const client = {
  read: async () => remote,
  list: async () => remote,
  update: async () => {
    throw new Error("the diff scenario never updates");
  },
  close: async () => {},
};

const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await plan(config, new Map([["vobiz", plugin]]), new Map([[PROVIDER, client]]), {
  filters: { providers: [], trunks: [] },
  toolVersion: "bench",
});
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const { summary } = result.plan;
if (summary.update !== Math.ceil(count / 10) || summary.error !== 0) {
  process.stderr.write(`unexpected plan summary ${JSON.stringify(summary)}\n`);
  process.exit(1);
}
process.stdout.write(
  `${JSON.stringify({ trunks: count, updates: summary.update, cpuMs: (cpu.user + cpu.system) / 1000, wallMs })}\n`,
);
