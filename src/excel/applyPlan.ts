import { type ChartPlan, type ConditionalFormatPlan, MARK_NAME, type OutputCell, type OutputPlan, type Rect, type RangeStyle, type SheetPlan, type WorkbookInput, cellAddress, numberFormats } from '../engine';
import { seriesToDraw, setTitle } from './chartSeries';
import { applyPageLayout, pageLayoutOperations } from './pageLayout';
import { type ExcelSession, OPERATION_OVERHEAD_BYTES, type WriteUnit } from './session';
import { writeCells } from './textCells';

/**
 * Writes an output plan into the open workbook (contract §3). Validation is over by
 * now: the engine has refused any plan that would touch a sheet or table the tool did
 * not make, so every plan sheet that exists here is the tool's own.
 *
 * Requests: everything goes to the session as units of work, which it packs into as few
 * requests as the request budget allows (one for an ordinary plan). Work that cannot be
 * sent twice (adding sheets, tables, charts) only ever travels in small requests; the large
 * ones carry values and formats only, so when Excel refuses one for its size the session can
 * send it again in halves (see ExcelSession, requestBudget.ts).
 */

/** The parts of the workbook listing that say what already exists (and the marks the sheets carry now). */
export type ExistingWorkbook = Pick<WorkbookInput, 'sheetNames' | 'tableNames' | 'chartNames' | 'sheetMarks'>;

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Excel stores columnWidth in points; the plan gives characters of the default font (7 px each, 5 px padding, 0.75 pt per px). */
export const charactersToPoints = (characters: number): number => Math.round((characters * 7 + 5) * 0.75 * 100) / 100;

const alignments = { left: 'Left', center: 'Center', right: 'Right' } as const satisfies Record<NonNullable<RangeStyle['horizontalAlignment']>, `${Excel.HorizontalAlignment}`>;
const chartTypes = { 'column-stacked': 'ColumnStacked', 'bar-stacked': 'BarStacked', line: 'LineMarkers' } as const satisfies Record<ChartPlan['type'], `${Excel.ChartType}`>;
const legendPositions = { bottom: 'Bottom', right: 'Right', top: 'Top', left: 'Left' } as const satisfies Record<ChartPlan['legend'], `${Excel.ChartLegendPosition}`>;
const axisCrossings = { automatic: 'Automatic', 'at-last-category': 'Maximum' } as const satisfies Record<ChartPlan['categoryAxis']['valueAxisCrosses'], `${Excel.ChartAxisPosition}`>;
const lineStyles = { solid: 'Continuous', dash: 'Dash' } as const satisfies Record<Extract<ChartPlan['series'][number], { as: 'line' }>['dash'], `${Excel.ChartLineStyle}`>;

const isEmptyRect = (r: Rect): boolean => r.rows < 1 || r.columns < 1;
const rangeOf = (sheet: Excel.Worksheet, r: Rect): Excel.Range => sheet.getRangeByIndexes(r.row, r.column, r.rows, r.columns);

/**
 * Queues a conditional format. Its formulas start with "=", as Microsoft's samples write
 * them (`{ formula1: "=0", operator: "LessThan" }`); a bare number is not documented.
 */
