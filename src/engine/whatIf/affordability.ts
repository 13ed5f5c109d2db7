import type { FundingStream } from '../model';
import { type Pence, formatPounds, formatWholePounds, pence } from '../money';
import type { Priority } from '../prioritise';
import { type FinancialYear, yearLabel } from '../years';
import { type CaseInputs, type Revenue, planRevenue, withinTolerance } from './project';

/** Localities affordable (contract v1.1 §6.3). */
export type LocalitiesAffordable =
  /** Per district and Additional are both 0: every locality is selected, there is nothing to choose. */
  | { readonly kind: 'not-applicable' }
  /** Even the fewest Additional (0, or 1 when Per district is 0) leaves a year's shortfall above the tolerance. */
  | { readonly kind: 'none'; readonly selected: number; readonly lowest: number }
  | {
      readonly kind: 'affordable';
      /** The largest Additional that leaves no year's shortfall above the tolerance. */
      readonly additional: number;
      /** How many localities that selects. */
      readonly selected: number;
      readonly districtChoices: number;
      readonly included: number;
      /** The most Additional could be: every ranked locality not chosen otherwise. */
      readonly available: number;
    };

/** Cost per locality affordable (contract v1.1 §6.3). */
export type CostPerLocalityAffordable =
  | { readonly kind: 'not-applicable'; readonly why: 'zero' | 'none-selected' }
  | { readonly kind: 'none' }
  | { readonly kind: 'affordable'; readonly amount: Pence };

/** New recurring funding needed (contract v1.1 §6.3). */
export type NewFundingNeeded =
  | { readonly kind: 'none-needed' }
  | { readonly kind: 'needed'; readonly amount: Pence; readonly from: FinancialYear }
  /** No amount pence hold closes the gap (it cannot happen with inputs pence hold, but is said rather than guessed). */
  | { readonly kind: 'out-of-reach'; readonly from: FinancialYear };

export interface Affordability {
  readonly localities: LocalitiesAffordable;
  readonly costPerLocality: CostPerLocalityAffordable;
  readonly newRecurringFunding: NewFundingNeeded;
  /** How the sentences name the funding: `£1,900,000 a year` when recurring funding is the same every year and nothing else pays, else null. */
  readonly fundingPerYear: Pence | null;
}

/**
 * The largest whole number in [lo, hi] for which `passes` holds, given that it holds at
 * lo. With `monotone` (passing at n implies passing below n), bisection keeps a passing
 * lower end and a failing upper end, so the answer's boundary is checked by construction:
 * it passes and one more fails. Without, every value is tried from the top down.
 */
export function largestPassing(lo: number, hi: number, passes: (n: number) => boolean, monotone: boolean): number {
  if (!monotone) {
    for (let n = hi; n > lo; n--) if (passes(n)) return n;
    return lo;
  }
  return passes(hi) ? hi : bisect(lo, hi, passes);
}

/** Given that `passes` holds at `ok` and fails at `bad` (ok < bad), a value that passes while the next one up fails. */
function bisect(ok: number, bad: number, passes: (n: number) => boolean): number {
  while (bad - ok > 1) {
    const mid = ok + Math.floor((bad - ok) / 2);
    if (passes(mid)) ok = mid;
    else bad = mid;
  }
  return ok;
}

/** Pence past which a search stops: about £88 billion, far beyond any council's budget and well within what pence hold. */
const SEARCH_CEILING = 2 ** 43;

/**
 * The largest value from `lo` (which passes) up to the ceiling that passes, to the
 * penny, for a condition that holds up to some value and fails beyond it; null when it
 * still passes at the ceiling. The search starts at `guess` (a linear estimate) and
 * gallops out from it, doubling its stride, until it has a passing value and a failing
 * one, then bisects between them: a good guess costs two tries (it passes, one penny more
 * fails), a poor one only a few more, and the answer is exact either way.
 */
