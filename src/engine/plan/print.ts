import type { ChartPlan, HeaderFooterPlan, OutputCell, PagePlan, RangeStyle, Rect } from './types';

/**
 * How every owned sheet prints (issue: results a committee paper can use): A4 landscape,
 * scaled to the page width, the header row repeated on every page, a header and footer,
 * a print area, and page breaks placed so a chart, or a heading and its first rows, never
 * straddles two pages. Both hosts apply the result as it stands.
 *
 * Where the breaks fall is worked out here from an estimate of the printed page, because
 * neither host can be asked: A4 landscape with Excel's normal margins holds 487 points
 * of rows and 988 pixels of columns at 100%; fitting the width scales the sheet down
 * (never up), so more rows fit. The estimate counts a row as 15 points (more for large
 * type and wrapped text) and keeps a twentieth of each page in hand, so a real page always
 * holds at least what the estimate put on it.
 */

/** Excel's Normal margins, in inches. */
const MARGINS = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;
/** A4 landscape, less the margins. */
const PRINTABLE_WIDTH_PX = ((297 / 25.4 - MARGINS.left - MARGINS.right) * 72) / 0.75;
const PRINTABLE_HEIGHT_PT = (210 / 25.4 - MARGINS.top - MARGINS.bottom) * 72;
const ROW_PT = 15;
/** Excel's default column, in characters, where a plan gives no width. */
const DEFAULT_WIDTH = 8.43;
const SAFETY = 0.95;
/** Excel holds at most 1,026 manual page breaks on a sheet. */
const MAX_BREAKS = 1000;

/** Rows that must print on one page: a chart with its heading, a heading with its first rows. */
export interface KeepTogether {
  readonly row: number;
  readonly rows: number;
  /**
   * For a block that may be taller than a page (a whole table with its heading): the rows
   * from `row` kept together instead when all `rows` cannot fit on one page, so a long
   * block runs on from where it falls rather than leaving a page nearly empty.
   */
  readonly orFirst?: number;
}

/** What a sheet's print set-up is worked out from. */
export interface PrintLayout {
  readonly cells: readonly (readonly OutputCell[])[];
  readonly columnWidths: readonly number[];
  readonly styles: readonly RangeStyle[];
  readonly charts: readonly ChartPlan[];
  /** The header row repeated at the top of every page, if the sheet has one. */
  readonly titleRow: number | null;
  readonly keepTogether: readonly KeepTogether[];
  /** One page whatever it takes (the Summary), or as many pages down as the sheet needs. */
  readonly onePage: boolean;
  /** Rows printed, from the top; the rest (the figures a chart draws, say) stay on screen only. Default: all. */
  readonly printedRows?: number;
  /** Printed columns, from A; default: every column with content or a chart. */
  readonly printedColumns?: number;
  readonly header: HeaderFooterPlan;
  readonly footer: HeaderFooterPlan;
}

/** A column's width in pixels, as Excel lays out characters of the default font. */
const columnPx = (characters: number): number => characters * 7 + 5;

/** The rows and columns a sheet's content and charts reach. */
function extent(layout: PrintLayout): { rows: number; columns: number } {
  let rows = layout.cells.length;
  // A loop, not Math.max(...rows): a spread of 250,000 rows overflows the call stack.
  let columns = 0;
  for (const r of layout.cells) columns = Math.max(columns, r.length);
  for (const c of layout.charts) {
    rows = Math.max(rows, c.anchor.to.row + 1);
    columns = Math.max(columns, c.anchor.to.column + 1);
  }
  return { rows: Math.max(rows, 1), columns: Math.max(columns, 1) };
}

/**
 * The rows whose wrapped text needs more than one line, with the height that shows it
 * all, in points: 15 a line, a line holding as many characters as the column is wide
 * (a little fewer than fit, so nothing is cut). Both hosts set these heights: neither
 * can be relied on to grow a row to its wrapped text when the workbook opens.
 */
export function wrappedRowHeights(cells: readonly (readonly OutputCell[])[], columnWidths: readonly number[], styles: readonly RangeStyle[]): { row: number; points: number }[] {
  const lines = new Map<number, number>();
  for (const style of styles) {
    if (!style.wrap) continue;
    for (let r = style.range.row; r < Math.min(cells.length, style.range.row + style.range.rows); r++) {
      for (let c = style.range.column; c < style.range.column + style.range.columns; c++) {
        const value = cells[r]?.[c];
        if (typeof value !== 'string') continue;
        const perLine = Math.max(1, Math.floor(columnWidths[c] ?? DEFAULT_WIDTH));
        // Words are not split, so a line breaks at a space before the column's edge.
        const needed = value.split(/\s+/).reduce((acc, word) => {
          const [count, used] = acc;
          const length = Math.min(word.length, perLine);
          return used === 0 ? [count, length] : used + 1 + length <= perLine ? [count, used + 1 + length] : [count + 1, length];
        }, [1, 0])[0];
        if (needed > 1) lines.set(r, Math.max(lines.get(r) ?? 1, needed));
      }
    }
  }
  return [...lines].sort((a, b) => a[0] - b[0]).map(([row, n]) => ({ row, points: n * ROW_PT }));
}

