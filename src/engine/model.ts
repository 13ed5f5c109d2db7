import type { CellAddress } from './address';
import type { Decimal, Pence } from './money';
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
  | { readonly kind: 'locality'; readonly locality: string; readonly key: string };

export type Inflation =
  | { readonly kind: 'pay' }
  | { readonly kind: 'non-pay' }
  | { readonly kind: 'none' }
  | { readonly kind: 'rate'; readonly rate: Decimal };

/** A row of the Costs table, or the line Cost per locality stands for. */
export interface CostLine {
  readonly name: string;
  readonly appliesTo: AppliesTo;
  readonly quantity: Decimal;
  readonly unitCost: Pence;
  readonly inflation: Inflation;
  readonly from: FinancialYear | null;
  readonly to: FinancialYear | null;
  /** Year columns: the amount for that year, overriding the computed one. */
  readonly explicit: ReadonlyMap<FinancialYear, Pence>;
  /** Its name cell (for Cost per locality, the parameter's cell; null when that is the default). */
  readonly at: CellRef | null;
}

export type FundingStatus = 'confirmed' | 'expected' | 'at-risk';

/** A row of the Funding table: money paid every year, or a pot drawn as needed. */
export type FundingStream =
  | {
      readonly kind: 'recurring';
      readonly name: string;
      readonly annual: Pence;
      readonly from: FinancialYear | null;
      readonly to: FinancialYear | null;
      readonly explicit: ReadonlyMap<FinancialYear, Pence>;
      readonly status: FundingStatus;
      readonly index: number;
      /** Its Source cell. */
      readonly at: CellRef;
      /** The To cell (or the Source cell without a To column), for notes about when it ends. */
      readonly toAt: CellRef;
    }
  | {
      readonly kind: 'one-off';
      readonly name: string;
      readonly pot: Pence;
      readonly from: FinancialYear | null;
      readonly to: FinancialYear | null;
      readonly status: FundingStatus;
      readonly index: number;
      readonly at: CellRef;
    };