function largestPenny(lo: number, guess: number, passes: (n: number) => boolean): number | null {
  const found = bracket(lo, guess, passes, (stride) => stride * 2);
  return found === null ? null : bisect(found.ok, found.bad, passes);
}

/**
 * From a start clamped to lo..ceiling, steps out (up while it passes, down while it fails)
 * by strides `grow` makes from a first stride of one penny, until it holds a passing value
 * `ok` and a failing one `bad` above it; null when it still passes at the ceiling. `lo` is
 * taken to pass.
 */
function bracket(lo: number, guess: number, passes: (n: number) => boolean, grow: (stride: number) => number): { readonly ok: number; readonly bad: number } | null {
  const start = Math.min(Math.max(Math.floor(guess), lo), SEARCH_CEILING);
  if (passes(start)) {
    let ok = start;
    for (let stride = 1; ; stride = grow(stride)) {
      if (ok >= SEARCH_CEILING) return null;
      const next = Math.min(ok + stride, SEARCH_CEILING);
      if (!passes(next)) return { ok, bad: next };
      ok = next;
    }
  }
  let bad = start;
  for (let stride = 1; ; stride = grow(stride)) {
    const next = Math.max(bad - stride, lo);
    if (next === lo || passes(next)) return { ok: next, bad };
    bad = next;
  }
}

/**
 * Affordability (contract v1.1 §6.3), for Base, each found exactly:
 * - Localities affordable: with Per district or Additional in use, the largest
 *   Additional (0 up to every ranked locality not chosen otherwise; from 1 when Per
 *   district is 0, where Additional 0 would select every locality) for which no year's
 *   revenue shortfall is above Shortfall tolerance, and how many localities that selects.
 *   Each locality more costs no less when every per-locality amount is zero or more, so
 *   the condition holds up to a point and fails beyond it: bisection finds that point.
 *   When a per-locality line is a saving (below zero) that may not hold, and every
 *   Additional is tried. Need scores and ranks are Base's, worked out once.
 * - Cost per locality affordable: the largest Cost per locality, to the penny, for which
 *   no year's shortfall is above the tolerance (costs rise with it, so a search that keeps
 *   a passing and a failing end is exact; it aims along the shortfall's line, see largestPennyWithin).
 * - New recurring funding needed: the smallest equal annual amount, to the penny, paid
 *   every year from the first year with a shortfall to the horizon (Confirmed, no
 *   uplift), that leaves no year's shortfall above the tolerance, pots and reserves drawn
 *   as usual; none when Base has none above it.
 */
export function affordability(base: CaseInputs, baseRevenue: Revenue, selectWith: (additional: number) => readonly Priority[] | undefined): Affordability {
  const p = base.parameters;
  const tolerance = p.shortfallTolerance;
  return {
    localities: localitiesAffordable(base, selectWith),
    costPerLocality: costPerLocalityAffordable(base, baseRevenue),
    newRecurringFunding: newFundingNeeded(base, baseRevenue, tolerance),
    fundingPerYear: fundingPerYear(base, baseRevenue),
  };
}

function localitiesAffordable(base: CaseInputs, selectWith: (additional: number) => readonly Priority[] | undefined): LocalitiesAffordable {
  const p = base.parameters;
  if (p.perDistrict === 0 && p.additional === 0) return { kind: 'not-applicable' };
  // With Per district 0, Additional 0 would select every locality (contract §2), so the fewest Additional can choose is 1.
  const lowest = p.perDistrict === 0 ? 1 : 0;
  const atLowest = selectWith(lowest);
  if (!atLowest) return { kind: 'not-applicable' };
  const available = lowest + atLowest.filter((q) => !q.selected && q.rank !== null && q.locality.override === null).length;
  const selections = new Map<number, readonly Priority[] | undefined>([[lowest, atLowest]]);
  const selection = (n: number) => {
    if (!selections.has(n)) selections.set(n, selectWith(n));
    return selections.get(n);
  };
  const passes = (n: number): boolean => {
    const chosen = selection(n);
    return chosen !== undefined && withinTolerance(planRevenue({ ...base, parameters: { ...p, additional: n }, selection: chosen }), p.shortfallTolerance);
  };
  const count = (s: readonly Priority[]) => s.filter((q) => q.selected).length;
  if (!passes(lowest)) return { kind: 'none', selected: count(atLowest), lowest };
  const n = largestPassing(lowest, available, passes, perLocalityNeverSaves(base));
  const chosen = selection(n)!;
  return {
    kind: 'affordable',
    additional: n,
    selected: count(chosen),
    districtChoices: chosen.filter((q) => q.reason === 'district').length,
    included: chosen.filter((q) => q.reason === 'override').length,
    available,
  };
}

