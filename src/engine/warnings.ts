import { boundLabel, endDay } from './bounds';
import type { Day } from './dates';
import type { CapitalProjection } from './capital';
import type { CostProjection } from './cost';
import type { FundingProjection } from './fund';
import { type Issue, formatIssue, inputWarningSeverityOf } from './issues';
import type { CostType, Parameters, ScheduledFunding } from './model';
import { type Pence, ZERO, formatPounds, pence, sumPence } from './money';
import { type FinancialYear, lastDayOf, yearLabel } from './years';

export type WarningSeverity = 'High' | 'Medium' | 'Low';

/** The contract's codes (§3, v1.1 §5.3, §5.5), plus POT_LAPSES for money a pot or capital allocation loses unspent. */
export type WarningCode = 'SHORTFALL' | 'CAPITAL_SHORTFALL' | 'FUNDING_ENDS' | 'POT_EXHAUSTED' | 'POT_LAPSES' | 'RESERVE_USED' | 'ONE_OFF_RELIANCE' | 'AT_RISK' | 'INPUT';

export interface Warning {
  readonly severity: WarningSeverity;
  readonly code: WarningCode;
  readonly year: FinancialYear | null;
  readonly amount: Pence | null;
  readonly message: string;
  /**
   * What the warning is about, beside its code and year: the funding stream's name, the
   * input issue's code and place; null for the plan as a whole (a year's shortfall). With
   * the code and year it tells one warning from another across runs, as amounts and
   * wording change (the run history's "new" and "cleared" warnings).
   */
  readonly subject: string | null;
  /** For INPUT warnings: where the input issue is. */
  readonly issue?: Issue;
}

/** Most severe first: the order of the Warnings sheet, the summary and the task pane. */
export const severityOrder = { High: 0, Medium: 1, Low: 2 } as const satisfies Record<WarningSeverity, number>;

/** Where a scheduled line stops paying, and on which day when that is part way through a year. */
interface Stop {
  /** The year the warning is for: the first year without it, or the year it stops part way through. */
  readonly year: FinancialYear;
  /** The end of the sentence: `stops on 31 October 2011, part way through 2011/12`, or `stops after 2010/11`. */
  readonly words: string;
  readonly paid: Pence;
  readonly paidIn: FinancialYear;
  /** The last day it pays for, when inside a year; null when it stops at a year end. */
  readonly day: Day | null;
}

function stops(stream: ScheduledFunding, amounts: readonly Pence[], years: readonly FinancialYear[]): Stop[] {
  const out: Stop[] = [];
  for (let y = 0; y < years.length; y++) {
    const to = stream.to;
    if (to !== null && to.kind === 'date' && to.year === years[y] && amounts[y] > 0 && !stream.explicit.has(years[y]) && to.day !== lastDayOf(years[y])) {
      out.push({ year: years[y], words: `stops on ${boundLabel(to)}, part way through ${yearLabel(years[y])}`, paid: amounts[y], paidIn: years[y], day: to.day });
    } else if (y > 0 && amounts[y - 1] > 0 && amounts[y] === 0 && !out.some((o) => o.year === years[y - 1])) {
      out.push({ year: years[y], words: `stops after ${yearLabel(years[y - 1])}`, paid: amounts[y - 1], paidIn: years[y - 1], day: null });
    }
  }
  return out;
}

/** True when a cost line of the kind has a cost in a later year, or runs past `day` in year y. */
function costsRunPast(costs: CostProjection, type: CostType, y: number, day: Day): boolean {
  return costs.lines.some((l) => {
    if (l.type !== type) return false;
    if (l.amounts.slice(y + 1).some((a) => a > 0)) return true;
    if (l.amounts[y] <= 0) return false;
    const end = endDay(l.line.to);
    return end === null || end > day;
  });
}

/**
 * The warnings a finance officer must see (contract §3, v1.1 §5.3, §5.5): a revenue
 * shortfall over the tolerance is High (at or below it, noted as Low); an unmet capital
 * cost is High; funding that ends while costs of its kind go on, pots and reserves used
 * up, reserves drawn and one-off reliance are Medium; At risk funding is Medium,
 * Expected is Low. FUNDING_ENDS never fires for capital funding that ends when capital
 * costs end.
 */
