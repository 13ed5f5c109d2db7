import { type CellValue, cellAddress, excelDate, excelError, unsavedFormula } from '../engine';
import { damaged } from './fileErrors';
import type { WorkbookPackage } from './package';
import { readPartStreaming } from './sax';
import { decodeXstring } from './sharedStrings';

/** A rectangle of cells, zero-based and inclusive at both ends. */
export interface CellRect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** What every sheet of a workbook reads cells with. */
export interface WorkbookCellContext {
  readonly sharedStrings: readonly string[];
  /** For each cell style index, whether it shows numbers as dates. */
  readonly dateStyles: readonly boolean[];
  /** The workbook counts days from 1904 (old Mac Excel; LibreOffice keeps it): its dates are 1,462 days later as 1900 serials. */
  readonly date1904: boolean;
  /**
   * The workbook asks to be recalculated on opening (`fullCalcOnLoad`, as openpyxl and
   * XlsxWriter write it), so a formula's saved value, if any, is a placeholder.
   */
  readonly recalculateOnLoad: boolean;
}

/** Receives a sheet's cells as they stream past, top to bottom, left to right. */
export interface CellListener {
  /** A cell that holds something; blank cells are never reported. */
  cell(row: number, column: number, value: Exclude<CellValue, null>): void;
  /** The end of a `<row>`: every cell of `row` has been reported. */
  endRow(row: number, hidden: boolean): void;
}

/** What a sheet says after its cells. */
export interface SheetTail {
  readonly merges: readonly CellRect[];
  /** Array formulas with no saved result: every cell of the range is one, not only the first. */
  readonly unsavedArrays: readonly { readonly rect: CellRect; readonly formula: string }[];
}

/** Days from 30 December 1899 (serial 0 in the 1900 system) to 1 January 1904 (serial 0 in the 1904 system). */
export const DAYS_1900_TO_1904 = 1462;

const MAX_ROW = 1_048_575;
const MAX_COLUMN = 16_383;

/** The row and column {@link readCellRef} last read (module state, so the per-cell path allocates nothing). */
let refRow = 0;
let refColumn = 0;

/** Reads `B12` or `$B$12` into refRow, refColumn (zero-based); false if it is not a cell reference inside the sheet. */
function readCellRef(ref: string): boolean {
  let column = 0;
  let row = 0;
  let i = 0;
  let letters = 0;
  let digits = 0;
  if (ref.charCodeAt(0) === 36) i++;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) column = column * 26 + c - 64;
    else if (c >= 97 && c <= 122) column = column * 26 + c - 96;
    else break;
    letters++;
  }
  if (i < ref.length && ref.charCodeAt(i) === 36) i++;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    row = row * 10 + c - 48;
    digits++;
  }
  if (letters === 0 || letters > 3 || digits === 0 || row < 1 || row - 1 > MAX_ROW || column - 1 > MAX_COLUMN) return false;
  refRow = row - 1;
  refColumn = column - 1;
  return true;
}

/** `B12` or `$B$12` → [row, column], zero-based; undefined if it is not a cell reference inside the sheet. */
export function parseCellRef(ref: string): [number, number] | undefined {
  return readCellRef(ref) ? [refRow, refColumn] : undefined;
}

/** `B2:C9` (or one cell, `B2`) as a rectangle; undefined if it is not a range inside the sheet. */
export function parseRangeRef(ref: string): CellRect | undefined {
  const [a, b = a] = ref.trim().split(':');
  const start = parseCellRef(a);
  const end = parseCellRef(b);
  if (!start || !end) return undefined;
  return { top: Math.min(start[0], end[0]), left: Math.min(start[1], end[1]), bottom: Math.max(start[0], end[0]), right: Math.max(start[1], end[1]) };
}

/**
 * An ISO 8601 date (`t="d"` cells, as LibreOffice and some exporters write them) as a
 * 1900-system serial, counting Excel's fictitious 29 February 1900 as Excel does.
 */
