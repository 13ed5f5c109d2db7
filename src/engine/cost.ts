import { type Bound, endDay, isNoneOfYear, isWholeYear, shareOfYear, startDay } from './bounds';
import { type Issue, type IssueWhere, issueAt } from './issues';
import type { CellRef, CostLine, CostType, Inflation, Parameters } from './model';
import { type Decimal, type Pence, type Ratio, MoneyOverflowError, ONE, ZERO, formatPounds, pence, ratioOfDecimal, scalePence, sumPence } from './money';
import type { Priority } from './prioritise';
import { type Staged, type Usable, all, failed, unusable, usable } from './stage';
import { nameKey } from './names';
import { type FinancialYear, firstDayOf, lastDayOf } from './years';

/** A year a line covers only in part (contract v1.1 §5.2), with the share of the year it counts. */
export interface PartYear {
  readonly year: FinancialYear;
  readonly share: Ratio;
}

/** A cost line's amounts, one per projected year. */
export interface CostLineResult {
  /** As the Projection sheet labels it, e.g. `Locality Manager (each of 20 localities)`. */
  readonly label: string;
  readonly name: string;
  readonly appliesTo: CostLine['appliesTo'];
  readonly type: CostType;
  readonly amounts: readonly Pence[];
  /** Over the whole projection. */
  readonly total: Pence;
  /** For lines paid for each selected locality: the amount for one locality, per year. */
  readonly perLocality: readonly Pence[] | null;
  /** The years the line covers only in part, each with its share. */
  readonly partYears: readonly PartYear[];
  /** The line as read (or as its parameter stands for it). */
  readonly line: CostLine;
}

export interface CostProjection {
  readonly lines: readonly CostLineResult[];
  /** Every revenue line together, each year: Total cost. */
  readonly total: readonly Pence[];
  /** Every revenue line together, over the whole projection. */
  readonly grandTotal: Pence;
  /** Every capital line together, each year (contract v1.1 §5.3). */
  readonly capitalTotal: readonly Pence[];
  readonly capitalGrandTotal: Pence;
  /**
   * Each locality's own cost over the projection, revenue and capital, from the lines
   * paid for each locality or for it by name (zero when not selected), by locality index.
   * Shared out lines add their shares once they are shared (see `localityTotals`).
   */
  readonly byLocality: readonly Pence[];
}

/** The parameters costing needs. */
export type CostParameters = Pick<Parameters, 'costPerLocality' | 'programmeMultiplier' | 'payInflation' | 'nonPayInflation' | 'allocationPot'>;

/** (1 + r)^t, exactly. */
export function growth(rate: Decimal, t: number): Ratio {
  const r = ratioOfDecimal(rate);
  return { num: (r.den + r.num) ** BigInt(t), den: r.den ** BigInt(t) };
}

/** The rate an Inflation stands for: Pay and Non-pay from the parameters; null for None. */
export function rateOf(inflation: Inflation, parameters: Pick<Parameters, 'payInflation' | 'nonPayInflation'>): Decimal | null {
  switch (inflation.kind) {
    case 'pay':
      return parameters.payInflation;
    case 'non-pay':
      return parameters.nonPayInflation;
    case 'none':
      return null;
    case 'rate':
      return inflation.rate;
    default: {
      const never: never = inflation;
      return never;
    }
  }
}


/** True when a line runs wholly outside the projection. */
function outside(from: Bound | null, to: Bound | null, first: FinancialYear, last: FinancialYear): boolean {
  const a = startDay(from);
  const b = endDay(to);
  return (a !== null && a > lastDayOf(last)) || (b !== null && b < firstDayOf(first));
}

/** The label of a line as Projection shows it. */
function labelOf(line: CostLine, n: number): string {
  const applies = line.appliesTo;
  switch (applies.kind) {
    case 'each-locality':
      return `${line.name} (each of ${n} ${n === 1 ? 'locality' : 'localities'})`;
    case 'locality':
      return `${line.name} (${applies.locality})`;
    case 'shared-out':
      // The Allocation pot is named as the contract names it; a Costs line says it is shared out.
      return line.source === 'Parameters' ? line.name : `${line.name} (shared out)`;
    case 'programme':
      return line.name;
    default: {
      const never: never = applies;
      return never;
    }
  }
}

