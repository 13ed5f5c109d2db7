import { type CellValue, type SourceTable, rangeAddress, unsavedFormula } from '../engine';
import type { CellRect, SheetTail } from './worksheet';

/** Where a block of cells lives and how it is bounded. */
export type BlockSpec =
  | {
      /** An Excel table: its range from the table part, less any totals rows. */
      readonly kind: 'table';
      readonly name: string;
      readonly sheet: string;
      readonly range: CellRect;
      /** False for a table saved without a header row (`headerRowCount="0"`): its column names are the header. */
      readonly headerRow: boolean;
      readonly totalsRows: number;
      /** The table's column names, the header wherever its header cell is empty. */
      readonly columnNames: readonly string[];
    }
  | {
      /** A sheet: its first row holding a value is the header; the rest down to the last value is data (contract §1). */
      readonly kind: 'sheet';
      readonly name: string;
      readonly sheet: string;
    };

/** Which columns to keep, decided from the header once it is read; undefined keeps them all. */
export type ColumnChoice = (header: readonly CellValue[], firstColumn: number) => ((column: number) => boolean) | undefined;

/** A cell whose value the block needs but did not keep: the first cell of a merged area in a column it skips. */
export interface MissingCell {
  readonly row: number;
  readonly column: number;
}

const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);

/**
 * One input's block of cells, gathered while its sheet streams past and then handed to
 * the engine as a {@link SourceTable}. Its bounds are those of the values actually there
 * (the used range of values, as Office.js gives it), so a stray note far to the right or a
 * table range of a whole sheet costs what its cells cost, not a 16,384-column grid. Only
 * the columns {@link ColumnChoice} keeps are stored, beside the whole header row.
 */
export class SourceBlock {
  /** The sheet row of the header, once known. */
  private headerRowIndex: number | undefined;
  private readonly header = new Map<number, Exclude<CellValue, null>>();
  private keep: ((column: number) => boolean) | undefined;
  private decided = false;
  /** Data rows with kept values, in sheet order: the row and its cells as column, value, column, value… */
  private readonly rowNumbers: number[] = [];
  private readonly rowCells: (number | Exclude<CellValue, null>)[][] = [];
  private current: (number | Exclude<CellValue, null>)[] = [];
  private readonly hiddenRows: number[] = [];
  private minColumn = Number.MAX_SAFE_INTEGER;
  private maxColumn = -1;
  private lastRow = -1;

  constructor(
    readonly spec: BlockSpec,
    private readonly choose?: ColumnChoice,
  ) {
    if (spec.kind === 'table') {
      if (spec.headerRow) this.headerRowIndex = spec.range.top;
      else {
        // No header row in the sheet: the column names stand above the first data row.
        this.headerRowIndex = spec.range.top - 1;
        this.decide();
      }
    }
  }

  /** The rows this block may take cells from (the header row included). */
  private get top(): number {
    return this.spec.kind === 'table' ? this.spec.range.top : 0;
  }
  private get bottom(): number {
    return this.spec.kind === 'table' ? this.spec.range.bottom - this.spec.totalsRows : Number.MAX_SAFE_INTEGER;
  }

  /** A cell from the sheet; kept if it falls in the block and its column is kept. */
  cell(row: number, column: number, value: Exclude<CellValue, null>): void {
    if (row < this.top || row > this.bottom) return;
    if (this.spec.kind === 'table' && (column < this.spec.range.left || column > this.spec.range.right)) return;
    this.headerRowIndex ??= row;
    if (row > this.lastRow) this.lastRow = row;
    if (column < this.minColumn) this.minColumn = column;
    if (column > this.maxColumn) this.maxColumn = column;
    if (row === this.headerRowIndex) this.header.set(column, value);
    else if (!this.keep || this.keep(column)) this.current.push(column, value);
  }

  /** The end of a sheet row. */
  endRow(row: number, hidden: boolean): void {
    if (row === this.headerRowIndex && !this.decided) this.decide();
    if (this.current.length > 0) {
      this.rowNumbers.push(row);
      this.rowCells.push(this.current);
      this.current = [];
    }
    if (hidden && row >= this.top && row <= this.bottom) this.hiddenRows.push(row);
  }

  /** Whether the header row has been read (so other blocks may rely on this block's header and everything above). */
  get headerDone(): boolean {
    return this.decided;
  }

  /** The last sheet row this block can take cells from; a table's is known from its range. */
  get lastPossibleRow(): number {
    return this.bottom;
  }

  private decide(): void {
    this.decided = true;
    if (!this.choose) return;
    let first = Number.MAX_SAFE_INTEGER;
    let last = -1;
    const see = (c: number) => {
      if (c < first) first = c;
      if (c > last) last = c;
    };
    for (const c of this.header.keys()) see(c);
    if (this.spec.kind === 'table') {
      const { left } = this.spec.range;
      see(left);
      this.spec.columnNames.forEach((n, i) => n !== '' && see(left + i));
    }
    if (last < 0) return;
    this.keep = this.choose(this.headerFrom(first, last), first);
  }

