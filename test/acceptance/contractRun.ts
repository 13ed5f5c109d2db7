import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';

/**
 * The acceptance checker's own tools: workbooks written with raw ExcelJS from the words of
 * the contract (v1.1) alone, and the command-line tool run on them as a user runs it. Nothing
 * here uses the repository's fixtures or readers, so a test fails when our reading of the
 * contract drifts from the contract, not only when the code drifts from our reading.
 */

/** A cell as a user types it: text, a number, a date (From/To, First year) or blank. */
export type Cell = string | number | Date | null;

/** An input: a plain sheet (contract §1: its first non-empty row holds the headers) or an Excel table on a sheet of another name. */
export interface Input {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[];
  /** Written as an Excel table (ListObject) of this name on a sheet called `<name> input`. */
  readonly asTable?: boolean;
}

export const sheet = (name: string, ...rows: (readonly Cell[])[]): Input => ({ name, rows });
export const table = (name: string, ...rows: (readonly Cell[])[]): Input => ({ name, rows, asTable: true });
/** A date cell, as Excel holds it (midnight UTC of that day). */
/**
 * Telford & Wrekin's funding in 2009/10 (contract §2 Funding): mainstream £429.6k a year, the LPSA
 * reward grant a £351k pot usable to 2010/11, and the Cohesion grant (Expected) £90.6k a year to 2010/11.
 */
export const telfordFunding: Input = sheet(
    'Funding',
    ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status'],
    ['Mainstream', 'Recurring', '£429.6k', null, null, null, null],
    ['LPSA reward grant', 'One-off', null, '£351k', '2009/10', '2010/11', null],
    ['Cohesion grant', null, '£90.6k', null, '2009/10', '2010/11', 'Expected'],
);

export const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** The `.xlsx` bytes of these inputs, written by ExcelJS alone. */
export async function workbookOf(inputs: readonly Input[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const input of inputs) {
    if (input.asTable) {
      const [header, ...rows] = input.rows;
      wb.addWorksheet(`${input.name} input`).addTable({ name: input.name, ref: 'A1', headerRow: true, columns: header.map((h) => ({ name: String(h) })), rows: rows.map((r) => [...r]) });
    } else {
      const ws = wb.addWorksheet(input.name);
      input.rows.forEach((row, r) => row.forEach((value, c) => {
        if (value !== null) ws.getCell(r + 1, c + 1).value = value;
      }));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What the contract's §4 summary holds (the fields the tests read). */
export interface Summary {
  readonly version: number;
  readonly years: string[];
  readonly selected: { locality: string; district: string | null; rank: number | null; needScore: number | null; reason: string }[];
  readonly projection: Record<string, number | string>[];
  readonly pots: { source: string; opening: number; drawdown: number[]; exhaustedIn: string | null }[];
  readonly allocation: { line: string; year: string; locality: string; amount: number }[];
  readonly warnings: { severity: string; code: string; year: string | null; amount: number | null; message: string }[];
  readonly issues: { severity: string; table: string; cell: string | null; message: string }[];
  readonly scenarios: { name: string; kind: string; selected: number; projection: Record<string, number | string>[]; totalShortfall: number; firstShortfallYear: string | null }[];
  readonly sensitivity: { input: string; table: string; cell: string | null; base: number; low: number; high: number; shortfallLow: number; shortfallHigh: number; swing: number }[];
  readonly affordability: {
    localities: { additional: number; selected: number } | null;
    costPerLocality: number | null;
    newRecurringFunding: { amount: number; fromYear: string | null } | null;
  };
}

export interface Run {
  readonly code: number;
  /** What the tool printed to standard output and standard error. */
  readonly out: string;
  readonly err: string;
  readonly summary?: Summary;
  /** The results workbook (`<input>.results.xlsx`), when written, read back with ExcelJS. */
  readonly results?: ExcelJS.Workbook;
  /** The results workbook's bytes, for what ExcelJS does not read (charts). */
  readonly written?: Buffer;
  /** Whether the input file is byte for byte as before. */
  readonly inputUnchanged: boolean;
}

/** Runs already made in this test file, by their inputs: a case several tests read is planned once. */
const runs = new Map<string, Promise<Run>>();

/** Runs `locality-planner run plan.xlsx --json summary.json` (contract §4) on these inputs in a fresh folder. */
export function plan(...inputs: Input[]): Promise<Run> {
  const key = JSON.stringify(inputs);
  let run = runs.get(key);
  if (!run) runs.set(key, (run = planAfresh(inputs)));
  return run;
}

/** Runs the tool on these inputs every time, never reusing a run (two runs of the same inputs, as a user refreshes). */
export async function planAfresh(inputs: readonly Input[]): Promise<Run> {
  return runOn(await workbookOf(inputs));
}

/** Runs `locality-planner run plan.xlsx --json summary.json` on a workbook's bytes, however they were written. */
export async function runOn(bytes: Uint8Array): Promise<Run> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lp-acceptance-'));
  try {
    const input = path.join(dir, 'plan.xlsx');
    await fs.writeFile(input, bytes);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['run', input, '--json', path.join(dir, 'summary.json')], { out: (t) => out.push(t), err: (t) => err.push(t) });
    const summary = await fs.readFile(path.join(dir, 'summary.json'), 'utf8').then((t) => JSON.parse(t) as Summary, () => undefined);
    const written = await fs.readFile(path.join(dir, 'plan.results.xlsx')).catch(() => undefined);
    let results: ExcelJS.Workbook | undefined;
    if (written) {
      results = new ExcelJS.Workbook();
      await results.xlsx.load(written as unknown as ExcelJS.Buffer);
    }
    const inputUnchanged = Buffer.compare(await fs.readFile(input), bytes) === 0;
    return { code, out: out.join('\n'), err: err.join('\n'), inputUnchanged, ...(summary ? { summary } : {}), ...(results && written ? { results, written } : {}) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A run that must have succeeded (exit 0); its summary. */
export function ran(run: Run): Summary {
  if (run.code !== 0 || !run.summary) throw new Error(`expected exit 0, got ${run.code}:\n${run.err}`);
  return run.summary;
}

/** Each year's revenue figures of the summary's `projection`, as [year, cost, funding, shortfall, surplus]. */
export const yearly = (s: Summary): (string | number)[][] => s.projection.map((p) => [p.year, p.cost, p.funding, p.shortfall, p.surplus]);

/** The cell values of an output sheet, row by row (1-based rows kept as array positions minus one), formulas as their results. */
export function cellsOf(wb: ExcelJS.Workbook, name: string): unknown[][] {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}; sheets are ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value;
      values[c - 1] = v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
    });
    rows[r - 1] = values;
  });
  return rows;
}

/** The row of an output sheet whose first cell (trimmed) is this label, from its second cell on. */
export function rowLabelled(wb: ExcelJS.Workbook, name: string, label: string): unknown[] {
  const row = cellsOf(wb, name).find((r) => typeof r?.[0] === 'string' && r[0].trim() === label);
  if (!row) throw new Error(`no row labelled ${label} on ${name}`);
  return row.slice(1);
}

/** The usual Parameters: First year and Years, then these rows. */
export const parameters = (firstYear: Cell, years: number, ...rows: (readonly Cell[])[]): Input => sheet('Parameters', ['Parameter', 'Value'], ['First year', firstYear], ['Years', years], ...rows);
