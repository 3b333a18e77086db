/** Markdown for stdout and docs/performance.md: pure functions of the results. */

export function markdownTable(headers, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  const align = headers.map((h) => (h.startsWith(">") ? "---:" : "---"));
  return [line(headers.map((h) => h.replace(/^>/, ""))), line(align), ...rows.map(line)].join("\n");
}

/** `1234.5` → `1,235`; `n/a` for what was not measured. */
export function int(value) {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "n/a";
}

export function ratio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "—";
}

export function scenarioTable(scenarios) {
  const headers = [
    "scenario",
    ">trunks",
    ">concurrency",
    ">wall ms",
    ">requests",
    ">peak in-flight",
    ">CPU ms",
    ">peak RSS MB",
    ">bound ms",
    ">× bound",
    ">× bound w/o start-up",
    "notes",
  ];
  const rows = scenarios.map((s) => [
    s.ok ? s.title : `${s.title} (FAILED)`,
    int(s.trunks),
    s.concurrency ?? "—",
    int(s.wallMs),
    int(s.requests),
    int(s.peakInFlight),
    int(s.cpuMs),
    int(s.maxRssMb),
    s.boundMs === undefined ? "—" : `${int(s.boundMs)} (${s.boundNote})`,
    ratio(s.ratio?.withStartup),
    ratio(s.ratio?.withoutStartup),
    s.notes ?? "",
  ]);
  return markdownTable(headers, rows);
}

export function targetTable(targets) {
  return markdownTable(
    ["scenario", "target", "measured", "met", "bare undici client (floor)"],
    targets.map((t) => [t.scenario, t.target, t.measured, t.met ? "✅ met" : "❌ missed", t.floor ?? "—"]),
  );
}

/** The whole report: settings, scenarios, targets. */
export function renderReport(results) {
  const { machine, settings, startup } = results;
  return [
    `trunksync bench (${results.mode}), ${results.generatedAt}`,
    "",
    `Machine: ${machine.cores} cores (os.availableParallelism()), ${machine.cpuModel}, Node ${machine.node}, ` +
      `load average ${loads(machine.loadAverage)} at start${machine.loadAverageAtEnd ? `, ${loads(machine.loadAverageAtEnd)} at end` : ""}.`,
    `Emulator latency ${settings.latencyMs} ms per request; provider concurrency ${settings.concurrency}` +
      `${settings.naiveComparisonConcurrency ? ` (${settings.naiveComparisonConcurrency} for the run compared with the naive client)` : ""}; ` +
      `rate limit ${settings.rateLimit} req/s with a burst of ${settings.rateBurst ?? "?"}; ` +
      `process start-up (\`trunksync --version\`, median of ${startup.samples.length}) ${int(startup.medianMs)} ms.`,
    "",
    scenarioTable(results.scenarios),
    "",
    targetTable(results.targets),
    "",
    ...(results.mode.startsWith("quick")
      ? [
          "Quick run: sizes too small for the targets to mean anything; a full `pnpm bench` measures them.",
          "",
        ]
      : []),
  ].join("\n");
}

function loads(values) {
  return values.map((n) => n.toFixed(2)).join(" ");
}

const START = "<!-- bench:latest:start -->";
const END = "<!-- bench:latest:end -->";

/** Replaces the generated section of docs/performance.md; throws if its markers are gone. */
export function replaceLatestSection(doc, report) {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start === -1 || end < start) throw new Error(`docs/performance.md lacks the ${START} … ${END} markers`);
  return `${doc.slice(0, start + START.length)}\n${report}${doc.slice(end)}`;
}
