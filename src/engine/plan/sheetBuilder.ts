import type { ChartPlan, ConditionalFormatPlan, NumberFormatName, OutputCell, RangeFormat, RangeStyle, Rect, SheetPlan, TablePlan } from './types';

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

  format(range: Rect, numberFormat: NumberFormatName): void {
    if (range.rows > 0 && range.columns > 0) this.numberFormats.push({ range, numberFormat });
  }

  style(range: Rect, style: Omit<RangeStyle, 'range'>): void {
    if (range.rows > 0 && range.columns > 0) this.styles.push({ range, ...style });
  }

  /** The finished sheet: every text cell carries the Text format (see `withTextFormats`). */
  build(visibility: SheetPlan['visibility'] = 'visible'): SheetPlan {
    return {
      name: this.name,
      visibility,
      cells: this.cells,
      columnWidths: this.columnWidths,
      numberFormats: withTextFormats(this.cells, this.numberFormats),
      styles: this.styles,
      tables: this.tables,
      conditionalFormats: this.conditionalFormats,
      charts: this.charts,
      freeze: this.freeze,
      ...(this.tabColor ? { tabColor: this.tabColor } : {}),
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
  const touching: number[][] = Array.from({ length: cells.length }, () => []);
  formats.forEach((f, i) => {
    for (let r = f.range.row; r < Math.min(f.range.row + f.range.rows, cells.length); r++) touching[r].push(i);
  });
  const covered = (r: number, c: number): boolean => touching[r].some((i) => c >= formats[i].range.column && c < formats[i].range.column + formats[i].range.columns);
  const width = cells.reduce((w, row) => Math.max(w, row.length), 0);
  const byRun = new Map<string, number[]>();
  for (let c = 0; c < width; c++) {
    let start = -1;
    for (let r = 0; r <= cells.length; r++) {
      const text = r < cells.length && typeof cells[r][c] === 'string' && !covered(r, c);
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