/** Each row's estimated height in points: 15, more for type over 11 points, and the height of wrapped text. */
function rowHeights(layout: PrintLayout, rows: number): number[] {
  const heights = new Array<number>(rows).fill(ROW_PT);
  for (const style of layout.styles) {
    if (style.fontSize === undefined) continue;
    for (let r = style.range.row; r < Math.min(rows, style.range.row + style.range.rows); r++) heights[r] = Math.max(heights[r], style.fontSize * 1.34);
  }
  for (const { row, points } of wrappedRowHeights(layout.cells, layout.columnWidths, layout.styles)) if (row < rows) heights[row] = Math.max(heights[row], points);
  return heights;
}

/**
 * The rows to start new pages at. Walking down the sheet page by page as printed, a
 * block that would run past the foot of the page starts the next one instead. Where a
 * long stretch of rows spans pages before a later block, its breaks are placed too, so
 * the pages really fall where the walk says they do; a sheet with no block after a long
 * table (Priorities, say) needs none, however long.
 */
function breaksFor(layout: PrintLayout, heights: readonly number[], scale: number, rows: number): number[] {
  const capacity = (PRINTABLE_HEIGHT_PT / scale) * SAFETY;
  const title = layout.titleRow === null ? 0 : heights[layout.titleRow];
  const blocks = [...layout.keepTogether].filter((b) => b.rows > 0 && b.row < rows).sort((a, b) => a.row - b.row);
  const lastBlock = blocks.length === 0 ? -1 : blocks[blocks.length - 1].row;
  const breaks: number[] = [];
  let used = 0;
  let page = 0;
  const newPage = (row: number) => {
    breaks.push(row);
    page++;
    used = title;
  };
  let b = 0;
  for (let r = 0; r < rows; r++) {
    while (b < blocks.length && blocks[b].row < r) b++;
    if (b < blocks.length && blocks[b].row === r) {
      const block = blocks[b];
      const heightOf = (count: number): number => {
        let h = 0;
        for (let k = r; k < Math.min(rows, r + count); k++) h += heights[k];
        return h;
      };
      let height = heightOf(block.rows);
      // A later page starts under the repeated header row, so that is all a block can have.
      if (block.orFirst !== undefined && height > capacity - title) height = heightOf(block.orFirst);
      // A block taller than a page starts one and runs on: nothing better can be done.
      if (used + height > capacity && used > (page === 0 ? 0 : title)) newPage(r);
    }
    if (used + heights[r] > capacity && r <= lastBlock && used > (page === 0 ? 0 : title)) newPage(r);
    used += heights[r];
  }
  return breaks.length > MAX_BREAKS ? breaks.slice(0, MAX_BREAKS) : breaks;
}

/** The page set-up of one sheet. */
export function pagePlan(layout: PrintLayout): PagePlan {
  const reach = extent(layout);
  const rows = Math.min(reach.rows, layout.printedRows ?? reach.rows);
  const columns = Math.min(reach.columns, layout.printedColumns ?? reach.columns);
  const printArea: Rect = { row: 0, column: 0, rows, columns };
  let widthPx = 0;
  for (let c = 0; c < columns; c++) widthPx += columnPx(layout.columnWidths[c] ?? DEFAULT_WIDTH);
  // Fitting to the width scales down only, in whole per cent, as Excel does.
  const scale = Math.min(1, Math.floor((100 * PRINTABLE_WIDTH_PX) / widthPx) / 100);
  const heights = rowHeights(layout, rows);
  return {
    orientation: 'landscape',
    paper: 'A4',
    margins: MARGINS,
    fitTo: { across: 1, down: layout.onePage ? 1 : null },
    printArea,
    titleRows: layout.titleRow === null || layout.titleRow >= rows ? null : { first: layout.titleRow, last: layout.titleRow },
    breaksBefore: layout.onePage ? [] : breaksFor(layout, heights, scale, rows),
    header: layout.header,
    footer: layout.footer,
  };
}

/** Text for a header or footer section: an ampersand written as Excel's code for one. */
export const headerText = (text: string): string => text.replace(/&/g, '&&');

/** `23 November 2026`, the day of the run in UTC, as a footer gives it. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/**
 * `2 December 2026`, the day in UTC as en-GB writes it. Written out rather than through
 * `toLocaleDateString`, whose first call loads the date formatting data: a tenth of the
 * CLI's whole run on a small workbook, for one date.
 */
export function dayOf(at: Date): string {
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
}

/**
 * The header and footer of every owned sheet: the workbook's file name, the sheet's name,
 * page N of M; and who prepared it, with which version, on which day.
 */
export function printedBy(toolVersion: string, at: Date): { header: HeaderFooterPlan; footer: HeaderFooterPlan } {
  return {
    header: { left: '&F', center: '&A', right: 'Page &P of &N' },
    footer: { left: headerText(`Prepared with Locality Planner ${toolVersion} on ${dayOf(at)}`), center: '', right: '' },
  };
}
