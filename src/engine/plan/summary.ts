import type { Issue } from '../issues';
import { pence, toPounds } from '../money';
import type { PlanResults } from '../results';
import type { Summary } from '../summary';
import { yearLabel } from '../years';
import { decimalToNumber } from '../whatIf/project';
import type { Moved } from '../whatIf/sensitivity';
import type { Affordability } from '../whatIf/affordability';

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The `--json` summary (contract §4) from a run's results. */
export function buildSummary(r: PlanResults, issues: readonly Issue[]): Summary {
  return {
    version: 1,
    years: r.years.map(yearLabel),
    selected: r.priorities
      .filter((p) => p.selected)
      .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.locality.index - b.locality.index)
      .map((p) => ({ locality: p.locality.name, district: p.locality.district, rank: p.rank, needScore: p.needScore === null ? null : round2(p.needScore), reason: p.reason! })),
    // Revenue figures; drawdown is what pots and reserves pay, so cost = recurringFunding + drawdown + shortfall − surplus.
    projection: r.funding.byYear.map((y, i) => ({
      year: yearLabel(y.year),
      cost: toPounds(y.cost),
      recurringFunding: toPounds(y.recurringFunding),
      drawdown: toPounds(pence(y.drawdown + y.reserveUsed)),
      funding: toPounds(y.funding),
      shortfall: toPounds(y.shortfall),
      surplus: toPounds(y.surplus),
      capitalCost: toPounds(r.capital.byYear[i].cost),
      capitalFunding: toPounds(r.capital.byYear[i].funding),
      capitalShortfall: toPounds(r.capital.byYear[i].shortfall),
      cumulativeShortfall: toPounds(y.cumulativeShortfall),
    })),
    pots: [
      ...r.funding.pots.map((p) => ({ source: p.stream.name, opening: toPounds(p.stream.pot), drawdown: p.drawdown.map(toPounds), exhaustedIn: p.exhaustedIn === null ? null : yearLabel(p.exhaustedIn) })),
      ...r.funding.reserves.map((v) => ({ source: v.stream.name, opening: toPounds(v.stream.pot), drawdown: v.drawdown.map(toPounds), exhaustedIn: v.exhaustedIn.length === 0 ? null : yearLabel(v.exhaustedIn[0]) })),
    ],
    allocation: (r.allocation?.lines ?? []).flatMap((line) =>
      r.years.flatMap((year, y) => line.shares.map((s) => ({ line: line.line, year: yearLabel(year), locality: s.priority.locality.name, amount: toPounds(s.amounts[y]) }))),
    ),
    warnings: r.warnings.map((w) => ({ severity: w.severity, code: w.code, year: w.year === null ? null : yearLabel(w.year), amount: w.amount === null ? null : toPounds(w.amount), message: w.message })),
    issues: summaryIssues(issues),
    ...whatIfSummary(r),
  };
}

/** Contract v1.1 §6.4: the cases, sensitivity and affordability, in pounds to the penny. */
function whatIfSummary(r: PlanResults): Pick<Summary, 'scenarios' | 'sensitivity' | 'affordability'> {
  const { cases, analysis } = r.whatIf;
  const value = (m: Moved, which: 'base' | 'low' | 'high'): number => (m.kind === 'amount' ? toPounds(m[which]) : decimalToNumber(m[which]));
  return {
    scenarios: cases.map((c) => ({
      name: c.name,
      kind: c.kind,
      selected: c.selected,
      projection: c.byYear.map((y) => ({ year: yearLabel(y.year), cost: toPounds(y.cost), funding: toPounds(y.funding), shortfall: toPounds(y.shortfall), surplus: toPounds(y.surplus) })),
      totalShortfall: toPounds(c.totalShortfall),
      firstShortfallYear: c.firstShortfallYear === null ? null : yearLabel(c.firstShortfallYear),
    })),
    sensitivity: (analysis?.sensitivity.rows ?? []).map((row) => ({
      input: row.input,
      table: row.table,
      cell: row.at?.cell ?? null,
      base: value(row.moved, 'base'),
      low: value(row.moved, 'low'),
      high: value(row.moved, 'high'),
      shortfallLow: toPounds(row.shortfallLow),
      shortfallHigh: toPounds(row.shortfallHigh),
      swing: toPounds(row.swing),
    })),
    affordability: analysis === null ? { localities: null, costPerLocality: null, newRecurringFunding: null } : affordabilitySummary(analysis.affordability),
  };
}

function affordabilitySummary(a: Affordability): Summary['affordability'] {
  return {
    localities: a.localities.kind === 'affordable' ? { additional: a.localities.additional, selected: a.localities.selected } : null,
    costPerLocality: a.costPerLocality.kind === 'affordable' ? toPounds(a.costPerLocality.amount) : null,
    newRecurringFunding:
      a.newRecurringFunding.kind === 'needed'
        ? { amount: toPounds(a.newRecurringFunding.amount), fromYear: yearLabel(a.newRecurringFunding.from) }
        : a.newRecurringFunding.kind === 'none-needed'
          ? { amount: 0, fromYear: null }
          : null,
  };
}

/** Issues as the summary lists them. */
export function summaryIssues(issues: readonly Issue[]): Summary['issues'] {
  return issues.map((i) => ({ severity: i.severity, table: i.table, cell: i.cell ?? null, message: i.message }));
}
