import type { AffordabilitySentences, AmountsShown, ChangesSinceLastRun, Issue, Summary, TriedChange, WorkbookInput } from '../engine';

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

/**
 * The stages a run goes through, named for the progress indicator. Checking the inputs and
 * working out the results are one stage: the engine does both in one call (`runPlanner`).
 */
export type RunStage = 'reading' | 'checking' | 'writing' | 'charts' | 'done';

export const runStageLabels = {
  reading: 'Reading the input tables',
  checking: 'Checking the inputs and working out the results',
  writing: 'Writing the results sheets',
  charts: 'Drawing charts and formats',
  done: 'Finished',
} as const satisfies Record<RunStage, string>;

/** Where a run is: its stage, and within writing and charts how much is done (rows, then sheets). */
export interface RunProgress {
  readonly stage: RunStage;
  readonly done?: number;
  readonly total?: number;
}

/** The run's totals over the projection in pounds, exact to the penny (added in whole pence; revenue figures, as the sheets show them). */
export interface RunTotals {
  readonly cost: number;
  readonly funding: number;
  readonly shortfall: number;
}

export type RunReport =
  | {
      readonly ok: false;
      readonly issues: readonly Issue[];
      /** When the run read the inputs (ISO 8601). */
      readonly ranAt: string;
    }
  | {
      readonly ok: true;
      readonly issues: readonly Issue[];
      readonly summary: Summary;
      readonly totals: RunTotals;
      /** The result sheets written, in tab order (the pane offers to open some of them). */
      readonly sheets: readonly string[];
      /** Contract v1.1 §6.3: the affordability answers in words; null when they were not worked out. */
      readonly affordability: AffordabilitySentences | null;
      /** The inputs as this run read them: Try a change plans them again in the pane, writing nothing. */
      readonly input: WorkbookInput;
      /** What changed since the workbook's previous run, from the run history its record keeps (issue 14, part 5). */
      readonly changes: ChangesSinceLastRun;
      /** The run's `Show amounts in` (contract §5.7): the pane writes money as the sheets show it. */
      readonly amountsShown: AmountsShown;
      readonly syncs: number;
      readonly ranAt: string;
    };

/** Why a starter table was not added. */
export type StarterSkipReason =
  /** The workbook already has this input (as a table or a sheet), or a sheet or table of its name. */
  | 'exists'
  /** Indicators names Localities columns, and the workbook's own Localities may not have them. */
  | 'own-localities';

export interface StarterTablesResult {
  readonly added: readonly string[];
  readonly skipped: readonly { readonly name: string; readonly reason: StarterSkipReason }[];
}

/** One risky call "Check this Excel" tried, and how it went. */
export interface CompatibilityCheck {
  readonly id: 'text' | 'chart-axes' | 'unfreeze-hidden' | 'blank-series' | 'print-and-alt-text' | 'sheet-mark' | 'payload';
  readonly label: string;
  readonly passed: boolean;
  /** What happened, in plain words (Excel's error code at the end when it failed). */
  readonly detail: string;
}

export interface CompatibilityReport {
  readonly checks: readonly CompatibilityCheck[];
  /** The request budget now kept in the workbook's settings. */
  readonly requestBudgetBytes: number;
}

/** What "Save as scenario" did: where the scenario went and how many rows it added or reused; or why not, in plain words. */
export type SaveScenarioResult =
  | { readonly ok: true; readonly name: string; readonly sheet: string; readonly created: boolean; readonly rowsAdded: number; readonly rowsReused: number }
  | { readonly ok: false; readonly message: string };

export interface PlannerHost {
  /**
   * Adds the tried changes as a scenario column of the Scenarios table, creating the table on a
   * new sheet when there is none (issue 12); touches nothing else. `input` is what the last run read.
   */
  saveScenario(name: string, changes: readonly TriedChange[], input: WorkbookInput): Promise<SaveScenarioResult>;
  /** Which contract tables the workbook has, and how many rows each. */
  findInputs(): Promise<readonly FoundInput[]>;
  /** Reads, checks, plans and writes. Input errors come back as issues; nothing is written then. */
  run(onProgress: (progress: RunProgress) => void): Promise<RunReport>;
  /**
   * Selects cells so the user can fix them: one area (`C4`, `D2:D51`) or several. Excel before
   * ExcelApi 1.18 selects one area at a time, so the answer says which area was selected.
   */
  selectCells(sheet: string, areas: readonly string[]): Promise<{ readonly selected: string }>;
  /** Shows a sheet (a result sheet after a run). */
  showSheet(sheet: string): Promise<void>;
  /** Adds the input tables with example rows where the workbook lacks them; never over an existing sheet. */
  insertStarterTables(): Promise<StarterTablesResult>;
  /** Writes the issues to a new sheet of the user's own (never over an existing one) and shows it; answers its name. */
  writeIssuesSheet(issues: readonly Issue[]): Promise<{ readonly sheet: string }>;
  /** Runs each risky call once on a temporary very hidden sheet, removes it, and keeps the calibrated request budget. */
  checkExcel(): Promise<CompatibilityReport>;
  /**
   * Calls `onChange` when an input table may have changed (a cell edited on an input's sheet,
   * an input sheet or table added or removed). Answers how to stop listening.
   */
  watchInputs(onChange: () => void): Promise<() => void>;
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
