/**
 * `npm run bench`: how long a run takes and how much memory it needs, on England's
 * 32,844 neighbourhoods and on a 1,000-locality county, measured in this one run. Plain
 * text, no pass or fail: docs/benchmarks.md records the figures from a known machine.
 */
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { main } from '../src/cli/main';
import { runPlanner } from '../src/engine';
import { readWorkbookFile } from '../src/xlsx/readWorkbook';
import { writeResultsWorkbook } from '../src/xlsx/writeWorkbook';
import { englandFile1, readFile1 } from '../scripts/data/imd2019';
import { buildXlsx, type XlsxCell, type XlsxSheet } from '../scripts/data/workbook';
import { countySheet, englandSheet, planSheets } from './workloads';
import { startupReport } from './startup';
import { cliBeside, formatProcessFigures, wholeProcessFigures } from './wholeProcess';

const context = { now: new Date('2026-11-23T12:00:00Z'), toolVersion: 'bench', host: 'bench' };

// Peak memory: the kernel's high-water mark for the process, and our own samples.
let sampledPeak = 0;
const sample = () => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 5);

/** Every run's milliseconds, fastest first; the median is what the table shows. */
const spread: Record<string, string> = {};
async function time(runs: number, work: () => Promise<unknown> | unknown, label?: string): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
    sample();
  }
  ms.sort((a, b) => a - b);
  if (label) spread[label] = `${(ms[0] / 1000).toFixed(2)}–${(ms[ms.length - 1] / 1000).toFixed(2)} s`;
  return ms[Math.floor(ms.length / 2)];
}

interface Figures {
  readonly name: string;
  readonly localities: number;
  readonly fileMb: number;
  readonly engineMs: number;
  /** The engine working out the cases alone, without sensitivity and affordability (contract v1.1 §6). */
  readonly casesOnlyMs: number;
  readonly readMs: number;
  readonly writeMs: number;
  readonly cliMs: number;
  readonly excelJsMs: number;
  readonly peakMb: number;
  readonly sensitivityRows: number;
}

