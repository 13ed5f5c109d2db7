import {
  type CellValue,
  type LocatedInput,
  MARK_NAME,
  type SourceTable,
  type WorkbookInput,
  columnsNeeded as engineColumnsNeeded,
  excelDate,
  excelError,
  findOwnershipSheet,
  locateInputs,
  parseCellAddress,
  rangeAddress,
  sheetsToProveByOpening,
  stringConstant,
} from '../engine';
import type { FoundInput } from './host';
import { type ExcelSession, OPERATION_OVERHEAD_BYTES } from './session';

/**
 * Reads the contract's inputs (contract §1) from the open workbook in three round trips
 * whatever the number of localities:
 *  1. the list of sheets and tables;
 *  2. each input's header and size, the whole of the small inputs (everything but
 *     Localities), the ownership record, and the charts and the tool's mark
 *     (`_LocalityPlannerSheet`, a name scoped to the sheet) on every sheet;
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

/** A rectangle of cells, zero-based and inclusive, as the file reader's merged areas are. */
interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/**
 * The areas in a RangeAreas address (`Localities!B2:B4,'Run info'!C5`): split at the
 * commas outside quoted sheet names, the sheet dropped.
 */
export function parseAreasAddress(address: string): Area[] {
  const areas: Area[] = [];
  let part = '';
  let quoted = false;
  const flush = () => {
    const ref = part.slice(part.lastIndexOf('!') + 1);
    const [a, b = a] = ref.split(':');
    const start = parseCellAddress(a);
    const end = parseCellAddress(b);
    if (start && end) areas.push({ top: Math.min(start.row, end.row), left: Math.min(start.column, end.column), bottom: Math.max(start.row, end.row), right: Math.max(start.column, end.column) });
    part = '';
  };
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) flush();
    else part += ch;
  }
  if (part !== '') flush();
  return areas;
}

/**
 * Excel lists at most 512 merged areas per call; a merged area covers at least two cells,
 * so a block of 1,024 cells can never hold more.
 */
const MERGE_BLOCK_CELLS = 1024;

/**
 * Blank-header columns side by side beyond this many are first asked whether they hold
 * anything (one used-range question per run, answered in one extra round trip), so a stray
 * note typed in XFD1 does not make the add-in fetch 16,000 empty columns for every row.
 */
const WIDE_BLANK_RUN = 16;
/**
 * A Localities sheet wider than this is searched for merged areas only in the columns the
 * engine reads (a merged area meeting none of them cannot change a result); a narrower one
 * across its width, as the file reader does.
 */
const MERGE_FULL_WIDTH = 1024;

const isBlankHeader = (h: CellValue): boolean => h === null || (typeof h === 'string' && h.trim() === '');

/**
 * The Localities columns to fetch: `wanted`, less the blank-header columns in wide runs that
 * hold no value at all (asked of Excel in one round trip, only when there is such a run).
 */
async function withoutEmptyBlankColumns(session: ExcelSession, sheet: Excel.Worksheet, header: readonly CellValue[], body: { row: number; column: number; rows: number }, wanted: readonly number[]): Promise<number[]> {
  const wide = runsOf(wanted.filter((c) => isBlankHeader(header[c] ?? null))).filter(([, width]) => width > WIDE_BLANK_RUN);
  if (wide.length === 0) return [...wanted];
  const probes = wide.map(([start, width]) => ({ start, width, used: sheet.getRangeByIndexes(body.row, body.column + start, body.rows, width).getUsedRangeOrNullObject(true).load('columnIndex,columnCount') }));
  await session.sync();
  const empty = new Set<number>();
  for (const { start, width, used } of probes) {
    for (let c = start; c < start + width; c++) {
      const sheetColumn = body.column + c;
      if (used.isNullObject || sheetColumn < used.columnIndex || sheetColumn >= used.columnIndex + used.columnCount) empty.add(c);
    }
  }
  return wanted.filter((c) => !empty.has(c));
}

/**
 * Copies each merged area's top-left value into every cell of the area inside the table
 * (Excel shows it there; Office.js reports those cells blank) and lists the areas, as the
 * file reader does, so both hosts read the same values. `readable(column)` says which
 * data columns were read (Localities reads only what the engine uses).
 */