function applyConditionalFormat(sheet: Excel.Worksheet, plan: ConditionalFormatPlan): void {
  const range = rangeOf(sheet, plan.range);
  switch (plan.kind) {
    case 'cell-value': {
      const cf = range.conditionalFormats.add('CellValue');
      cf.cellValue.format.fill.color = plan.fill;
      cf.cellValue.format.font.color = plan.fontColor;
      cf.cellValue.rule = { formula1: `=${plan.greaterThan}`, operator: 'GreaterThan' };
      return;
    }
    case 'data-bar': {
      // Explicit bounds: automatic ones draw a bar in one cell only (office-js#2026).
      const cf = range.conditionalFormats.add('DataBar');
      cf.dataBar.lowerBoundRule = { type: 'Number', formula: `=${plan.min}` };
      cf.dataBar.upperBoundRule = { type: 'Number', formula: `=${plan.max}` };
      cf.dataBar.positiveFormat.fillColor = plan.color;
      return;
    }
    default: {
      const unreachable: never = plan;
      throw new Error(`Unknown conditional format ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * Queues a chart. Series with no values are left out (see chartSeries.ts): when every
 * series has values the chart is made over its whole data block, series by columns; when
 * one is blank it is made from the first series with values and the others are added one by
 * one (ExcelApi 1.7), so the blank one is never added or formatted.
 */
function applyChart(sheet: Excel.Worksheet, plan: ChartPlan, cells: readonly (readonly OutputCell[])[]): void {
  const drawn = seriesToDraw(plan, cells);
  if (drawn.length === 0) return;
  const columnOf = (offset: number): Rect => ({ row: plan.data.row, column: plan.data.column + offset, rows: plan.data.rows, columns: 1 });
  const valuesOf = (offset: number): Rect => ({ ...columnOf(offset), row: plan.data.row + 1, rows: plan.data.rows - 1 });
  // Series by columns: "Auto" swaps rows and columns compared with Excel's own UI (office-js#1830).
  const chart =
    drawn.length === plan.series.length
      ? sheet.charts.add(chartTypes[plan.type], rangeOf(sheet, plan.data), 'Columns')
      : sheet.charts.add(chartTypes[plan.type], rangeOf(sheet, columnOf(drawn[0].column)), 'Columns');
  if (drawn.length < plan.series.length) {
    const categories = rangeOf(sheet, valuesOf(0));
    chart.series.getItemAt(0).setXAxisValues(categories);
    for (const series of drawn.slice(1)) {
      const header = cells[plan.data.row]?.[plan.data.column + series.column];
      const added = chart.series.add(typeof header === 'string' ? header : String(header ?? ''));
      added.setValues(rangeOf(sheet, valuesOf(series.column)));
      added.setXAxisValues(categories);
    }
  }
  chart.name = plan.name;
  setTitle(chart.title, plan.title);
  chart.setPosition(cellAddress(plan.anchor.from.row, plan.anchor.from.column), cellAddress(plan.anchor.to.row, plan.anchor.to.column));
  chart.axes.valueAxis.numberFormat = numberFormats[plan.valueAxis.numberFormat];
  setTitle(chart.axes.valueAxis.title, plan.valueAxis.title);
  if (plan.valueAxis.maximum !== undefined) chart.axes.valueAxis.maximum = plan.valueAxis.maximum;
  setTitle(chart.axes.categoryAxis.title, plan.categoryAxis.title);
  chart.axes.categoryAxis.reversePlotOrder = plan.categoryAxis.reversed;
  if (plan.categoryAxis.valueAxisCrosses !== 'automatic') chart.axes.categoryAxis.position = axisCrossings[plan.categoryAxis.valueAxisCrosses];
  chart.legend.visible = true;
  chart.legend.position = legendPositions[plan.legend];
  drawn.forEach((series, index) => {
    const s = chart.series.getItemAt(index);
    if (series.as === 'line') {
      s.chartType = series.marker === 'none' ? 'Line' : 'LineMarkers';
      s.format.line.color = series.color;
      s.format.line.lineStyle = lineStyles[series.dash];
    } else {
      s.format.fill.setSolidColor(series.color);
      if (series.labels) {
        // Each bar's figure in its middle, bold: the shortfall told by more than its colour (ExcelApi 1.8).
        s.hasDataLabels = true;
        s.dataLabels.showValue = true;
        s.dataLabels.numberFormat = numberFormats[series.labels.numberFormat];
        s.dataLabels.position = 'Center';
        s.dataLabels.format.font.bold = true;
        s.dataLabels.format.font.size = 9;
        s.dataLabels.format.font.color = '#000000';
      }
    }
  });
  // A chart has no alternative text of its own in the API; the shape that holds it on the
  // drawing layer does, under the chart's name (Shape.altTextTitle/altTextDescription, ExcelApi 1.9).
  const shape = sheet.shapes.getItem(plan.name);
  shape.altTextTitle = plan.title;
  shape.altTextDescription = plan.altText;
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

/** What decorating a sheet costs: a style up to 8 writes (3 on average), a table 4, a conditional format 4, a chart about 36, the page set-up about 20. */
function decorationBytes(plan: SheetPlan): number {
  const operations =
    plan.numberFormats.length + plan.styles.length * 3 + plan.columnWidths.length + plan.rowHeights.length + plan.tables.length * 4 + plan.conditionalFormats.length * 4 + plan.charts.length * 36 + pageLayoutOperations(plan.page) + 4;
  return operations * OPERATION_OVERHEAD_BYTES;
}

/**
 * Queues everything after the values: formats, styles, widths and heights, freeze panes,
 * tables, conditional formats, charts, tab colour, page set-up. Adding tables and charts
 * cannot be sent twice, so this is one unit the session keeps in a small request.
 */
export async function decorate(session: ExcelSession, plan: SheetPlan): Promise<void> {
  await session.write(decoration(session, plan));
}

function decoration(session: ExcelSession, plan: SheetPlan): WriteUnit {
  return {
    bytes: decorationBytes(plan),
    replayable: false,
    queue: () => {
      const sheet = session.context.workbook.worksheets.getItem(plan.name);
      // One value per range: per-cell arrays would cost about 12 bytes a cell (office-js-docs-pr#2013).
      for (const f of plan.numberFormats) if (!isEmptyRect(f.range)) rangeOf(sheet, f.range).numberFormat = numberFormats[f.numberFormat] as unknown as string[][];
      for (const s of plan.styles) if (!isEmptyRect(s.range)) applyStyle(sheet, s);
      plan.columnWidths.forEach((characters, column) => {
        rangeOf(sheet, { row: 0, column, rows: 1, columns: 1 }).format.columnWidth = charactersToPoints(characters);
      });
      for (const { row, points } of plan.rowHeights) rangeOf(sheet, { row, column: 0, rows: 1, columns: 1 }).format.rowHeight = points;
      // Never on a very hidden sheet: freezing and unfreezing panes on a hidden sheet throw on
      // builds before the fix of office-js #1463 (perpetual Office keeps such builds).
      if (plan.visibility === 'visible') {
        const { rows, columns } = plan.freeze;
        if (rows > 0 && columns > 0) sheet.freezePanes.freezeAt(rangeOf(sheet, { row: 0, column: 0, rows, columns }));
        else if (rows > 0) sheet.freezePanes.freezeRows(rows);
        else if (columns > 0) sheet.freezePanes.freezeColumns(columns);
      }
      for (const t of plan.tables) {
        // Values first, then the table over them: adding rows to a table one by one is slow (office-js#12).
        // A Range, not an address: an address without a sheet name means the active sheet (TableCollection.add).
        const table = sheet.tables.add(rangeOf(sheet, t.range), true);
        table.name = t.name;
        table.style = t.style;
        table.showBandedRows = t.showBandedRows;
      }
      for (const cf of plan.conditionalFormats) if (!isEmptyRect(cf.range)) applyConditionalFormat(sheet, cf);
      for (const chart of plan.charts) applyChart(sheet, chart, plan.cells);
      if (plan.tabColor !== undefined) sheet.tabColor = plan.tabColor;
      if (plan.page) applyPageLayout(sheet, plan.page);
    },
  };
}

/**
 * Queues the sheet's preparation: an existing (owned) sheet loses its tables, charts,
 * contents, formats, conditional formats, hidden rows, freeze panes, row heights and page
 * breaks (anything a user
 * added to a results sheet goes too: the sheet is the tool's); a new one is added. It is
 * cleared rather than deleted so formulas elsewhere that point at it keep working. A
 * visible sheet is made visible first (a user may have hidden it, and unfreezing a hidden
 * sheet throws on older builds: office-js #1463).
 *
 * The very hidden record sheet only has its contents cleared: it is never unfrozen, has no
 * formats cleared and no rows unhidden, since those are the calls older builds refuse on a
 * hidden sheet, and the tool never freezes, formats beyond Text, or hides rows there.
 *
 * A sheet the plan marks gets its mark in the same request that adds or clears it (a
 * hidden name scoped to the sheet, `_LocalityPlannerSheet`, ExcelApi 1.4), so a run that
 * fails part-way never leaves a sheet of its own that the next run cannot prove.
 */
export async function prepareSheet(session: ExcelSession, plan: SheetPlan, existing: ExistingWorkbook): Promise<void> {
  const current = existing.sheetNames.find((n) => sameName(n, plan.name));
  const tables = current === undefined ? [] : existing.tableNames.filter((t) => sameName(t.sheet, current));
  const charts = current === undefined ? [] : (existing.chartNames ?? []).filter((c) => sameName(c.sheet, current));
  const markNow = current === undefined ? undefined : existing.sheetMarks?.find((m) => sameName(m.sheet, current))?.mark;
  await session.write({
    bytes: OPERATION_OVERHEAD_BYTES * (11 + tables.length + charts.length),
    replayable: false,
    queue: () => {
      const workbook = session.context.workbook;
      const mark = (sheet: Excel.Worksheet) => {
        if (plan.mark === undefined || plan.mark === markNow) return;
        if (markNow !== undefined) sheet.names.getItem(MARK_NAME).delete();
        // A string constant: Excel keeps it with the sheet through a rename or a move, and copies it with a copy.
        sheet.names.add(MARK_NAME, `="${plan.mark}"`).visible = false;
      };
      if (current === undefined) {
        mark(workbook.worksheets.add(plan.name));
        return;
      }
      const sheet = workbook.worksheets.getItem(current);
      mark(sheet);
      for (const t of tables) workbook.tables.getItem(t.name).delete();
      for (const c of charts) sheet.charts.getItem(c.name).delete();
      const everything = sheet.getRange();
      if (plan.visibility === 'very-hidden') {
        everything.clear('Contents');
        return;
      }
      sheet.visibility = 'Visible';
      sheet.freezePanes.unfreeze();
      everything.conditionalFormats.clearAll();
      everything.clear('All');
      // Rows a user hid or filtered out on a results sheet would hide new results.
      everything.rowHidden = false;
      // Heights the last run gave wrapped rows would stay on rows that hold something else now.
      everything.format.useStandardHeight = true;
      // The last run's page breaks; its print area and titles are set again by the plan.
      if (plan.page) sheet.horizontalPageBreaks.removePageBreaks();
    },
  });
}

/** How far the writing has got, for the progress bar: rows of values, then sheets decorated. */
export interface WriteProgress {
  readonly stage: 'writing' | 'charts';
  readonly done: number;
  readonly total: number;
}

/**
 * Applies the plan: the very hidden ownership record written and hidden, every result sheet
 * added or cleared, their values written, then their formats, tables, conditional formats
 * and charts, then the plan's active sheet is shown. Calculation and screen updating are
 * suspended for every request. `onProgress` hears how many rows have landed, then how many
 * sheets are decorated.
 *
 * The record goes first, not last: Excel keeps the operations of a failed request that
 * came before the failure, so a run that fails part-way leaves sheets it added. Had the
 * record not listed them, the next run would refuse them as the user's own sheets.
 */
export async function applyPlan(session: ExcelSession, plan: OutputPlan, existing: ExistingWorkbook, onProgress?: (progress: WriteProgress) => void): Promise<void> {
  const rows = plan.sheets.reduce((sum, s) => sum + s.cells.length, 0);
  let rowsDone = 0;
  let sheetsDone = 0;
  let stage: WriteProgress['stage'] = 'writing';
  session.everyRequest = {
    bytes: OPERATION_OVERHEAD_BYTES * 2,
    replayable: true,
    queue: () => {
      session.context.workbook.application.suspendApiCalculationUntilNextSync();
      session.context.workbook.application.suspendScreenUpdatingUntilNextSync();
    },
  };
  session.onSent = (units) => {
    for (const { progress } of units) {
      if (progress === 'sheet') sheetsDone++;
      else if (progress) rowsDone += progress.rows;
    }
    onProgress?.(stage === 'writing' ? { stage, done: Math.min(rowsDone, rows), total: rows } : { stage, done: sheetsDone, total: plan.sheets.length });
  };
  try {
    onProgress?.({ stage: 'writing', done: 0, total: rows });
    // The record first: if a request fails part-way, the sheets it did make are already
    // claimed, so the next run replaces them instead of refusing them as the user's.
    const record = plan.ownership;
    await prepareSheet(session, record, existing);
    await writeCells(session, record);
    await decorate(session, record);
    await session.write({
      bytes: OPERATION_OVERHEAD_BYTES,
      replayable: true,
      queue: () => {
        session.context.workbook.worksheets.getItem(record.name).visibility = record.visibility === 'very-hidden' ? 'VeryHidden' : 'Visible';
      },
    });
    for (const sheetPlan of plan.sheets) await prepareSheet(session, sheetPlan, existing);
    for (const sheetPlan of plan.sheets) await writeCells(session, sheetPlan);
    stage = 'charts';
    onProgress?.({ stage, done: 0, total: plan.sheets.length });
    for (const sheetPlan of plan.sheets) await session.write({ ...decoration(session, sheetPlan), progress: 'sheet' });
    await session.write({
      bytes: OPERATION_OVERHEAD_BYTES,
      replayable: true,
      queue: () => session.context.workbook.worksheets.getItem(plan.activeSheet).activate(),
    });
    await session.sync();
  } finally {
    session.everyRequest = undefined;
    session.onSent = undefined;
  }
}
