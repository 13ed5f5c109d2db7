import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import type { Summary } from '../../src/engine';

/**
 * Test support for the command-line tool, end to end: .xlsx files built with ExcelJS in a
 * temporary folder, the CLI's `main` run on them, and the results read back with ExcelJS.
 */

export type Cell = string | number | boolean | Date | null;

/** One input as a user lays it out: an Excel table (ListObject) or a plain sheet. */
export interface InputSpec {
  /** The table's name (and the sheet's, unless `sheet` is given). */
  readonly name: string;
  /** Header row first, as typed into Excel. */
  readonly rows: readonly (readonly Cell[])[];
  /** `table` (default): an Excel table; `sheet`: values pasted onto a sheet of that name. */
  readonly as?: 'table' | 'sheet';
  readonly sheet?: string;
  /** One-based row and column of the header's first cell (1, 1 unless told). */
  readonly at?: { readonly row: number; readonly column: number };
}

/** Writes a workbook holding the given inputs (and any other plain sheets) to `file`. */
export async function writeInputWorkbook(file: string, inputs: readonly InputSpec[], plainSheets: readonly { name: string; rows: readonly (readonly Cell[])[] }[] = []): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date('2024-04-01T00:00:00Z');
  wb.modified = wb.created;
  for (const s of plainSheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) => row.forEach((v, c) => {
      if (v !== null) ws.getCell(r + 1, c + 1).value = v;
    }));
  }
  for (const input of inputs) {
    const sheetName = input.sheet ?? input.name;
    const ws = wb.getWorksheet(sheetName) ?? wb.addWorksheet(sheetName);
    const at = input.at ?? { row: 1, column: 1 };
    if ((input.as ?? 'table') === 'table') {
      const [header, ...data] = input.rows;
      ws.addTable({
        name: input.name,
        ref: ws.getCell(at.row, at.column).address,
        headerRow: true,
        style: { theme: 'TableStyleMedium2', showRowStripes: true },
        columns: header.map((h) => ({ name: String(h), filterButton: true })),
        rows: data.map((r) => header.map((_, c) => r[c] ?? null)),
      });
    } else {
      input.rows.forEach((row, r) => row.forEach((v, c) => {
        if (v !== null) ws.getCell(at.row + r, at.column + c).value = v;
      }));
    }
  }
  await wb.xlsx.writeFile(file);
}

/** A fresh temporary folder, removed by the returned function. */
export function tempFolder(prefix = 'lp-cli-'): {
  dir: string;
  file: (name: string) => string;
  /** A fresh folder inside, holding a copy of `workbook` as plan.xlsx, and the bytes copied. */
  caseWith: (workbook: string) => { dir: string; input: string; original: Buffer };
  remove: () => void;
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  let cases = 0;
  const caseWith = (workbook: string) => {
    const folder = path.join(dir, `case${++cases}`);
    mkdirSync(folder);
    const input = path.join(folder, 'plan.xlsx');
    copyFileSync(workbook, input);
    return { dir: folder, input, original: readFileSync(input) };
  };
  return { dir, file: (name) => path.join(dir, name), caseWith, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** The moment every test run happens, so Run info is reproducible. */
export const runMoment = new Date('2026-11-23T12:00:00Z');

/** Runs the command-line tool's `main` with argv after the program name, capturing what it prints. */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, () => runMoment);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Reads a `--json` summary file. */
export function readSummary(file: string): Summary {
  return JSON.parse(readFileSync(file, 'utf8')) as Summary;
}

/** Reads a results workbook back with ExcelJS. */
export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A cell's value as plain data: rich text and formulas' results flattened, dates as Dates, blanks as null. */
export function cellValue(ws: ExcelJS.Worksheet, address: string): Cell {
  const v = ws.getCell(address).value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  // A date-formatted number, as ExcelJS gives it (the Run history's times).
  if (v instanceof Date) return v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  throw new Error(`${ws.name}!${address} holds ${JSON.stringify(v)}, not a plain value`);
}

/** Every row of a sheet as plain values, one-based rows mapped to zero-based arrays. */
export function sheetRows(ws: ExcelJS.Worksheet): Cell[][] {
  const rows: Cell[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: Cell[] = [];
    for (let c = 1; c <= ws.columnCount; c++) row.push(cellValue(ws, ws.getCell(r, c).address));
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    rows.push(row);
  }
  return rows;
}

/** The row of a sheet whose first cell (after trimming) is `label`, or undefined. */
export function rowLabelled(ws: ExcelJS.Worksheet, label: string): Cell[] | undefined {
  return sheetRows(ws).find((r) => typeof r[0] === 'string' && r[0].trim() === label);
}

/** The amounts of a Projection row by year label, reading the year header row. */
export function projectionRow(ws: ExcelJS.Worksheet, label: string): Record<string, Cell> {
  const rows = sheetRows(ws);
  const header = rows.find((r) => r[0] === null && r.slice(1).some((c) => typeof c === 'string' && /^\d{4}\/\d{2}$/.test(c)));
  if (!header) throw new Error('Projection has no row of year headers');
  const row = rows.find((r) => typeof r[0] === 'string' && r[0].trim() === label);
  if (!row) throw new Error(`Projection has no row labelled "${label}"`);
  return Object.fromEntries(header.slice(1).map((h, i) => [String(h), row[i + 1] ?? null]));
}

/** The parts of an .xlsx package, as text for the XML parts. */
export function packageParts(file: string): Record<string, string> {
  const files = unzipSync(readFileSync(file));
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** The package part of each sheet, by sheet name (following workbook.xml and its rels). */
export function sheetParts(file: string): Record<string, { part: string; xml: string; state: string | null }> {
  const parts = packageParts(file);
  const workbook = parts['xl/workbook.xml'];
  const rels = parts['xl/_rels/workbook.xml.rels'];
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [/\bId="([^"]+)"/.exec(m[0])![1], /\bTarget="([^"]+)"/.exec(m[0])![1]]));
  const out: Record<string, { part: string; xml: string; state: string | null }> = {};
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const tag = m[0];
    const name = decodeXml(/\bname="([^"]*)"/.exec(tag)![1]);
    const rid = /\br:id="([^"]+)"/.exec(tag)![1];
    const target = targets.get(rid)!;
    const part = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    out[name] = { part, xml: parts[part], state: /\bstate="([^"]+)"/.exec(tag)?.[1] ?? null };
  }
  return out;
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
