import { type KeepTogether, type PrintLayout, pagePlan, wrappedRowHeights } from './print';
import type { ChartPlan, ConditionalFormatPlan, NumberFormatName, OutputCell, RangeFormat, RangeStyle, Rect, SheetPlan, TablePlan } from './types';

/** How a sheet prints, as its builder asks for it (see print.ts). */
export type PrintRequest = Pick<PrintLayout, 'header' | 'footer' | 'onePage' | 'printedRows' | 'printedColumns'>;

/** Builds one output sheet row by row; the finished plan is plain data. */
export class SheetBuilder {
  readonly cells: OutputCell[][] = [];
  readonly numberFormats: RangeFormat[] = [];
  readonly styles: RangeStyle[] = [];
  readonly tables: TablePlan[] = [];
  readonly conditionalFormats: ConditionalFormatPlan[] = [];
  readonly charts: ChartPlan[] = [];
  columnWidths: number[] = [];
  freeze = { rows: 0, columns: 0 };
  /** The header row printed again on every page. */
  titleRow: number | null = null;
  /** Rows that must print on one page. */
  readonly keepTogether: KeepTogether[] = [];
  /** How the sheet prints; null leaves the host's settings alone. */
  print: PrintRequest | null = null;

  constructor(readonly name: string, readonly tabColor?: string) {}

  /** The next row's index. */
  get row(): number {
    return this.cells.length;
  }

  /** Appends a row and gives its index. */
  add(cells: readonly OutputCell[]): number {
    this.cells.push([...cells]);
    return this.cells.length - 1;
  }

  /** Writes cells into a row from a column, beside whatever the row already holds (the row is added if need be). */
  put(row: number, column: number, cells: readonly OutputCell[]): void {
    while (this.cells.length <= row) this.cells.push([]);
    const line = this.cells[row];
    while (line.length < column) line.push(null);
    cells.forEach((cell, i) => {
      line[column + i] = cell;
    });
  }

  blank(): number {
    return this.add([]);
  }

  /** A title line in bold, larger type. */
  title(text: string, subtitle?: string): void {
    const r = this.add([text]);
    this.style({ row: r, column: 0, rows: 1, columns: 1 }, { bold: true, fontSize: 14 });
    if (subtitle) {
      const s = this.add([subtitle]);
      this.style({ row: s, column: 0, rows: 1, columns: 1 }, { italic: true, fontColor: '#595959' });
    }
  }

  /** Keeps `rows` rows from `row` on one printed page; or, when they cannot fit on one page, the first `orFirst` of them. */
  keepRows(row: number, rows: number, orFirst?: number): void {
    if (rows > 0) this.keepTogether.push(orFirst === undefined ? { row, rows } : { row, rows, orFirst: Math.min(rows, orFirst) });
  }

  /**
   * Widens columns so every header in the row fits: its text, a little more for bold
   * type, and room for a table's filter button when the row heads a table.
   */
  fitHeaders(row: number, inTable: boolean): void {
    (this.cells[row] ?? []).forEach((cell, c) => {
      if (typeof cell !== 'string' || cell === '') return;
      const needed = Math.ceil(cell.length * 1.1) + (inTable ? 3 : 1);
      while (this.columnWidths.length <= c) this.columnWidths.push(8.43);
      this.columnWidths[c] = Math.max(this.columnWidths[c], needed);
    });
  }

  format(range: Rect, numberFormat: NumberFormatName): void {
    if (range.rows > 0 && range.columns > 0) this.numberFormats.push({ range, numberFormat });
  }

  style(range: Rect, style: Omit<RangeStyle, 'range'>): void {
    if (range.rows > 0 && range.columns > 0) this.styles.push({ range, ...style });
  }

  /** The finished sheet: every text cell carries the Text format (see `withTextFormats`). */
  build(visibility: SheetPlan['visibility'] = 'visible'): SheetPlan {
    const page = this.print
      ? pagePlan({ ...this.print, cells: this.cells, columnWidths: this.columnWidths, styles: this.styles, charts: this.charts, titleRow: this.titleRow, keepTogether: this.keepTogether })
      : null;
    return {
      name: this.name,
      visibility,
      cells: this.cells,
      columnWidths: this.columnWidths,
      rowHeights: wrappedRowHeights(this.cells, this.columnWidths, this.styles),
      numberFormats: withTextFormats(this.cells, this.numberFormats),
      styles: this.styles,
      tables: this.tables,
      conditionalFormats: this.conditionalFormats,
      charts: this.charts,
      freeze: this.freeze,
      ...(this.tabColor ? { tabColor: this.tabColor } : {}),
      page,
    };
  }
}

export const rect = (row: number, column: number, rows: number, columns: number): Rect => ({ row, column, rows, columns });

/**
 * The presentation rule for text, stated once for both hosts: every string cell is
 * formatted as Text, so Excel keeps `=SUM(1)`, `007`, `2012/13` and `-£5` exactly as
 * written, and a user retyping the cell keeps text as text. A string cell no format
 * covers gets a Text range (runs down each column, merged across neighbouring columns
 * with the same run), after the sheet's own formats. Text formats never cover numbers.
 */
export function withTextFormats(cells: readonly (readonly OutputCell[])[], formats: readonly RangeFormat[]): RangeFormat[] {
  const width = cells.reduce((w, row) => Math.max(w, row.length), 0);
  const byRun = new Map<string, number[]>();
  // Which rows of one column a format covers, marked once per column: England's Priorities
  // sheet has 32,844 rows, and asking every format about every cell cost a tenth of a second.
  const covered = new Uint8Array(cells.length);
  for (let c = 0; c < width; c++) {
    covered.fill(0);
    for (const f of formats) {
      if (c < f.range.column || c >= f.range.column + f.range.columns) continue;
      covered.fill(1, Math.max(0, f.range.row), Math.min(f.range.row + f.range.rows, cells.length));
    }
    let start = -1;
    for (let r = 0; r <= cells.length; r++) {
      const text = r < cells.length && covered[r] === 0 && typeof cells[r][c] === 'string';
      if (text && start < 0) start = r;
      if (!text && start >= 0) {
        const key = `${start}:${r - start}`;
        byRun.set(key, [...(byRun.get(key) ?? []), c]);
        start = -1;
      }
    }
  }
  const added: RangeFormat[] = [];
  for (const [key, columns] of byRun) {
    const [row, rows] = key.split(':').map(Number);
    let first = columns[0];
    for (let i = 1; i <= columns.length; i++) {
      if (i === columns.length || columns[i] !== columns[i - 1] + 1) {
        added.push({ range: { row, column: first, rows, columns: columns[i - 1] - first + 1 }, numberFormat: 'text' });
        first = columns[i];
      }
    }
  }
  return [...formats, ...added];
}
