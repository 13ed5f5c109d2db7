import { type ChartPlan, type ConditionalFormatPlan, type OutputPlan, type Rect, type RangeStyle, type SheetPlan, type WorkbookInput, cellAddress, numberFormats, rangeAddress } from '../engine';
import { type ExcelSession, OPERATION_OVERHEAD_BYTES, jsonBytes } from './session';

/**
 * Writes an output plan into the open workbook (contract §3). Validation is over by
 * now: the engine has refused any plan that would touch a sheet or table the tool did
 * not make, so every plan sheet that exists here is the tool's own.
 *
 * Requests: everything is queued as one stream and sent in as few syncs as the 4 MB
 * request budget allows — one for an ordinary plan. A sync is added only when the next
 * block would take the request over 4 MB (see ExcelSession.reserve), so the count grows
 * only with output that large.
 */

/** The parts of the workbook listing that say what already exists. */
export type ExistingWorkbook = Pick<WorkbookInput, 'sheetNames' | 'tableNames' | 'chartNames'>;

/** Rows per values block: big enough to keep operations few, small enough that one block never nears the budget. */
const BLOCK_TARGET_BYTES = 512 * 1024;
const BLOCK_MAX_ROWS = 20_000;
const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Excel stores columnWidth in points; the plan gives characters of the default font (7 px each, 5 px padding, 0.75 pt per px). */
export const charactersToPoints = (characters: number): number => Math.round((characters * 7 + 5) * 0.75 * 100) / 100;

const alignments = { left: 'Left', center: 'Center', right: 'Right' } as const satisfies Record<NonNullable<RangeStyle['horizontalAlignment']>, `${Excel.HorizontalAlignment}`>;
const chartTypes = { 'column-stacked': 'ColumnStacked', 'bar-stacked': 'BarStacked' } as const satisfies Record<ChartPlan['type'], `${Excel.ChartType}`>;
const legendPositions = { bottom: 'Bottom', right: 'Right', top: 'Top', left: 'Left' } as const satisfies Record<ChartPlan['legend'], `${Excel.ChartLegendPosition}`>;
const axisCrossings = { automatic: 'Automatic', 'at-last-category': 'Maximum' } as const satisfies Record<ChartPlan['categoryAxis']['valueAxisCrosses'], `${Excel.ChartAxisPosition}`>;

const isEmptyRect = (r: Rect): boolean => r.rows < 1 || r.columns < 1;
const rangeOf = (sheet: Excel.Worksheet, r: Rect): Excel.Range => sheet.getRangeByIndexes(r.row, r.column, r.rows, r.columns);

/**
 * Text written behind an apostrophe, Excel's quote prefix: Excel stores the rest as
 * text. Every string gets it, not only those starting = + - @ (which Excel would take
 * as a formula), because `007`, `2012/13` and `TRUE` would otherwise become a number,
 * a date or a boolean. Used only where the cell is not formatted as Text: there Excel
 * keeps what it is given verbatim, apostrophe included.
 */
export function quoteForExcel(text: string): string {
  return text === '' ? text : `'${text}`;
}

/** The part of `r` within rows [start, end), moved to be relative to `start`; undefined if none. */
function clipRows(r: Rect, start: number, end: number): Rect | undefined {
  const top = Math.max(r.row, start);
  const bottom = Math.min(r.row + r.rows, end);
  return bottom > top && r.columns > 0 ? { row: top - start, column: r.column, rows: bottom - top, columns: r.columns } : undefined;
}

/**
 * Queues a sheet's cells from A1 in row blocks. The plan's Text ranges are formatted
 * first, so Excel keeps `=SUM(1)`, `007`, `2012/13` and `-£5` as written (the engine
 * formats every text cell it plans as Text). A string the plan left outside a Text range
 * still never becomes a formula, number or date: it goes behind an apostrophe.
 */
export async function writeCells(session: ExcelSession, sheet: Excel.Worksheet, plan: Pick<SheetPlan, 'cells' | 'numberFormats'>): Promise<void> {
  const { cells } = plan;
  const width = cells.reduce((w, row) => Math.max(w, row.length), 0);
  if (width === 0) return;
  const textRanges = plan.numberFormats.filter((f) => f.numberFormat === 'text' && !isEmptyRect(f.range)).map((f) => f.range);
  // A block is at most a quarter of the budget, so packing blocks wastes little of a request.
  const target = Math.min(BLOCK_TARGET_BYTES, session.budgetBytes / 4);
  let start = 0;
  while (start < cells.length) {
    let end = start;
    let bytes = 0;
    while (end < cells.length && end - start < BLOCK_MAX_ROWS && bytes < target) {
      bytes += jsonBytes(cells[end]) + (width - cells[end].length) * 5;
      end++;
    }
    const rects = textRanges.flatMap((r) => clipRows(r, start, end) ?? []);
    const isText = (row: number, column: number) => rects.some((r) => row >= r.row && row < r.row + r.rows && column >= r.column && column < r.column + r.columns);
    const values = cells.slice(start, end).map((row, r) =>
      Array.from({ length: width }, (_, c) => {
        const v = c < row.length ? row[c] : null;
        return typeof v === 'string' && !isText(r, c) ? quoteForExcel(v) : v;
      }),
    );
    await session.reserve(jsonBytes(values) + OPERATION_OVERHEAD_BYTES * (rects.length + 1) + rects.length * 20);
    for (const r of rects) rangeOf(sheet, { ...r, row: r.row + start }).numberFormat = numberFormats.text as unknown as string[][];
    rangeOf(sheet, { row: start, column: 0, rows: values.length, columns: width }).values = values;
    start = end;
  }
}

