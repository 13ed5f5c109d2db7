import { type Issue, type IssueWhere, issueAt } from './issues';
import type { CellRef, CostLine, Inflation, Parameters } from './model';
import { type Decimal, type Pence, type Ratio, MoneyOverflowError, ONE, ZERO, pence, ratioOfDecimal, scalePence, sumPence } from './money';
import type { Priority } from './prioritise';
import { type Staged, type Usable, all, failed, unusable, usable } from './stage';
import { nameKey } from './names';
import type { FinancialYear } from './years';

/** A cost line's amounts, one per projected year. */
export interface CostLineResult {
  /** As the Projection sheet labels it, e.g. `Locality Manager (each of 20 localities)`. */
  readonly label: string;
  readonly name: string;
  readonly appliesTo: CostLine['appliesTo'];
  readonly amounts: readonly Pence[];
  /** Over the whole projection. */
  readonly total: Pence;
  /** For lines paid for each selected locality: the amount for one locality, per year. */
  readonly perLocality: readonly Pence[] | null;
}

export interface CostProjection {
  readonly lines: readonly CostLineResult[];
  /** Every line together, each year. */
  readonly total: readonly Pence[];
  /** Every line together, over the whole projection. */
  readonly grandTotal: Pence;
  /** Each locality's cost in the first year (zero when not selected), by locality index. */
  readonly firstYearByLocality: readonly Pence[];
}

/** The parameters costing needs. */
export type CostParameters = Pick<Parameters, 'costPerLocality' | 'programmeMultiplier' | 'payInflation' | 'nonPayInflation'>;

/** (1 + r)^t, exactly. */
function growth(rate: Decimal, t: number): Ratio {
  const r = ratioOfDecimal(rate);
  return { num: (r.den + r.num) ** BigInt(t), den: r.den ** BigInt(t) };
}

