/**
 * The `--json` summary, exactly as contract §4 fixes it: amounts in pounds rounded to
 * the penny, years written `2011/12`.
 */
export interface Summary {
  readonly version: 1;
  readonly years: readonly string[];
  readonly selected: readonly {
    readonly locality: string;
    readonly district: string | null;
    readonly rank: number | null;
    readonly needScore: number | null;
    readonly reason: 'override' | 'district' | 'additional' | 'all';
  }[];
  readonly projection: readonly {
    readonly year: string;
    readonly cost: number;
    readonly recurringFunding: number;
    readonly drawdown: number;
    readonly funding: number;
    readonly shortfall: number;
    readonly surplus: number;
  }[];
  readonly pots: readonly {
    readonly source: string;
    readonly opening: number;
    readonly drawdown: readonly number[];
    readonly exhaustedIn: string | null;
  }[];
  readonly allocation: readonly { readonly year: string; readonly locality: string; readonly amount: number }[];
  readonly warnings: readonly {
    readonly severity: 'High' | 'Medium' | 'Low';
    readonly code: string;
    readonly year: string | null;
    readonly amount: number | null;
    readonly message: string;
  }[];
  readonly issues: readonly {
    readonly severity: 'error' | 'warning';
    readonly table: string;
    readonly cell: string | null;
    readonly message: string;
  }[];
}
