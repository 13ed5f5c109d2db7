import type { CostProjection } from './cost';
import { type Issue, issueAt } from './issues';
import type { FundingStream } from './model';
import { type Pence, MoneyOverflowError, ZERO, minPence, pence, sumPence } from './money';
import { type Staged, type Usable, all, failed, stageResult, usable } from './stage';
import type { FinancialYear } from './years';

type Recurring = Extract<FundingStream, { kind: 'recurring' }>;
type OneOff = Extract<FundingStream, { kind: 'one-off' }>;

export interface RecurringResult {
  readonly stream: Recurring;
  readonly amounts: readonly Pence[];
  /** Over the whole projection. */
  readonly total: Pence;
}

export interface PotResult {
  readonly stream: OneOff;
  readonly drawdown: readonly Pence[];
  /** Drawn over the whole projection. */
  readonly totalDrawdown: Pence;
  /** Balance at each year end; null before the pot can be used. */
  readonly balance: readonly (Pence | null)[];
  /** The year the pot was drawn down to nothing, if it was. */
  readonly exhaustedIn: FinancialYear | null;
  /** What was left when the pot's To year ended, if anything. */
  readonly lapsed: { readonly year: FinancialYear; readonly amount: Pence } | null;
}

export interface YearFunding {
  readonly year: FinancialYear;
  readonly cost: Pence;
  readonly recurringFunding: Pence;
  readonly drawdown: Pence;
  readonly funding: Pence;
  readonly shortfall: Pence;
  readonly surplus: Pence;
}

export interface FundingProjection {
  readonly recurring: readonly RecurringResult[];
  readonly pots: readonly PotResult[];
  readonly byYear: readonly YearFunding[];
  /** Total funding, shortfall and surplus over the whole projection. */
  readonly totals: { readonly funding: Pence; readonly shortfall: Pence; readonly surplus: Pence };
}

const within = (year: FinancialYear, from: FinancialYear | null, to: FinancialYear | null): boolean => (from === null || year >= from) && (to === null || year <= to);

/** A sum over the years, or an input error saying what came to more than pence hold. */
function totalOrIssue(values: readonly Pence[], what: 'funding' | 'shortfall' | 'surplus', issues: Issue[]): Pence | undefined {
  try {
    return sumPence(values);
  } catch (e) {
    if (!(e instanceof MoneyOverflowError)) throw e;
    issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'over-the-years', what } }, { table: 'Funding' }));
    return undefined;
  }
}

/**
 * Funds each year's cost (contract §2): need = cost − recurring funding; a positive need
 * is drawn from one-off pots, the one that lapses soonest first, then in table order;
 * what is still unmet is the shortfall; a negative need is a surplus, not carried
 * forward. A pot's balance lapses when its To year ends. Funding that ends before the
 * projection starts is noted: it pays nothing here.
 */
export function drawFromPots(fundingStreams: Usable<readonly FundingStream[]>, projectedYears: Usable<readonly FinancialYear[]>, costProjection: Usable<CostProjection>): Staged<Usable<FundingProjection>> {
  const inputs = all(fundingStreams, projectedYears, stageResult(costProjection, 'the costs by year'));
  if (!inputs.usable) return { value: inputs, issues: [] };
  const [streams, years, costs] = inputs.value;
  const cost = costs.total;
  const issues: Issue[] = [];
  const firstYear = years[0];
  for (const f of streams) {
    if (f.to !== null && f.to < firstYear) {
      const at = f.kind === 'recurring' ? { sheet: f.toAt.sheet, cell: f.toAt.cell } : { sheet: f.at.sheet };
      issues.push(issueAt({ code: 'NOT_APPLIED', line: f.name, reason: { kind: 'ends-before', to: f.to, first: firstYear } }, { table: 'Funding', ...at }));
    }
  }
  const recurringStreams = streams.filter((s): s is Recurring => s.kind === 'recurring');
  const recurring: RecurringResult[] = [];
  for (const stream of recurringStreams) {
    const amounts = years.map((year) => stream.explicit.get(year) ?? (within(year, stream.from, stream.to) ? stream.annual : ZERO));
    try {
      recurring.push({ stream, amounts, total: sumPence(amounts) });
    } catch (e) {
      if (!(e instanceof MoneyOverflowError)) throw e;
      issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'funding-line', source: stream.name } }, { table: 'Funding', ...stream.at }));
    }
  }
  if (recurring.length < recurringStreams.length) return { value: failed('the funding by year'), issues };
  const pots = streams.filter((s): s is OneOff => s.kind === 'one-off');
  const balances = pots.map((p) => p.pot as number);
  const drawdown = pots.map(() => [] as Pence[]);
  const balance = pots.map(() => [] as (Pence | null)[]);
  const exhaustedIn = pots.map(() => null as FinancialYear | null);
  const lapsed = pots.map(() => null as PotResult['lapsed']);
  // Soonest To first (no To = lasts the whole projection), then table order.
  const drawOrder = pots
    .map((p, i) => ({ i, lapse: p.to ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => (a.lapse === b.lapse ? a.i - b.i : a.lapse - b.lapse))
    .map((x) => x.i);
  const byYear: YearFunding[] = [];
  for (const [y, year] of years.entries()) {
    try {
      const recurringFunding = sumPence(recurring.map((r) => r.amounts[y]));
      // Cost and recurring funding are each exact; their difference may not be, so it is checked.
      const gap = pence(cost[y] - recurringFunding);
      let need: number = gap;
      let drawn = 0;
      pots.forEach((_, i) => drawdown[i].push(ZERO));
      if (need > 0) {
        for (const i of drawOrder) {
          const pot = pots[i];
          if (need <= 0) break;
          if (!within(year, pot.from, pot.to) || balances[i] <= 0) continue;
          const take = minPence(pence(need), pence(balances[i]));
          balances[i] -= take;
          drawdown[i][y] = take;
          drawn += take;
          need -= take;
          if (balances[i] === 0) exhaustedIn[i] = year;
        }
      }
      pots.forEach((pot, i) => {
        balance[i].push(pot.from !== null && year < pot.from ? null : pence(balances[i]));
        if (within(year, pot.from, pot.to) && pot.to === year && balances[i] > 0) {
          lapsed[i] = { year, amount: pence(balances[i]) };
          balances[i] = 0;
        }
      });
      const shortfall = need > 0 ? pence(need) : ZERO;
      const surplus = gap < 0 ? pence(-gap) : ZERO;
      byYear.push({ year, cost: cost[y], recurringFunding, drawdown: pence(drawn), funding: pence(recurringFunding + drawn), shortfall, surplus });
    } catch (e) {
      if (!(e instanceof MoneyOverflowError)) throw e;
      issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'funding-in-year', year } }, { table: 'Funding' }));
      return { value: failed('the funding by year'), issues };
    }
  }
  const funding = totalOrIssue(byYear.map((y) => y.funding), 'funding', issues);
  const shortfall = totalOrIssue(byYear.map((y) => y.shortfall), 'shortfall', issues);
  const surplus = totalOrIssue(byYear.map((y) => y.surplus), 'surplus', issues);
  const potResults: PotResult[] = [];
  for (const [i, stream] of pots.entries()) potResults.push({ stream, drawdown: drawdown[i], totalDrawdown: sumPence(drawdown[i]), balance: balance[i], exhaustedIn: exhaustedIn[i], lapsed: lapsed[i] });
  if (funding === undefined || shortfall === undefined || surplus === undefined) return { value: failed('the funding by year'), issues };
  return { value: usable({ recurring, pots: potResults, byYear, totals: { funding, shortfall, surplus } }), issues };
}
