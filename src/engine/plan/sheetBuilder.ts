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

  build(visibility: SheetPlan['visibility'] = 'visible'): SheetPlan {
    return {
      name: this.name,
      visibility,
      cells: this.cells,
      columnWidths: this.columnWidths,
      numberFormats: this.numberFormats,
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
