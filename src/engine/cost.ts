import type { Issue } from './issues';
import type { CostLine, Inflation, Parameters } from './model';
import { type Decimal, type Pence, type Ratio, ONE, ZERO, pence, ratioOfDecimal, scalePence, sumPence } from './money';
import type { Priority } from './prioritise';
import { type FinancialYear, yearLabel } from './years';

/** A cost line's amounts, one per projected year. */
export interface CostLineResult {
  /** As the Projection sheet labels it, e.g. `Locality Manager (each of 20 localities)`. */
  readonly label: string;
  readonly name: string;
  readonly appliesTo: CostLine['appliesTo'];
  readonly amounts: readonly Pence[];
  /** For lines paid for each selected locality: the amount for one locality, per year. */
  readonly perLocality: readonly Pence[] | null;
}

export interface CostProjection {
  readonly lines: readonly CostLineResult[];
  readonly total: readonly Pence[];
  /** Each locality's cost in the first year (zero when not selected), by locality index. */
  readonly firstYearByLocality: readonly Pence[];
}

/** (1 + r)^t, exactly. */
function growth(rate: Decimal, t: number): Ratio {
  const r = ratioOfDecimal(rate);
  return { num: (r.den + r.num) ** BigInt(t), den: r.den ** BigInt(t) };
}

function rateOf(inflation: Inflation, parameters: Parameters): Decimal | null {
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

/**
 * Projects every cost line (contract §2): Quantity × Unit cost × (1 + rate)^t, rounded to
 * the penny once per year from the base (never compounding rounded figures), unless a
 * year column gives the amount. Lines for each locality are costed for one locality,
 * scaled by Programme multiplier and rounded, then multiplied by the number selected,
 * so the Priorities sheet's per-locality costs add up to the Projection exactly.
 */
export function projectCosts(
  lines: readonly CostLine[],
  parameters: Parameters,
  years: readonly FinancialYear[],
  priorities: readonly Priority[],
  issues: Issue[],
): CostProjection {
  const selected = priorities.filter((p) => p.selected);
  const n = selected.length;
  const multiplier = ratioOfDecimal(parameters.programmeMultiplier);
  const first = years[0];
  const last = years[years.length - 1];
  const all: CostLine[] = [];
  if (parameters.costPerLocality !== 0) {
    all.push({
      name: 'Cost per locality',
      appliesTo: { kind: 'each-locality' },
      quantity: { digits: 1n, scale: 0 },
      unitCost: parameters.costPerLocality,
      inflation: { kind: 'pay' },
      from: null,
      to: null,
      explicit: new Map(),
      cell: '' as CostLine['cell'],
      sheet: '',
    });
  }
  all.push(...lines);
  const firstYearByLocality = new Array<number>(priorities.length).fill(0);
  const selectedByName = new Map(selected.map((p) => [p.locality.name.toLowerCase(), p]));
  const results: CostLineResult[] = [];
  for (const line of all) {
    for (const year of line.explicit.keys()) {
      if (year < first || year > last) {
        issues.push({ code: 'NOT_APPLIED', severity: 'warning', table: 'Costs', sheet: line.sheet, cell: line.cell,
          message: `${line.name} gives an amount for ${yearLabel(year)}, outside the projection (${yearLabel(first)} to ${yearLabel(last)}); it is ignored.` });
      }
    }
    if ((line.from !== null && line.from > last) || (line.to !== null && line.to < first)) {
      issues.push({ code: 'NOT_APPLIED', severity: 'warning', table: 'Costs', sheet: line.sheet, cell: line.cell,
        message: `${line.name} runs ${line.from !== null ? `from ${yearLabel(line.from)}` : ''}${line.from !== null && line.to !== null ? ' ' : ''}${line.to !== null ? `to ${yearLabel(line.to)}` : ''}, wholly outside the projection (${yearLabel(first)} to ${yearLabel(last)}), so it costs nothing here.` });
    }
    const rate = rateOf(line.inflation, parameters);
    const base = (year: FinancialYear, t: number): Pence => {
      const explicit = line.explicit.get(year);
      if (explicit !== undefined) return explicit;
      if ((line.from !== null && year < line.from) || (line.to !== null && year > line.to)) return ZERO;
      const q = ratioOfDecimal(line.quantity);
      return scalePence(line.unitCost, q, rate === null ? ONE : growth(rate, t));
    };
    if (line.appliesTo.kind === 'each-locality') {
      const perLocality = years.map((year, t) => {
        const explicit = line.explicit.get(year);
        if (explicit !== undefined) return scalePence(explicit, multiplier);
        if ((line.from !== null && year < line.from) || (line.to !== null && year > line.to)) return ZERO;
        return scalePence(line.unitCost, ratioOfDecimal(line.quantity), rate === null ? ONE : growth(rate, t), multiplier);
      });
      for (const p of selected) firstYearByLocality[p.locality.index] += perLocality[0];
      results.push({
        label: `${line.name} (each of ${n} ${n === 1 ? 'locality' : 'localities'})`,
        name: line.name,
        appliesTo: line.appliesTo,
        amounts: perLocality.map((a) => pence(a * n)),
        perLocality,
      });
    } else if (line.appliesTo.kind === 'locality') {
      const target = selectedByName.get(line.appliesTo.locality.toLowerCase());
      if (!target) {
        issues.push({ code: 'NOT_APPLIED', severity: 'warning', table: 'Costs', sheet: line.sheet, cell: line.cell,
          message: `${line.name} applies to ${line.appliesTo.locality}, which is not selected, so the line is left out of the costs.` });
      }
      const amounts = years.map((year, t) => (target ? base(year, t) : ZERO));
      if (target) firstYearByLocality[target.locality.index] += amounts[0];
      results.push({ label: `${line.name} (${line.appliesTo.locality})`, name: line.name, appliesTo: line.appliesTo, amounts, perLocality: null });
    } else {
      results.push({ label: line.name, name: line.name, appliesTo: line.appliesTo, amounts: years.map((year, t) => base(year, t)), perLocality: null });
    }
  }
  const total = years.map((_, y) => sumPence(results.map((r) => r.amounts[y])));
  return { lines: results, total, firstYearByLocality: firstYearByLocality.map((v) => pence(v)) };
}
