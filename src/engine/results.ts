import type { Allocation } from './allocate';
import type { CapitalProjection } from './capital';
import type { CostProjection } from './cost';
import type { Pence } from './money';
import type { FundingProjection } from './fund';
import type { Indicator, Parameters, ParameterSources } from './model';
import type { Priority } from './prioritise';
import type { RunHistory } from './runHistory';
import type { Warning } from './warnings';
import type { WhatIf } from './whatIf';
import type { FinancialYear } from './years';

/** An input as it was read, for Run info. */
export interface InputRead {
  readonly name: string;
  readonly source: 'table' | 'sheet';
  readonly sheet: string;
  readonly rows: number;
}

/** Everything a run worked out, in the users' terms; the plan and the summary are views of it. */
export interface PlanResults {
  readonly years: readonly FinancialYear[];
  readonly parameters: Parameters;
  readonly parameterSources: ParameterSources;
  readonly indicators: readonly Indicator[];
  /** Every locality in table order. */
  readonly priorities: readonly Priority[];
  readonly costs: CostProjection;
  /** Revenue funding: Shortfall, SHORTFALL and the what-if measures are these figures. */
  readonly funding: FundingProjection;
  /** Capital, funded apart from revenue (contract v1.1 §5.3). */
  readonly capital: CapitalProjection;
  /** Every devolved budget shared out (the Allocation pot and Shared out lines); null when there is none. */
  readonly allocation: Allocation | null;
  /** Each locality's cost over the projection, by locality index (contract v1.1 §5.6, Priorities). */
  readonly localityCosts: readonly Pence[];
  /** Contract v1.1 §6: Base, the scenarios and Confirmed funding only; sensitivity; affordability. */
  readonly whatIf: WhatIf;
  readonly warnings: readonly Warning[];
  readonly inputs: readonly InputRead[];
  /** The sheet the Scenarios input was read from, if any: the Scenarios output is named beside it when the names meet (see outputNames). */
  readonly scenariosInputSheet?: string;
  /** SHA-256 of the values read, so two runs can be told to have had the same inputs. */
  readonly fingerprint: string;
  readonly runAt: Date;
  readonly toolVersion: string;
  readonly host: string;
  /** Every run the workbook's record keeps, this one last (issue 14, part 5): Run info lists them. */
  readonly runHistory: RunHistory;
}
