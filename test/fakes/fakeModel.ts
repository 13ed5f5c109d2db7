import { columnLetters, parseCellAddress, quoteSheetName } from '../../src/engine';

/**
 * The workbook the fake Excel holds, as plain data, and the rules Excel enforces on it.
 * The proxies in fakeExcel.ts read and change this model only inside `sync()`, so tests
 * see exactly what a real request would have left behind. Rows and columns are zero-based.
 */

/** The size of a worksheet in Excel 2007 and later. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export interface BorderModel {
  style: string;
  color: string;
}

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fill?: string;
  horizontalAlignment?: string;
  wrapText?: boolean;
  borders?: Record<string, BorderModel>;
}

/** One cell: a value (or an error, or a formula), its number format and its look. */
export interface CellModel {
  value: string | number | boolean | null;
  /** Set when the cell holds a formula (the fake does not calculate; value stays 0). */
  formula?: string;
  /** Set when the cell shows an Excel error such as `#N/A`. */
  error?: string;
  numberFormat?: string;
  /** True when the text was typed behind an apostrophe (Excel's quote prefix). */
  quotePrefix?: boolean;
  style?: CellStyle;
}

export interface ConditionalFormatModel {
  id: number;
  type: string;
  rect: Rect;
  cellValue: { rule: Record<string, unknown> | null; format: { fill: { color: string | null }; font: { color: string | null } } };
  dataBar: {
    lowerBoundRule: Record<string, unknown>;
    upperBoundRule: Record<string, unknown>;
    positiveFormat: { fillColor: string; gradientFill: boolean };
  };
}

export interface ChartSeriesModel {
  name: string;
  chartType: string;
  /** Where the values come from on the chart's sheet; null for a series added without values yet. */
  values: Rect | null;
  /** The series' own categories (setXAxisValues); otherwise the chart's. */
  categories?: Rect | null;
  format: { fill: { color: string | null }; line: { color: string | null; lineStyle: string } };
  hasDataLabels: boolean;
  dataLabels: { showValue: boolean; numberFormat: string; position: string; format: { font: { bold: boolean; size: number; color: string } } };
}

/**
 * A chart or axis title. A new chart's axis titles are hidden; setting one's text to "" shows
 * Excel's placeholder ("Axis Title") rather than nothing, which is what a user would see.
 */
export interface TitleModel {
  text: string;
  visible: boolean;
}

/** Excel's placeholder for an axis title given no text. */
export const AXIS_TITLE_PLACEHOLDER = 'Axis Title';

export interface ChartModel {
  id: number;
  name: string;
  chartType: string;
  source: Rect;
  seriesBy: string;
  categories: Rect | null;
  series: ChartSeriesModel[];
  title: TitleModel;
  legend: { visible: boolean; position: string };
  axes: {
    valueAxis: { numberFormat: string; maximum: number | null; title: TitleModel };
    categoryAxis: { reversePlotOrder: boolean; position: string; title: TitleModel };
  };
  /** Top-left and bottom-right cells from setPosition, as addresses. */
  position: { from: string; to: string | null } | null;
  /** The alternative text of the shape that holds the chart on the drawing layer. */
  altText: { title: string; description: string };
  deleted?: boolean;
}

/** A sheet's page layout (ExcelApi 1.9), margins in points as the API gives them. */
export interface PageModel {
  orientation: string;
  paperSize: string;
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  zoom: { scale?: number | null; horizontalFitToPages?: number | null; verticalFitToPages?: number | null };
  printArea: Rect | null;
  /** Rows repeated at the top of every printed page, zero-based, inclusive. */
  printTitleRows: { first: number; last: number } | null;
  headersFooters: { leftHeader: string; centerHeader: string; rightHeader: string; leftFooter: string; centerFooter: string; rightFooter: string };
  /** Zero-based rows with a manual page break above them, in order. */
  breaks: number[];
}

