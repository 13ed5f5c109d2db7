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

/**
 * Number formats, in Excel's English codes, shared by both adapters. Output amounts use
 * the three of contract §5.7 (`Show amounts in`): each shows negatives in brackets and
 * red and zero as a dash, as budget reports do, and changes only what is shown: the cell
 * keeps its exact pounds and pence. Chart axes and labels have their own variants (an
 * axis shows 0, a label hides it).
 */
export const numberFormats = {
  text: '@',
  /** Pounds and pence as typed into the inputs (the starter tables). */
  money: '"£"#,##0.00;[Red]("£"#,##0.00);"£"0.00',
  /** `£` (the default): whole pounds. */
  pounds: '"£"#,##0;[Red]("£"#,##0);"–"',
  /** `£.p`: pounds and pence. */
  pence: '"£"#,##0.00;[Red]("£"#,##0.00);"–"',
  /** `£k`: thousands of pounds to one decimal (the trailing comma divides by 1,000). */
  thousands: '"£"#,##0.0,"k";[Red]("£"#,##0.0,"k");"–"',
  poundsAxis: '"£"#,##0;("£"#,##0);"£"0',
  thousandsAxis: '"£"#,##0,"k";("£"#,##0,"k");"£"0"k"',
  /** Data labels: nothing at all for zero, so a year without a shortfall carries no label. */
  poundsLabel: '"£"#,##0;("£"#,##0);;',
  thousandsLabel: '"£"#,##0.0,"k";("£"#,##0.0,"k");;',
  whole: '#,##0',
  number: '#,##0.00',
  score: '0.0',
  percent: '0.00%',
  rate: '0.000%',
  /** A calendar day, as a From or To date (contract v1.1 §5.1). */
  date: 'd mmm yyyy',
  /** A moment, to the minute: when a run was (the Run history). */
  dateTime: 'd mmm yyyy hh:mm',
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
      /**
       * Each bar labelled with its value, in this format, in the middle of the bar: how a
       * series is told by more than its colour (the shortfall).
       */
      readonly labels?: { readonly numberFormat: NumberFormatName };
    }
  | {
      readonly column: number;
      readonly color: string;
      readonly as: 'line';
      /** A marker at each point, or none. */
      readonly marker: 'circle' | 'none';
      /** A solid or a dashed line: a second line is told from the first by its dash as well as its colour. */
      readonly dash: 'solid' | 'dash';
    };

export interface ChartPlan {
  /** The chart's name, always `LP_…`, unique on its sheet, used to find and replace it on a re-run. */
  readonly name: string;
  readonly title: string;
  /**
   * Alternative text: the chart's finding in a sentence or two, for a screen reader and
   * for anyone the picture does not reach ("Funding falls short from 2026/27; £791,527
   * over five years."). Its title is the alternative text's title.
   */
  readonly altText: string;
  /** Stacked columns (years across), stacked horizontal bars (localities down), or lines only (years across; every series `as: 'line'`). */
  readonly type: 'column-stacked' | 'bar-stacked' | 'line';
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

/**
 * How a sheet prints. Header and footer sections are in Excel's header codes (`&A` the
 * sheet, `&F` the workbook, `&P` the page, `&N` the pages; `&&` an ampersand), which both
 * hosts take as they are.
 */
export interface PagePlan {
  readonly orientation: 'landscape' | 'portrait';
  readonly paper: 'A4';
  /** In inches: Excel's Normal margins, which the page estimate assumes. */
  readonly margins: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number; readonly header: number; readonly footer: number };
  /** Scaled to fit this many pages across and down; `down` null: as many pages as it takes. */
  readonly fitTo: { readonly across: 1; readonly down: 1 | null };
  /** What prints: the sheet's results from A1, charts included. */
  readonly printArea: Rect;
  /** Rows printed again at the top of every page (a table's header row), or none. */
  readonly titleRows: { readonly first: number; readonly last: number } | null;
  /** Rows that begin a new page: manual breaks, so a chart or a heading and its first rows are never split. */
  readonly breaksBefore: readonly number[];
  readonly header: HeaderFooterPlan;
  readonly footer: HeaderFooterPlan;
}

export interface HeaderFooterPlan {
  readonly left: string;
  readonly center: string;
  readonly right: string;
}

export interface SheetPlan {
  readonly name: string;
  readonly visibility: 'visible' | 'very-hidden';
  /** Rows of cells from A1. Rows may be ragged; missing cells are blank. */
  readonly cells: readonly (readonly OutputCell[])[];
  /** Column widths in characters, from column A. */
  readonly columnWidths: readonly number[];
  /** Rows taller than one line, in points: those whose wrapped text needs more lines. Other rows keep the host's height. */
  readonly rowHeights: readonly { readonly row: number; readonly points: number }[];
  readonly numberFormats: readonly RangeFormat[];
  readonly styles: readonly RangeStyle[];
  readonly tables: readonly TablePlan[];
  readonly conditionalFormats: readonly ConditionalFormatPlan[];
  readonly charts: readonly ChartPlan[];
  /** Rows and columns kept in view when scrolling. */
  readonly freeze: { readonly rows: number; readonly columns: number };
  readonly tabColor?: string;
  /** How the sheet prints; null leaves the host's own settings (a starter table, the hidden record). */
  readonly page: PagePlan | null;
  /**
   * The tool's mark on the sheet, written as the hidden defined name `_LocalityPlannerSheet`
   * scoped to it: how a later run proves the sheet is the tool's (see plan/ownership.ts).
   * Output sheets carry one; the record and starter tables do not.
   */
  readonly mark?: string;
}

/** What a run writes, in the order adapters write it; the ownership record last. */
export interface OutputPlan {
  readonly sheets: readonly SheetPlan[];
  /** The very hidden `_LocalityPlanner` sheet listing what the tool owns. */
  readonly ownership: SheetPlan;
  /** The sheet to show when the run finishes: the Summary. */
  readonly activeSheet: string;
}
