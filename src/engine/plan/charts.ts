import type { Allocation } from '../allocate';
import { sumPence, toPounds } from '../money';
import type { AllocationMethod } from '../parameters';
import type { PlanResults } from '../results';
import { inRankOrder } from '../prioritise';
import { yearLabel } from '../years';
import { amountFormats, amountText } from './amounts';
import { counted } from './findings';
import { fundingCliffChart, fundingCliffColumns } from './fundingCliff';
import { chartColours } from './palette';
import type { PrintRequest } from './sheetBuilder';
import { HEADER_RULE } from './rules';
import { SheetBuilder, rect } from './sheetBuilder';
import type { SheetPlan } from './types';

/** How many localities the ranking and allocation charts show before the rest are summed. */
const CHART_LOCALITIES = 30;

/** Rows a chart covers below its data block: at least this many, and never more than fit a printed page. */
const CHART_ROWS = 18;
const MAX_CHART_ROWS = 26;
/** A chart spans at least columns A to H, and the width of the widest data block. */
const CHART_LAST_COLUMN = 7;
/** Amount columns of the data blocks, in characters. */
const AMOUNT_WIDTH = 15;

/** `equally`, `by wards`, `in proportion to Councillors`: how a method shares, in a sentence. */
function methodWords(m: AllocationMethod): string {
  switch (m.kind) {
    case 'equal':
      return 'equally';
    case 'per-ward':
      return 'by wards';
    case 'per-head':
      return 'by population';
    case 'need-weighted':
      return 'by need score';
    case 'per-column':
      return `in proportion to ${m.header}`;
    default: {
      const never: never = m;
      return never;
    }
  }
}

/** One line: its method; more: how many lines, each by its own method (`in two lines (Ward budgets equally; …)`). */
function sharedHow(lines: Allocation['lines']): string {
  if (lines.length === 1) return methodWords(lines[0].method);
  return `in ${counted(lines.length, 'line')} (${lines.map((l) => `${l.line} ${methodWords(l.method)}`).join('; ')})`;
}

/**
 * The Charts sheet (contract §3): cost against funding by year (the funding cliff, see
 * fundingCliff.ts); need ranking with the selected localities marked; allocation by
 * locality. Each chart draws from a small data block above it, so a partner without
 * the add-in can see and check what is drawn. A chart prints whole on one page, and a
 * block's heading with its first rows; the sheet is as wide as its widest block, so the
 * charts print large.
 */
