import { type Pence, groupThousands, sumPence } from '../money';
import type { PlanResults } from '../results';
import { type FinancialYear, yearLabel } from '../years';
import { amountText } from './amounts';

/**
 * What a run found, in sentences: the words the Summary's headline and the charts'
 * alternative text share, so the page and the picture say the same thing.
 */

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** `five years`, `one year`, `12 years`: how a report counts small numbers of things. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n <= 10 ? numberWords[n] : groupThousands(n)} ${n === 1 ? one : many}`;
}

/** `2024/25 to 2028/29` (or the one year). */
export function spanOf(years: readonly FinancialYear[]): string {
  return years.length === 1 ? yearLabel(years[0]) : `${yearLabel(years[0])} to ${yearLabel(years[years.length - 1])}`;
}

/** `A`, `A and B`, `A, B and C`. */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Funding that ends within the projection, and when. */
export interface Ending {
  readonly year: FinancialYear;
  readonly words: string;
}

/**
 * What ends when: each recurring source that stops paying while costs go on (it pays
 * in a year and nothing in any later year that has costs), each pot used up, each pot
 * whose balance lapses unspent, each time a reserve is used up (a reserve refilled by a
 * surplus can run out again), and each capital allocation that lapses with some unspent;
 * in year order.
 */
export function endings(r: PlanResults): Ending[] {
  const out: Ending[] = [];
  const years = r.years;
  const shown = r.parameters.showAmountsIn;
  for (const f of r.funding.recurring) {
    let last = -1;
    f.amounts.forEach((a, y) => {
      if (a > 0) last = y;
    });
    const costsGoOn = r.costs.total.some((c, y) => y > last && c > 0);
    if (last >= 0 && last < years.length - 1 && costsGoOn) out.push({ year: years[last], words: `${f.stream.name} stops after ${yearLabel(years[last])}` });
  }
  for (const p of r.funding.pots) {
    if (p.exhaustedIn !== null) out.push({ year: p.exhaustedIn, words: `${p.stream.name} is used up in ${yearLabel(p.exhaustedIn)}` });
    if (p.lapsed !== null) out.push({ year: p.lapsed.year, words: `${p.stream.name} lapses at the end of ${yearLabel(p.lapsed.year)} with ${amountText(p.lapsed.amount, shown)} unspent` });
  }
  for (const v of r.funding.reserves) {
    v.exhaustedIn.forEach((year, i) => out.push({ year, words: `${v.stream.name} is used up in ${yearLabel(year)}${i > 0 ? ' again' : ''}` }));
  }
  for (const a of r.capital.allocations) {
    if (a.lapsed !== null && a.lapsed.amount > 0) out.push({ year: a.lapsed.year, words: `${a.stream.name} (capital) lapses at the end of ${yearLabel(a.lapsed.year)} with ${amountText(a.lapsed.amount, shown)} unspent` });
  }
  return out.map((e, i) => ({ e, i })).sort((a, b) => a.e.year - b.e.year || a.i - b.i).map(({ e }) => e);
}

/** What was drawn from reserves over the projection. */
export function reserveUse(r: PlanResults): Pence {
  return sumPence(r.funding.byYear.map((y) => y.reserveUsed));
}

/** The first year with a shortfall, with its gap, or null when every year is funded. */
export function firstGap(r: PlanResults): { readonly year: FinancialYear; readonly shortfall: Pence } | null {
  const first = r.funding.byYear.find((y) => y.shortfall > 0);
  return first ? { year: first.year, shortfall: first.shortfall } : null;
}

/**
 * The cost-against-funding finding in a sentence (revenue, as Shortfall is): "Funding
 * falls short from 2026/27; £791,527 over five years (2024/25 to 2028/29)." (with what
 * reserves met, when they were drawn) or, with no gap, how the funding meets the cost.
 */
export function fundingFinding(r: PlanResults): string {
  const shown = r.parameters.showAmountsIn;
  const over = `over ${counted(r.years.length, 'year')} (${spanOf(r.years)})`;
  const drawn = reserveUse(r);
  const reserves = drawn > 0 ? `${amountText(drawn, shown)} drawn from reserves` : '';
  const gap = firstGap(r);
  if (gap) return `Funding falls short from ${yearLabel(gap.year)}; ${amountText(r.funding.totals.shortfall, shown)} ${over}${reserves ? `, after ${reserves}` : ''}.`;
  const cost = sumPence(r.funding.byYear.map((y) => y.cost));
  return `Every year is funded: ${amountText(r.funding.totals.funding, shown)} of funding${reserves ? ` (${reserves})` : ''} meets ${amountText(cost, shown)} of cost ${over}.`;
}
