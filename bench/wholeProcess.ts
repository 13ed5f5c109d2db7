/**
 * England through the whole command-line process, beside ExcelJS merely reading and
 * writing the same file, and beside a floor: the input's parts inflated with zlib and its
 * sheet XML scanned once, plus the parts the run writes deflated once. All measured in one
 * run, on one machine, so the ratios mean something even when the machine is busy.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { DEFLATE_LEVEL } from '../src/xlsx/packageEdit';
import { ZipReader } from '../src/xlsx/zip';

const root = path.resolve(__dirname, '..');
const cliBin = path.join(root, 'bin/locality-planner.js');

/** A preload that reports the process's peak resident memory (the kernel's high-water mark) as it exits. */
const PEAK_PRELOAD = `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, '\\nPEAK_RSS_KB ' + u.maxRSS + ' CPU_MS ' + Math.round((u.userCPUTime + u.systemCPUTime) / 1000) + '\\n'); });`;

/** ExcelJS reading and writing a file in a process of its own, as the CLI runs in one. */
const EXCELJS_SCRIPT = `const ExcelJS = require('exceljs'); (async () => { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(require('node:fs').readFileSync(process.argv[1])); await wb.xlsx.writeBuffer(); })();`;

/** A timing over several runs: the median, and the fastest (the run least disturbed by anything else on the machine). */
export interface Timing {
  readonly median: number;
  readonly fastest: number;
  readonly slowest: number;
}

export interface ProcessFigures {
  /** `locality-planner run` as a process, start to exit. */
  readonly cli: Timing;
  /** Its CPU time (user + system, every thread), which a busy machine disturbs far less than wall time. */
  readonly cliCpu: Timing;
  /** Largest peak RSS of those runs. */
  readonly cliPeakMb: number;
  /** `locality-planner --version`: Node and loading the tool, no work. */
  readonly startup: Timing;
  readonly startupCpu: Timing;
  /** ExcelJS `load` + `writeBuffer` in this process (the module already loaded). */
  readonly excelJsInProcess: Timing;
  readonly excelJsInProcessCpu: Timing;
  /** The same in a process of its own: Node, `require('exceljs')`, load, write. */
  readonly excelJsProcess: Timing;
  readonly excelJsProcessCpu: Timing;
  readonly excelJsProcessPeakMb: number;
  /** The floor, and its parts (from its median run). */
  readonly floor: Timing;
  readonly floorParts: { readonly inflateMs: number; readonly scanMs: number; readonly deflateMs: number; readonly sheetXmlMb: number; readonly newPartsMb: number };
  readonly runs: number;
}

function timing(xs: readonly number[]): Timing {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], fastest: sorted[0], slowest: sorted[sorted.length - 1] };
}

function timedProcess(args: readonly string[]): { ms: number; cpuMs: number; peakMb: number; stdout: string; stderr: string; status: number | null } {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  const peak = /PEAK_RSS_KB (\d+) CPU_MS (\d+)/.exec(run.stderr ?? '');
  return { ms, cpuMs: peak ? Number(peak[2]) : NaN, peakMb: peak ? Number(peak[1]) / 1024 : NaN, stdout: run.stdout, stderr: run.stderr, status: run.status };
}

/** CPU time of this process (all its threads), in milliseconds. */
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The floor for one input and the output the CLI wrote from it. */
function floorOnce(input: Uint8Array, output: Uint8Array): ProcessFigures['floorParts'] & { totalMs: number } {
  const t0 = performance.now();
  const zip = new ZipReader(input);
  const inflated = new Map<string, Uint8Array>();
  for (const e of zip.entries) {
    if (e.folder) continue;
    const stored = zip.stored(e);
    inflated.set(e.name, e.method === 8 ? inflateRawSync(stored) : stored);
  }
  const t1 = performance.now();
  // One pass over every worksheet's XML, finding each tag: what any reader must at least do.
  let tags = 0;
  let sheetBytes = 0;
  for (const [name, data] of inflated) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name) && name !== 'xl/sharedStrings.xml') continue;
    sheetBytes += data.length;
    for (let i = data.indexOf(0x3c); i >= 0; i = data.indexOf(0x3c, i + 1)) tags++;
  }
  const t2 = performance.now();
  // The parts the run wrote (new or changed), deflated once at the writer's level.
  const out = unzipSync(output);
  let newBytes = 0;
  for (const [name, data] of Object.entries(out)) {
    const before = inflated.get(name);
    if (before && Buffer.compare(Buffer.from(before), Buffer.from(data)) === 0) continue;
    newBytes += data.length;
    deflateRawSync(data, { level: DEFLATE_LEVEL });
  }
  const t3 = performance.now();
  if (tags === 0) throw new Error('the floor found no sheet XML');
  return { inflateMs: t1 - t0, scanMs: t2 - t1, deflateMs: t3 - t2, totalMs: t3 - t0, sheetXmlMb: sheetBytes / 1e6, newPartsMb: newBytes / 1e6 };
}

/**
 * Runs the CLI on `bytes` as a process `runs` times, and ExcelJS and the floor as many
 * times, interleaved so a busy machine slows each alike.
 */