/** True when no per-locality line is a saving: choosing one more locality never costs less. */
function perLocalityNeverSaves(base: CaseInputs): boolean {
  return base.lines.every((l) => {
    if (l.appliesTo.kind !== 'each-locality' && l.appliesTo.kind !== 'locality') return true;
    return l.unitCost >= 0 && [...l.explicit.values()].every((a) => a >= 0);
  });
}

function costPerLocalityAffordable(base: CaseInputs, baseRevenue: Revenue): CostPerLocalityAffordable {
  const p = base.parameters;
  if (p.costPerLocality === 0) return { kind: 'not-applicable', why: 'zero' };
  if (!base.selection.some((q) => q.selected)) return { kind: 'not-applicable', why: 'none-selected' };
  // Each amount is planned once, however often the start and the search below ask about it.
  const planned = new Map<number, Revenue | undefined>();
  const revenueAt = (amount: number): Revenue | undefined => {
    if (!planned.has(amount)) planned.set(amount, planRevenue({ ...base, parameters: { ...p, costPerLocality: pence(amount) } }));
    return planned.get(amount);
  };
  const passes = (amount: number): boolean => withinTolerance(revenueAt(amount), p.shortfallTolerance);
  if (!passes(0)) return { kind: 'none' };
  const amount = largestPennyWithin(0, costPerLocalityGuess(base, baseRevenue), (n) => excessOver(revenueAt(n), p.shortfallTolerance));
  return amount === null ? { kind: 'not-applicable', why: 'none-selected' } : { kind: 'affordable', amount: pence(amount) };
}

/** How far the worst year's shortfall is above the tolerance (at most zero exactly when `withinTolerance`); infinite past what pence hold. */
function excessOver(revenue: Revenue | undefined, tolerance: Pence): number {
  if (revenue === undefined) return Number.POSITIVE_INFINITY;
  let worst = Number.NEGATIVE_INFINITY;
  for (const y of revenue.funding.byYear) worst = Math.max(worst, y.shortfall - tolerance);
  return worst;
}

/**
 * `largestPenny` for a condition that is an excess at most zero, where the excess (the
 * worst year's shortfall over the tolerance) rises with the value: a Cost per locality.
 * The start (a linear estimate that leaves out pots and reserves) can be far off, so the
 * search steps out from it by a growing share of it rather than from a penny, then closes
 * the bracket where the straight line through the two failing values nearest the answer
 * meets zero: above the answer the excess rises along a line for as long as the same year
 * binds and no pot runs out, so this lands next to the answer in a try or two where
 * bisection takes forty. A try that leaves most of the bracket is followed by a halving,
 * so a bend costs tries, never the answer: it stops only with a passing value whose next
 * penny fails.
 */
