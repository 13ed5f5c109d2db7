import { endDay, startDay } from '../bounds';
import type { CostProjection } from '../cost';
import type { CellRef, CostLine, FundingStream, Inflation, Parameters } from '../model';
import { type Decimal, type Pence, pence, ratioOfDecimal, scalePence } from '../money';
import type { ParameterSources } from '../parameters';
import { firstDayOf, lastDayOf } from '../years';
import { type CaseInputs, type Revenue, addDecimal, multiplyDecimal, negateDecimal, planRevenue } from './project';

/** What a sensitivity row moves: a rate (a fraction), a plain number (Programme multiplier) or an amount. */
export type Moved =
  | { readonly kind: 'rate'; readonly base: Decimal; readonly low: Decimal; readonly high: Decimal }
  | { readonly kind: 'number'; readonly base: Decimal; readonly low: Decimal; readonly high: Decimal }
  | { readonly kind: 'amount'; readonly base: Pence; readonly low: Pence; readonly high: Pence };

/** One input moved down and up by its step, with the total revenue shortfall at each (contract v1.1 §6.2). */
export interface SensitivityRow {
  /** In the users' words: `Pay inflation`, `Unit cost of Locality Manager`, `Pot of LPSA reward grant`. */
  readonly input: string;
  readonly table: 'Parameters' | 'Costs' | 'Funding';
  /** The cell that holds the value; null for a parameter left at its default. */
  readonly at: CellRef | null;
  readonly moved: Moved;
  readonly shortfallLow: Pence;
  readonly shortfallHigh: Pence;
  /** |shortfallHigh − shortfallLow|. */
  readonly swing: Pence;
  /** Its place in the contract's list, for ties. */
  readonly order: number;
}

/** The whole sensitivity table: Base's total shortfall and the rows, largest swing first. */
export interface Sensitivity {
  readonly baseShortfall: Pence;
  readonly rows: readonly SensitivityRow[];
}

/** Where a Costs or Funding line's own cells are: the cell of a field on the line's row, null when the table has no such column. */
export type FieldCell = (line: { readonly at: CellRef | null; readonly source?: 'Costs' | 'Parameters' }, table: 'Costs' | 'Funding', field: 'unitCost' | 'inflation' | 'annual' | 'pot') => CellRef | null;

/** A candidate row: its name, place, values and how to plan the case at a value. */
interface Candidate {
  readonly input: string;
  readonly table: SensitivityRow['table'];
  readonly at: CellRef | null;
  readonly moved: Moved;
  readonly at_: (low: boolean) => CaseInputs;
}

const usesRate = (inflation: Inflation, kind: 'pay' | 'non-pay'): boolean => inflation.kind === kind;

/** True when a line has any amount in a projected year in Base. */
const appliesIn = (costs: CostProjection, line: CostLine): boolean => costs.lines.some((r) => r.line === line && r.amounts.some((a) => a !== 0));

/**
 * Sensitivity (contract v1.1 §6.2): for Base, each rate and amount the plan uses is moved
 * down and up by its step, one at a time, and the total revenue shortfall recomputed:
 * Pay inflation, Non-pay inflation, each cost line's own rate, Cost per locality,
 * Programme multiplier, each revenue cost line's Unit cost, each Recurring line's Annual
 * amount, each Pot and Reserve, and the Allocation pot. Rates move by Sensitivity step for
 * rates (percentage points); amounts and the multiplier by Sensitivity step for amounts
 * (a share of the value: low = value × (1 − step), high = value × (1 + step), each
 * rounded to the penny). An amount that is zero, a line with no amount in any projected
 * year, and a rate no line uses are skipped. The selection is Base's: none of these
 * inputs can change which localities are chosen, so it is not redone. Rows are ranked by
 * swing, largest first, ties in the order above.
 */