export function fillMergedAreas(table: SourceTable, areas: readonly Area[], anchors: ReadonlyMap<string, CellValue>, readable: (column: number) => boolean = () => true): SourceTable {
  const top = table.origin.row;
  const left = table.origin.column;
  const bounds: Area = { top, left, bottom: top + table.rows.length, right: left + table.header.length - 1 };
  const header = [...table.header];
  const rows = table.rows.map((r) => [...r]);
  const valueAt = (row: number, column: number): CellValue => {
    if (row < top || column < left || row > bounds.bottom || column > bounds.right) return null;
    if (row === top) return header[column - left] ?? null;
    return rows[row - top - 1]?.[column - left] ?? anchors.get(`${row},${column}`) ?? null;
  };
  const mergedRanges: string[] = [];
  const unique = new Map(areas.map((a) => [`${a.top},${a.left},${a.bottom},${a.right}`, a]));
  const sorted = [...unique.values()].sort((a, b) => a.top - b.top || a.left - b.left);
  for (const m of sorted) {
    const clip = { top: Math.max(m.top, bounds.top), left: Math.max(m.left, bounds.left), bottom: Math.min(m.bottom, bounds.bottom), right: Math.min(m.right, bounds.right) };
    if (clip.top > clip.bottom || clip.left > clip.right) continue;
    const value = valueAt(m.top, m.left);
    if (value === null || (clip.top === clip.bottom && clip.left === clip.right && clip.top === m.top && clip.left === m.left)) continue;
    for (let r = clip.top; r <= clip.bottom; r++) {
      for (let c = clip.left; c <= clip.right; c++) {
        if (r === top) header[c - left] = value;
        else if (readable(c - left)) {
          const line = rows[r - top - 1];
          while (line.length <= c - left) line.push(null);
          line[c - left] = value;
        }
      }
    }
    mergedRanges.push(rangeAddress(clip.top, clip.left, clip.bottom - clip.top + 1, clip.right - clip.left + 1));
  }
  if (mergedRanges.length === 0) return table;
  return { ...table, header, rows, mergedRanges };
}

/**
 * Reads the workbook for a run. Every issue the engine raises can then name a real
 * cell: each SourceTable carries its sheet and the zero-based origin of its header.
 * Where Excel can list merged areas (ExcelApi 1.13), a sheet's merged cells read as
 * their value in every cell they cover, in the third round trip.
 */
