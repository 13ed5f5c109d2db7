import { endDay } from './bounds';
import type { CostProjection, PartYear } from './cost';
import { endsBeforeNotes } from './fund';
import { type Issue, issueAt } from './issues';
import type { FundingStream } from './model';
import { type Pence, MoneyOverflowError, ZERO, pence, sumPence } from './money';
import { type FundingRates, scheduledAmounts } from './scheduled';
import { type Staged, type Usable, all, failed, stageResult, usable } from './stage';
import type { FinancialYear } from './years';

type Capital = Extract<FundingStream, { kind: 'capital' }>;

/** One capital allocation through the projection. */
export interface AllocationResult {
  readonly stream: Capital;
  /** What it allocates each year. */
  readonly amounts: readonly Pence[];
  readonly total: Pence;
  /** Spent on capital costs each year, from this year's allocation or what was carried forward. */
  readonly spent: readonly Pence[];
  /** Unspent at each year end, carried into the next year (slippage); zero once lapsed. */
  readonly carriedForward: readonly Pence[];
  /** What was left when its To year ended, if anything. */
  readonly lapsed: { readonly year: FinancialYear; readonly amount: Pence } | null;
  readonly partYears: readonly PartYear[];
}

/**
 * One year of capital. broughtForward + funding = used + carriedForward + lapsed, and
 * cost = used + shortfall.
 */
export interface CapitalYear {
  readonly year: FinancialYear;
  readonly cost: Pence;
  /** This year's capital allocations. */
  readonly funding: Pence;
  /** Unspent capital from earlier years, still usable. */
  readonly broughtForward: Pence;
  readonly used: Pence;
  /** Unspent at year end, carried into the next year. */
  readonly carriedForward: Pence;
  /** Unspent capital whose allocation's To year ended this year. */
  readonly lapsed: Pence;
  readonly shortfall: Pence;
}

/** Capital apart from revenue (contract v1.1 §5.3). */
export interface CapitalProjection {
  readonly allocations: readonly AllocationResult[];
  readonly byYear: readonly CapitalYear[];
  readonly totals: { readonly funding: Pence; readonly used: Pence; readonly shortfall: Pence };
}

/**
 * Funds capital costs from capital allocations only (contract v1.1 §5.3): each year's
 * capital cost is paid from what the allocations give that year and what earlier years
 * left unspent, the allocation that lapses soonest first, then in table order (so money
 * that would lapse is spent before money that would not). What is unspent carries
 * forward (slippage) until its allocation's To year ends, then lapses. What is unmet is
 * the capital shortfall. Capital money never pays revenue costs, nor revenue money capital.
 */
export function fundCapital(
  fundingStreams: Usable<readonly FundingStream[]>,
  projectedYears: Usable<readonly FinancialYear[]>,
  costProjection: Usable<CostProjection>,
  fundingRates: Usable<FundingRates>,
): Staged<Usable<CapitalProjection>> {
  const inputs = all(fundingStreams, projectedYears, stageResult(costProjection, 'the costs by year'), fundingRates);
  if (!inputs.usable) return { value: inputs, issues: [] };
  const [streams, years, costs, rates] = inputs.value;
  const capital = streams.filter((s): s is Capital => s.kind === 'capital');
  const issues: Issue[] = endsBeforeNotes(capital, years[0]);
  const scheduled: { amounts: Pence[]; partYears: PartYear[] }[] = [];
  for (const stream of capital) {
    try {
      const s = scheduledAmounts(stream, years, rates);
      sumPence(s.amounts);
      scheduled.push(s);
    } catch (e) {
      if (!(e instanceof MoneyOverflowError)) throw e;
      issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'funding-line', source: stream.name } }, { table: 'Funding', ...stream.at }));
    }
  }
  if (scheduled.length < capital.length) return { value: failed('the capital funding by year'), issues };
  const order = capital
    .map((c, i) => ({ i, lapse: endDay(c.to) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => (a.lapse === b.lapse ? a.i - b.i : a.lapse - b.lapse))
    .map((x) => x.i);
  const balance = capital.map(() => 0);
  const spent = capital.map(() => [] as Pence[]);
  const carried = capital.map(() => [] as Pence[]);
  const lapsed = capital.map(() => null as AllocationResult['lapsed']);
  const byYear: CapitalYear[] = [];
  for (const [y, year] of years.entries()) {
    try {
      const broughtForward = pence(balance.reduce((a, b) => a + b, 0));
      const funding = sumPence(scheduled.map((s) => s.amounts[y]));
      capital.forEach((_, i) => {
        balance[i] = pence(balance[i] + scheduled[i].amounts[y]);
        spent[i].push(ZERO);
      });
      let need: number = costs.capitalTotal[y];
      for (const i of order) {
        if (need <= 0) break;
        const take = Math.min(need, balance[i]);
        if (take <= 0) continue;
        balance[i] -= take;
        spent[i][y] = pence(take);
        need -= take;
      }
      let lapsedNow = 0;
      capital.forEach((c, i) => {
        if (c.to !== null && c.to.year === year && balance[i] > 0) {
          lapsed[i] = { year, amount: pence(balance[i]) };
          lapsedNow += balance[i];
          balance[i] = 0;
        }
        carried[i].push(pence(balance[i]));
      });
      const used = sumPence(capital.map((_, i) => spent[i][y]));
      // A saving on a capital line (a negative cost) is not funding: nothing is spent, nothing is short.
      const shortfall = need > 0 ? pence(need) : ZERO;
      byYear.push({ year, cost: costs.capitalTotal[y], funding, broughtForward, used, carriedForward: pence(balance.reduce((a, b) => a + b, 0)), lapsed: pence(lapsedNow), shortfall });
    } catch (e) {
      if (!(e instanceof MoneyOverflowError)) throw e;
      issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'funding-in-year', year } }, { table: 'Funding' }));
      return { value: failed('the capital funding by year'), issues };
    }
  }
  try {
    const allocations = capital.map((stream, i) => ({
      stream, amounts: scheduled[i].amounts, total: sumPence(scheduled[i].amounts), spent: spent[i], carriedForward: carried[i], lapsed: lapsed[i], partYears: scheduled[i].partYears,
    }));
    const totals = { funding: sumPence(byYear.map((y) => y.funding)), used: sumPence(byYear.map((y) => y.used)), shortfall: sumPence(byYear.map((y) => y.shortfall)) };
    return { value: usable({ allocations, byYear, totals }), issues };
  } catch (e) {
    if (!(e instanceof MoneyOverflowError)) throw e;
    issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'over-the-years', what: 'funding' } }, { table: 'Funding' }));
    return { value: failed('the capital funding by year'), issues };
  }
}