/**
 * Projects every cost line (contract §2, v1.1 §5.2–5.4): Quantity × Unit cost ×
 * (1 + rate)^t × the share of the year the line covers (t = 0 in First year), rounded to
 * the penny once per year from the base (never compounding rounded figures), unless a
 * year column gives the amount, which is taken as given. A line from or to a date covers
 * its part of a year in twelfths by calendar month. Lines for each locality are costed
 * for one locality, scaled by Programme multiplier and rounded, then multiplied by the
 * number selected, so per-locality costs add up to the Projection exactly. Cost per
 * locality is such a line; the Allocation pot is a revenue line shared out, with no
 * inflation, every year. Revenue and capital lines are totalled apart. A year whose
 * revenue costs come to less than zero is noted. A line or total past what pence hold
 * exactly is an input error naming the line (or the year).
 */
export function projectCosts(
  costLines: Usable<readonly CostLine[]>,
  costParameters: Usable<CostParameters>,
  projectedYears: Usable<readonly FinancialYear[]>,
  selection: Usable<readonly Priority[]>,
  /** Where Cost per locality and Allocation pot were given, to point at them; null when that is the default. */
  parameterCells: { readonly costPerLocality: CellRef | null; readonly allocationPot: CellRef | null },
  /**
   * Whether to add up each locality's own cost (`byLocality`, for Priorities). A what-if
   * case needs only the totals, and on England's 32,844 neighbourhoods the per-locality
   * array is most of a case's time; without it `byLocality` is empty.
   */
  options: { readonly byLocality: boolean } = { byLocality: true },
): Staged<Usable<CostProjection>> {
  const inputs = all(costLines, costParameters, projectedYears);
  if (!inputs.usable) return { value: inputs, issues: [] };
  const [lines, parameters, years] = inputs.value;
  const perLocality = parameters.costPerLocality !== 0 || lines.some((l) => l.appliesTo.kind === 'each-locality' || l.appliesTo.kind === 'locality');
  if (perLocality && !selection.usable) return { value: unusable('the choice of localities'), issues: [] };
  const priorities = selection.usable ? selection.value : [];
  const issues: Issue[] = [];
  const { selected, byKey: selectedByKey } = chosenIn(priorities);
  const n = selected.length;
  const multiplier = ratioOfDecimal(parameters.programmeMultiplier);
  const every: CostLine[] = [];
  const one: Decimal = { digits: 1n, scale: 0 };
  if (parameters.costPerLocality !== 0) {
    every.push({ name: 'Cost per locality', appliesTo: { kind: 'each-locality' }, type: 'revenue', quantity: one, unitCost: parameters.costPerLocality, inflation: { kind: 'pay' }, from: null, to: null, explicit: new Map(), at: parameterCells.costPerLocality, source: 'Parameters' });
  }
  every.push(...lines);
  if (parameters.allocationPot !== null) {
    // Contract v1.1 §5.4: the Allocation pot is a cost, Revenue, with no inflation, every projected year.
    every.push({ name: 'Allocation pot', appliesTo: { kind: 'shared-out', method: null, methodAt: null }, type: 'revenue', quantity: one, unitCost: parameters.allocationPot, inflation: { kind: 'none' }, from: null, to: null, explicit: new Map(), at: parameterCells.allocationPot, source: 'Parameters' });
  }
  const byLocality = new Array<number>(options.byLocality ? priorities.length : 0).fill(0);
  const results: CostLineResult[] = [];
  let overflow = false;
  for (const line of every) {
    const rate = rateOf(line.inflation, parameters);
    const applies = line.appliesTo;
    const target = applies.kind === 'locality' ? selectedByKey.get(applies.key) : undefined;
    const costed = costedLine(line, years, rate, multiplier, n, target !== undefined);
    issues.push(...costed.issues);
    if (costed.result === null) {
      overflow = true;
      continue;
    }
    results.push(costed.result);
    if (options.byLocality && applies.kind === 'each-locality') for (const p of selected) byLocality[p.locality.index] += costed.oneTotal;
    if (options.byLocality && target) byLocality[target.locality.index] += costed.result.total;
  }
  if (overflow) return { value: failed('the costs by year'), issues };
  const total: Pence[] = [];
  const capitalTotal: Pence[] = [];
  for (const [y, year] of years.entries()) {
    try {
      total.push(sumPence(results.filter((r) => r.type === 'revenue').map((r) => r.amounts[y])));
      capitalTotal.push(sumPence(results.filter((r) => r.type === 'capital').map((r) => r.amounts[y])));
      // A locality's own cost over the projection is part of the costs.
      if (y === 0 && !byLocality.every(Number.isSafeInteger)) throw new MoneyOverflowError("a locality's cost");
    } catch (e) {
      if (!(e instanceof MoneyOverflowError)) throw e;
      issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'costs-in-year', year } }, { table: 'Costs' }));
      return { value: failed('the costs by year'), issues };
    }
    // Contract v1.1 §5.6: savings larger than the costs they save on.
    if (total[y] < 0) issues.push(issueAt({ code: 'NEGATIVE_COST', year, amount: formatPounds(total[y]) }, costsTable(lines)));
  }
  let grandTotal: Pence;
  let capitalGrandTotal: Pence;
  try {
    grandTotal = sumPence(total);
    capitalGrandTotal = sumPence(capitalTotal);
  } catch (e) {
    if (!(e instanceof MoneyOverflowError)) throw e;
    issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'over-the-years', what: 'cost' } }, { table: 'Costs' }));
    return { value: failed('the costs by year'), issues };
  }
  return { value: usable({ lines: results, total, grandTotal, capitalTotal, capitalGrandTotal, byLocality: byLocality.map((v) => pence(v)) }), issues };
}