/** Queues a style: one property write per attribute the plan sets. */
function applyStyle(sheet: Excel.Worksheet, style: RangeStyle): void {
  const format = rangeOf(sheet, style.range).format;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontColor !== undefined) format.font.color = style.fontColor;
  if (style.fontSize !== undefined) format.font.size = style.fontSize;
  if (style.fill !== undefined) format.fill.color = style.fill;
  if (style.wrap !== undefined) format.wrapText = style.wrap;
  if (style.horizontalAlignment !== undefined) format.horizontalAlignment = alignments[style.horizontalAlignment];
  if (style.border !== undefined) {
    const edge = format.borders.getItem(style.border.edge === 'top' ? 'EdgeTop' : 'EdgeBottom');
    edge.style = 'Continuous';
    edge.color = style.border.color;
  }
}

function applyConditionalFormat(sheet: Excel.Worksheet, plan: ConditionalFormatPlan): void {
  const range = rangeOf(sheet, plan.range);
  switch (plan.kind) {
    case 'cell-value': {
      const cf = range.conditionalFormats.add('CellValue');
      cf.cellValue.format.fill.color = plan.fill;
      cf.cellValue.format.font.color = plan.fontColor;
      cf.cellValue.rule = { formula1: String(plan.greaterThan), operator: 'GreaterThan' };
      return;
    }
    case 'data-bar': {
      // Explicit bounds: automatic ones draw a bar in one cell only (office-js#2026).
      const cf = range.conditionalFormats.add('DataBar');
      cf.dataBar.lowerBoundRule = { type: 'Number', formula: String(plan.min) };
      cf.dataBar.upperBoundRule = { type: 'Number', formula: String(plan.max) };
      cf.dataBar.positiveFormat.fillColor = plan.color;
      return;
    }
    default: {
      const unreachable: never = plan;
      throw new Error(`Unknown conditional format ${JSON.stringify(unreachable)}`);
    }
  }
}

function applyChart(sheet: Excel.Worksheet, plan: ChartPlan): void {
  // Series by columns: "Auto" swaps rows and columns compared with Excel's own UI (office-js#1830).
  const chart = sheet.charts.add(chartTypes[plan.type], rangeOf(sheet, plan.data), 'Columns');
  chart.name = plan.name;
  chart.title.text = plan.title;
  chart.setPosition(cellAddress(plan.anchor.from.row, plan.anchor.from.column), cellAddress(plan.anchor.to.row, plan.anchor.to.column));
  chart.axes.valueAxis.numberFormat = numberFormats[plan.valueAxis.numberFormat];
  chart.axes.valueAxis.title.text = plan.valueAxis.title;
  if (plan.valueAxis.maximum !== undefined) chart.axes.valueAxis.maximum = plan.valueAxis.maximum;
  chart.axes.categoryAxis.title.text = plan.categoryAxis.title;
  chart.axes.categoryAxis.reversePlotOrder = plan.categoryAxis.reversed;
  if (plan.categoryAxis.valueAxisCrosses !== 'automatic') chart.axes.categoryAxis.position = axisCrossings[plan.categoryAxis.valueAxisCrosses];
  chart.legend.visible = true;
  chart.legend.position = legendPositions[plan.legend];
  for (const series of plan.series) {
    // Column 0 of the data block holds the categories, so series i is column i + 1.
    const s = chart.series.getItemAt(series.column - 1);
    if (series.as === 'line') {
      s.chartType = series.marker === 'none' ? 'Line' : 'LineMarkers';
      s.format.line.color = series.color;
    } else {
      s.format.fill.setSolidColor(series.color);
    }
  }
}