function rateOf(inflation: Inflation, parameters: CostParameters): Decimal | null {
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

const whereOf = (at: CellRef | null): IssueWhere => (at ? { table: 'Costs', sheet: at.sheet, cell: at.cell } : { table: 'Costs' });

/**
 * Projects every cost line (contract §2): Quantity × Unit cost × (1 + rate)^t, rounded to
 * the penny once per year from the base (never compounding rounded figures), unless a
 * year column gives the amount. Lines for each locality are costed for one locality,
 * scaled by Programme multiplier and rounded, then multiplied by the number selected,
 * so the Priorities sheet's per-locality costs add up to the Projection exactly. Cost per
 * locality is such a line. A line or total past what pence hold exactly is an input error
 * naming the line (or the year).
 */
export function projectCosts(
  costLines: Usable<readonly CostLine[]>,
  costParameters: Usable<CostParameters>,
  projectedYears: Usable<readonly FinancialYear[]>,
  selection: Usable<readonly Priority[]>,
  /** Where Cost per locality was given, to point at it; null when that is the default. */
  costPerLocalityAt: CellRef | null,
): Staged<Usable<CostProjection>> {
  const inputs = all(costLines, costParameters, projectedYears);
  if (!inputs.usable) return { value: inputs, issues: [] };
  const [lines, parameters, years] = inputs.value;
  const perLocality = parameters.costPerLocality !== 0 || lines.some((l) => l.appliesTo.kind !== 'programme');
  if (perLocality && !selection.usable) return { value: unusable('the choice of localities'), issues: [] };
  const priorities = selection.usable ? selection.value : [];
  const issues: Issue[] = [];
  const selected = priorities.filter((p) => p.selected);
  const n = selected.length;
  const multiplier = ratioOfDecimal(parameters.programmeMultiplier);
  const first = years[0];
  const last = years[years.length - 1];
  const every: CostLine[] = [];
  if (parameters.costPerLocality !== 0) {
    every.push({ name: 'Cost per locality', appliesTo: { kind: 'each-locality' }, quantity: { digits: 1n, scale: 0 }, unitCost: parameters.costPerLocality, inflation: { kind: 'pay' }, from: null, to: null, explicit: new Map(), at: costPerLocalityAt });
  }
  every.push(...lines);
  const firstYearByLocality = new Array<number>(priorities.length).fill(0);
  const selectedByKey = new Map(selected.map((p) => [nameKey(p.locality.name), p]));
  const results: CostLineResult[] = [];
  let overflow = false;
  for (const line of every) {
    for (const year of line.explicit.keys()) {
      if (year < first || year > last) issues.push(issueAt({ code: 'NOT_APPLIED', line: line.name, reason: { kind: 'year-outside', year, first, last } }, whereOf(line.at)));
    }
    if ((line.from !== null && line.from > last) || (line.to !== null && line.to < first)) {
      issues.push(issueAt({ code: 'NOT_APPLIED', line: line.name, reason: { kind: 'line-outside', from: line.from, to: line.to, first, last } }, whereOf(line.at)));
    }
    const rate = rateOf(line.inflation, parameters);
    const running = (year: FinancialYear) => (line.from === null || year >= line.from) && (line.to === null || year <= line.to);
    // The amount of one line, for the whole line or for one locality, in year t.
    const computed = (year: FinancialYear, t: number, ...scale: Ratio[]): Pence => {
      const explicit = line.explicit.get(year);
      if (explicit !== undefined) return scale.length > 0 ? scalePence(explicit, ...scale) : explicit;
      return running(year) ? scalePence(line.unitCost, ratioOfDecimal(line.quantity), rate === null ? ONE : growth(rate, t), ...scale) : ZERO;
    };
    try {
      const applies = line.appliesTo;
      switch (applies.kind) {
        case 'each-locality': {
          const one = years.map((year, t) => computed(year, t, multiplier));
          const amounts = one.map((a) => pence(a * n));
          for (const p of selected) firstYearByLocality[p.locality.index] += one[0];
          results.push({ label: `${line.name} (each of ${n} ${n === 1 ? 'locality' : 'localities'})`, name: line.name, appliesTo: applies, amounts, total: sumPence(amounts), perLocality: one });
          break;
        }
        case 'locality': {
          const target = selectedByKey.get(applies.key);
          if (!target) issues.push(issueAt({ code: 'NOT_APPLIED', line: line.name, reason: { kind: 'not-selected', locality: applies.locality } }, whereOf(line.at)));
          const amounts = years.map((year, t) => (target ? computed(year, t) : ZERO));
          if (target) firstYearByLocality[target.locality.index] += amounts[0];
          results.push({ label: `${line.name} (${applies.locality})`, name: line.name, appliesTo: applies, amounts, total: sumPence(amounts), perLocality: null });
          break;
        }
        case 'programme': {
          const amounts = years.map((year, t) => computed(year, t));
          results.push({ label: line.name, name: line.name, appliesTo: applies, amounts, total: sumPence(amounts), perLocality: null });
          break;
        }
        default: {
          const never: never = applies;
          return never;
        }
      }
    } catch (e) {
      if (!(e instanceof MoneyOverflowError)) throw e;
      overflow = true;
      issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'cost-line', line: line.name } }, line.at ? whereOf(line.at) : { table: 'Parameters', ...(costPerLocalityAt ? costPerLocalityAt : {}) }));
    }
  }
  if (overflow) return { value: failed('the costs by year'), issues };
  const total: Pence[] = [];
  for (const [y, year] of years.entries()) {
    try {
      total.push(sumPence(results.map((r) => r.amounts[y])));
      // A locality's own first-year cost is part of that year's costs.
      if (y === 0 && !firstYearByLocality.every(Number.isSafeInteger)) throw new MoneyOverflowError('a locality\'s first-year cost');
    } catch (e) {
      if (!(e instanceof MoneyOverflowError)) throw e;
      issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'costs-in-year', year } }, { table: 'Costs' }));
      return { value: failed('the costs by year'), issues };
    }
  }
  let grandTotal: Pence;
  try {
    grandTotal = sumPence(total);
  } catch (e) {
    if (!(e instanceof MoneyOverflowError)) throw e;
    issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'over-the-years', what: 'cost' } }, { table: 'Costs' }));
    return { value: failed('the costs by year'), issues };
  }
  return { value: usable({ lines: results, total, grandTotal, firstYearByLocality: firstYearByLocality.map((v) => pence(v)) }), issues };
}