export interface SheetModel {
  id: number;
  name: string;
  visibility: `${Excel.SheetVisibility}`;
  tabColor: string;
  cells: Map<number, Map<number, CellModel>>;
  hiddenRows: Set<number>;
  columnWidths: Map<number, number>;
  /** Rows given a height of their own, in points. */
  rowHeights: Map<number, number>;
  page: PageModel;
  freeze: { rows: number; columns: number };
  conditionalFormats: ConditionalFormatModel[];
  charts: ChartModel[];
  /** Merged areas; Excel keeps only each area's top-left value. */
  merges?: Rect[];
  /** Names scoped to the sheet (`worksheet.names`); they go where the sheet goes, through a rename. */
  names: NameModel[];
  deleted?: boolean;
}

/** A defined name: its formula as Excel gives it back (`="text"`, `=Sheet1!$A$1`), and whether Name Manager lists it. */
export interface NameModel {
  name: string;
  formula: string;
  visible: boolean;
  deleted?: boolean;
}

export interface TableModel {
  id: number;
  name: string;
  sheet: SheetModel;
  /** Header row included. */
  rect: Rect;
  style: string;
  showBandedRows: boolean;
  deleted?: boolean;
}

export interface WorkbookModel {
  sheets: SheetModel[];
  tables: TableModel[];
  active: SheetModel | null;
  selection: { sheet: string; address: string } | null;
  /** The workbook's add-in settings (workbook.settings), saved with the file. */
  settings: { key: string; value: unknown }[];
  /**
   * Sheets Office.js does not list (chart sheets, dialog sheets, macro sheets): no
   * worksheet API sees them, but their names are taken, so adding or renaming a worksheet
   * to one fails as Excel fails it.
   */
  otherSheets: { name: string }[];
  nextId: number;
}

/** Excel's default column width in points (8.43 characters of Calibri 11). */
export const DEFAULT_COLUMN_WIDTH = 48;
/** Excel's standard row height in points (Calibri 11). */
export const STANDARD_ROW_HEIGHT = 15;

/** An OfficeExtension.Error as Excel raises it: a code, a message, and where it happened. */
export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];
  readonly innerError = null;
  constructor(readonly code: string, message: string, errorLocation?: string) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }
}

export const fail = (code: string, message: string, location?: string): never => {
  throw new FakeOfficeError(code, message, location);
};

export function newSheet(model: WorkbookModel, name: string): SheetModel {
  return {
    id: model.nextId++,
    name,
    visibility: 'Visible',
    tabColor: '',
    cells: new Map(),
    hiddenRows: new Set(),
    columnWidths: new Map(),
    rowHeights: new Map(),
    // A new sheet as Excel makes one: portrait, the Normal margins, 100%, nothing else set.
    page: {
      orientation: 'Portrait',
      paperSize: 'Letter',
      margins: { left: 50.4, right: 50.4, top: 54, bottom: 54, header: 21.6, footer: 21.6 },
      zoom: { scale: 100 },
      printArea: null,
      printTitleRows: null,
      headersFooters: { leftHeader: '', centerHeader: '', rightHeader: '', leftFooter: '', centerFooter: '', rightFooter: '' },
      breaks: [],
    },
    freeze: { rows: 0, columns: 0 },
    conditionalFormats: [],
    charts: [],
    names: [],
  };
}

export const liveSheets = (model: WorkbookModel): SheetModel[] => model.sheets.filter((s) => !s.deleted);
export const liveTables = (model: WorkbookModel): TableModel[] => model.tables.filter((t) => !t.deleted && !t.sheet.deleted);

export function findSheet(model: WorkbookModel, name: string): SheetModel | undefined {
  const key = name.toLowerCase();
  return liveSheets(model).find((s) => s.name.toLowerCase() === key);
}
export function findTable(model: WorkbookModel, name: string): TableModel | undefined {
  const key = name.toLowerCase();
  return liveTables(model).find((t) => t.name.toLowerCase() === key);
}

