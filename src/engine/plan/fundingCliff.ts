import { type Pence, sumPence, toPounds } from '../money';
import type { PlanResults } from '../results';
import { yearLabel } from '../years';
import { amountFormats } from './amounts';
import { endings, fundingFinding } from './findings';
import { chartColours } from './palette';
import { HEADER_RULE } from './rules';
import { type SheetBuilder, rect } from './sheetBuilder';
import type { ChartPlan, ChartSeriesPlan } from './types';

/** Recurring sources drawn one by one before the rest are summed; the same for pots and reserves. */
const MAX_RECURRING = 4;
const MAX_POTS = 3;
const MAX_RESERVES = 2;
/** How many endings the alternative text names before counting the rest. */
const MAX_ENDINGS = 5;

/** One block of the funding stack: a source, a pot's drawdown, or the rest of them summed. */
interface FundingLayer {
  readonly label: string;
  readonly amounts: readonly Pence[];
  readonly color: string;
}

/** The largest `max - 1` by total (ties in table order) and the rest summed, or all of them when they fit. */
function capped<T>(items: readonly T[], max: number, total: (t: T) => Pence): { shown: T[]; rest: T[] } {
  if (items.length <= max) return { shown: [...items], rest: [] };
  const order = items.map((t, i) => ({ t, i })).sort((a, b) => total(b.t) - total(a.t) || a.i - b.i);
  const keep = new Set(order.slice(0, max - 1).map((x) => x.i));
  return { shown: items.filter((_, i) => keep.has(i)), rest: items.filter((_, i) => !keep.has(i)) };
}

const summed = (rows: readonly (readonly Pence[])[], years: number): Pence[] => Array.from({ length: years }, (_, y) => sumPence(rows.map((a) => a[y])));

/**
 * The funding stack, by source, in the order it is spent each year (contract v1.1 §5.5):
 * each recurring source, then what is drawn from each one-off pot, then what is drawn
 * from each reserve, each its own block. Sources that pay nothing over the projection
 * are left out; past four recurring sources (three pots, two reserves) the smallest are
 * summed into one block, so the chart stays readable. Revenue only: capital is funded
 * apart (v1.1 §5.3) and never stacks here.
 */
function fundingLayers(r: PlanResults): FundingLayer[] {
  const n = r.years.length;
  const recurring = capped(r.funding.recurring.filter((f) => f.total !== 0), MAX_RECURRING, (f) => f.total);
  const pots = capped(r.funding.pots.filter((p) => p.totalDrawdown !== 0), MAX_POTS, (p) => p.totalDrawdown);
  const reserves = capped(r.funding.reserves.filter((v) => v.totalDrawdown !== 0), MAX_RESERVES, (v) => v.totalDrawdown);
  const layers: FundingLayer[] = recurring.shown.map((f, i) => ({ label: f.stream.name, amounts: f.amounts, color: chartColours.recurring[i] }));
  if (recurring.rest.length > 0) layers.push({ label: `Other recurring funding (${recurring.rest.length} sources)`, amounts: summed(recurring.rest.map((f) => f.amounts), n), color: chartColours.recurring[layers.length] });
  const potLayers: Omit<FundingLayer, 'color'>[] = pots.shown.map((p) => ({ label: `Drawn from ${p.stream.name}`, amounts: p.drawdown }));
  if (pots.rest.length > 0) potLayers.push({ label: `Drawn from other pots (${pots.rest.length})`, amounts: summed(pots.rest.map((p) => p.drawdown), n) });
  const reserveLayers: Omit<FundingLayer, 'color'>[] = reserves.shown.map((v) => ({ label: `Drawn from ${v.stream.name}`, amounts: v.drawdown }));
  if (reserves.rest.length > 0) reserveLayers.push({ label: `Drawn from other reserves (${reserves.rest.length})`, amounts: summed(reserves.rest.map((v) => v.drawdown), n) });
  return [
    ...layers,
    ...potLayers.map((l, i) => ({ ...l, color: chartColours.pots[i] })),
    ...reserveLayers.map((l, i) => ({ ...l, color: chartColours.reserves[i] })),
  ];
}

/** The funding-cliff chart's data block: how many columns it takes, for laying out a sheet around it. */
export function fundingCliffColumns(r: PlanResults): number {
  return fundingLayers(r).length + 4;
}

/**
 * The funding-cliff chart (cost against funding by year, contract §3): funding stacked
 * by source with the shortfall on top, the cost as a line over it, and the cumulative
 * shortfall as a dashed line. The shortfall is told by its label (the gap in the year)
 * as well as its colour; the colours are the colour-blind-safe palette. The figures it
 * draws are written as a block from `place` (its header row's first cell), so a partner
 * can see and check them; the caller places the chart itself.
 */
export function fundingCliffChart(s: SheetBuilder, r: PlanResults, name: string, place: { readonly row: number; readonly column: number }): Omit<ChartPlan, 'anchor'> {
  const layers = fundingLayers(r);
  const formats = amountFormats[r.parameters.showAmountsIn];
  const header = ['Year', ...layers.map((l) => l.label), 'Shortfall', 'Total cost', 'Cumulative shortfall'];
  s.put(place.row, place.column, header);
  // The cumulative shortfall is Projection's own row (contract v1.1 §5.5), so the chart and the sheet agree.
  r.funding.byYear.forEach((y, i) => {
    s.put(place.row + 1 + i, place.column, [yearLabel(y.year), ...layers.map((l) => toPounds(l.amounts[i])), toPounds(y.shortfall), toPounds(y.cost), toPounds(y.cumulativeShortfall)]);
  });
  const years = r.funding.byYear.length;
  const columns = header.length;
  s.format(rect(place.row, place.column, 1, columns), 'text');
  s.style(rect(place.row, place.column, 1, columns), { bold: true, fill: '#DDEBF7', border: HEADER_RULE, wrap: true });
  s.format(rect(place.row + 1, place.column, years, 1), 'text');
  s.format(rect(place.row + 1, place.column + 1, years, columns - 1), formats.cell);
  const k = layers.length;
  const series: ChartSeriesPlan[] = [
    ...layers.map((l, i) => ({ column: i + 1, color: l.color, as: 'bars' as const })),
    { column: k + 1, color: chartColours.shortfall, as: 'bars', labels: { numberFormat: formats.label } },
    { column: k + 2, color: chartColours.cost, as: 'line', marker: 'circle', dash: 'solid' },
    { column: k + 3, color: chartColours.cumulative, as: 'line', marker: 'none', dash: 'dash' },
  ];
  const ends = endings(r).map((e) => e.words);
  const named = ends.length > MAX_ENDINGS ? [...ends.slice(0, MAX_ENDINGS - 1), `and ${ends.length - MAX_ENDINGS + 1} more later`] : ends;
  return {
    name,
    title: 'Cost against funding by year',
    altText: `${fundingFinding(r)}${named.length > 0 ? ` ${named.join('; ')}.` : ''} Funding is stacked by source with the shortfall on top, against the total cost as a line; a dashed line is the cumulative shortfall.`,
    type: 'column-stacked',
    data: rect(place.row, place.column, years + 1, columns),
    series,
    valueAxis: { title: 'Pounds', numberFormat: formats.axis },
    categoryAxis: { title: 'Financial year', reversed: false, valueAxisCrosses: 'automatic' },
    legend: 'bottom',
  };
}
