/**
 * The command-line tool timed as whole processes, as a user or a script meets it:
 * `locality-planner --version`, and a run on the bundled sample workbook
 * (`assets/sample-workbook.xlsx`, 56 localities), each spawned several times from the
 * compiled tool in build/cli. Issue 9's targets: under 0.15 s and under 0.35 s.
 * `npm run bench` prints this after the other figures; `npx tsx bench/startup.ts` alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin/locality-planner.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is plain CommonJS, run by npm ci
const buildCli = require('../scripts/buildCli.js') as { isStale(): boolean; build(): Promise<void> };

interface Timing {
  readonly label: string;
  readonly target: number;
  readonly seconds: readonly number[];
}

/** Wall-clock seconds for each of `runs` spawns of the tool, from spawn to exit. */
function timeProcess(args: readonly string[], runs: number): number[] {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    seconds.push((performance.now() - start) / 1000);
    if (run.status !== 0) throw new Error(`locality-planner ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return seconds;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times the compiled tool (rebuilding it first if a source changed) and returns the report's lines. */
export async function startupReport(versionRuns = 21, sampleRuns = 11): Promise<string> {
  if (buildCli.isStale()) await buildCli.build();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-bench-startup-'));
  try {
    // One run first, unmeasured, so every measured run finds the files in the page cache.
    timeProcess(['run', path.join(root, 'assets/sample-workbook.xlsx'), '--out', path.join(dir, 'out.xlsx'), '--quiet'], 1);
    const timings: Timing[] = [
      { label: 'locality-planner --version', target: 0.15, seconds: timeProcess(['--version'], versionRuns) },
      { label: 'locality-planner run assets/sample-workbook.xlsx', target: 0.35, seconds: timeProcess(['run', path.join(root, 'assets/sample-workbook.xlsx'), '--out', path.join(dir, 'out.xlsx'), '--quiet'], sampleRuns) },
      { label: 'node -e 0 (Node alone, for comparison)', target: Number.NaN, seconds: (() => {
        const s: number[] = [];
        for (let i = 0; i < versionRuns; i++) {
          const start = performance.now();
          spawnSync(process.execPath, ['-e', '0']);
          s.push((performance.now() - start) / 1000);
        }
        return s;
      })() },
    ];
    const rows = timings.map((t) => {
      const m = median(t.seconds);
      const sorted = [...t.seconds].sort((a, b) => a - b);
      const verdict = Number.isNaN(t.target) ? '' : m < t.target ? `under ${t.target.toFixed(2)} s` : `OVER ${t.target.toFixed(2)} s`;
      return `  ${t.label.padEnd(50)} median ${m.toFixed(3)} s  (${sorted[0].toFixed(3)}–${sorted[sorted.length - 1].toFixed(3)} s, ${t.seconds.length} runs)  ${verdict}`;
    });
    return [`The command-line tool as whole processes (compiled, build/cli; load average ${os.loadavg()[0].toFixed(2)}):`, ...rows].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  startupReport().then(
    (report) => console.log(report),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