/** Excel's sheet-name rules: 1–31 characters, none of []:*?/\, no apostrophe at either end, not History, unique ignoring case. */
export function checkSheetName(model: WorkbookModel, name: string, self?: SheetModel): void {
  if (typeof name !== 'string' || name.length < 1 || name.length > 31) fail('InvalidArgument', `The sheet name "${name}" must be 1 to 31 characters long.`);
  if (/[[\]:*?/\\]/.test(name)) fail('InvalidArgument', `The sheet name "${name}" contains a character Excel does not allow.`);
  if (name.startsWith("'") || name.endsWith("'")) fail('InvalidArgument', `The sheet name "${name}" cannot begin or end with an apostrophe.`);
  if (name.toLowerCase() === 'history') fail('InvalidArgument', 'History is a name Excel reserves.');
  const other = findSheet(model, name);
  if (other && other !== self) fail('ItemAlreadyExists', `A sheet named "${other.name}" already exists.`);
  // A chart sheet's name is taken too, though no worksheet API lists it.
  const hidden = model.otherSheets.find((o) => o.name.toLowerCase() === name.toLowerCase());
  if (hidden) fail('ItemAlreadyExists', 'A resource with the same name or identifier already exists.');
}

/** Excel's rules for a defined name: a letter, underscore or backslash first, then letters, digits, underscores, dots; not a cell reference. */
export function checkDefinedName(name: string): void {
  if (typeof name !== 'string' || name.length < 1 || name.length > 255 || !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || looksLikeCellReference(name)) {
    fail('InvalidArgument', `The name "${String(name)}" is not a valid name.`);
  }
}

/** True for names Excel would read as a cell reference: A1, xfd1048576, R1C1, R, C. */
export function looksLikeCellReference(name: string): boolean {
  if (/^[rc]$/i.test(name)) return true;
  if (/^r\d*c\d*$/i.test(name)) return true;
  const cell = parseCellAddress(name);
  return cell !== undefined && cell.column < MAX_COLUMNS && cell.row < MAX_ROWS;
}

/**
 * Excel's table-name rules: unique across the workbook ignoring case, starts with a
 * letter, underscore or backslash, then letters, digits, full stops and underscores
 * only, and not something Excel would read as a cell reference. Excel reports a clash
 * with the vague InvalidArgument (office-js#551), so the fake does too.
 */
export function checkTableName(model: WorkbookModel, name: string, self?: TableModel): void {
  if (typeof name !== 'string' || name.length < 1 || name.length > 255) fail('InvalidArgument', `The table name "${name}" is not valid.`);
  if (!/^[A-Za-z_\\]/.test(name)) fail('InvalidArgument', `The table name "${name}" must start with a letter, an underscore or a backslash.`);
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) fail('InvalidArgument', `The table name "${name}" may not contain spaces or punctuation.`);
  if (looksLikeCellReference(name)) fail('InvalidArgument', `The table name "${name}" looks like a cell reference.`);
  const other = findTable(model, name);
  if (other && other !== self) fail('InvalidArgument', `The argument is invalid or missing or has an incorrect format.`);
}

export const rectEnd = (r: Rect) => ({ row: r.row + r.rows - 1, column: r.column + r.columns - 1 });

export function intersects(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
}

export function contains(outer: Rect, row: number, column: number): boolean {
  return row >= outer.row && row < outer.row + outer.rows && column >= outer.column && column < outer.column + outer.columns;
}

/** `A1`, `A1:C3`, `$A$1`, `A:C` (whole columns), `2:5` (whole rows), optionally behind `Sheet!`. */
export function parseRangeReference(text: string): { sheet?: string; rect: Rect } {
  let sheet: string | undefined;
  let ref = text.trim();
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheet = ref.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  const [a, b = a] = ref.split(':');
  const cellA = parseCellAddress(a);
  const cellB = parseCellAddress(b);
  if (cellA && cellB) {
    const row = Math.min(cellA.row, cellB.row);
    const column = Math.min(cellA.column, cellB.column);
    const rect = { row, column, rows: Math.abs(cellA.row - cellB.row) + 1, columns: Math.abs(cellA.column - cellB.column) + 1 };
    if (rectEnd(rect).row >= MAX_ROWS || rectEnd(rect).column >= MAX_COLUMNS) fail('InvalidArgument', `The address ${text} is outside the sheet.`);
    return { sheet, rect };
  }
  const columnsOnly = /^\$?([A-Za-z]{1,3})$/;
  const rowsOnly = /^\$?(\d{1,7})$/;
  if (columnsOnly.test(a) && columnsOnly.test(b)) {
    const ca = parseCellAddress(`${a.replace('$', '')}1`)!.column;
    const cb = parseCellAddress(`${b.replace('$', '')}1`)!.column;
    return { sheet, rect: { row: 0, column: Math.min(ca, cb), rows: MAX_ROWS, columns: Math.abs(ca - cb) + 1 } };
  }
  if (rowsOnly.test(a) && rowsOnly.test(b)) {
    const ra = Number(a.replace('$', '')) - 1;
    const rb = Number(b.replace('$', '')) - 1;
    return { sheet, rect: { row: Math.min(ra, rb), column: 0, rows: Math.abs(ra - rb) + 1, columns: MAX_COLUMNS } };
  }
  return fail('InvalidArgument', `"${text}" is not a range address.`);
}