export function largestPennyWithin(lo: number, guess: number, excess: (n: number) => number): number | null {
  const passes = (n: number) => excess(n) <= 0;
  const share = Math.max(1, Math.floor(Math.min(Math.max(Math.floor(guess), lo), SEARCH_CEILING) / 4));
  const found = bracket(lo, guess, passes, (stride) => (stride === 1 ? Math.max(2, share) : stride * 2));
  if (found === null) return null;
  let { ok, bad } = found;
  // The two failing values nearest the answer, for the line; the nearer first.
  let near = { n: bad, excess: excess(bad) };
  let far: typeof near | undefined;
  let width = bad - ok;
  let lineTries = 0;
  while (bad - ok > 1) {
    let probe = ok + Math.floor((bad - ok) / 2);
    if (lineTries < 2 && far !== undefined && Number.isFinite(near.excess) && Number.isFinite(far.excess) && far.excess > near.excess) {
      const zero = near.n - (near.excess * (far.n - near.n)) / (far.excess - near.excess);
      probe = Math.min(Math.max(Math.floor(zero), ok + 1), bad - 1);
      lineTries++;
    } else {
      lineTries = 0;
    }
    const e = excess(probe);
    if (e <= 0) ok = probe;
    else {
      bad = probe;
      far = near;
      near = { n: probe, excess: e };
    }
    // Two tries along the line that left more than half the bracket: halve it next.
    if (bad - ok <= width / 2) {
      width = bad - ok;
      lineTries = 0;
    }
  }
  return ok;
}

/**
 * Where the Cost per locality search starts: the per-locality cost is close to linear in
 * it, so each year's other costs plus a multiple of it must fit the year's funding and
 * tolerance; the tightest year gives the guess. Only a starting point: the search is exact.
 */
function costPerLocalityGuess(base: CaseInputs, baseRevenue: Revenue): number {
  const p = base.parameters;
  const line = baseRevenue.costs.lines.find((l) => l.line.source === 'Parameters' && l.appliesTo.kind === 'each-locality');
  if (!line || p.costPerLocality <= 0) return p.costPerLocality;
  // Each year: its other costs + Cost per locality × (this line's amount per penny of it) ≤ its funding + the tolerance.
  const guesses = baseRevenue.funding.byYear.flatMap((y, i) => {
    const perPenny = line.amounts[i] / p.costPerLocality;
    return perPenny > 0 ? [(y.funding + p.shortfallTolerance - (y.cost - line.amounts[i])) / perPenny] : [];
  });
  return guesses.length === 0 ? p.costPerLocality : Math.min(...guesses);
}

function newFundingNeeded(base: CaseInputs, baseRevenue: Revenue, tolerance: Pence): NewFundingNeeded {
  if (withinTolerance(baseRevenue, tolerance)) return { kind: 'none-needed' };
  const from = baseRevenue.funding.byYear.find((y) => y.shortfall > 0)!.year;
  // New funding changes no cost (costs are projected from lines, parameters, years and selection), so Base's costs stand.
  const passes = (amount: number): boolean => withinTolerance(planRevenue({ ...base, streams: [...base.streams, newStream(base, pence(amount), from)] }, baseRevenue.costs), tolerance);
  // The smallest passing amount is one more than the largest failing one; without pots to shift, it is the largest gap over the tolerance.
  const guess = Math.max(...baseRevenue.funding.byYear.map((y) => y.shortfall - tolerance)) - 1;
  const failing = largestPenny(0, guess, (a) => !passes(a));
  return failing === null ? { kind: 'out-of-reach', from } : { kind: 'needed', amount: pence(failing + 1), from };
}

/** The new money as a Funding line would give it: Recurring, Confirmed, the same each year from `from`, with no uplift. */
function newStream(base: CaseInputs, annual: Pence, from: FinancialYear): FundingStream {
  const at = { sheet: '', cell: 'A1' as never };
  return { kind: 'recurring', name: 'New recurring funding', annual, from: { kind: 'year', year: from }, to: null, explicit: new Map(), inflation: { kind: 'none' }, status: 'confirmed', index: base.streams.length, at, toAt: at };
}

/** Base's funding as one figure a year, when recurring funding is the same every year and no pot or reserve pays. */
function fundingPerYear(base: CaseInputs, revenue: Revenue): Pence | null {
  const years = revenue.funding.byYear;
  if (years.length === 0 || base.streams.some((s) => s.kind === 'one-off' || s.kind === 'reserve')) return null;
  const first = years[0].recurringFunding;
  return years.every((y) => y.recurringFunding === first) && first > 0 ? first : null;
}