/** One line costed: its result (null past what pence hold), its issues, and for a line paid for each locality, one locality's total. */
interface CostedLine {
  readonly result: CostLineResult | null;
  readonly issues: readonly Issue[];
  readonly oneTotal: Pence;
}

/**
 * Each line's costing, kept by the line's identity with what else it depends on: the
 * projected years (by identity), the rate it grows by, and for a line paid for each locality
 * the multiplier and how many are selected, for a line for one locality whether it is
 * selected. A line is read once and never changed, and a what-if case copies only the line
 * or parameter it moves, so sensitivity's rows and a search's tries cost again only what
 * their change touches (every line, every year, in BigInt arithmetic, was most of a row's
 * time). The result is the same as costing afresh: a property checks it.
 */
const costedLines = new WeakMap<CostLine, { readonly years: readonly FinancialYear[]; readonly byKey: Map<string, CostedLine> }>();

/** How many costings of one line are kept: a search trying many selections would otherwise keep one per try. */
const KEPT_PER_LINE = 64;

function costedLine(line: CostLine, years: readonly FinancialYear[], rate: Decimal | null, multiplier: Ratio, n: number, targetSelected: boolean): CostedLine {
  const applies = line.appliesTo;
  const rateKey = rate === null ? '-' : `${rate.digits}e${rate.scale}`;
  const key = applies.kind === 'each-locality' ? `${rateKey}|${multiplier.num}/${multiplier.den}|${n}` : applies.kind === 'locality' ? `${rateKey}|${targetSelected}` : rateKey;
  let kept = costedLines.get(line);
  if (!kept || kept.years !== years) {
    kept = { years, byKey: new Map() };
    costedLines.set(line, kept);
  }
  let costed = kept.byKey.get(key);
  if (!costed) {
    costed = costLine(line, years, rate, multiplier, n, targetSelected);
    if (kept.byKey.size >= KEPT_PER_LINE) kept.byKey.clear();
    kept.byKey.set(key, costed);
  }
  return costed;
}

