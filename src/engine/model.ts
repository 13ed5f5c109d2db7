import type { CellAddress } from './address';
import type { Decimal, Pence } from './money';
import type { FinancialYear } from './years';

/** A row of the Localities table (contract §2). */
export interface Locality {
  /** Position among the localities read, for stable "table order" tie-breaks. */
  readonly index: number;
  /** The data row of the Localities table it came from. */
  readonly row: number;
  readonly name: string;
  readonly district: string | null;
  readonly imdRank: number | null;
  readonly imdScore: number | null;
  readonly population: number | null;
  readonly wards: number | null;
  readonly override: 'include' | 'exclude' | null;
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

export type AllocationMethod = 'equal' | 'per-ward' | 'per-head' | 'need-weighted';

/** The Parameters table with defaults filled in (contract §2). */
export interface Parameters {
  readonly firstYear: FinancialYear;
  readonly years: number;
  readonly perDistrict: number;
  readonly additional: number;
  readonly costPerLocality: Pence;
  readonly programmeMultiplier: Decimal;
  readonly payInflation: Decimal;
  readonly nonPayInflation: Decimal;
  readonly shortfallTolerance: Pence;
  readonly allocationPot: Pence | null;
  readonly allocationMethod: AllocationMethod;
  readonly allocateTo: 'selected' | 'all';
}

export type ParameterKey = keyof Parameters;

/** Where each parameter's value came from, for Run info: a cell, or the default. */
export type ParameterSources = Readonly<Record<ParameterKey, { readonly cell: CellAddress; readonly sheet: string } | 'default' | 'derived'>>;

export type AppliesTo =
  | { readonly kind: 'programme' }
  | { readonly kind: 'each-locality' }
  | { readonly kind: 'locality'; readonly locality: string };

export type Inflation =
  | { readonly kind: 'pay' }
  | { readonly kind: 'non-pay' }
  | { readonly kind: 'none' }
  | { readonly kind: 'rate'; readonly rate: Decimal };

/** A row of the Costs table. */
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
  readonly cell: CellAddress;
  readonly sheet: string;
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
      /** The To cell (or the Source cell without a To column), for notes. */
      readonly toCell?: CellAddress;
    }
  | {
      readonly kind: 'one-off';
      readonly name: string;
      readonly pot: Pence;
      readonly from: FinancialYear | null;
      readonly to: FinancialYear | null;
      readonly status: FundingStatus;
      readonly index: number;
    };
