import type { Issue, Summary } from '../engine';

/**
 * What the task pane asks of its host. The Office.js adapter implements it; tests and
 * the browser check use the same adapter over a fake Excel. The pane never touches
 * `Office` or `Excel` itself.
 */
export interface FoundInput {
  /** The contract name: Localities, Indicators, Parameters, Costs or Funding. */
  readonly name: string;
  readonly source: 'table' | 'sheet';
  readonly sheet: string;
  /** Data rows, header excluded. */
  readonly rows: number;
}

/** The stages a run goes through, named for the progress indicator. */
export type RunStage = 'reading' | 'checking' | 'writing' | 'charts' | 'done';

export const runStageLabels = {
  reading: 'Reading the input tables',
  checking: 'Checking the inputs',
  writing: 'Writing the results sheets',
  charts: 'Drawing charts and formats',
  done: 'Finished',
} as const satisfies Record<RunStage, string>;

export type RunReport =
  | { readonly ok: false; readonly issues: readonly Issue[] }
  | { readonly ok: true; readonly issues: readonly Issue[]; readonly summary: Summary; readonly syncs: number };

export interface PlannerHost {
  /** Which contract tables the workbook has, and how many rows each. */
  findInputs(): Promise<readonly FoundInput[]>;
  /** Reads, checks, plans and writes. Input errors come back as issues; nothing is written then. */
  run(onStage: (stage: RunStage) => void): Promise<RunReport>;
  /** Selects a cell so the user can fix it. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Adds the input tables with example rows where the workbook lacks them; never over an existing sheet. */
  insertStarterTables(): Promise<{ readonly added: readonly string[]; readonly skipped: readonly string[] }>;
}

/**
 * A host failure in plain English (an Office error, a sync that never returned).
 * Thrown by the adapter, shown by the pane as a message bar.
 */
export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(message: string, readonly code: string = 'HostError') {
    super(message);
  }
}