  private headerFrom(first: number, last: number): CellValue[] {
    const header: CellValue[] = new Array<CellValue>(last - first + 1).fill(null);
    for (const [c, v] of this.header) if (c >= first && c <= last) header[c - first] = v;
    if (this.spec.kind === 'table') {
      const { left } = this.spec.range;
      this.spec.columnNames.forEach((name, i) => {
        const c = left + i;
        if (c >= first && c <= last && header[c - first] === null && name !== '') header[c - first] = name;
      });
    }
    return header;
  }

  /**
   * The first cells of merged areas this block needs but skipped (in a column it does not
   * keep, spreading into one it does). Only a contrived file has any; {@link finish} takes
   * their values from a second read of the sheet.
   */
  missingAnchors(tail: SheetTail): MissingCell[] {
    const bounds = this.bounds();
    if (!bounds || !this.keep) return [];
    const missing: MissingCell[] = [];
    for (const m of tail.merges) {
      const clip = intersect(m, bounds);
      if (!clip || m.top === this.headerRowIndex || this.keep(m.left)) continue;
      if (m.top >= bounds.top && m.left >= bounds.left) missing.push({ row: m.top, column: m.left });
    }
    return missing;
  }

  /** The block's extent: header row to the last row with a value, first to last column with a value. */
  private bounds(): CellRect | undefined {
    if (this.headerRowIndex === undefined) return undefined;
    if (this.spec.kind === 'table') {
      const { left, right } = this.spec.range;
      const named = this.spec.columnNames.reduce((last, n, i) => (n !== '' ? i : last), -1);
      return { top: this.headerRowIndex, left, right: Math.min(right, Math.max(this.maxColumn, left + named, left)), bottom: Math.max(this.headerRowIndex, this.lastRow) };
    }
    return { top: this.headerRowIndex, left: this.minColumn, right: this.maxColumn, bottom: this.lastRow };
  }

  /**
   * The block as the engine takes it. Each merged area's first value is copied into
   * every cell of the area inside the block (as a reader of the sheet sees it) and the
   * area is listed; every cell of an unsaved array formula is such a formula.
   */
  finish(tail: SheetTail, anchors: ReadonlyMap<string, Exclude<CellValue, null>> = new Map()): SourceTable {
    const { spec } = this;
    const bounds = this.bounds();
    if (!bounds) return { name: spec.name, source: spec.kind, sheet: spec.sheet, origin: { row: 0, column: 0 }, header: [], rows: [] };
    const { top, left, right, bottom } = bounds;
    const header = this.headerFrom(left, right);
    const rows: CellValue[][] = Array.from({ length: Math.max(0, bottom - top) }, () => EMPTY_ROW as CellValue[]);
    this.rowNumbers.forEach((r, i) => {
      if (r > bottom) return;
      const flat = this.rowCells[i];
      let width = 0;
      for (let k = 0; k < flat.length; k += 2) width = Math.max(width, (flat[k] as number) - left + 1);
      const line = new Array<CellValue>(Math.min(width, right - left + 1)).fill(null);
      for (let k = 0; k < flat.length; k += 2) {
        const c = (flat[k] as number) - left;
        if (c < line.length) line[c] = flat[k + 1] as CellValue;
      }
      rows[r - top - 1] = line;
    });
    const valueAt = (row: number, column: number): CellValue => {
      if (row === top) return header[column - left] ?? null;
      const line = rows[row - top - 1];
      const v = line?.[column - left];
      return v ?? anchors.get(`${row},${column}`) ?? null;
    };
    const put = (row: number, column: number, value: CellValue): void => {
      if (row === top) {
        header[column - left] = value;
        return;
      }
      if (this.keep && !this.keep(column)) return;
      const i = row - top - 1;
      let line = rows[i];
      if (line === EMPTY_ROW) line = rows[i] = [];
      while (line.length <= column - left) line.push(null);
      line[column - left] = value;
    };

    const mergedRanges: string[] = [];
    // In sheet order, as the add-in lists them, so both hosts give the same list.
    const merges = [...tail.merges].sort((a, b) => a.top - b.top || a.left - b.left);
    for (const m of merges) {
      const clip = intersect(m, bounds);
      if (!clip) continue;
      const value = valueAt(m.top, m.left);
      if (value === null || (clip.top === clip.bottom && clip.left === clip.right && clip.top === m.top && clip.left === m.left)) continue;
      for (let r = clip.top; r <= clip.bottom; r++) for (let c = clip.left; c <= clip.right; c++) put(r, c, value);
      mergedRanges.push(rangeAddress(clip.top, clip.left, clip.bottom - clip.top + 1, clip.right - clip.left + 1));
    }
    for (const a of tail.unsavedArrays) {
      const clip = intersect(a.rect, bounds);
      if (!clip) continue;
      const value = unsavedFormula(a.formula);
      for (let r = clip.top; r <= clip.bottom; r++) for (let c = clip.left; c <= clip.right; c++) put(r, c, value);
    }

    const hasHiddenRows = this.hiddenRows.some((r) => r > top && r <= bottom);
    return {
      name: spec.name,
      source: spec.kind,
      sheet: spec.sheet,
      origin: { row: top, column: left },
      header,
      rows,
      hasHiddenRows,
      ...(mergedRanges.length > 0 ? { mergedRanges } : {}),
    };
  }
}

function intersect(a: CellRect, b: CellRect): CellRect | undefined {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : undefined;
}