export function rectAddress(rect: Rect): string {
  const start = `${columnLetters(rect.column)}${rect.row + 1}`;
  if (rect.rows === 1 && rect.columns === 1) return start;
  const end = rectEnd(rect);
  return `${start}:${columnLetters(end.column)}${end.row + 1}`;
}

/** The address Excel reports: `Priorities!A1:H20`, `'Run info'!A1`. */
export const qualifiedAddress = (sheet: SheetModel, rect: Rect): string => `${quoteSheetName(sheet.name)}!${rectAddress(rect)}`;

export function getCell(sheet: SheetModel, row: number, column: number): CellModel | undefined {
  return sheet.cells.get(row)?.get(column);
}

export function ensureCell(sheet: SheetModel, row: number, column: number): CellModel {
  let line = sheet.cells.get(row);
  if (!line) sheet.cells.set(row, (line = new Map()));
  let cell = line.get(column);
  if (!cell) line.set(column, (cell = { value: null }));
  return cell;
}

/** Cells that exist inside a rectangle, without walking empty space (a whole sheet is 17 billion cells). */
export function* cellsIn(sheet: SheetModel, rect: Rect): Generator<[number, number, CellModel]> {
  const end = rectEnd(rect);
  for (const [row, line] of sheet.cells) {
    if (row < rect.row || row > end.row) continue;
    for (const [column, cell] of line) if (column >= rect.column && column <= end.column) yield [row, column, cell];
  }
}

/** Every position of a rectangle; refuses more cells than Excel on the web would take in one operation. */
export function* positions(rect: Rect): Generator<[number, number]> {
  if (rect.rows * rect.columns > 33_554_000) fail('OperationCellsExceedLimit', 'The operation touches more cells than Excel allows at once.');
  for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.columns; c++) yield [rect.row + r, rect.column + c];
}

export const hasValue = (cell: CellModel | undefined): boolean =>
  cell !== undefined && (cell.formula !== undefined || cell.error !== undefined || (cell.value !== null && cell.value !== ''));

const hasFormat = (cell: CellModel): boolean =>
  (cell.numberFormat !== undefined && cell.numberFormat !== 'General') || (cell.style !== undefined && Object.keys(cell.style).length > 0);

/** The used range: every cell with a value (and, unless valuesOnly, with a format), within `within` if given. Null when there is none. */
export function usedRect(sheet: SheetModel, valuesOnly: boolean, within?: Rect): Rect | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [row, line] of sheet.cells) {
    if (within && (row < within.row || row >= within.row + within.rows)) continue;
    for (const [column, cell] of line) {
      if (within && (column < within.column || column >= within.column + within.columns)) continue;
      if (!(hasValue(cell) || (!valuesOnly && hasFormat(cell)))) continue;
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
  }
  if (bottom < 0) return null;
  return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}

/** What `Range.values` returns for a cell: errors as their code, blanks as "". */
export function cellValue(cell: CellModel | undefined): string | number | boolean {
  if (!cell) return '';
  if (cell.error !== undefined) return cell.error;
  if (cell.formula !== undefined) return cell.value ?? 0;
  return cell.value ?? '';
}