/** Queues everything after the values: formats, styles, widths, freeze panes, tables, conditional formats, charts, tab colour. */
export async function decorate(session: ExcelSession, sheet: Excel.Worksheet, plan: SheetPlan): Promise<void> {
  const formats = plan.numberFormats.filter((f) => !isEmptyRect(f.range));
  const styles = plan.styles.filter((s) => !isEmptyRect(s.range));
  // Operations each kind queues: a style up to 8 writes (3 on average), a table 4, a conditional format 4, a chart about 20.
  const estimate = (formats.length + styles.length * 3 + plan.columnWidths.length + plan.tables.length * 4 + plan.conditionalFormats.length * 4 + plan.charts.length * 20 + 4) * OPERATION_OVERHEAD_BYTES;
  await session.reserve(estimate);
  // One value per range: per-cell arrays would cost about 12 bytes a cell (office-js-docs-pr#2013).
  for (const f of formats) rangeOf(sheet, f.range).numberFormat = numberFormats[f.numberFormat] as unknown as string[][];
  for (const s of styles) applyStyle(sheet, s);
  plan.columnWidths.forEach((characters, column) => {
    rangeOf(sheet, { row: 0, column, rows: 1, columns: 1 }).format.columnWidth = charactersToPoints(characters);
  });
  const { rows, columns } = plan.freeze;
  if (rows > 0 && columns > 0) sheet.freezePanes.freezeAt(rangeOf(sheet, { row: 0, column: 0, rows, columns }));
  else if (rows > 0) sheet.freezePanes.freezeRows(rows);
  else if (columns > 0) sheet.freezePanes.freezeColumns(columns);
  for (const t of plan.tables) {
    // Values first, then the table over them: adding rows to a table one by one is slow (office-js#12).
    const table = sheet.tables.add(rangeAddress(t.range.row, t.range.column, t.range.rows, t.range.columns), true);
    table.name = t.name;
    table.style = t.style;
    table.showBandedRows = t.showBandedRows;
  }
  for (const cf of plan.conditionalFormats) if (!isEmptyRect(cf.range)) applyConditionalFormat(sheet, cf);
  for (const chart of plan.charts) applyChart(sheet, chart);
  if (plan.tabColor !== undefined) sheet.tabColor = plan.tabColor;
}

/**
 * Queues the sheet's preparation: an existing (owned) sheet loses its tables, charts,
 * contents, formats, conditional formats, hidden rows and freeze panes (anything a
 * user added to a results sheet goes too: the sheet is the tool's); a new one is added.
 * It is cleared rather than deleted so formulas elsewhere that point at it keep working.
 */
export function prepareSheet(workbook: Excel.Workbook, plan: SheetPlan, existing: ExistingWorkbook): Excel.Worksheet {
  const current = existing.sheetNames.find((n) => sameName(n, plan.name));
  if (current === undefined) return workbook.worksheets.add(plan.name);
  const sheet = workbook.worksheets.getItem(current);
  for (const t of existing.tableNames) if (sameName(t.sheet, current)) workbook.tables.getItem(t.name).delete();
  for (const c of existing.chartNames ?? []) if (sameName(c.sheet, current)) sheet.charts.getItem(c.name).delete();
  sheet.freezePanes.unfreeze();
  const everything = sheet.getRange();
  everything.conditionalFormats.clearAll();
  everything.clear('All');
  // Rows a user hid or filtered out on a results sheet would hide new results.
  everything.rowHidden = false;
  return sheet;
}

/**
 * Applies the plan: the very hidden ownership record, then every result sheet prepared
 * and its values written, then their formats, tables, conditional formats and charts,
 * then the plan's active sheet is shown. Calculation and screen updating are suspended
 * for every request.
 *
 * The record goes first, not last: Excel keeps the operations of a failed request that
 * came before the failure, so a run that fails part-way leaves sheets it added. Had the
 * record not listed them, the next run would refuse them as the user's own sheets.
 */
export async function applyPlan(session: ExcelSession, plan: OutputPlan, existing: ExistingWorkbook, onStage?: (stage: 'writing' | 'charts') => void): Promise<void> {
  const workbook = session.context.workbook;
  const suspend = () => {
    workbook.application.suspendApiCalculationUntilNextSync();
    workbook.application.suspendScreenUpdatingUntilNextSync();
  };
  onStage?.('writing');
  suspend();
  session.onNewBatch = suspend;
  try {
    // The record first: if a request fails part-way, the sheets it did make are already
    // claimed, so the next run replaces them instead of refusing them as the user's.
    await session.reserve(OPERATION_OVERHEAD_BYTES * 8);
    const record = prepareSheet(workbook, plan.ownership, existing);
    await writeCells(session, record, plan.ownership);
    await decorate(session, record, plan.ownership);
    record.visibility = plan.ownership.visibility === 'very-hidden' ? 'VeryHidden' : 'Visible';
    const sheets: [SheetPlan, Excel.Worksheet][] = [];
    for (const sheetPlan of plan.sheets) {
      await session.reserve(OPERATION_OVERHEAD_BYTES * 8);
      const sheet = prepareSheet(workbook, sheetPlan, existing);
      sheet.visibility = 'Visible';
      await writeCells(session, sheet, sheetPlan);
      sheets.push([sheetPlan, sheet]);
    }
    onStage?.('charts');
    for (const [sheetPlan, sheet] of sheets) await decorate(session, sheet, sheetPlan);
    await session.reserve(OPERATION_OVERHEAD_BYTES);
    workbook.worksheets.getItem(plan.activeSheet).activate();
    await session.sync();
  } finally {
    session.onNewBatch = undefined;
  }
}
