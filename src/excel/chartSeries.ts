import type { ChartPlan, ChartSeriesPlan, OutputCell } from '../engine';

/**
 * Chart details Excel is known to trip on, kept out of the chart writer's way.
 *
 * - A series with no values raises `EmptyChartSeries` ("The attempted operation failed
 *   because the chart series is empty": Microsoft's table of Excel error codes) when it is
 *   formatted or added, and that happens after the sheets are written. The need-ranking
 *   chart has one: when every one of the 30 localities shown is selected, "Not selected" is
 *   all blank. Such a series is never added and never formatted: the chart is built from
 *   the series that have values.
 * - An axis title set to "" may show Excel's "Axis Title" placeholder, so an empty title is
 *   hidden rather than written.
 */

const isBlank = (v: OutputCell | undefined): boolean => v === null || v === undefined || v === '';

/** True when a series column of the chart's data block has no value in any row under its header. */
export function isBlankSeries(plan: ChartPlan, series: ChartSeriesPlan, cells: readonly (readonly OutputCell[])[]): boolean {
  const column = plan.data.column + series.column;
  for (let r = plan.data.row + 1; r < plan.data.row + plan.data.rows; r++) if (!isBlank(cells[r]?.[column])) return false;
  return true;
}

/** The series the chart draws: those with at least one value, in the plan's order. */
export function seriesToDraw(plan: ChartPlan, cells: readonly (readonly OutputCell[])[]): readonly ChartSeriesPlan[] {
  return plan.series.filter((s) => !isBlankSeries(plan, s, cells));
}

/** Sets a chart or axis title, hiding it instead of writing an empty one. */
export function setTitle(title: Excel.ChartAxisTitle | Excel.ChartTitle, text: string): void {
  if (text === '') title.visible = false;
  else title.text = text;
}
