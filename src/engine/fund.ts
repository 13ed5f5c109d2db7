import { endDay, isNoneOfYear, isWholeYear, shareOfYear } from './bounds';
import { type CostProjection, type PartYear, rateOf } from './cost';
import { type Issue, issueAt } from './issues';
import type { FundingStream } from './model';
import { type Pence, MoneyOverflowError, ZERO, pence, scalePence, sumPence } from './money';
import { type FundingRates, scheduledAmounts } from './scheduled';
import { type Staged, type Usable, all, failed, stageResult, usable } from './stage';
import type { FinancialYear } from './years';

type Recurring = Extract<FundingStream, { kind: 'recurring' }>;
type OneOff = Extract<FundingStream, { kind: 'one-off' }>;
type Reserve = Extract<FundingStream, { kind: 'reserve' }>;

export interface RecurringResult {
  readonly stream: Recurring;
  readonly amounts: readonly Pence[];
  /** Over the whole projection. */
  readonly total: Pence;
  /** The years it pays for only in part, each with its share (contract v1.1 §5.2). */
  readonly partYears: readonly PartYear[];
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

/** A reserve through the projection (contract v1.1 §5.5): drawn last, taking each year's surplus. */
export interface ReserveResult {
  readonly stream: Reserve;
  readonly drawdown: readonly Pence[];
  readonly totalDrawdown: Pence;
  /** The surplus added each year (only the first reserve in table order takes it). */
  readonly added: readonly Pence[];
  /** Balance at each year end; null before it can be drawn. */
  readonly balance: readonly (Pence | null)[];
  /** The years it was drawn down to nothing (a reserve refilled by a surplus can run out again). */
  readonly exhaustedIn: readonly FinancialYear[];
}

/** One year of revenue funding. cost = recurringFunding + drawdown + reserveUsed + shortfall − surplus. */
export interface YearFunding {
  readonly year: FinancialYear;
  /** Revenue cost: Total cost. */
  readonly cost: Pence;
  readonly recurringFunding: Pence;
  /** Drawn from one-off pots. */
  readonly drawdown: Pence;
  /** Drawn from reserves. */
  readonly reserveUsed: Pence;
  readonly funding: Pence;
  readonly shortfall: Pence;
  /** The running total of Shortfall. */
  readonly cumulativeShortfall: Pence;
  readonly surplus: Pence;
  /** The part of the surplus added to a reserve (all of it, when a reserve can take it that year). */
  readonly addedToReserve: Pence;
}

/** Revenue funding over the projection: Shortfall and SHORTFALL are these figures (contract v1.1 §5.3). */
export interface FundingProjection {
  readonly recurring: readonly RecurringResult[];
  readonly pots: readonly PotResult[];
  readonly reserves: readonly ReserveResult[];
  readonly byYear: readonly YearFunding[];
  /** Total funding, shortfall and surplus over the whole projection. */
  readonly totals: { readonly funding: Pence; readonly shortfall: Pence; readonly surplus: Pence };
}

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

/** Funding whose To is before the projection starts pays nothing here: a note says so. */
export function endsBeforeNotes(streams: readonly FundingStream[], firstYear: FinancialYear): Issue[] {
  return streams.flatMap((f) => {
    if (f.kind === 'reserve' || f.to === null || f.to.year >= firstYear) return [];
    const at = f.kind === 'one-off' ? { sheet: f.at.sheet } : { sheet: f.toAt.sheet, cell: f.toAt.cell };
    return [issueAt({ code: 'NOT_APPLIED', line: f.name, reason: { kind: 'ends-before', to: f.to, first: firstYear } }, { table: 'Funding', ...at })];
  });
}

/**
 * What each Recurring line pays, kept by the line's identity with the projected years (by
 * identity) and the rate it grows by: a stream is read once and never changed, and a what-if
 * case copies only the stream it moves, so sensitivity's rows and a search's tries pay out
 * again only the stream they change. Null past what pence hold. The same figures as paying
 * it out afresh: a property checks sensitivity against fresh runs.
 */
const recurringKept = new WeakMap<Recurring, { readonly years: readonly FinancialYear[]; readonly byRate: Map<string, RecurringResult | null> }>();

function recurringPaid(stream: Recurring, years: readonly FinancialYear[], rates: FundingRates): RecurringResult | null {
  const rate = rateOf(stream.inflation, rates);
  const key = rate === null ? '-' : `${rate.digits}e${rate.scale}`;
  let kept = recurringKept.get(stream);
  if (!kept || kept.years !== years) {
    kept = { years, byRate: new Map() };
    recurringKept.set(stream, kept);
  }
  let paid = kept.byRate.get(key);
  if (paid === undefined) {
    try {
      const { amounts, partYears } = scheduledAmounts(stream, years, rates);
      paid = { stream, amounts, total: sumPence(amounts), partYears };
    } catch (e) {
      if (!(e instanceof MoneyOverflowError)) throw e;
      paid = null;
    }
    // A rate moves only by a sensitivity step, so a line meets few: no bound is needed, but one costs nothing.
    if (kept.byRate.size >= 64) kept.byRate.clear();
    kept.byRate.set(key, paid);
  }
  return paid;
}

/**
 * A balance drawn as needed (a one-off pot or a reserve) can meet at most the share of
 * the year's need it is usable for (contract v1.1 §5.2), rounded to the penny.
 */
const capFor = (need: number, share: ReturnType<typeof shareOfYear>): number => (isWholeYear(share) ? need : scalePence(pence(need), share));

/**
 * Funds each year's revenue cost (contract §2, v1.1 §5.2, §5.5): need = cost − recurring
 * funding; a positive need is drawn from one-off pots, the one that lapses soonest first,
 * then in table order, each pot usable for part of a year meeting at most that share of
 * the need; then from reserves, in table order; what is still unmet is the shortfall. A
 * negative need is a surplus: it is added to the first reserve that can take it that
 * year, and otherwise not carried forward. A pot's balance lapses when its To year ends;
 * a reserve never lapses. Capital funding is not here: it pays only capital costs.
 */
export function drawFromPots(
  fundingStreams: Usable<readonly FundingStream[]>,
  projectedYears: Usable<readonly FinancialYear[]>,
  costProjection: Usable<CostProjection>,
  fundingRates: Usable<FundingRates>,
): Staged<Usable<FundingProjection>> {
  const inputs = all(fundingStreams, projectedYears, stageResult(costProjection, 'the costs by year'), fundingRates);
  if (!inputs.usable) return { value: inputs, issues: [] };
  const [streams, years, costs, rates] = inputs.value;
  const cost = costs.total;
  const issues: Issue[] = endsBeforeNotes(streams.filter((s) => s.kind !== 'capital'), years[0]);
  const recurringStreams = streams.filter((s): s is Recurring => s.kind === 'recurring');
  const recurring: RecurringResult[] = [];
  for (const stream of recurringStreams) {
    const paid = recurringPaid(stream, years, rates);
    if (paid !== null) recurring.push(paid);
    else issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'funding-line', source: stream.name } }, { table: 'Funding', ...stream.at }));
  }
  if (recurring.length < recurringStreams.length) return { value: failed('the funding by year'), issues };

  const pots = streams.filter((s): s is OneOff => s.kind === 'one-off');
  const potBalance = pots.map((p) => p.pot as number);
  const potDrawn = pots.map(() => [] as Pence[]);
  const potYearEnd = pots.map(() => [] as (Pence | null)[]);
  const exhaustedIn = pots.map(() => null as FinancialYear | null);
  const lapsed = pots.map(() => null as PotResult['lapsed']);
  // Soonest last day first (no To = lasts the whole projection), then table order.
  const drawOrder = pots
    .map((p, i) => ({ i, lapse: endDay(p.to) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => (a.lapse === b.lapse ? a.i - b.i : a.lapse - b.lapse))
    .map((x) => x.i);
  const reserves = streams.filter((s): s is Reserve => s.kind === 'reserve');
  const reserveBalance = reserves.map((r) => r.pot as number);
  const reserveDrawn = reserves.map(() => [] as Pence[]);
  const reserveAdded = reserves.map(() => [] as Pence[]);
  const reserveYearEnd = reserves.map(() => [] as (Pence | null)[]);
  const reserveExhausted = reserves.map(() => [] as FinancialYear[]);

  const byYear: YearFunding[] = [];
  let cumulative = 0;
  for (const [y, year] of years.entries()) {
    try {
      const recurringFunding = sumPence(recurring.map((r) => r.amounts[y]));
      // Cost and recurring funding are each exact; their difference may not be, so it is checked.
      const gap = pence(cost[y] - recurringFunding);
      let need: number = gap;
      pots.forEach((_, i) => potDrawn[i].push(ZERO));
      reserves.forEach((_, i) => {
        reserveDrawn[i].push(ZERO);
        reserveAdded[i].push(ZERO);
      });
      let drawn = 0;
      for (const i of drawOrder) {
        if (need <= 0) break;
        const share = shareOfYear(year, pots[i].from, pots[i].to);
        if (isNoneOfYear(share) || potBalance[i] <= 0) continue;
        const take = Math.min(need, potBalance[i], capFor(gap, share));
        if (take <= 0) continue;
        potBalance[i] -= take;
        potDrawn[i][y] = pence(take);
        drawn += take;
        need -= take;
        if (potBalance[i] === 0) exhaustedIn[i] = year;
      }
      let fromReserves = 0;
      for (const [i, reserve] of reserves.entries()) {
        if (need <= 0) break;
        const share = shareOfYear(year, reserve.from, null);
        if (isNoneOfYear(share) || reserveBalance[i] <= 0) continue;
        const take = Math.min(need, reserveBalance[i], capFor(gap, share));
        if (take <= 0) continue;
        reserveBalance[i] -= take;
        reserveDrawn[i][y] = pence(take);
        fromReserves += take;
        need -= take;
        if (reserveBalance[i] === 0) reserveExhausted[i].push(year);
      }
      const surplus = gap < 0 ? pence(-gap) : ZERO;
      // Each year's surplus goes to the first reserve in table order that can take it that year.
      const taker = surplus > 0 ? reserves.findIndex((r) => !isNoneOfYear(shareOfYear(year, r.from, null))) : -1;
      if (taker >= 0) {
        reserveBalance[taker] = pence(reserveBalance[taker] + surplus);
        reserveAdded[taker][y] = surplus;
      }
      pots.forEach((pot, i) => {
        const before = pot.from !== null && year < pot.from.year;
        const ended = pot.to !== null && pot.to.year < years[0];
        potYearEnd[i].push(before || ended ? null : pence(potBalance[i]));
        if (pot.to !== null && pot.to.year === year && potBalance[i] > 0) {
          lapsed[i] = { year, amount: pence(potBalance[i]) };
          potBalance[i] = 0;
        }
      });
      reserves.forEach((reserve, i) => reserveYearEnd[i].push(reserve.from !== null && year < reserve.from.year ? null : pence(reserveBalance[i])));
      const shortfall = need > 0 ? pence(need) : ZERO;
      cumulative = pence(cumulative + shortfall);
      byYear.push({
        year,
        cost: cost[y],
        recurringFunding,
        drawdown: pence(drawn),
        reserveUsed: pence(fromReserves),
        funding: pence(recurringFunding + drawn + fromReserves),
        shortfall,
        cumulativeShortfall: pence(cumulative),
        surplus,
        addedToReserve: taker >= 0 ? surplus : ZERO,
      });
    } catch (e) {
      if (!(e instanceof MoneyOverflowError)) throw e;
      issues.push(issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'funding-in-year', year } }, { table: 'Funding' }));
      return { value: failed('the funding by year'), issues };
    }
  }
  const funding = totalOrIssue(byYear.map((y) => y.funding), 'funding', issues);
  const shortfall = totalOrIssue(byYear.map((y) => y.shortfall), 'shortfall', issues);
  const surplus = totalOrIssue(byYear.map((y) => y.surplus), 'surplus', issues);
  if (funding === undefined || shortfall === undefined || surplus === undefined) return { value: failed('the funding by year'), issues };
  const potResults: PotResult[] = pots.map((stream, i) => ({ stream, drawdown: potDrawn[i], totalDrawdown: sumPence(potDrawn[i]), balance: potYearEnd[i], exhaustedIn: exhaustedIn[i], lapsed: lapsed[i] }));
  const reserveResults: ReserveResult[] = reserves.map((stream, i) => ({
    stream, drawdown: reserveDrawn[i], totalDrawdown: sumPence(reserveDrawn[i]), added: reserveAdded[i], balance: reserveYearEnd[i], exhaustedIn: reserveExhausted[i],
  }));
  return { value: usable({ recurring, pots: potResults, reserves: reserveResults, byYear, totals: { funding, shortfall, surplus } }), issues };
}