export async function wholeProcessFigures(bytes: Uint8Array, runs: number): Promise<ProcessFigures> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lp-bench-process-'));
  try {
    const file = path.join(dir, 'england.xlsx');
    const out = path.join(dir, 'england.results.xlsx');
    const preload = path.join(dir, 'peak.cjs');
    await fs.writeFile(file, bytes);
    await fs.writeFile(preload, PEAK_PRELOAD);
    const cliTimes: number[] = [];
    const cliCpu: number[] = [];
    const cliPeak: number[] = [];
    const startup: number[] = [];
    const startupCpu: number[] = [];
    const excelJs: number[] = [];
    const excelJsCpu: number[] = [];
    const excelJsProcess: number[] = [];
    const excelJsProcessCpu: number[] = [];
    const excelJsPeak: number[] = [];
    const floors: ReturnType<typeof floorOnce>[] = [];
    for (let i = 0; i < runs; i++) {
      const run = timedProcess(['--require', preload, cliBin, 'run', file, '--out', out]);
      if (run.status !== 0) throw new Error(`The CLI exited ${run.status}: ${run.stderr}`);
      cliTimes.push(run.ms);
      cliCpu.push(run.cpuMs);
      cliPeak.push(run.peakMb);
      const up = timedProcess(['--require', preload, cliBin, '--version']);
      startup.push(up.ms);
      startupCpu.push(up.cpuMs);
      const ex = timedProcess(['--require', preload, '--eval', EXCELJS_SCRIPT, file]);
      if (ex.status !== 0) throw new Error(`ExcelJS exited ${ex.status}: ${ex.stderr}`);
      excelJsProcess.push(ex.ms);
      excelJsProcessCpu.push(ex.cpuMs);
      excelJsPeak.push(ex.peakMb);
      const start = performance.now();
      const startCpu = cpuNow();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
      await wb.xlsx.writeBuffer();
      excelJs.push(performance.now() - start);
      excelJsCpu.push(cpuNow() - startCpu);
      floors.push(floorOnce(bytes, new Uint8Array(await fs.readFile(out))));
    }
    const floor = floors.sort((a, b) => a.totalMs - b.totalMs)[Math.floor(floors.length / 2)];
    const { totalMs: _total, ...floorParts } = floor;
    return {
      cli: timing(cliTimes),
      cliCpu: timing(cliCpu),
      cliPeakMb: Math.max(...cliPeak),
      startup: timing(startup),
      startupCpu: timing(startupCpu),
      excelJsInProcess: timing(excelJs),
      excelJsInProcessCpu: timing(excelJsCpu),
      excelJsProcess: timing(excelJsProcess),
      excelJsProcessCpu: timing(excelJsProcessCpu),
      excelJsProcessPeakMb: Math.max(...excelJsPeak),
      floor: timing(floors.map((f) => f.totalMs)),
      floorParts,
      runs,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The figures as the lines `npm run bench` prints. */
export function formatProcessFigures(name: string, f: ProcessFigures): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const t = (x: Timing) => `${s(x.median)} (${s(x.fastest)}–${s(x.slowest)})`;
  const r = (a: Timing, b: Timing) => (a.median / b.median).toFixed(2);
  const rows: [string, string, string, string, string][] = [
    ['', 'wall time, median (fastest–slowest)', 'CPU time, median', 'CLI ÷ this (wall)', 'CLI ÷ this (CPU)'],
    ['CLI process', t(f.cli), s(f.cliCpu.median), '', ''],
    ['  of which start-up (--version)', t(f.startup), s(f.startupCpu.median), '', ''],
    ['ExcelJS read + write, in-process', t(f.excelJsInProcess), s(f.excelJsInProcessCpu.median), r(f.cli, f.excelJsInProcess), r(f.cliCpu, f.excelJsInProcessCpu)],
    ['ExcelJS read + write, own process', t(f.excelJsProcess), s(f.excelJsProcessCpu.median), r(f.cli, f.excelJsProcess), r(f.cliCpu, f.excelJsProcessCpu)],
    ['Floor', t(f.floor), '', r(f.cli, f.floor), ''],
  ];
  const widths = rows[0].map((_, c) => rows.reduce((w, row) => Math.max(w, row[c].length), 0));
  const table = rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')).join('\n');
  return [
    `${name} through the whole CLI process (\`node bin/locality-planner.js run\`), ${f.runs} runs of each in turn:`,
    table,
    `Peak RSS of the whole process: CLI ${f.cliPeakMb.toFixed(0)} MB, ExcelJS's own process ${f.excelJsProcessPeakMb.toFixed(0)} MB.`,
    `Start-up is Node and loading the tool: ${((f.startup.median / f.cli.median) * 100).toFixed(0)}% of the CLI's wall time.`,
    `Floor: inflate every input part ${s(f.floorParts.inflateMs)}, scan ${f.floorParts.sheetXmlMb.toFixed(1)} MB of sheet XML once ${s(f.floorParts.scanMs)}, deflate ${f.floorParts.newPartsMb.toFixed(1)} MB of new parts at level ${DEFLATE_LEVEL} ${s(f.floorParts.deflateMs)}.`,
  ].join('\n');
}

/**
 * The CLI as a process on each of two files, `runs` times each in turn: how much a
 * variation of a workbook (a stray value in XFD1, say) costs beside the plain one.
 */
export async function cliBeside(plain: Uint8Array, variant: Uint8Array, runs: number): Promise<{ plain: Timing; variant: Timing }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lp-bench-variant-'));
  try {
    const files = [path.join(dir, 'plain.xlsx'), path.join(dir, 'variant.xlsx')];
    const preload = path.join(dir, 'peak.cjs');
    await fs.writeFile(files[0], plain);
    await fs.writeFile(files[1], variant);
    await fs.writeFile(preload, PEAK_PRELOAD);
    const times: number[][] = [[], []];
    for (let i = 0; i < runs; i++) {
      for (const k of [0, 1]) {
        const run = timedProcess(['--require', preload, cliBin, 'run', files[k], '--out', path.join(dir, `out${k}.xlsx`)]);
        if (run.status !== 0) throw new Error(`The CLI exited ${run.status}: ${run.stderr}`);
        times[k].push(run.ms);
      }
    }
    return { plain: timing(times[0]), variant: timing(times[1]) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