export function collectWarnings(
  parameters: Parameters,
  costs: CostProjection,
  funding: FundingProjection,
  capital: CapitalProjection,
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
        subject: null,
        amount: y.shortfall,
        message: `${yearLabel(y.year)}: costs of ${formatPounds(y.cost)} exceed funding of ${formatPounds(y.funding)}, a shortfall of ${formatPounds(y.shortfall)}${over ? '' : ` (within the tolerance of ${formatPounds(parameters.shortfallTolerance)}, so noted only)`}.`,
      });
    }
    if (y.drawdown * 4 > y.cost && y.cost > 0) {
      out.push({
        severity: 'Medium',
        code: 'ONE_OFF_RELIANCE',
        year: y.year,
        subject: null,
        amount: y.drawdown,
        message: `${yearLabel(y.year)}: one-off pots pay ${formatPounds(y.drawdown)} of ${formatPounds(y.cost)} costs (${((100 * y.drawdown) / y.cost).toFixed(1)}%), more than a quarter; plan for when they are spent.`,
      });
    }
  }
  for (const y of capital.byYear) {
    if (y.shortfall > 0) {
      out.push({
        severity: 'High',
        code: 'CAPITAL_SHORTFALL',
        year: y.year,
        subject: null,
        amount: y.shortfall,
        message: `${yearLabel(y.year)}: capital costs of ${formatPounds(y.cost)} exceed the capital available of ${formatPounds(pence(y.funding + y.broughtForward))}, a capital shortfall of ${formatPounds(y.shortfall)} (revenue money cannot pay for capital).`,
      });
    }
  }
  const fundingEnds = (stream: ScheduledFunding, amounts: readonly Pence[], type: CostType) => {
    const totals = type === 'revenue' ? costs.total : costs.capitalTotal;
    for (const s of stops(stream, amounts, years)) {
      const y = years.indexOf(s.year);
      // Stopping part way through a year, costs go on when a line of the kind runs past that day; else when the next year has costs.
      const goOn = s.day !== null ? costsRunPast(costs, type, y, s.day) : totals[y] > 0;
      if (!goOn) continue;
      out.push({
        severity: 'Medium',
        code: 'FUNDING_ENDS',
        year: s.year,
        subject: stream.name,
        amount: s.paid,
        message: `${stream.name} (${formatPounds(s.paid)} in ${yearLabel(s.paidIn)}) ${s.words}, while ${type === 'revenue' ? 'costs' : 'capital costs'} go on.`,
      });
    }
  };
  for (const r of funding.recurring) fundingEnds(r.stream, r.amounts, 'revenue');
  for (const a of capital.allocations) fundingEnds(a.stream, a.amounts, 'capital');
  for (const p of funding.pots) {
    if (p.exhaustedIn !== null) {
      out.push({ severity: 'Medium', code: 'POT_EXHAUSTED', year: p.exhaustedIn, subject: p.stream.name, amount: p.stream.pot, message: `${p.stream.name} (${formatPounds(p.stream.pot)}) is used up in ${yearLabel(p.exhaustedIn)}.` });
    }
    if (p.lapsed !== null) {
      out.push({ severity: 'Low', code: 'POT_LAPSES', year: p.lapsed.year, subject: p.stream.name, amount: p.lapsed.amount, message: `${formatPounds(p.lapsed.amount)} of ${p.stream.name} is unspent when it lapses at the end of ${yearLabel(p.lapsed.year)}.` });
    }
  }
  for (const r of funding.reserves) {
    r.drawdown.forEach((drawn, y) => {
      if (drawn <= 0) return;
      const left = r.balance[y] ?? ZERO;
      out.push({
        severity: 'Medium',
        code: 'RESERVE_USED',
        year: years[y],
        subject: r.stream.name,
        amount: drawn,
        message: `${yearLabel(years[y])}: ${formatPounds(drawn)} is drawn from ${r.stream.name}, leaving ${formatPounds(left)}${r.added[y] > 0 ? ' (after that year\'s surplus is added)' : ''}.`,
      });
    });
    for (const year of r.exhaustedIn) {
      const y = years.indexOf(year);
      out.push({ severity: 'Medium', code: 'POT_EXHAUSTED', year, subject: r.stream.name, amount: r.drawdown[y], message: `${r.stream.name} is used up in ${yearLabel(year)}: the reserve has nothing left to draw.` });
    }
  }
  for (const a of capital.allocations) {
    if (a.lapsed !== null) {
      out.push({ severity: 'Low', code: 'POT_LAPSES', year: a.lapsed.year, subject: a.stream.name, amount: a.lapsed.amount, message: `${formatPounds(a.lapsed.amount)} of ${a.stream.name} (capital) is unspent when it lapses at the end of ${yearLabel(a.lapsed.year)}.` });
    }
  }
  const scheduled = [...funding.recurring.map((r) => ({ stream: r.stream, amounts: r.amounts })), ...capital.allocations.map((a) => ({ stream: a.stream, amounts: a.amounts }))].sort((a, b) => a.stream.index - b.stream.index);
  for (const r of scheduled) {
    if (r.stream.status === 'confirmed') continue;
    const total = sumPence(r.amounts);
    if (total === 0) continue;
    const first = years[r.amounts.findIndex((a) => a > 0)];
    out.push(statusWarning(r.stream.name, r.stream.status, first, total, 'over the projection'));
  }
  for (const p of [...funding.pots, ...funding.reserves].sort((a, b) => a.stream.index - b.stream.index)) {
    if (p.stream.status === 'confirmed') continue;
    const from = p.stream.from?.year;
    out.push(statusWarning(p.stream.name, p.stream.status, from !== undefined && from > years[0] ? from : years[0], p.stream.pot, p.stream.kind === 'reserve' ? 'in its balance' : 'in its pot'));
  }
  for (const issue of inputIssues) {
    if (issue.severity !== 'warning') continue;
    out.push({ severity: inputWarningSeverityOf(issue), code: 'INPUT', year: issue.code === 'NEGATIVE_COST' ? issue.year : null, subject: inputSubject(issue), amount: null, message: formatIssue(issue), issue });
  }
  return out
    .map((w, i) => ({ w, i }))
    .sort((a, b) => severityOrder[a.w.severity] - severityOrder[b.w.severity] || (a.w.year ?? 9999) - (b.w.year ?? 9999) || a.i - b.i)
    .map(({ w }) => w);
}
function statusWarning(name: string, status: 'expected' | 'at-risk', year: FinancialYear, amount: Pence, what: string): Warning {
  return status === 'at-risk'
    ? { severity: 'Medium', code: 'AT_RISK', year, subject: name, amount, message: `${name} is marked At risk: ${formatPounds(amount)} ${what} depends on it.` }
    : { severity: 'Low', code: 'AT_RISK', year, subject: name, amount, message: `${name} is Expected, not yet confirmed: ${formatPounds(amount)} ${what} depends on it.` };
}

/** An input warning's subject: its issue's code and where it is (`HIDDEN_ROWS Localities!A5`), which stay the same while its wording may not. */
function inputSubject(issue: Issue): string {
  const place = issue.area ?? issue.cell;
  return `${issue.code} ${issue.sheet ?? issue.table}${place === undefined ? '' : `!${place}`}`;
}
