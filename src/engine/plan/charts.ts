import { pence, sumPence, toPounds } from '../money';
import type { PlanResults } from '../results';
import { yearLabel } from '../years';
import { HEADER_RULE } from './rules';
import { SheetBuilder, rect } from './sheetBuilder';
import type { SheetPlan } from './types';

/** How many localities the ranking and allocation charts show before the rest are summed. */
const CHART_LOCALITIES = 30;

const chartColours = {
  recurring: '#2E75B6',
  pots: '#FFC000',
  shortfall: '#C00000',
  cost: '#404040',
  selected: '#2E75B6',
  notSelected: '#BFBFBF',
  allocation: '#70AD47',
} as const;

/** Rows a chart needs beside its data block, so the next block starts below it. */
const CHART_ROWS = 20;
const CHART_FIRST_COLUMN = 5;
const CHART_LAST_COLUMN = 14;

/**
 * The Charts sheet (contract §3): cost against funding by year with the shortfall
 * visible; need ranking with the selected localities marked; allocation by locality.
 * Each chart draws from a small data block beside it, so a partner without the add-in
 * can see and check what is drawn.
 */
export function chartsSheet(r: PlanResults): SheetPlan {
  const s = new SheetBuilder('Charts', '#7030A0');
  s.title('Charts', 'Native Excel charts; the figures each one draws are in the block beside it.');
  s.blank();
  const block = (title: string): number => {
    const row = s.add([title]);
    s.style(rect(row, 0, 1, 1), { bold: true, fontColor: '#1F4E78' });
    return row;
  };
  const header = (cells: string[]): number => {
    const row = s.add(cells);
    s.format(rect(row, 0, 1, cells.length), 'text');
    s.style(rect(row, 0, 1, cells.length), { bold: true, fill: '#DDEBF7', border: HEADER_RULE });
    return row;
  };
  const padTo = (start: number) => {
    while (s.row < start + CHART_ROWS + 2) s.blank();
  };

  // 1. Cost against funding, years across: stacked funding with the shortfall on top, cost as a line.
  const costStart = block('Cost against funding by year');
  // Reserves are drawn like pots, so their use stacks with the pots' (contract v1.1 §5.5).
  const costHeader = header(['Year', 'Recurring funding', r.funding.reserves.length > 0 ? 'Drawn from pots and reserves' : 'Drawn from pots', 'Shortfall', 'Total cost']);
  for (const y of r.funding.byYear) s.add([yearLabel(y.year), toPounds(y.recurringFunding), toPounds(pence(y.drawdown + y.reserveUsed)), toPounds(y.shortfall), toPounds(y.cost)]);
  const years = r.funding.byYear.length;
  s.format(rect(costHeader + 1, 0, years, 1), 'text');
  s.format(rect(costHeader + 1, 1, years, 4), 'money');
  s.charts.push({
    name: 'LP_Chart_CostFunding',
    title: 'Cost against funding by year',
    type: 'column-stacked',
    data: rect(costHeader, 0, years + 1, 5),
    series: [
      { column: 1, color: chartColours.recurring, as: 'bars' },
      { column: 2, color: chartColours.pots, as: 'bars' },
      { column: 3, color: chartColours.shortfall, as: 'bars' },
      { column: 4, color: chartColours.cost, as: 'line', marker: 'circle' },
    ],
    anchor: { from: { row: costStart, column: CHART_FIRST_COLUMN }, to: { row: costStart + CHART_ROWS, column: CHART_LAST_COLUMN } },
    valueAxis: { title: 'Pounds', numberFormat: 'whole' },
    categoryAxis: { title: 'Financial year', reversed: false, valueAxisCrosses: 'automatic' },
    legend: 'bottom',
  });
  padTo(costStart);

  // 2. Need ranking: the most in need, coloured by whether they were selected.
  const ranked = r.priorities.filter((p) => p.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const needStart = block(ranked.length > 0 ? `Need ranking: the ${Math.min(ranked.length, CHART_LOCALITIES)} most in need` : 'Need ranking');
  if (ranked.length === 0) {
    s.add(['No need scores: the Localities table has no indicator (IMD Score, IMD Rank or an Indicators table).']);
  } else {
    const shown = ranked.slice(0, CHART_LOCALITIES);
    const needHeader = header(['Locality', 'Selected', 'Not selected']);
    for (const p of shown) s.add([`${p.rank}. ${p.locality.name}`, p.selected ? p.needScore : null, p.selected ? null : p.needScore]);
    s.format(rect(needHeader + 1, 0, shown.length, 1), 'text');
    s.format(rect(needHeader + 1, 1, shown.length, 2), 'score');
    s.charts.push({
      name: 'LP_Chart_NeedRanking',
      title: 'Need ranking (selected localities in blue)',
      type: 'bar-stacked',
      data: rect(needHeader, 0, shown.length + 1, 3),
      series: [
        { column: 1, color: chartColours.selected, as: 'bars' },
        { column: 2, color: chartColours.notSelected, as: 'bars' },
      ],
      anchor: { from: { row: needStart, column: CHART_FIRST_COLUMN }, to: { row: needStart + Math.max(CHART_ROWS, shown.length + 2), column: CHART_LAST_COLUMN } },
      valueAxis: { title: 'Need score (100 = most deprived)', numberFormat: 'score', maximum: 100 },
      categoryAxis: { title: '', reversed: true, valueAxisCrosses: 'at-last-category' },
      legend: 'bottom',
    });
    while (s.row < needStart + Math.max(CHART_ROWS, shown.length + 2) + 2) s.blank();
  }
  if (ranked.length === 0) padTo(needStart);

  // 3. Allocation by locality, first year, largest first; the rest summed.
  const allocStart = block(r.allocation ? `Allocation by locality, ${yearLabel(r.years[0])}` : 'Allocation by locality');
  if (!r.allocation) {
    s.add(['No Allocation pot is set in Parameters.']);
  } else {
    // Every devolved budget together: each locality's total across the Shared out lines.
    const byAmount = [...r.allocation.totals].sort((a, b) => b.amounts[0] - a.amounts[0] || a.priority.locality.index - b.priority.locality.index);
    const top = byAmount.slice(0, CHART_LOCALITIES);
    const rest = byAmount.slice(CHART_LOCALITIES);
    const allocHeader = header(['Locality', 'Amount']);
    for (const share of top) s.add([share.priority.locality.name, toPounds(share.amounts[0])]);
    if (rest.length > 0) s.add([`Other localities (${rest.length})`, toPounds(sumPence(rest.map((x) => x.amounts[0])))]);
    const rows = top.length + (rest.length > 0 ? 1 : 0);
    s.format(rect(allocHeader + 1, 0, rows, 1), 'text');
    s.format(rect(allocHeader + 1, 1, rows, 1), 'money');
    s.charts.push({
      name: 'LP_Chart_Allocation',
      title: `Allocation by locality, ${yearLabel(r.years[0])}`,
      type: 'bar-stacked',
      data: rect(allocHeader, 0, rows + 1, 2),
      series: [{ column: 1, color: chartColours.allocation, as: 'bars' }],
      anchor: { from: { row: allocStart, column: CHART_FIRST_COLUMN }, to: { row: allocStart + Math.max(CHART_ROWS, rows + 2), column: CHART_LAST_COLUMN } },
      valueAxis: { title: 'Pounds', numberFormat: 'whole' },
      categoryAxis: { title: '', reversed: true, valueAxisCrosses: 'at-last-category' },
      legend: 'bottom',
    });
  }
  s.format(rect(0, 0, 3, 1), 'text');
  // Wide enough for "Drawn from pots and reserves".
  s.columnWidths = [36, 18, 30, 14, 14];
  return s.build();
}
