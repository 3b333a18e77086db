import { writeFileSync } from "node:fs";

// Loaded with `node --import` into every measured child: on exit it records the process's own CPU
// time and peak RSS, which the parent cannot get from `child_process`.
const file = process.env.TRUNKSYNC_BENCH_USAGE_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        userMicros: usage.userCPUTime,
        systemMicros: usage.systemCPUTime,
        maxRssKb: usage.maxRSS,
      }),
    );
  });
}