export function sensitivity(base: CaseInputs, baseRevenue: Revenue, sources: ParameterSources, fieldCell: FieldCell): Sensitivity {
  const p = base.parameters;
  const rateStep = p.sensitivityStepForRates;
  const amountStep = ratioOfDecimal(p.sensitivityStepForAmounts);
  const down = { num: amountStep.den - amountStep.num, den: amountStep.den };
  const up = { num: amountStep.den + amountStep.num, den: amountStep.den };
  const amountMove = (value: Pence): Moved => ({ kind: 'amount', base: value, low: scalePence(value, down), high: scalePence(value, up) });
  const rateMove = (value: Decimal): Moved => ({ kind: 'rate', base: value, low: addDecimal(value, negateDecimal(rateStep)), high: addDecimal(value, rateStep) });
  const paramCell = (key: keyof Parameters): CellRef | null => {
    const s = sources[key];
    return typeof s === 'object' ? { sheet: s.sheet, cell: s.cell } : null;
  };
  const withParameters = (change: Partial<Parameters>): CaseInputs => ({ ...base, parameters: { ...p, ...change } });
  const withLine = (i: number, change: Partial<CostLine>): CaseInputs => ({ ...base, lines: base.lines.map((l, k) => (k === i ? { ...l, ...change } : l)) });
  const withStream = (i: number, change: Partial<FundingStream>): CaseInputs => ({ ...base, streams: base.streams.map((s, k) => (k === i ? ({ ...s, ...change } as FundingStream) : s)) });
  const pick = <T>(m: Moved, low: boolean): T => (low ? m.low : m.high) as T;

  const revenueLines = base.lines.map((line, i) => ({ line, i })).filter(({ line }) => line.type === 'revenue' && appliesIn(baseRevenue.costs, line));
  const recurring = base.streams.filter((s) => s.kind === 'recurring');
  const perLocality = p.costPerLocality > 0 || revenueLines.some(({ line }) => line.appliesTo.kind === 'each-locality');
  const candidates: Candidate[] = [];
  for (const kind of ['pay', 'non-pay'] as const) {
    const used = revenueLines.some(({ line }) => usesRate(line.inflation, kind)) || (kind === 'pay' && p.costPerLocality > 0) || recurring.some((s) => usesRate(s.inflation, kind));
    if (!used) continue;
    const key = kind === 'pay' ? 'payInflation' : 'nonPayInflation';
    const moved = rateMove(p[key]);
    candidates.push({ input: kind === 'pay' ? 'Pay inflation' : 'Non-pay inflation', table: 'Parameters', at: paramCell(key), moved, at_: (low) => withParameters({ [key]: pick<Decimal>(moved, low) }) });
  }
  for (const { line, i } of revenueLines) {
    if (line.inflation.kind !== 'rate') continue;
    const moved = rateMove(line.inflation.rate);
    candidates.push({ input: `Inflation of ${line.name}`, table: 'Costs', at: fieldCell(line, 'Costs', 'inflation'), moved, at_: (low) => withLine(i, { inflation: { kind: 'rate', rate: pick<Decimal>(moved, low) } }) });
  }
  if (p.costPerLocality > 0) {
    const moved = amountMove(p.costPerLocality);
    candidates.push({ input: 'Cost per locality', table: 'Parameters', at: paramCell('costPerLocality'), moved, at_: (low) => withParameters({ costPerLocality: pick<Pence>(moved, low) }) });
  }
  if (perLocality && p.programmeMultiplier.digits > 0n) {
    const m = p.programmeMultiplier;
    const oneDecimal: Decimal = { digits: 1n, scale: 0 };
    const moved: Moved = { kind: 'number', base: m, low: multiplyDecimal(m, addDecimal(oneDecimal, negateDecimal(p.sensitivityStepForAmounts))), high: multiplyDecimal(m, addDecimal(oneDecimal, p.sensitivityStepForAmounts)) };
    candidates.push({ input: 'Programme multiplier', table: 'Parameters', at: paramCell('programmeMultiplier'), moved, at_: (low) => withParameters({ programmeMultiplier: pick<Decimal>(moved, low) }) });
  }
  for (const { line, i } of revenueLines) {
    if (line.source !== 'Costs' || line.unitCost === 0) continue;
    const moved = amountMove(line.unitCost);
    candidates.push({ input: `Unit cost of ${line.name}`, table: 'Costs', at: fieldCell(line, 'Costs', 'unitCost'), moved, at_: (low) => withLine(i, { unitCost: pick<Pence>(moved, low) }) });
  }
  base.streams.forEach((stream, i) => {
    if (stream.kind !== 'recurring' || stream.annual === 0) return;
    const paid = baseRevenue.funding.recurring.find((r) => r.stream === stream);
    if (!paid || paid.amounts.every((a) => a === 0)) return;
    const moved = amountMove(stream.annual);
    candidates.push({ input: `Annual amount of ${stream.name}`, table: 'Funding', at: fieldCell(stream, 'Funding', 'annual'), moved, at_: (low) => withStream(i, { annual: pick<Pence>(moved, low) }) });
  });
  const first = firstDayOf(base.years[0]);
  const last = lastDayOf(base.years[base.years.length - 1]);
  base.streams.forEach((stream, i) => {
    if ((stream.kind !== 'one-off' && stream.kind !== 'reserve') || stream.pot === 0) return;
    const from = startDay(stream.from);
    const to = stream.kind === 'one-off' ? endDay(stream.to) : null;
    if ((from !== null && from > last) || (to !== null && to < first)) return;
    const moved = amountMove(stream.pot);
    candidates.push({ input: `${stream.kind === 'reserve' ? 'Reserve' : 'Pot'} of ${stream.name}`, table: 'Funding', at: fieldCell(stream, 'Funding', 'pot'), moved, at_: (low) => withStream(i, { pot: pick<Pence>(moved, low) }) });
  });
  if (p.allocationPot !== null && p.allocationPot !== 0) {
    const moved = amountMove(p.allocationPot);
    candidates.push({ input: 'Allocation pot', table: 'Parameters', at: paramCell('allocationPot'), moved, at_: (low) => withParameters({ allocationPot: pick<Pence>(moved, low) }) });
  }

  const rows: SensitivityRow[] = [];
  candidates.forEach((c, order) => {
    // Costs are projected from the lines, parameters, years and selection, never from
    // funding: a Funding row moves only a stream, so Base's costs stand (as for Confirmed funding only).
    const costs = c.table === 'Funding' ? baseRevenue.costs : undefined;
    const low = planRevenue(c.at_(true), costs);
    const high = planRevenue(c.at_(false), costs);
    // A step past what pence hold is no answer: the row is left out rather than shown wrong.
    if (!low || !high) return;
    const shortfallLow = low.funding.totals.shortfall;
    const shortfallHigh = high.funding.totals.shortfall;
    rows.push({ input: c.input, table: c.table, at: c.at, moved: c.moved, shortfallLow, shortfallHigh, swing: pence(Math.abs(shortfallHigh - shortfallLow)), order });
  });
  rows.sort((a, b) => b.swing - a.swing || a.order - b.order);
  return { baseShortfall: baseRevenue.funding.totals.shortfall, rows };
}
