import { type CapitalProjection, fundCapital } from '../capital';
import { type CostProjection, projectCosts } from '../cost';
import { type FundingProjection, drawFromPots } from '../fund';
import type { CellRef, CostLine, FundingStream, Parameters } from '../model';
import { type Decimal, MoneyOverflowError, type Pence } from '../money';
import type { Priority } from '../prioritise';
import { usable } from '../stage';
import type { FinancialYear } from '../years';

/** Everything a case is planned from once its inputs are read and its localities chosen. */
export interface CaseInputs {
  readonly parameters: Parameters;
  readonly years: readonly FinancialYear[];
  readonly lines: readonly CostLine[];
  readonly streams: readonly FundingStream[];
  readonly selection: readonly Priority[];
  /** Where Cost per locality and Allocation pot were given (their lines point there). */
  readonly cells: { readonly costPerLocality: CellRef | null; readonly allocationPot: CellRef | null };
}

/** A case's revenue plan: its costs and how they were funded. */
export interface Revenue {
  readonly costs: CostProjection;
  readonly funding: FundingProjection;
}

/**
 * Costs and funds a case's revenue, as the main run does (contract §2, v1.1 §5), with
 * the same stages; undefined when its money runs past what pence hold (a what-if case
 * far from the inputs, such as a search's upper end, can). Issues are not returned: the
 * main run reports each input's own.
 */
export function planRevenue(c: CaseInputs, costs?: CostProjection): Revenue | undefined {
  try {
    const projected = costs ?? costsOf(c);
    if (!projected) return undefined;
    const funded = drawFromPots(usable(c.streams), usable(c.years), usable(projected), usable(c.parameters)).value;
    return funded.usable ? { costs: projected, funding: funded.value } : undefined;
  } catch (e) {
    if (e instanceof MoneyOverflowError) return undefined;
    throw e;
  }
}

/** A case's costs, or undefined past what pence hold. */
export function costsOf(c: CaseInputs): CostProjection | undefined {
  try {
    const costs = projectCosts(usable(c.lines), usable(c.parameters), usable(c.years), usable(c.selection), c.cells, { byLocality: false }).value;
    return costs.usable ? costs.value : undefined;
  } catch (e) {
    if (e instanceof MoneyOverflowError) return undefined;
    throw e;
  }
}

/** A case's capital account, or undefined past what pence hold. */
export function capitalOf(c: CaseInputs, costs: CostProjection): CapitalProjection | undefined {
  try {
    const capital = fundCapital(usable(c.streams), usable(c.years), usable(costs), usable(c.parameters)).value;
    return capital.usable ? capital.value : undefined;
  } catch (e) {
    if (e instanceof MoneyOverflowError) return undefined;
    throw e;
  }
}

/** True when no year's revenue shortfall is above Shortfall tolerance (contract v1.1 §6.3). */
export const withinTolerance = (revenue: Revenue | undefined, tolerance: Pence): boolean => revenue !== undefined && revenue.funding.byYear.every((y) => y.shortfall <= tolerance);

/** a + b, exactly. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return trim({ digits: a.digits * 10n ** BigInt(scale - a.scale) + b.digits * 10n ** BigInt(scale - b.scale), scale });
}

/** a × b, exactly. */
export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return trim({ digits: a.digits * b.digits, scale: a.scale + b.scale });
}

/** −a. */
export const negateDecimal = (a: Decimal): Decimal => ({ digits: -a.digits, scale: a.scale });

/** The same number with no trailing zeros after the point. */
function trim(d: Decimal): Decimal {
  let { digits, scale } = d;
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n;
    scale--;
  }
  return { digits, scale };
}

/** A decimal as a JavaScript number, for the JSON summary and cells (rates and multipliers only, never money). */
export const decimalToNumber = (d: Decimal): number => Number(`${d.digits < 0n ? '-' : ''}${(d.digits < 0n ? -d.digits : d.digits).toString().padStart(d.scale + 1, '0').replace(new RegExp(`(\\d{${d.scale}})$`), '.$1')}`.replace(/\.$/, ''));
