/**
 * The command-line tool timed as whole processes, as a user or a script meets it:
 * `locality-planner --version`, and a run on the bundled sample workbook
 * (`assets/sample-workbook.xlsx`, 56 localities), each spawned several times from the
 * compiled tool in build/cli. Issue 9's targets: under 0.15 s and under 0.35 s.
 * `npm run bench` prints this after the other figures; `npx tsx bench/startup.ts` alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  readonly args: readonly string[];
  readonly seconds: number[];
  /** CPU seconds (user + system, every thread) of the same runs. */
  readonly cpu: number[];
}

/** Writes each timed process's CPU time as it exits (see cpuAtExit.js). */
const cpuAtExit = path.join(__dirname, 'cpuAtExit.js');

/**
 * Wall-clock seconds of one spawn of Node with these arguments, from spawn to exit, and the
 * CPU seconds the process itself reports as it exits.
 */
function timeOnce(args: readonly string[], cpuFile: string): { wall: number; cpu: number } {
  rmSync(cpuFile, { force: true });
  const start = performance.now();
  const run = spawnSync(process.execPath, ['-r', cpuAtExit, ...args], { encoding: 'utf8', env: { ...process.env, LP_BENCH_CPU_FILE: cpuFile } });
  const wall = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { wall, cpu: Number(readFileSync(cpuFile, 'utf8')) };
}

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
const median = (xs: readonly number[]): number => sorted(xs)[Math.floor(xs.length / 2)];

/**
 * Times the compiled tool (rebuilding it first if a source changed) and returns the report's
 * lines. The three commands take turns, round after round, so a burst of load on this shared
 * machine falls on all of them alike; each of the tool's lines also says how much of its time
 * is the tool's own, above Node starting and stopping with nothing to do, fastest and median,
 * and gives the CPU time of the same runs (median, and the tool's own above Node's).
 */
export async function startupReport(rounds = 15): Promise<string> {
  if (buildCli.isStale()) await buildCli.build();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-bench-startup-'));
  try {
    const cpuFile = path.join(dir, 'cpu');
    const sample = [bin, 'run', path.join(root, 'assets/sample-workbook.xlsx'), '--out', path.join(dir, 'out.xlsx'), '--quiet'];
    // One run first, unmeasured, so every measured run finds the files in the page cache.
    timeOnce(sample, cpuFile);
    const node: Timing = { label: 'node -e 0 (Node alone, for comparison)', target: Number.NaN, args: ['-e', '0'], seconds: [], cpu: [] };
    const timings: Timing[] = [
      { label: 'locality-planner --version', target: 0.15, args: [bin, '--version'], seconds: [], cpu: [] },
      { label: 'locality-planner run assets/sample-workbook.xlsx', target: 0.35, args: sample, seconds: [], cpu: [] },
      node,
    ];
    for (let round = 0; round < rounds; round++) {
      for (const t of timings) {
        const { wall, cpu } = timeOnce(t.args, cpuFile);
        t.seconds.push(wall);
        t.cpu.push(cpu);
      }
    }
    const rows = timings.map((t) => {
      const m = median(t.seconds);
      const s = sorted(t.seconds);
      const verdict = Number.isNaN(t.target) ? '' : m < t.target ? `under ${t.target.toFixed(2)} s` : `OVER ${t.target.toFixed(2)} s`;
      const ours = t === node ? '' : `  ours ${(s[0] - sorted(node.seconds)[0]).toFixed(3)} s fastest, ${(m - median(node.seconds)).toFixed(3)} s median`;
      const cpu = `CPU median ${median(t.cpu).toFixed(3)} s${t === node ? '' : `, ours ${(median(t.cpu) - median(node.cpu)).toFixed(3)} s`}`;
      return `  ${t.label.padEnd(50)} median ${m.toFixed(3)} s  (${s[0].toFixed(3)}–${s[s.length - 1].toFixed(3)} s, ${t.seconds.length} runs)  ${verdict}${ours}\n  ${''.padEnd(50)} ${cpu}`;
    });
    // Node 20 reads every certificate in NODE_EXTRA_CA_CERTS as it starts, before any of the
    // tool's code runs: say so, since it moves every line above alike.
    const certs = process.env.NODE_EXTRA_CA_CERTS ? [`  (NODE_EXTRA_CA_CERTS is set: Node reads ${process.env.NODE_EXTRA_CA_CERTS} at every start, in every line above)`] : [];
    return [`The command-line tool as whole processes (compiled, build/cli; turns taken round by round; load average ${os.loadavg()[0].toFixed(2)}):`, ...rows, ...certs].join('\n');
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
