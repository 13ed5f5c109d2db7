import { type CellValue, type LocatedInput, type SourceTable, type WorkbookInput, columnsNeeded as engineColumnsNeeded, excelDate, excelError, findOwnershipSheet, locateInputs } from '../engine';
import type { FoundInput } from './host';
import type { ExcelSession } from './session';

/**
 * Reads the contract's inputs (contract §1) from the open workbook in three round trips
 * whatever the number of localities:
 *  1. the list of sheets and tables;
 *  2. each input's header and size, the whole of the small inputs (everything but
 *     Localities), the ownership record and the charts on every sheet;
 *  3. only the Localities columns the engine will use (`columnsNeeded`), so 32,844 LSOAs
 *     with a dozen unused columns cost a few columns' worth of response. Only a
 *     Localities table whose needed columns would make a response over 4 MB (about
 *     130,000 cells) is fetched in more than one round trip.
 */

/** Which Localities columns to fetch; the engine's `columnsNeeded` unless a test says otherwise. */
export type ColumnsNeeded = (localitiesHeader: readonly CellValue[], indicators: SourceTable | undefined, others?: { readonly costs?: SourceTable; readonly parameters?: SourceTable }) => number[];

/** Where a contract input was found, from the first round trip (the engine's one lookup rule). */
export type Located = LocatedInput;

/** The first round trip's answer: every sheet and table, and where each input lives. */
export interface Listing {
  readonly sheetNames: string[];
  readonly tableNames: { name: string; sheet: string }[];
  readonly located: Located[];
}

/** Round trip 1: every sheet and table, and where each contract input lives (a table first, else a sheet). */
export async function listWorkbook(session: ExcelSession): Promise<Listing> {
  const workbook = session.context.workbook;
  const sheets = workbook.worksheets.load('items/name');
  const tables = workbook.tables.load('items/name,items/worksheet/name');
  await session.sync();
  const sheetNames = sheets.items.map((s) => s.name);
  const tableNames = tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name }));
  return { sheetNames, tableNames, located: locateInputs({ sheetNames, tableNames }) };
}

/** A number format that shows a date or time: d, m, y or h outside quotes, escapes and [colour] sections. */
export function isDateFormat(format: string): boolean {
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/AM\/PM|A\/P/gi, '');
  const firstSection = bare.split(';')[0];
  return /[dmyh]/i.test(firstSection) && !/^general$/i.test(firstSection.trim());
}

/**
 * One cell as the engine wants it: blank → null, an error → {kind:'error'}, a number in
 * a date-formatted cell → {kind:'date'}; text stays text exactly as typed (thousands
 * separators and all), numbers stay numbers.
 */
export function toCellValue(value: unknown, valueType: string | undefined, numberFormat: string | undefined): CellValue {
  if (valueType === 'Empty' || value === '' || value === null || value === undefined) return null;
  if (valueType === 'Error') return excelError(String(value));
  if (typeof value === 'number') return numberFormat !== undefined && isDateFormat(numberFormat) ? excelDate(value) : value;
  if (typeof value === 'boolean') return value;
  return String(value);
}

function toRows(values: unknown[][], types: string[][] | undefined, formats: string[][] | undefined): CellValue[][] {
  return values.map((line, r) => line.map((v, c) => toCellValue(v, types?.[r]?.[c], formats?.[r]?.[c])));
}

/** Contiguous runs of column indexes: [0,1,3] → [[0,2],[3,1]] as [start, length]. */
function runsOf(columns: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const c of [...columns].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === c) last[1]++;
    else runs.push([c, 1]);
  }
  return runs;
}

const CELLS = 'values,valueTypes,numberFormat';
/**
 * Localities cells are read without their number formats: a per-cell format array
 * would add a third to a response that is already megabytes for England. A column's
 * format is taken from its first data row (Localities holds no dates in the contract;
 * this still catches a date-formatted column).
 */