/** What `Range.valueTypes` returns for a cell. */
export function cellValueType(cell: CellModel | undefined): string {
  if (!cell) return 'Empty';
  if (cell.error !== undefined) return 'Error';
  if (cell.formula !== undefined) return 'Double';
  if (cell.value === null || cell.value === '') return 'Empty';
  if (typeof cell.value === 'number') return 'Double';
  if (typeof cell.value === 'boolean') return 'Boolean';
  return 'String';
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/;
const DAY_MONTH = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/;

/** Excel serial day of a date (1900 system; serial 60 is the phantom 29 Feb 1900). */
export function dateSerial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * Writes one element of a `values` array the way Excel treats typed input: null leaves
 * the cell alone; "" clears it; in a Text (`@`) cell a string is kept verbatim when
 * `textFormatKeepsTyping` (nothing documents whether Office.js does this, so tests try both);
 * an apostrophe makes the rest text; `=` (and `+`, `-`, `@` before anything that is not a
 * number) starts a formula; numbers, percentages, TRUE/FALSE and day/month dates are
 * converted; anything else is text.
 */
export function typeIntoCell(sheet: SheetModel, row: number, column: number, input: unknown, textFormatKeepsTyping = true): void {
  if (input === null || input === undefined) return;
  const cell = ensureCell(sheet, row, column);
  delete cell.formula;
  delete cell.error;
  delete cell.quotePrefix;
  if (typeof input === 'number' || typeof input === 'boolean') {
    if (typeof input === 'number' && !Number.isFinite(input)) fail('InvalidArgument', 'A value written to a cell must be a finite number.');
    cell.value = input;
    return;
  }
  if (typeof input !== 'string') return fail('InvalidArgument', `A value of type ${typeof input} cannot be written to a cell.`);
  if (input === '') {
    cell.value = null;
    return;
  }
  if (cell.numberFormat === '@' && textFormatKeepsTyping) {
    cell.value = input;
    return;
  }
  if (input.startsWith("'")) {
    cell.value = input.slice(1);
    cell.quotePrefix = true;
    return;
  }
  const compact = input.trim();
  if (compact !== '' && NUMBER.test(compact) && /\d/.test(compact)) {
    cell.value = Number(compact.replace(/,/g, ''));
    return;
  }
  if (/^[+-]?[\d,.]+%$/.test(compact) && NUMBER.test(compact.slice(0, -1))) {
    cell.value = Number(compact.slice(0, -1).replace(/,/g, '')) / 100;
    if (!cell.numberFormat || cell.numberFormat === 'General') cell.numberFormat = '0%';
    return;
  }
  if (input.startsWith('=') && input.length > 1) {
    cell.formula = input;
    cell.value = 0;
    return;
  }
  if (/^[+\-@]./.test(input)) {
    cell.formula = `=${input}`;
    cell.value = 0;
    return;
  }
  if (/^(true|false)$/i.test(compact)) {
    cell.value = compact.toLowerCase() === 'true';
    return;
  }
  const dm = DAY_MONTH.exec(compact);
  if (dm) {
    const day = Number(dm[1]);
    const month = Number(dm[2]);
    const year = dm[3] === undefined ? new Date().getUTCFullYear() : dm[3].length === 2 ? 2000 + Number(dm[3]) : Number(dm[3]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
      cell.value = dateSerial(year, month, day);
      if (!cell.numberFormat || cell.numberFormat === 'General') cell.numberFormat = 'dd/mm/yyyy';
      return;
    }
  }
  cell.value = input;
}

/** Excel's header rule for a new table: text, blanks become ColumnN, repeats get a number. */
export function fixTableHeaders(sheet: SheetModel, rect: Rect): void {
  const seen = new Set<string>();
  for (let c = 0; c < rect.columns; c++) {
    const cell = ensureCell(sheet, rect.row, rect.column + c);
    let text = cell.error ?? (cell.value === null || cell.value === '' ? `Column${c + 1}` : String(cell.value));
    if (seen.has(text.toLowerCase())) {
      let n = 2;
      while (seen.has(`${text}${n}`.toLowerCase())) n++;
      text = `${text}${n}`;
    }
    seen.add(text.toLowerCase());
    delete cell.formula;
    delete cell.error;
    cell.value = text;
  }
}