export async function readWorkbook(
  session: ExcelSession,
  columnsNeeded: ColumnsNeeded = engineColumnsNeeded,
  /** `mergedAreas`: this Excel can list merged areas (`Range.getMergedAreasOrNullObject`, ExcelApi 1.13). */
  options: { readonly mergedAreas?: boolean } = {},
): Promise<WorkbookInput> {
  const mergedAreas = options.mergedAreas ?? false;
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
  // NamedItem.formula is ExcelApi 1.7; the mark is a string constant, `="lp1-…"`.
  const marks = sheetNames.map((sheet) => ({ sheet, name: workbook.worksheets.getItem(sheet).names.getItemOrNullObject(MARK_NAME).load('formula') }));
  await session.sync();
  const sheetMarks = marks.flatMap(({ sheet, name }) => (name.isNullObject ? [] : [{ sheet, mark: stringConstant(name.formula) ?? name.formula }]));
  const ownershipRecord = ownership ? placeAtA1(ownership.values, ownership.rowIndex, ownership.columnIndex) : undefined;
  // Sheets the record names that no mark proves (a record from before marks): their first two cells, in a round trip only they need.
  const toOpen = sheetsToProveByOpening({ sheetNames, sheetMarks, ...(ownershipRecord ? { ownershipRecord } : {}) });
  const opening = toOpen.map((sheet) => ({ sheet, range: workbook.worksheets.getItem(sheet).getRange('A1:A2').load('values,valueTypes') }));
  if (opening.length > 0) await session.sync();
  const openingCells = opening.map(({ sheet, range }) => ({ sheet, a1: toCellValue(range.values[0][0], range.valueTypes[0][0], undefined), a2: toCellValue(range.values[1][0], range.valueTypes[1][0], undefined) }));

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

  // The Localities columns the engine uses, nothing else: Indicators, and `Per <column>`
  // methods in Costs or Parameters, name the columns beyond the contract's fields.
  let wanted: number[] = [];
  if (localities && localities.body.rows > 0) {
    const { table, body } = localities;
    const input = (name: LocatedInput['name']) => tables.find((t) => t.name === located.find((l) => l.name === name)?.actualName);
    wanted = columnsNeeded(table.header, input('Indicators'), { costs: input('Costs'), parameters: input('Parameters') }).filter((c) => c >= 0 && c < table.header.length);
    wanted = await withoutEmptyBlankColumns(session, workbook.worksheets.getItem(table.sheet), table.header, body, wanted);
  }
  const wantedSet = new Set(wanted);

  // Round trip 3 also asks for the merged areas of every input read from a sheet (tables cannot hold merged cells).
  const merges: { table: SourceTable; blocks: Excel.RangeAreas[] }[] = [];
  let queuedBytes = 0;
  for (const table of mergedAreas ? tables : []) {
    if (table.source !== 'sheet' || table.header.length === 0) continue;
    const isLocalities = table === localities?.table;
    const rowCount = isLocalities && localities ? localities.body.rows + 1 : table.rows.length + 1;
    const spans: [number, number][] = isLocalities && table.header.length > MERGE_FULL_WIDTH ? runsOf(wanted) : [[0, table.header.length]];
    const sheet = workbook.worksheets.getItem(table.sheet);
    const blocks: Excel.RangeAreas[] = [];
    for (const [start, columns] of spans) {
      const rowsPerBlock = Math.max(1, Math.floor(MERGE_BLOCK_CELLS / columns));
      for (let r = 0; r < rowCount; r += rowsPerBlock) {
        // Three operations each (the range, its merged areas, the load); a very wide sheet may need more than one request.
        queuedBytes += 3 * OPERATION_OVERHEAD_BYTES;
        if (queuedBytes > session.budgetBytes) {
          await session.sync();
          queuedBytes = 3 * OPERATION_OVERHEAD_BYTES;
        }
        blocks.push(sheet.getRangeByIndexes(table.origin.row + r, table.origin.column + start, Math.min(rowsPerBlock, rowCount - r), columns).getMergedAreasOrNullObject().load('address'));
      }
    }
    merges.push({ table, blocks });
  }

  // Round trip 3: the Localities columns the engine uses.
  let localitiesRead = (_column: number): boolean => true;
  if (localities && localities.body.rows > 0) {
    const { table, body, formats } = localities;
    localitiesRead = (column) => wantedSet.has(column);
    const sheet = workbook.worksheets.getItem(table.sheet);
    // Rows end at the last column read: a stray header far to the right costs nothing per row.
    const width = wanted.length === 0 ? 0 : wanted[wanted.length - 1] + 1;
    const rows: CellValue[][] = Array.from({ length: body.rows }, () => new Array<CellValue>(width).fill(null));
    // Rows per request so the response stays under the budget; only a table that big takes another round trip.
    const rowsPerRequest = Math.max(1, Math.floor(RESPONSE_BUDGET_BYTES / (Math.max(wanted.length, 1) * RESPONSE_BYTES_PER_CELL)));
    if (wanted.length === 0 && merges.length > 0) await session.sync();
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
  } else if (merges.length > 0) await session.sync();

  for (const { table, blocks } of merges) {
    const areas = blocks.flatMap((b) => (b.isNullObject ? [] : parseAreasAddress(b.address)));
    if (areas.length === 0) continue;
    const current = tables.find((t) => t.name === table.name && t.sheet === table.sheet)!;
    const isLocalities = current.name === localities?.table.name && current.sheet === localities.table.sheet;
    const readable = isLocalities ? localitiesRead : () => true;
    // A merged area starting in a Localities column that was not read: fetch its first cell (a rare extra round trip).
    const top = current.origin.row;
    const left = current.origin.column;
    const missing = areas.filter((a) => a.top > top && a.top <= top + current.rows.length && a.left >= left && !readable(a.left - left));
    const anchors = new Map<string, CellValue>();
    if (missing.length > 0) {
      const sheet = workbook.worksheets.getItem(current.sheet);
      const cells = missing.map((a) => ({ a, range: sheet.getCell(a.top, a.left).load('values,valueTypes,numberFormat') }));
      await session.sync();
      for (const { a, range } of cells) anchors.set(`${a.top},${a.left}`, toCellValue(range.values[0][0], range.valueTypes[0][0], range.numberFormat[0][0]));
    }
    tables[tables.indexOf(current)] = fillMergedAreas(current, areas, anchors, readable);
  }

  const chartNames = charts.flatMap(({ sheet, charts: c }) => c.items.map((chart) => ({ name: chart.name, sheet })));
  return { tables, sheetNames, tableNames, chartNames, ...(ownershipRecord ? { ownershipRecord } : {}), sheetMarks, ...(openingCells.length > 0 ? { openingCells } : {}) };
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