const LOCALITY_CELLS = 'values,valueTypes';
/** Excel on the web refuses responses over 5 MB; keep a megabyte in hand as for requests. */
const RESPONSE_BUDGET_BYTES = 4_000_000;
/** A Localities cell in a response: a short name or number, its value type, and punctuation. */
const RESPONSE_BYTES_PER_CELL = 32;
const PLACE = 'rowIndex,columnIndex,rowCount,columnCount';

/**
 * Reads the workbook for a run. Every issue the engine raises can then name a real
 * cell: each SourceTable carries its sheet and the zero-based origin of its header.
 */
export async function readWorkbook(session: ExcelSession, columnsNeeded: ColumnsNeeded = engineColumnsNeeded): Promise<WorkbookInput> {
  const { sheetNames, tableNames, located } = await listWorkbook(session);
  const workbook = session.context.workbook;

  // Round trip 2. Everything is queued first, then read after one sync.
  const pending = located.map((input) => {
    const small = input.name !== 'Localities';
    if (input.source === 'table') {
      const table = workbook.tables.getItem(input.actualName);
      const header = table.getHeaderRowRange().load(`${CELLS},${PLACE}`);
      const body = table.getDataBodyRange().load(small ? `${CELLS},${PLACE},rowHidden` : `${PLACE},rowHidden`);
      const formats = small ? undefined : table.getDataBodyRange().getRow(0).load('numberFormat');
      return { input, header, body, used: undefined, formats };
    }
    // valuesOnly: the used range starts at the first non-empty row, which is the header.
    // A blank sheet gives A1 (the OrNullObject form cannot be navigated from).
    const used = workbook.worksheets.getItem(input.actualName).getUsedRange(true);
    used.load(small ? `${CELLS},${PLACE},rowHidden` : `${PLACE},rowHidden`);
    const header = small ? undefined : used.getRow(0).load(CELLS);
    const formats = small ? undefined : used.getRow(1).load('numberFormat');
    return { input, header, body: undefined, used, formats };
  });
  const ownershipName = findOwnershipSheet(sheetNames);
  const ownership = ownershipName === undefined ? undefined : workbook.worksheets.getItem(ownershipName).getUsedRange(true).load(`values,${PLACE}`);
  const charts = sheetNames.map((sheet) => ({ sheet, charts: workbook.worksheets.getItem(sheet).charts.load('items/name') }));
  await session.sync();

  const tables: SourceTable[] = [];
  let localities: { table: SourceTable; body: { row: number; column: number; rows: number }; formats: string[] } | undefined;
  for (const p of pending) {
    const { input } = p;
    if (p.used) {
      const used = p.used;
      const blank = used.rowCount === 1 && used.columnCount === 1 && (p.header ? p.header.valueTypes[0][0] : used.valueTypes[0][0]) === 'Empty';
      const origin = { row: used.rowIndex, column: used.columnIndex };
      const hasHiddenRows = used.rowHidden !== false;
      if (p.header) {
        const header = blank ? [] : toRows(p.header.values, p.header.valueTypes, p.header.numberFormat)[0];
        const table: SourceTable = { name: input.actualName, source: 'sheet', sheet: input.sheet, origin, header, rows: [], hasHiddenRows };
        localities = { table, body: { row: origin.row + 1, column: origin.column, rows: blank ? 0 : used.rowCount - 1 }, formats: p.formats?.numberFormat[0] ?? [] };
        tables.push(table);
      } else {
        const all = blank ? [] : toRows(used.values, used.valueTypes, used.numberFormat);
        tables.push({ name: input.actualName, source: 'sheet', sheet: input.sheet, origin, header: all[0] ?? [], rows: all.slice(1), hasHiddenRows });
      }
    } else if (p.header && p.body) {
      const header = toRows(p.header.values, p.header.valueTypes, p.header.numberFormat)[0];
      const origin = { row: p.header.rowIndex, column: p.header.columnIndex };
      const hasHiddenRows = p.body.rowHidden !== false;
      if (input.name === 'Localities') {
        const table: SourceTable = { name: input.actualName, source: 'table', sheet: input.sheet, origin, header, rows: [], hasHiddenRows };
        localities = { table, body: { row: p.body.rowIndex, column: p.body.columnIndex, rows: p.body.rowCount }, formats: p.formats?.numberFormat[0] ?? [] };
        tables.push(table);
      } else {
        tables.push({ name: input.actualName, source: 'table', sheet: input.sheet, origin, header, rows: toRows(p.body.values, p.body.valueTypes, p.body.numberFormat), hasHiddenRows });
      }
    }
  }

  // Round trip 3: the Localities columns the engine uses, nothing else.
  if (localities && localities.body.rows > 0) {
    const { table, body, formats } = localities;
    const input = (name: LocatedInput['name']) => tables.find((t) => t.name === located.find((l) => l.name === name)?.actualName);
    // Indicators, and `Per <column>` methods in Costs or Parameters, name the columns beyond the contract's fields.
    const wanted = columnsNeeded(table.header, input('Indicators'), { costs: input('Costs'), parameters: input('Parameters') }).filter((c) => c >= 0 && c < table.header.length);
    const sheet = workbook.worksheets.getItem(table.sheet);
    const rows: CellValue[][] = Array.from({ length: body.rows }, () => new Array<CellValue>(table.header.length).fill(null));
    // Rows per request so the response stays under the budget; only a table that big takes another round trip.
    const rowsPerRequest = Math.max(1, Math.floor(RESPONSE_BUDGET_BYTES / (Math.max(wanted.length, 1) * RESPONSE_BYTES_PER_CELL)));
    for (let first = 0; wanted.length > 0 && first < body.rows; first += rowsPerRequest) {
      const count = Math.min(rowsPerRequest, body.rows - first);
      const parts = runsOf(wanted).map(([start, width]) => ({ start, range: sheet.getRangeByIndexes(body.row + first, body.column + start, count, width).load(LOCALITY_CELLS) }));
      await session.sync();
      for (const { start, range } of parts) {
        const { values, valueTypes } = range;
        for (let r = 0; r < values.length; r++) {
          const line = values[r];
          for (let c = 0; c < line.length; c++) rows[first + r][start + c] = toCellValue(line[c], valueTypes[r][c], formats[start + c]);
        }
      }
    }
    tables[tables.indexOf(table)] = { ...table, rows };
  }

  const chartNames = charts.flatMap(({ sheet, charts: c }) => c.items.map((chart) => ({ name: chart.name, sheet })));
  const ownershipRecord = ownership ? placeAtA1(ownership.values, ownership.rowIndex, ownership.columnIndex) : undefined;
  return { tables, sheetNames, tableNames, chartNames, ...(ownershipRecord ? { ownershipRecord } : {}) };
}

