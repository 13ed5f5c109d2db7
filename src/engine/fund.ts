import type { FundingStream } from './model';
import { type Pence, ZERO, minPence, pence, sumPence } from './money';
import type { FinancialYear } from './years';

type Recurring = Extract<FundingStream, { kind: 'recurring' }>;
type OneOff = Extract<FundingStream, { kind: 'one-off' }>;

export interface RecurringResult {
  readonly stream: Recurring;
  readonly amounts: readonly Pence[];
}

export interface PotResult {
  readonly stream: OneOff;
  readonly drawdown: readonly Pence[];
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
}

const within = (year: FinancialYear, from: FinancialYear | null, to: FinancialYear | null): boolean =>
  (from === null || year >= from) && (to === null || year <= to);

/**
 * Funds each year's cost (contract §2): need = cost − recurring funding; a positive need
 * is drawn from one-off pots, the one that lapses soonest first, then in table order;
 * what is still unmet is the shortfall; a negative need is a surplus, not carried
 * forward. A pot's balance lapses when its To year ends.
 */
export function drawFromPots(streams: readonly FundingStream[], years: readonly FinancialYear[], cost: readonly Pence[]): FundingProjection {
  const recurring: RecurringResult[] = streams
    .filter((s): s is Recurring => s.kind === 'recurring')
    .map((stream) => ({
      stream,
      amounts: years.map((year) => stream.explicit.get(year) ?? (within(year, stream.from, stream.to) ? stream.annual : ZERO)),
    }));
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
  const byYear: YearFunding[] = years.map((year, y) => {
    const recurringFunding = sumPence(recurring.map((r) => r.amounts[y]));
    let need = cost[y] - recurringFunding;
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
      const usable = within(year, pot.from, pot.to);
      if (pot.from !== null && year < pot.from) balance[i].push(null);
      else balance[i].push(pence(balances[i]));
      if (usable && pot.to === year && balances[i] > 0) {
        lapsed[i] = { year, amount: pence(balances[i]) };
        balances[i] = 0;
      }
    });
    const shortfall = need > 0 ? pence(need) : ZERO;
    const surplus = cost[y] - recurringFunding < 0 ? pence(recurringFunding - cost[y]) : ZERO;
    return { year, cost: cost[y], recurringFunding, drawdown: pence(drawn), funding: pence(recurringFunding + drawn), shortfall, surplus };
  });
  return {
    recurring,
    pots: pots.map((stream, i) => ({ stream, drawdown: drawdown[i], balance: balance[i], exhaustedIn: exhaustedIn[i], lapsed: lapsed[i] })),
    byYear,
  };
}
