import type { Issue } from './issues';
import type { OutputPlan } from './plan/types';
import type { Summary } from './summary';
import type { PlanResults } from './results';
import type { ChangesSinceLastRun } from './runHistory';

/**
 * What a run gives back. With any input error there are only issues, and the hosts
 * write nothing. Otherwise: the results, the output plan both adapters apply, and the
 * JSON summary; non-stopping issues ride along as INPUT warnings.
 */
export type PlannerOutcome =
  | { readonly ok: false; readonly issues: readonly Issue[] }
  | {
      readonly ok: true;
      readonly issues: readonly Issue[];
      readonly results: PlanResults;
      readonly plan: OutputPlan;
      readonly summary: Summary;
      /** What changed since the workbook's previous run (selection, totals, warnings), for the pane and the CLI. */
      readonly changes: ChangesSinceLastRun;
    };
