import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';

/**
 * Bad-input cases go through the real command-line tool on a real .xlsx written with
 * ExcelJS, the way a user's file arrives. A cell is what a user can type or paste:
 * text, a number, a date, an Excel error (`{ error: '#N/A' }`) or blank.
 */
export type XlsxCell = string | number | boolean | Date | { readonly error: string } | null;

export interface XlsxSheet {
  readonly name: string;
  readonly rows: readonly (readonly XlsxCell[])[];
  /** Where the first row goes (A1 unless told), e.g. `C5000`. */
  readonly at?: string;
  /** Make the rows an Excel table (ListObject) of this name; the first row is its header. */
  readonly table?: string;
  /** Sheet row numbers (1-based) to hide. */
  readonly hiddenRows?: readonly number[];
  /** Ranges to merge, e.g. `B1:C1`. */
  readonly merges?: readonly string[];
}

function origin(at: string | undefined): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(at ?? 'A1')!;
  let column = 0;
  for (const ch of m[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), column };
}

function excelValue(cell: XlsxCell): ExcelJS.CellValue {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) return { error: cell.error } as ExcelJS.CellErrorValue;
  return cell;
}

/** An .xlsx file's bytes holding the given sheets. */
export async function buildXlsx(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name);
    const o = origin(spec.at);
    if (spec.table) {
      const [header, ...rows] = spec.rows;
      const ref = `${ws.getCell(o.row, o.column).address}`;
      ws.addTable({
        name: spec.table,
        ref,
        headerRow: true,
        columns: header.map((h) => ({ name: String(h ?? '') })),
        rows: rows.map((r) => header.map((_, i) => excelValue(r[i] ?? null))),
      });
    } else {
      spec.rows.forEach((line, r) => {
        line.forEach((cell, c) => {
          if (cell !== null) ws.getCell(o.row + r, o.column + c).value = excelValue(cell);
        });
      });
    }
    for (const r of spec.hiddenRows ?? []) ws.getRow(r).hidden = true;
    for (const m of spec.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

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
  readonly summary?: { projection: { cost: number }[]; selected: { locality: string }[]; issues: unknown[] };
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
