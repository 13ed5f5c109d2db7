import type { CellAddress } from './address';
import type { Bound } from './bounds';
import type { Decimal, Pence } from './money';
import type { AllocationMethod } from './parameters';
import type { FinancialYear } from './years';

export type { AllocationMethod, Parameters, ParameterKey, ParameterSources } from './parameters';

/** A cell on a sheet, for pointing a message at it. */
export interface CellRef {
  readonly sheet: string;
  readonly cell: CellAddress;
}

/** A row of the Localities table (contract §2). */
export interface Locality {
  /** Position among the localities read, for stable "table order" tie-breaks. */
  readonly index: number;
  /** The data row of the Localities table it came from. */
  readonly row: number;
  /** As written (trimmed). */
  readonly name: string;
  /** As written (trimmed); localities whose districts have the same name key are in one district. */
  readonly district: string | null;
  /** For tie-breaks: the IMD Rank, when it is a whole number from 1. */
  readonly imdRank: number | null;
  readonly population: number | null;
  readonly wards: number | null;
  readonly override: 'include' | 'exclude' | null;
  /** Its value on each indicator, in the indicators' order; null when it has none (never zero). */
  readonly indicatorValues: readonly (number | null)[];
  /** Where the locality's name is, for messages. */
  readonly cell: CellAddress;
}

export type Direction = 'higher-is-worse' | 'lower-is-worse';

/** An indicator feeding the need score: a Localities column, its weight and direction. */
export interface Indicator {
  readonly header: string;
  /** Column index in the Localities table. */
  readonly column: number;
  readonly weight: number;
  readonly direction: Direction;
}

export type AppliesTo =
  | { readonly kind: 'programme' }
  | { readonly kind: 'each-locality' }
  /** One locality, by name as written in Costs; `key` matches it in Localities. */
  | { readonly kind: 'locality'; readonly locality: string; readonly key: string }
  /**
   * A devolved budget (contract v1.1 §5.4): the line's amount each year is shared out
   * among the localities by `method`; null means the Allocation method parameter.
   */
  | { readonly kind: 'shared-out'; readonly method: AllocationMethod | null; readonly methodAt: CellRef | null };

export type Inflation =
  | { readonly kind: 'pay' }
  | { readonly kind: 'non-pay' }
  | { readonly kind: 'none' }
  | { readonly kind: 'rate'; readonly rate: Decimal };

/** Revenue (day-to-day spending, the default) or capital (contract v1.1 §5.3): each is funded apart from the other. */
export type CostType = 'revenue' | 'capital';

/** A row of the Costs table, or a line a parameter stands for (Cost per locality, Allocation pot). */
export interface CostLine {
  readonly name: string;
  readonly appliesTo: AppliesTo;
  readonly type: CostType;
  readonly quantity: Decimal;
  readonly unitCost: Pence;
  readonly inflation: Inflation;
  /** From and To: a whole financial year, or a day (contract v1.1 §5.1). */
  readonly from: Bound | null;
  readonly to: Bound | null;
  /** Year columns: the amount for that year, overriding the computed one. */
  readonly explicit: ReadonlyMap<FinancialYear, Pence>;
  /** Its name cell (for a parameter's line, the parameter's cell; null when that is the default). */
  readonly at: CellRef | null;
  /** Which table the line comes from, for Run info and messages. */
  readonly source: 'Costs' | 'Parameters';
}

export type FundingStatus = 'confirmed' | 'expected' | 'at-risk';

/** What a Recurring line and a Capital allocation share: money paid each year From..To (contract §2, v1.1 §5.3, §5.5). */
export interface ScheduledFunding {
  readonly name: string;
  readonly annual: Pence;
  readonly from: Bound | null;
  readonly to: Bound | null;
  readonly explicit: ReadonlyMap<FinancialYear, Pence>;
  /** Uplift compounding from the line's first year in the projection; None unless given. */
  readonly inflation: Inflation;
  readonly status: FundingStatus;
  /** Position in the Funding table. */
  readonly index: number;
  /** Its Source cell. */
  readonly at: CellRef;
  /** The To cell (or the Source cell without a To column), for notes about when it ends. */
  readonly toAt: CellRef;
}

/**
 * A row of the Funding table: revenue money paid every year, a capital allocation, a
 * one-off pot drawn as needed, or a reserve drawn last that takes each year's surplus.
 */
export type FundingStream =
  | ({ readonly kind: 'recurring' } & ScheduledFunding)
  | ({ readonly kind: 'capital' } & ScheduledFunding)
  | {
      readonly kind: 'one-off';
      readonly name: string;
      readonly pot: Pence;
      readonly from: Bound | null;
      readonly to: Bound | null;
      readonly status: FundingStatus;
      readonly index: number;
      readonly at: CellRef;
    }
  | {
      readonly kind: 'reserve';
      readonly name: string;
      /** The balance at the start. */
      readonly pot: Pence;
      /** When it can first be drawn; a reserve never lapses. */
      readonly from: Bound | null;
      readonly status: FundingStatus;
      readonly index: number;
      readonly at: CellRef;
    };
