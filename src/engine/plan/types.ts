/**
 * The output plan: everything a run writes, as data. Both adapters (Office.js and .xlsx)
 * apply the same plan, so the add-in and the CLI produce the same cells. Rows and
 * columns are zero-based; colours are `#RRGGBB`.
 */

/** A value written to a cell. Strings are always text, never formulas: the plan formats every string cell as Text. */
export type OutputCell = string | number | boolean | null;

/** A rectangle on a sheet, zero-based. */
export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** Number formats, in Excel's English codes, shared by both adapters. */
export const numberFormats = {
  text: '@',
  /** Pounds and pence, negatives in brackets and red, as budget reports show them. */
  money: '"£"#,##0.00;[Red]("£"#,##0.00);"£"0.00',
  whole: '#,##0',
  number: '#,##0.00',
  score: '0.0',
  percent: '0.00%',
  rate: '0.000%',
  /** A calendar day, as a From or To date (contract v1.1 §5.1). */
  date: 'd mmm yyyy',
  general: 'General',
} as const;
export type NumberFormatName = keyof typeof numberFormats;

export interface RangeFormat {
  readonly range: Rect;
  readonly numberFormat: NumberFormatName;
}

export interface RangeStyle {
  readonly range: Rect;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontColor?: string;
  readonly fontSize?: number;
  readonly fill?: string;
  readonly wrap?: boolean;
  readonly horizontalAlignment?: 'left' | 'center' | 'right';
  /** A thin rule along the top edge (totals) or the bottom edge (header rows), in its colour. */
  readonly border?: { readonly edge: 'top' | 'bottom'; readonly color: string };
}

export interface TablePlan {
  /** Workbook-wide table name, always `LP_…`. */
  readonly name: string;
  /** Header row included. */
  readonly range: Rect;
  readonly style: string;
  readonly showBandedRows: boolean;
}

export type ConditionalFormatPlan =
  | {
      readonly kind: 'cell-value';
      readonly range: Rect;
      /** Highlight when the cell's value is greater than this number. */
      readonly greaterThan: number;
      readonly fill: string;
      readonly fontColor: string;
    }
  | {
      readonly kind: 'data-bar';
      readonly range: Rect;
      readonly color: string;
      /** Explicit bounds: automatic ones draw a bar in one cell only (office-js#2026). */
      readonly min: number;
      readonly max: number;
    };

/** One series of a chart: drawn as columns or bars (the chart's own type), or as a line over them. */
export type ChartSeriesPlan =
  | {
      /** Column offset inside the chart's data block (0 is the category column). */
      readonly column: number;
      readonly color: string;
      readonly as: 'bars';
    }
  | {
      readonly column: number;
      readonly color: string;
      readonly as: 'line';
      /** A marker at each point, or none. */
      readonly marker: 'circle' | 'none';
    };

export interface ChartPlan {
  /** Workbook-wide chart name, always `LP_…`, used to find and replace it on a re-run. */
  readonly name: string;
  readonly title: string;
  /** Stacked columns (years across) or stacked horizontal bars (localities down). */
  readonly type: 'column-stacked' | 'bar-stacked';
  /**
   * The chart's data on the same sheet: header row (series names) over rows of
   * category (column 0) and one column per series.
   */
  readonly data: Rect;
  readonly series: readonly ChartSeriesPlan[];
  /** Top-left and bottom-right cells the chart covers. */
  readonly anchor: { readonly from: { readonly row: number; readonly column: number }; readonly to: { readonly row: number; readonly column: number } };
  readonly valueAxis: {
    readonly title: string;
    readonly numberFormat: NumberFormatName;
    /** A fixed top of the scale (need scores end at 100); automatic when absent. */
    readonly maximum?: number;
  };
  readonly categoryAxis: {
    readonly title: string;
    /** First category at the top of a bar chart. */
    readonly reversed: boolean;
    /**
     * Where the value axis crosses this axis: automatically, or at the last category
     * (which, with the categories reversed, keeps the value axis along the bottom).
     */
    readonly valueAxisCrosses: 'automatic' | 'at-last-category';
  };
  /** Where the legend sits (always shown). */
  readonly legend: 'bottom' | 'right' | 'top' | 'left';
}

export interface SheetPlan {
  readonly name: string;
  readonly visibility: 'visible' | 'very-hidden';
  /** Rows of cells from A1. Rows may be ragged; missing cells are blank. */
  readonly cells: readonly (readonly OutputCell[])[];
  /** Column widths in characters, from column A. */
  readonly columnWidths: readonly number[];
  readonly numberFormats: readonly RangeFormat[];
  readonly styles: readonly RangeStyle[];
  readonly tables: readonly TablePlan[];
  readonly conditionalFormats: readonly ConditionalFormatPlan[];
  readonly charts: readonly ChartPlan[];
  /** Rows and columns kept in view when scrolling. */
  readonly freeze: { readonly rows: number; readonly columns: number };
  readonly tabColor?: string;
}

/** What a run writes, in the order adapters write it; the ownership record last. */
export interface OutputPlan {
  readonly sheets: readonly SheetPlan[];
  /** The very hidden `_LocalityPlanner` sheet listing what the tool owns. */
  readonly ownership: SheetPlan;
  /** The sheet to show when the run finishes. */
  readonly activeSheet: string;
}