/** The ownership sheet's rows as from A1, whatever cell its used range starts in. */
function placeAtA1(values: unknown[][], rowIndex: number, columnIndex: number): CellValue[][] {
  const rows: CellValue[][] = Array.from({ length: rowIndex }, () => []);
  for (const line of values) rows.push([...new Array<CellValue>(columnIndex).fill(null), ...line.map((v) => toCellValue(v, undefined, undefined))]);
  return rows;
}

/**
 * Which contract inputs the workbook has and how many data rows each, in two round
 * trips that read sizes only (for the task pane's checklist).
 */
export async function findInputs(session: ExcelSession): Promise<FoundInput[]> {
  const { located } = await listWorkbook(session);
  const workbook = session.context.workbook;
  const sized = located.map((input) => ({
    input,
    range:
      input.source === 'table'
        ? workbook.tables.getItem(input.actualName).getDataBodyRange().load('rowCount')
        : workbook.worksheets.getItem(input.actualName).getUsedRangeOrNullObject(true).load('rowCount'),
  }));
  if (sized.length > 0) await session.sync();
  return sized.map(({ input, range }) => ({
    name: input.name,
    source: input.source,
    sheet: input.sheet,
    rows: input.source === 'table' ? range.rowCount : range.isNullObject ? 0 : Math.max(0, range.rowCount - 1),
  }));
}