export function chartsSheet(r: PlanResults, name: string, print: Omit<PrintRequest, 'onePage'>): SheetPlan {
  const s = new SheetBuilder(name, '#7030A0');
  const shown = r.parameters.showAmountsIn;
  const formats = amountFormats[shown];
  s.title('Charts', 'Native Excel charts; the figures each one draws are in the block above it.');
  s.blank();
  const block = (title: string): number => {
    const row = s.add([title]);
    s.style(rect(row, 0, 1, 1), { bold: true, fontColor: '#1F4E78' });
    return row;
  };
  const header = (cells: string[]): number => {
    const row = s.add(cells);
    s.format(rect(row, 0, 1, cells.length), 'text');
    s.style(rect(row, 0, 1, cells.length), { bold: true, fill: '#DDEBF7', border: HEADER_RULE, wrap: true });
    return row;
  };
  const cliffColumns = fundingCliffColumns(r);
  const lastColumn = Math.max(CHART_LAST_COLUMN, cliffColumns - 1);
  /** The heading and the first rows of its block print together. */
  const keepHeading = (start: number) => s.keepRows(start, Math.min(4, s.row - start));
  /** The cells a chart covers, below what the sheet holds so far; the chart prints whole, on one page. */
  const chartBelow = (rows: number) => {
    s.blank();
    const top = s.row;
    while (s.row < top + rows) s.blank();
    s.keepRows(top, rows);
    s.blank();
    s.blank();
    return { from: { row: top, column: 0 }, to: { row: top + rows - 1, column: lastColumn } };
  };
  const chartRows = (bars: number) => Math.min(MAX_CHART_ROWS, Math.max(CHART_ROWS, bars + 2));

  // 1. The funding cliff: funding by source, the shortfall on top, cost and the cumulative gap as lines.
  const costStart = block('Cost against funding by year');
  const cliff = fundingCliffChart(s, r, 'LP_Chart_FundingCliff', { row: s.row, column: 0 });
  keepHeading(costStart);
  s.charts.push({ ...cliff, anchor: chartBelow(CHART_ROWS) });

  // 2. Need ranking: the most in need, coloured by whether they were selected.
  const ranked = inRankOrder(r.priorities).filter((p) => p.rank !== null);
  const selectedCount = r.priorities.filter((p) => p.selected).length;
  const needStart = block(ranked.length > 0 ? `Need ranking: the ${Math.min(ranked.length, CHART_LOCALITIES)} most in need` : 'Need ranking');
  if (ranked.length === 0) {
    s.add(['No need scores: the Localities table has no indicator (IMD Score, IMD Rank or an Indicators table).']);
    keepHeading(needStart);
    s.blank();
  } else {
    const shownLocalities = ranked.slice(0, CHART_LOCALITIES);
    const needHeader = header(['Locality', 'Selected', 'Not selected']);
    for (const p of shownLocalities) s.add([`${p.rank}. ${p.locality.name}`, p.selected ? p.needScore : null, p.selected ? null : p.needScore]);
    s.format(rect(needHeader + 1, 0, shownLocalities.length, 1), 'text');
    s.format(rect(needHeader + 1, 1, shownLocalities.length, 2), 'score');
    const top = shownLocalities[0];
    keepHeading(needStart);
    const anchor = chartBelow(chartRows(shownLocalities.length));
    s.charts.push({
      name: 'LP_Chart_NeedRanking',
      title: 'Need ranking (selected localities in dark blue)',
      altText:
        `${selectedCount} of ${r.priorities.length} localities are selected. The ${counted(shownLocalities.length, 'locality', 'localities')} most in need are shown by need score ` +
        `(100 = most deprived), ${shownLocalities.filter((p) => p.selected).length} of them selected; the highest is ${top.locality.name} at ${top.needScore!.toFixed(1)}.`,
      type: 'bar-stacked',
      data: rect(needHeader, 0, shownLocalities.length + 1, 3),
      series: [
        { column: 1, color: chartColours.selected, as: 'bars' },
        { column: 2, color: chartColours.notSelected, as: 'bars' },
      ],
      anchor,
      valueAxis: { title: 'Need score (100 = most deprived)', numberFormat: 'score', maximum: 100 },
      categoryAxis: { title: '', reversed: true, valueAxisCrosses: 'at-last-category' },
      legend: 'bottom',
    });
  }

  // 3. Allocation by locality, first year, largest first; the rest summed.
  const allocStart = block(r.allocation ? `Allocation by locality, ${yearLabel(r.years[0])}` : 'Allocation by locality');
  if (!r.allocation) {
    s.add(['No Allocation pot is set in Parameters.']);
  } else {
    // Every devolved budget together: each locality's total across the Shared out lines.
    const a = r.allocation;
    const byAmount = [...a.totals].sort((x, y) => y.amounts[0] - x.amounts[0] || x.priority.locality.index - y.priority.locality.index);
    const top = byAmount.slice(0, CHART_LOCALITIES);
    const rest = byAmount.slice(CHART_LOCALITIES);
    const allocHeader = header(['Locality', 'Amount']);
    for (const share of top) s.add([share.priority.locality.name, toPounds(share.amounts[0])]);
    if (rest.length > 0) s.add([`Other localities (${rest.length})`, toPounds(sumPence(rest.map((x) => x.amounts[0])))]);
    const rows = top.length + (rest.length > 0 ? 1 : 0);
    s.format(rect(allocHeader + 1, 0, rows, 1), 'text');
    s.format(rect(allocHeader + 1, 1, rows, 1), formats.cell);
    const largest = byAmount[0];
    const smallest = byAmount[byAmount.length - 1];
    keepHeading(allocStart);
    const anchor = chartBelow(chartRows(rows));
    s.charts.push({
      name: 'LP_Chart_Allocation',
      title: `Allocation by locality, ${yearLabel(r.years[0])}`,
      altText:
        `${amountText(sumPence(a.lines.map((l) => l.amounts[0])), shown)} is shared ${sharedHow(a.lines)} among ${counted(a.totals.length, 'locality', 'localities')} in ${yearLabel(r.years[0])}: ` +
        `from ${amountText(smallest.amounts[0], shown)} (${smallest.priority.locality.name}) to ${amountText(largest.amounts[0], shown)} (${largest.priority.locality.name}).`,
      type: 'bar-stacked',
      data: rect(allocHeader, 0, rows + 1, 2),
      series: [{ column: 1, color: chartColours.allocation, as: 'bars' }],
      anchor,
      valueAxis: { title: 'Pounds', numberFormat: formats.axis },
      categoryAxis: { title: '', reversed: true, valueAxisCrosses: 'at-last-category' },
      legend: 'bottom',
    });
  }
  s.format(rect(0, 0, 3, 1), 'text');
  s.columnWidths = [36, ...Array.from({ length: lastColumn }, () => AMOUNT_WIDTH)];
  s.print = { ...print, onePage: false };
  return s.build();
}
