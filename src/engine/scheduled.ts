import { isNoneOfYear, isWholeYear, shareOfYear } from './bounds';
import { type PartYear, growth, rateOf } from './cost';
import type { Parameters, ScheduledFunding } from './model';
import { type Pence, ONE, ZERO, scalePence } from './money';
import type { FinancialYear } from './years';

/** The rates a funding line's Inflation may name. */
export type FundingRates = Pick<Parameters, 'payInflation' | 'nonPayInflation'>;

/**
 * What a Recurring line or a Capital allocation pays each projected year (contract §2,
 * v1.1 §5.2, §5.5): its year column's amount as given; otherwise Annual amount ×
 * (1 + rate)^t × the share of the year it covers, rounded to the penny once, where t
 * counts from the line's first year in the projection (its From year, or First year
 * when it starts earlier), so an uplift compounds from the base, never from a rounded
 * figure.
 */
export function scheduledAmounts(stream: ScheduledFunding, years: readonly FinancialYear[], rates: FundingRates): { amounts: Pence[]; partYears: PartYear[] } {
  const first = years[0];
  const start = stream.from === null || stream.from.year < first ? first : stream.from.year;
  const rate = rateOf(stream.inflation, rates);
  const partYears: PartYear[] = [];
  const amounts = years.map((year) => {
    const explicit = stream.explicit.get(year);
    if (explicit !== undefined) return explicit;
    const share = shareOfYear(year, stream.from, stream.to);
    if (isNoneOfYear(share)) return ZERO;
    if (!isWholeYear(share)) partYears.push({ year, share });
    return scalePence(stream.annual, rate === null ? ONE : growth(rate, year - start), share);
  });
  return { amounts, partYears };
}
