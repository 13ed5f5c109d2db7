import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';

import { buildXlsx, type XlsxCell, type XlsxSheet } from '../../scripts/data/workbook';

/**
 * Bad-input cases go through the real command-line tool on a real .xlsx written with
 * ExcelJS (scripts/data/workbook.ts), the way a user's file arrives.
 */
export { buildXlsx, type XlsxCell, type XlsxSheet };

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** Whether `<input>.results.xlsx` was written. */
  readonly wroteOutput: boolean;
  /** Whether the input file's bytes are exactly as before the run. */
  readonly inputUnchanged: boolean;
  /** The results workbook's bytes, when written. */
  readonly output?: Buffer;
  /** The `--json` summary, when asked for and written. */
  readonly summary?: { years: string[]; projection: { cost: number }[]; selected: { locality: string }[]; issues: unknown[] };
}

/** Runs `locality-planner run <file>` on these bytes in a fresh folder and reports what happened. */
export async function runCliOn(bytes: Uint8Array, options: { fileName?: string; json?: boolean } = {}): Promise<CliRun> {
  const fileName = options.fileName ?? 'plan.xlsx';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lp-bad-input-'));
  try {
    const input = path.join(dir, fileName);
    const json = path.join(dir, 'summary.json');
    await fs.writeFile(input, bytes);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['run', input, ...(options.json ? ['--json', json] : [])], { out: (t) => out.push(t), err: (t) => err.push(t) }, () => new Date('2026-11-23T12:00:00Z'));
    const summary = options.json ? await fs.readFile(json, 'utf8').then((t) => JSON.parse(t) as CliRun['summary'], () => undefined) : undefined;
    const after = await fs.readFile(input);
    const outputPath = path.join(dir, `${path.basename(fileName, path.extname(fileName))}.results${path.extname(fileName) || '.xlsx'}`);
    const output = await fs.readFile(outputPath).catch(() => undefined);
    return { code, out: out.join('\n'), err: err.join('\n'), wroteOutput: output !== undefined, inputUnchanged: Buffer.compare(after, Buffer.from(bytes)) === 0, ...(output ? { output } : {}), ...(summary ? { summary } : {}) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Builds the workbook and runs the CLI on it. */
export async function runCli(sheets: readonly XlsxSheet[], options: { json?: boolean } = {}): Promise<CliRun> {
  return runCliOn(await buildXlsx(sheets), options);
}

/** An input error: exit 1, the message printed, no results workbook, the input untouched. */
export function expectRefused(run: CliRun, ...lines: (string | RegExp)[]): void {
  expect({ code: run.code, wroteOutput: run.wroteOutput, inputUnchanged: run.inputUnchanged }).toEqual({ code: 1, wroteOutput: false, inputUnchanged: true });
  expect(run.err).toContain('nothing was written');
  for (const line of lines) {
    if (typeof line === 'string') expect(run.err).toContain(line);
    else expect(run.err).toMatch(line);
  }
}

/** A note that does not stop the run: exit 0, results written, the input untouched, the note among the warnings. */
export function expectNoted(run: CliRun, ...lines: (string | RegExp)[]): void {
  expect({ code: run.code, wroteOutput: run.wroteOutput, inputUnchanged: run.inputUnchanged, err: run.err }).toEqual({ code: 0, wroteOutput: true, inputUnchanged: true, err: '' });
  for (const line of lines) {
    if (typeof line === 'string') expect(run.out).toContain(line);
    else expect(run.out).toMatch(line);
  }
}

/** The smallest inputs that run: a Parameters table with First year and one cost line. */
export const parameters = (...rows: (readonly XlsxCell[])[]): XlsxSheet => ({ name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2012/13'], ...rows] });
export const costs = (...rows: (readonly XlsxCell[])[]): XlsxSheet => ({ name: 'Costs', rows: [['Cost line', 'Unit cost'], ...(rows.length ? rows : [['Locality Manager', 40000]])] });