export function serialOfIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const days = (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - Date.UTC(1899, 11, 30)) / 86_400_000;
  if (!Number.isFinite(days) || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) return undefined;
  const time = ((Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 60 + Number(m[6] ?? 0)) / 86_400;
  return (days < 61 ? days - 1 : days) + time;
}

const CAPTURE_NONE = 0;
const CAPTURE_VALUE = 1;
const CAPTURE_FORMULA = 2;
const CAPTURE_INLINE = 3;

const isTrue = (v: string | undefined): boolean => v === '1' || v === 'true';

/**
 * `Number(text)`, read directly when the text is up to nine digits (a shared string's index,
 * a row number, a style): `Number` on a string fresh from the XML goes through the runtime,
 * and a sheet has such a number in nearly every cell.
 */
export function numberOf(text: string): number {
  const n = text.length;
  if (n === 0 || n > 9) return Number(text);
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return Number(text);
    value = value * 10 + (c - 48);
  }
  return value;
}

/**
 * Streams one worksheet part's cells to `listener`, as values the engine takes: shared,
 * inline and rich strings; numbers, with those in a date style as dates (1900 serials,
 * whatever the workbook's date system); `t="d"` ISO dates; booleans; errors; a formula's
 * saved result, or {@link unsavedFormula} where the file holds none. Merged areas and
 * unsaved array formulas, which a sheet lists after its cells, come back at the end.
 */