async function measure(name: string, localities: XlsxSheet, runs: number): Promise<Figures> {
  sampledPeak = 0;
  const sheets = [localities, ...planSheets];
  const bytes = await buildXlsx(sheets);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lp-bench-'));
  try {
    const file = path.join(dir, 'plan.xlsx');
    await fs.writeFile(file, bytes);
    const input = await readWorkbookFile(bytes);
    const check = runPlanner(input, context);
    if (!check.ok) throw new Error(`The ${name} workbook does not plan: ${check.issues.map((i) => i.message).join('; ')}`);
    const engineMs = await time(runs, () => runPlanner(input, context));
    const casesOnlyMs = await time(runs, () => runPlanner(input, { ...context, whatIf: 'cases' }));
    const readMs = await time(runs, () => readWorkbookFile(bytes));
    const writeMs = await time(runs, () => writeResultsWorkbook(bytes, check.plan));
    const quiet = { out: () => undefined, err: (t: string) => process.stderr.write(`${t}\n`) };
    const cliMs = await time(runs, async () => {
      const code = await main(['run', file, '--out', path.join(dir, 'out.xlsx')], quiet, () => context.now);
      if (code !== 0) throw new Error(`CLI exit ${code}`);
    }, `${name} CLI`);
    const excelJsMs = await time(runs, async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      await wb.xlsx.writeBuffer();
    }, `${name} ExcelJS`);
    sample();
    return { name, localities: localities.rows.length - 1, fileMb: bytes.length / 1e6, engineMs, casesOnlyMs, readMs, writeMs, cliMs, excelJsMs, peakMb: sampledPeak / 2 ** 20, sensitivityRows: check.summary.sensitivity.length };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The sample workbook, read once, planned in the engine: the demo a user first runs. */
async function sampleEngineMs(): Promise<number> {
  const input = await readWorkbookFile(await fs.readFile(path.resolve(__dirname, '../assets/sample-workbook.xlsx')));
  return time(20, () => runPlanner(input, context));
}

function pad(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')).join('\n');
}

async function run(): Promise<void> {
  const results: Figures[] = [];
  results.push(await measure('County (1,000 localities)', countySheet(1000), 5));
  const hasEngland = existsSync(englandFile1);
  if (hasEngland) results.push(await measure('England (32,844 LSOAs)', englandSheet(), 3));
  clearInterval(sampler);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`Locality Planner benchmark — ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${os.platform()} ${os.arch()}`);
  console.log('10 projected years; Per district 1 + Additional 100; need-weighted Allocation pot. Times are medians.\n');
  console.log(pad([
    ['workload', 'localities', '.xlsx MB', 'engine', 'CLI (read+plan+write)', 'ExcelJS read+write', 'CLI ÷ ExcelJS', 'peak RSS (sampled)'],
    ...results.map((r) => [r.name, r.localities.toLocaleString('en-GB'), r.fileMb.toFixed(2), `${r.engineMs.toFixed(0)} ms`, s(r.cliMs), s(r.excelJsMs), (r.cliMs / r.excelJsMs).toFixed(2), `${r.peakMb.toFixed(0)} MB`]),
  ]));
  console.log('\nSpread (fastest–slowest run):');
  for (const [label, range] of Object.entries(spread)) console.log(`  ${label}: ${range}`);
  console.log('\nWhere the CLI\'s time goes (each part timed alone, medians):');
  console.log(pad([
    ['workload', 'read .xlsx (package reader)', 'engine', 'write results (package writer)'],
    ...results.map((r) => [r.name, s(r.readMs), `${r.engineMs.toFixed(0)} ms`, s(r.writeMs)]),
  ]));
  console.log('\nWhat if (contract v1.1 §6): the engine with sensitivity and affordability, and without them (Base and Confirmed funding only alone):');
  console.log(pad([
    ['workload', 'engine with what-if', 'engine without', 'with ÷ without', 'sensitivity rows'],
    ...results.map((r) => [r.name, `${r.engineMs.toFixed(0)} ms`, `${r.casesOnlyMs.toFixed(0)} ms`, (r.engineMs / r.casesOnlyMs).toFixed(2), String(r.sensitivityRows)]),
  ]));
  console.log(`The sample workbook's whole run in the engine (assets/sample-workbook.xlsx): ${(await sampleEngineMs()).toFixed(1)} ms (median of 20).`);
  console.log(`\nProcess peak RSS (kernel high-water mark, whole run): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  // The add-in's request count and sizes are checked by test/excel/scale.test.ts, on the tests' fake Excel.
  if (!hasEngland) console.log(`\nEngland skipped: the IoD2019 files are not at ${path.dirname(englandFile1)}.`);
  else {
    const plain = await buildXlsx([englandSheet(), ...planSheets]);
    console.log(`\n${formatProcessFigures('England (32,844 LSOAs)', await wholeProcessFigures(plain, 5))}`);
    // A value typed far to the right of the header (XFD1) makes 16,000 blank-header columns, which once cost minutes.
    const { header, rows } = readFile1(englandFile1);
    const far: XlsxCell[] = [...header, ...Array<XlsxCell>(16_384 - header.length - 1).fill(null), 'note'];
    const stray = await cliBeside(plain, await buildXlsx([{ name: 'Localities', rows: [far, ...rows] }, ...planSheets]), 3);
    console.log(`\nEngland with a stray value in XFD1 of Localities: CLI process ${s(stray.variant.median)} against ${s(stray.plain.median)} without it (${(stray.variant.median / stray.plain.median).toFixed(2)}×, medians of 3 runs each).`);
  }
  console.log(`\n${await startupReport()}`);
}

run().catch((e) => {
  clearInterval(sampler);
  console.error(e);
  process.exitCode = 1;
});
