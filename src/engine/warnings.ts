import type { CostProjection } from './cost';
import type { FundingProjection } from './fund';
import { type Issue, formatIssue, inputWarningSeverityOf } from './issues';
import type { Parameters } from './model';
import { type Pence, formatPounds, sumPence } from './money';
import { type FinancialYear, yearLabel } from './years';

export type WarningSeverity = 'High' | 'Medium' | 'Low';

/** The contract's codes (§3), plus POT_LAPSES for money a pot loses unspent. */
export type WarningCode = 'SHORTFALL' | 'FUNDING_ENDS' | 'POT_EXHAUSTED' | 'POT_LAPSES' | 'ONE_OFF_RELIANCE' | 'AT_RISK' | 'INPUT';

export interface Warning {
  readonly severity: WarningSeverity;
  readonly code: WarningCode;
  readonly year: FinancialYear | null;
  readonly amount: Pence | null;
  readonly message: string;
  /** For INPUT warnings: where the input issue is. */
  readonly issue?: Issue;
}

/** Most severe first: the order of the Warnings sheet, the summary and the task pane. */
export const severityOrder = { High: 0, Medium: 1, Low: 2 } as const satisfies Record<WarningSeverity, number>;

/**
 * The warnings a finance officer must see (contract §3): a shortfall over the tolerance
 * is High (at or below it, noted as Low); funding that ends while costs go on, pots used
 * up and one-off reliance are Medium; At risk funding is Medium, Expected is Low.
 */
export function collectWarnings(
  parameters: Parameters,
  costs: CostProjection,
  funding: FundingProjection,
  inputIssues: readonly Issue[],
): Warning[] {
  const out: Warning[] = [];
  const years = funding.byYear.map((y) => y.year);
  for (const y of funding.byYear) {
    if (y.shortfall > 0) {
      const over = y.shortfall > parameters.shortfallTolerance;
      out.push({
        severity: over ? 'High' : 'Low',
        code: 'SHORTFALL',
        year: y.year,
        amount: y.shortfall,
        message: `${yearLabel(y.year)}: costs of ${formatPounds(y.cost)} exceed funding of ${formatPounds(y.funding)}, a shortfall of ${formatPounds(y.shortfall)}${over ? '' : ` (within the tolerance of ${formatPounds(parameters.shortfallTolerance)}, so noted only)`}.`,
      });
    }
    if (y.drawdown * 4 > y.cost && y.cost > 0) {
      out.push({
        severity: 'Medium',
        code: 'ONE_OFF_RELIANCE',
        year: y.year,
        amount: y.drawdown,
        message: `${yearLabel(y.year)}: one-off pots pay ${formatPounds(y.drawdown)} of ${formatPounds(y.cost)} costs (${((100 * y.drawdown) / y.cost).toFixed(1)}%), more than a quarter; plan for when they are spent.`,
      });
    }
  }
  for (const r of funding.recurring) {
    for (let y = 1; y < years.length; y++) {
      if (r.amounts[y - 1] > 0 && r.amounts[y] === 0 && costs.total[y] > 0) {
        out.push({
          severity: 'Medium',
          code: 'FUNDING_ENDS',
          year: years[y],
          amount: r.amounts[y - 1],
          message: `${r.stream.name} (${formatPounds(r.amounts[y - 1])} in ${yearLabel(years[y - 1])}) stops after ${yearLabel(years[y - 1])}, while costs go on.`,
        });
      }
    }
  }
  for (const p of funding.pots) {
    if (p.exhaustedIn !== null) {
      out.push({ severity: 'Medium', code: 'POT_EXHAUSTED', year: p.exhaustedIn, amount: p.stream.pot, message: `${p.stream.name} (${formatPounds(p.stream.pot)}) is used up in ${yearLabel(p.exhaustedIn)}.` });
    }
    if (p.lapsed !== null) {
      out.push({ severity: 'Low', code: 'POT_LAPSES', year: p.lapsed.year, amount: p.lapsed.amount, message: `${formatPounds(p.lapsed.amount)} of ${p.stream.name} is unspent when it lapses at the end of ${yearLabel(p.lapsed.year)}.` });
    }
  }
  for (const r of funding.recurring) {
    if (r.stream.status === 'confirmed') continue;
    const total = sumPence(r.amounts);
    if (total === 0) continue;
    const first = years[r.amounts.findIndex((a) => a > 0)];
    out.push(statusWarning(r.stream.name, r.stream.status, first, total, 'over the projection'));
  }
  for (const p of funding.pots) {
    if (p.stream.status === 'confirmed') continue;
    out.push(statusWarning(p.stream.name, p.stream.status, p.stream.from ?? years[0], p.stream.pot, 'in its pot'));
  }
  for (const issue of inputIssues) {
    if (issue.severity !== 'warning') continue;
    out.push({ severity: inputWarningSeverityOf(issue), code: 'INPUT', year: null, amount: null, message: formatIssue(issue), issue });
  }
  return out
    .map((w, i) => ({ w, i }))
    .sort((a, b) => severityOrder[a.w.severity] - severityOrder[b.w.severity] || (a.w.year ?? 9999) - (b.w.year ?? 9999) || a.i - b.i)
    .map(({ w }) => w);
}

function statusWarning(name: string, status: 'expected' | 'at-risk', year: FinancialYear, amount: Pence, what: string): Warning {
  return status === 'at-risk'
    ? { severity: 'Medium', code: 'AT_RISK', year, amount, message: `${name} is marked At risk: ${formatPounds(amount)} ${what} depends on it.` }
    : { severity: 'Low', code: 'AT_RISK', year, amount, message: `${name} is Expected, not yet confirmed: ${formatPounds(amount)} ${what} depends on it.` };
}
