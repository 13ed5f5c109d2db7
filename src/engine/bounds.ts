import { type Day, dayLabel, dayOf, daysInMonth } from './dates';
import type { Ratio } from './money';
import { type FinancialYear, firstDayOf, lastDayOf, yearLabel } from './years';

/**
 * A From or To of a cost or funding line (contract v1.1 §5.1): a financial year written
 * as a year (`2011/12`, `2011`) means the whole year; an Excel date means that day.
 * `year` is the financial year either falls in.
 */
export type Bound =
  | { readonly kind: 'year'; readonly year: FinancialYear }
  | { readonly kind: 'date'; readonly day: Day; readonly year: FinancialYear };

/** The first day a line runs: its From day, or 1 April of its From year; null when it has no From. */
export function startDay(from: Bound | null): Day | null {
  if (from === null) return null;
  return from.kind === 'date' ? from.day : firstDayOf(from.year);
}

/** The last day a line runs: its To day, or 31 March ending its To year; null when it has no To. */
export function endDay(to: Bound | null): Day | null {
  if (to === null) return null;
  return to.kind === 'date' ? to.day : lastDayOf(to.year);
}

/** `2011/12`, or `1 November 2011` for a date. */
export function boundLabel(b: Bound): string {
  return b.kind === 'date' ? dayLabel(b.day) : yearLabel(b.year);
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** A fraction in its lowest terms. */
export function reduced(r: Ratio): Ratio {
  const g = gcd(r.num, r.den);
  return g <= 1n ? r : { num: r.num / g, den: r.den / g };
}

/**
 * The share of a financial year a line running from `from` to `to` covers (contract v1.1
 * §5.2), exactly: counted in twelfths by calendar month, a whole month 1/12, a month
 * covered in part its days covered over its days, so a post starting 15 November counts
 * 16/30 of November. No From runs from before the year; no To runs past it. The share is
 * in lowest terms: 1 for the whole year, 0 for none of it.
 */
export function shareOfYear(year: FinancialYear, from: Bound | null, to: Bound | null): Ratio {
  const first = startDay(from);
  const last = endDay(to);
  const yearStart = firstDayOf(year);
  const yearEnd = lastDayOf(year);
  if ((first === null || first <= yearStart) && (last === null || last >= yearEnd)) return { num: 1n, den: 1n };
  if ((first !== null && first > yearEnd) || (last !== null && last < yearStart) || (first !== null && last !== null && first > last)) return { num: 0n, den: 1n };
  let num = 0n;
  let den = 1n;
  for (let i = 0; i < 12; i++) {
    const calendarYear = i < 9 ? year : year + 1;
    const month = ((i + 3) % 12) + 1;
    const days = daysInMonth(calendarYear, month);
    const monthStart = dayOf(calendarYear, month, 1);
    const monthEnd = monthStart + days - 1;
    const from = first === null ? monthStart : Math.max(first, monthStart);
    const to = last === null ? monthEnd : Math.min(last, monthEnd);
    const covered = to - from + 1;
    if (covered <= 0) continue;
    // num/den + covered/days
    num = num * BigInt(days) + BigInt(covered) * den;
    den *= BigInt(days);
    const g = gcd(num, den);
    num /= g;
    den /= g;
  }
  return reduced({ num, den: den * 12n });
}

/** True when a share is the whole year. */
export const isWholeYear = (share: Ratio): boolean => share.num === share.den;
/** True when a share is none of the year. */
export const isNoneOfYear = (share: Ratio): boolean => share.num === 0n;

/** `5/12`, as Run info lists a part year's share. */
export function shareLabel(share: Ratio): string {
  const r = reduced(share);
  return r.den === 1n ? String(r.num) : `${r.num}/${r.den}`;
}