const listed = (parts: readonly string[]): string => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);
const localitiesWord = (n: number): string => `${n} ${n === 1 ? 'locality' : 'localities'}`;

/** Each affordability answer in words. */
export interface AffordabilitySentences {
  readonly localities: string;
  readonly costPerLocality: string;
  readonly newRecurringFunding: string;
}

/** The affordability answers as sentences a member would read, in the contract's order. */
export function affordabilitySentences(a: Affordability, now: { readonly additional: number; readonly costPerLocality: Pence; readonly years: readonly FinancialYear[] }): AffordabilitySentences {
  const withFunding = a.fundingPerYear === null ? 'With the funding planned' : `With ${formatWholePounds(a.fundingPerYear)} a year`;
  let localities: string;
  switch (a.localities.kind) {
    case 'not-applicable':
      localities = 'Localities affordable does not apply: Per district and Additional are both 0, so every locality is selected.';
      break;
    case 'none':
      localities =
        a.localities.lowest === 0
          ? `Even with Additional at 0, the ${localitiesWord(a.localities.selected)} chosen before it leave a revenue shortfall above the tolerance: the funding planned does not afford them.`
          : `Even with Additional at ${a.localities.lowest}, the ${localitiesWord(a.localities.selected)} chosen leave a revenue shortfall above the tolerance: the funding planned does not afford them.`;
      break;
    case 'affordable': {
      const { additional, selected, districtChoices, included, available } = a.localities;
      const parts: string[] = [];
      if (included > 0) parts.push(`${included} included by district choice`);
      if (districtChoices > 0) parts.push(`the ${districtChoices} district ${districtChoices === 1 ? 'choice' : 'choices'}`);
      parts.push(parts.length === 0 ? `the ${additional} most in need` : additional === 0 ? 'no more' : `${additional} more`);
      const all = additional === available && available > 0 ? ' (every locality left to choose)' : '';
      localities = `${withFunding} the programme affords ${localitiesWord(selected)}: ${listed(parts)}${all}. Additional is ${now.additional} in the inputs.`;
      break;
    }
    default: {
      const never: never = a.localities;
      return never;
    }
  }
  let costPerLocality: string;
  switch (a.costPerLocality.kind) {
    case 'not-applicable':
      costPerLocality = a.costPerLocality.why === 'zero' ? 'Cost per locality affordable does not apply: Cost per locality is £0.' : 'Cost per locality affordable does not apply: no locality is selected.';
      break;
    case 'none':
      costPerLocality = 'Even a Cost per locality of £0.00 leaves a revenue shortfall above the tolerance: the other costs alone are more than the funding planned.';
      break;
    case 'affordable':
      costPerLocality = `${withFunding} the programme affords a Cost per locality of up to ${formatPounds(a.costPerLocality.amount)} (the inputs have ${formatPounds(now.costPerLocality)}).`;
      break;
    default: {
      const never: never = a.costPerLocality;
      return never;
    }
  }
  const last = now.years[now.years.length - 1];
  let newRecurringFunding: string;
  switch (a.newRecurringFunding.kind) {
    case 'none-needed':
      newRecurringFunding = "No new recurring funding is needed: no year's revenue shortfall is above the tolerance.";
      break;
    case 'needed': {
      const { amount, from } = a.newRecurringFunding;
      newRecurringFunding = `New recurring funding of ${formatPounds(amount)} a year from ${yearLabel(from)}${from === last ? '' : ` to ${yearLabel(last)}`} leaves no year's revenue shortfall above the tolerance.`;
      break;
    }
    case 'out-of-reach':
      newRecurringFunding = `No annual amount the planner can hold closes the gap from ${yearLabel(a.newRecurringFunding.from)}.`;
      break;
    default: {
      const never: never = a.newRecurringFunding;
      return never;
    }
  }
  return { localities, costPerLocality, newRecurringFunding };
}