/** One line's amounts over the projected years (the rules are `projectCosts`'s). */
function costLine(line: CostLine, years: readonly FinancialYear[], rate: Decimal | null, multiplier: Ratio, n: number, targetSelected: boolean): CostedLine {
  const issues: Issue[] = [];
  const first = years[0];
  const last = years[years.length - 1];
  const where = whereOf(line);
  for (const year of line.explicit.keys()) {
    if (year < first || year > last) issues.push(issueAt({ code: 'NOT_APPLIED', line: line.name, reason: { kind: 'year-outside', year, first, last } }, where));
  }
  if (outside(line.from, line.to, first, last)) {
    issues.push(issueAt({ code: 'NOT_APPLIED', line: line.name, reason: { kind: 'line-outside', from: line.from, to: line.to, first, last } }, where));
  }
  const shares = years.map((year) => shareOfYear(year, line.from, line.to));
  const partYears = years.flatMap((year, t) => (line.explicit.has(year) || isWholeYear(shares[t]) || isNoneOfYear(shares[t]) ? [] : [{ year, share: shares[t] }]));
  // The amount of one line, for the whole line or for one locality, in year t.
  const computed = (year: FinancialYear, t: number, ...scale: Ratio[]): Pence => {
    const explicit = line.explicit.get(year);
    if (explicit !== undefined) return scale.length > 0 ? scalePence(explicit, ...scale) : explicit;
    if (isNoneOfYear(shares[t])) return ZERO;
    return scalePence(line.unitCost, ratioOfDecimal(line.quantity), rate === null ? ONE : growth(rate, t), shares[t], ...scale);
  };
  const result = (amounts: readonly Pence[], perOne: readonly Pence[] | null): CostLineResult => ({
    label: labelOf(line, n), name: line.name, appliesTo: line.appliesTo, type: line.type, amounts, total: sumPence(amounts), perLocality: perOne, partYears, line,
  });
  try {
    const applies = line.appliesTo;
    switch (applies.kind) {
      case 'each-locality': {
        const perOne = years.map((year, t) => computed(year, t, multiplier));
        const amounts = perOne.map((a) => pence(a * n));
        const oneTotal = sumPence(perOne);
        return { result: result(amounts, perOne), issues, oneTotal };
      }
      case 'locality': {
        if (!targetSelected) issues.push(issueAt({ code: 'NOT_APPLIED', line: line.name, reason: { kind: 'not-selected', locality: applies.locality } }, where));
        const amounts = years.map((year, t) => (targetSelected ? computed(year, t) : ZERO));
        return { result: result(amounts, null), issues, oneTotal: ZERO };
      }
      case 'shared-out':
      case 'programme':
        return { result: result(years.map((year, t) => computed(year, t)), null), issues, oneTotal: ZERO };
      default: {
        const never: never = applies;
        return never;
      }
    }
  } catch (e) {
    if (!(e instanceof MoneyOverflowError)) throw e;
    issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'cost-line', line: line.name } }, where));
    return { result: null, issues, oneTotal: ZERO };
  }
}

/**
 * The selected localities of a choice, and each by its name's key. Worked out once for each
 * choice and kept by identity: every sensitivity row and every try of a what-if search costs
 * Base's choice again, and finding its selected among England's 32,844 each time was a
 * tenth of the engine's time.
 */
const chosen = new WeakMap<readonly Priority[], { readonly selected: readonly Priority[]; readonly byKey: ReadonlyMap<string, Priority> }>();

function chosenIn(priorities: readonly Priority[]): { readonly selected: readonly Priority[]; readonly byKey: ReadonlyMap<string, Priority> } {
  let known = chosen.get(priorities);
  if (!known) {
    const selected = priorities.filter((p) => p.selected);
    known = { selected, byKey: new Map(selected.map((p) => [nameKey(p.locality.name), p])) };
    chosen.set(priorities, known);
  }
  return known;
}

/** Where a line is: its Costs row, or the parameter it stands for. */
function whereOf(line: CostLine): IssueWhere {
  if (line.at) return { table: line.source, sheet: line.at.sheet, cell: line.at.cell };
  return { table: line.source };
}

/** The Costs table as a whole, on its sheet when a line says which. */
function costsTable(lines: readonly CostLine[]): IssueWhere {
  const at = lines.find((l) => l.at !== null)?.at;
  return at ? { table: 'Costs', sheet: at.sheet } : { table: 'Costs' };
}