export async function streamWorksheet(pkg: WorkbookPackage, part: string, sheet: string, ctx: WorkbookCellContext, listener: CellListener): Promise<SheetTail> {
  const merges: CellRect[] = [];
  const unsavedArrays: { rect: CellRect; formula: string }[] = [];
  const sharedFormulas = new Map<string, string>();
  const at = (row: number, column: number): string => `${sheet}!${cellAddress(row, column)}`;

  let row = -1;
  let rowHidden = false;
  let zeroHeight = false;
  let inRow = false;
  let inSheetData = false;
  let nextColumn = 0;
  let cellRow = 0;
  let cellColumn = 0;
  let type = 'n';
  let style = 0;
  let value: string | undefined;
  let formula: string | undefined;
  let formulaType: string | undefined;
  let formulaIndex: string | undefined;
  let formulaRef: string | undefined;
  let inline: string | undefined;
  let inInline = false;
  let phonetic = 0;
  let capture = CAPTURE_NONE;

  const convert = (): CellValue => {
    switch (type) {
      case 's': {
        if (value === undefined || value.trim() === '') return null;
        const s = ctx.sharedStrings[numberOf(value)];
        if (s === undefined) throw damaged(`the cell ${at(cellRow, cellColumn)} refers to a shared string that is not there`);
        return s === '' ? null : s;
      }
      case 'str':
      case 'inlineStr': {
        const text = inline ?? value;
        return text === undefined || text === '' ? null : decodeXstring(text);
      }
      case 'b':
        if (value === undefined || value === '') return null;
        if (value === '1' || value === 'true') return true;
        if (value === '0' || value === 'false') return false;
        throw damaged(`the cell ${at(cellRow, cellColumn)} is marked TRUE/FALSE but holds "${value}"`);
      case 'e':
        return value === undefined || value.trim() === '' ? null : excelError(value.trim());
      case 'd': {
        if (value === undefined || value.trim() === '') return null;
        const serial = serialOfIsoDate(value);
        // A date Excel itself could not read stays text, so the engine says what it found.
        return serial === undefined ? value : excelDate(serial);
      }
      case 'n': {
        if (value === undefined || value.trim() === '') return null;
        const n = numberOf(value);
        if (!Number.isFinite(n)) throw damaged(`the cell ${at(cellRow, cellColumn)} is marked as a number but holds "${value.slice(0, 40)}"`);
        if (ctx.dateStyles[style]) return excelDate(ctx.date1904 ? n + DAYS_1900_TO_1904 : n);
        return n;
      }
      default:
        throw damaged(`the cell ${at(cellRow, cellColumn)} has an unknown type "${type}"`);
    }
  };

  const finishCell = (): void => {
    let result: CellValue;
    if (formula !== undefined) {
      let text = formula;
      if (formulaType === 'shared' && formulaIndex !== undefined) {
        // The first cell of a shared formula holds its text; the others point at it.
        if (text !== '') sharedFormulas.set(formulaIndex, text);
        else text = sharedFormulas.get(formulaIndex) ?? '';
      }
      const saved = value !== undefined && (value !== '' || type === 'str' || type === 'inlineStr');
      if (!saved || ctx.recalculateOnLoad) {
        result = unsavedFormula(text);
        const rect = formulaType === 'array' && formulaRef ? parseRangeRef(formulaRef) : undefined;
        if (rect) unsavedArrays.push({ rect, formula: text });
      } else result = convert();
    } else result = convert();
    if (result !== null) listener.cell(cellRow, cellColumn, result);
    nextColumn = cellColumn + 1;
  };

  await readPartStreaming(pkg, part, {
    open(name, a) {
      if (!inSheetData) {
        // Outside the cells only a few elements matter; extension lists may reuse names such as f.
        if (name === 'sheetData') inSheetData = true;
        else if (name === 'mergeCell') {
          const rect = a.ref === undefined ? undefined : parseRangeRef(a.ref);
          if (!rect) throw damaged(`the sheet "${sheet}" has a merged area "${a.ref ?? ''}" that is not a range`);
          merges.push(rect);
        } else if (name === 'sheetFormatPr') zeroHeight = isTrue(a.zeroHeight);
        return;
      }
      switch (name) {
        case 'c': {
          if (!inRow) throw damaged(`the sheet "${sheet}" has a cell outside any row`);
          if (a.r !== undefined) {
            if (!readCellRef(a.r)) throw damaged(`the sheet "${sheet}" has a cell at "${a.r}", which is not a cell reference`);
            if (refRow !== row) throw damaged(`the cell ${at(refRow, refColumn)} is stored in row ${row + 1}`);
            cellColumn = refColumn;
          } else cellColumn = nextColumn;
          if (cellColumn > MAX_COLUMN) throw damaged(`the sheet "${sheet}" has a cell beyond column XFD`);
          cellRow = row;
          type = a.t ?? 'n';
          style = a.s === undefined ? 0 : numberOf(a.s);
          value = undefined;
          formula = undefined;
          formulaType = undefined;
          formulaIndex = undefined;
          formulaRef = undefined;
          inline = undefined;
          break;
        }
        case 'v':
          value = '';
          capture = CAPTURE_VALUE;
          break;
        case 'f':
          formula = '';
          formulaType = a.t;
          formulaIndex = a.si;
          formulaRef = a.ref;
          capture = CAPTURE_FORMULA;
          break;
        case 'is':
          inInline = true;
          inline = '';
          break;
        case 't':
          if (inInline && phonetic === 0) capture = CAPTURE_INLINE;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'row': {
          const next = a.r === undefined ? row + 1 : numberOf(a.r) - 1;
          if (!Number.isInteger(next) || next < 0 || next > MAX_ROW) throw damaged(`the sheet "${sheet}" has a row numbered "${a.r}"`);
          // Excel writes rows top to bottom and reads them no other way.
          if (next <= row) throw damaged(`the rows of the sheet "${sheet}" are out of order at row ${next + 1}`);
          row = next;
          inRow = true;
          nextColumn = 0;
          const height = a.ht === undefined ? undefined : Number(a.ht);
          rowHidden = isTrue(a.hidden) || height === 0 || (zeroHeight && !(height !== undefined && height > 0));
          break;
        }
      }
    },
    close(name) {
      if (!inSheetData) return;
      switch (name) {
        case 'sheetData':
          inSheetData = false;
          break;
        case 'v':
        case 'f':
        case 't':
          capture = CAPTURE_NONE;
          break;
        case 'c':
          finishCell();
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'row':
          inRow = false;
          listener.endRow(row, rowHidden);
          break;
      }
    },
    text(text) {
      if (capture === CAPTURE_VALUE) value += text;
      else if (capture === CAPTURE_FORMULA) formula += text;
      else if (capture === CAPTURE_INLINE) inline += text;
    },
  });
  return { merges, unsavedArrays };
}
