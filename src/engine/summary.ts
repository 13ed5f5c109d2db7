/**
 * The `--json` summary, as contract §4 fixes it and v1.1 (§5.4, §6.4) extends it:
 * amounts in pounds rounded to the penny, years written `2011/12`. Projection rows are
 * revenue figures (their `drawdown` is what one-off pots and reserves paid), with the
 * capital account beside them.
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
    /** Contract v1.1 §6.4: the capital account and the running total of Shortfall, beside the revenue figures above. */
    readonly capitalCost: number;
    readonly capitalFunding: number;
    readonly capitalShortfall: number;
    readonly cumulativeShortfall: number;
  }[];
  /** One-off pots, then reserves (v1.1 §5.5), each with what it paid each year: together they make each year's `drawdown`. */
  readonly pots: readonly {
    readonly source: string;
    readonly opening: number;
    readonly drawdown: readonly number[];
    readonly exhaustedIn: string | null;
  }[];
  /** Each Shared out line's share for each recipient and year (v1.1 §5.4); `line` is the Cost line, `Allocation pot` for the parameter. */
  readonly allocation: readonly { readonly line: string; readonly year: string; readonly locality: string; readonly amount: number }[];
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
  /** Contract v1.1 §6.4: Base, each scenario in column order, then Confirmed funding only; revenue figures. */
  readonly scenarios: readonly {
    readonly name: string;
    readonly kind: 'base' | 'scenario' | 'confirmed-only';
    readonly selected: number;
    readonly projection: readonly { readonly year: string; readonly cost: number; readonly funding: number; readonly shortfall: number; readonly surplus: number }[];
    readonly totalShortfall: number;
    readonly firstShortfallYear: string | null;
  }[];
  /** Contract v1.1 §6.4: each input moved down and up, largest swing first; rates as fractions, amounts in pounds. */
  readonly sensitivity: readonly {
    readonly input: string;
    readonly table: string;
    readonly cell: string | null;
    readonly base: number;
    readonly low: number;
    readonly high: number;
    readonly shortfallLow: number;
    readonly shortfallHigh: number;
    readonly swing: number;
  }[];
  /** Contract v1.1 §6.4: each answer, or null where it does not apply (or no value of it closes the gap). */
  readonly affordability: {
    readonly localities: { readonly additional: number; readonly selected: number } | null;
    readonly costPerLocality: number | null;
    readonly newRecurringFunding: { readonly amount: number; readonly fromYear: string | null } | null;
  };
}
