import { formatWholePounds, pence, sumPence } from '../money';
import type { Summary } from '../summary';
import { severityOrder } from '../warnings';

/** What a finished run found, as a short account puts it first (the task pane's results). */
export interface Headline {
  /** The localities selected, most in need first. */
  readonly selected: readonly string[];
  /** `2025/26 to 2027/28`, or `no years`. */
  readonly span: string;
  /** The total cost over the projection in whole pounds: `£695,453`. */
  readonly totalCost: string;
  /** The years with a shortfall, in order. */
  readonly shortfallYears: readonly string[];
  /** The warnings, most severe first (in the order found within a severity). */
  readonly warnings: Summary['warnings'];
}

/**
 * The headline of a run from its summary (contract §4): the total cost added up in
 * whole pence, never in floating pounds, and the warnings most severe first. The
 * summary's amounts are pounds to the penny, so each is exactly a whole number of pence.
 */
export function headlineOf(summary: Summary): Headline {
  const totalCost = sumPence(summary.projection.map((year) => pence(Math.round(year.cost * 100))));
  return {
    selected: summary.selected.map((s) => s.locality),
    span: summary.years.length > 0 ? `${summary.years[0]} to ${summary.years[summary.years.length - 1]}` : 'no years',
    totalCost: formatWholePounds(totalCost),
    shortfallYears: summary.projection.filter((year) => year.shortfall > 0).map((year) => year.year),
    warnings: summary.warnings.map((w, i) => ({ w, i })).sort((a, b) => severityOrder[a.w.severity] - severityOrder[b.w.severity] || a.i - b.i).map(({ w }) => w),
  };
}
