'use strict';
// Loaded with `node -r` into each process bench/startup.ts times: as the process exits, appends
// its CPU time (user + system, every thread, in seconds, from process.resourceUsage()) to the
// file LP_BENCH_CPU_FILE names. CPU time is less disturbed than wall time by the other work on a
// shared machine. The same few lines run in every timed process alike, Node alone included.
const { appendFileSync } = require('node:fs');

const file = process.env.LP_BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(file, `${(usage.userCPUTime + usage.systemCPUTime) / 1e6}\n`);
  });
}
