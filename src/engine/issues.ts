import type { CellAddress } from './address';

/**
 * Input issues are values, not exceptions: every reader keeps going and returns what
 * it found wrong, so one run reports every bad cell at once (contract §4, exit 1).
 * An `error` stops the run before anything is written; a `warning` is reported in
 * the Warnings sheet with code INPUT and the run goes on.
 */
export type IssueCode =
  | 'NOT_FOUND' // a required table, or a table a parameter needs, is missing
  | 'MISSING_COLUMN' // a required field has no column
  | 'HEADER' // a header problem: blank, repeated, merged, or the header row is not where expected
  | 'REQUIRED' // a required cell is blank
  | 'DUPLICATE' // a value that must be unique is repeated
  | 'BAD_AMOUNT'
  | 'BAD_NUMBER'
  | 'BAD_YEAR'
  | 'BAD_RATE'
  | 'BAD_CHOICE' // a word that must be one of a list
  | 'EXCEL_ERROR' // #N/A and friends where a value belongs
  | 'OUT_OF_RANGE' // a value outside what makes sense (negative, zero weight, From after To)
  | 'UNKNOWN_LOCALITY'
  | 'UNKNOWN_PARAMETER'
  | 'MISSING_INDICATOR' // a locality without an indicator value: not ranked
  | 'QUOTA_SHORT' // fewer localities than a quota asks for
  | 'NOT_APPLIED' // a value that cannot take effect (a year outside the projection, a line for an unselected locality)
  | 'HIDDEN_ROWS'
  | 'OWNERSHIP'; // an output would land on something the tool did not create

export type IssueSeverity = 'error' | 'warning';

export interface Issue {
  readonly code: IssueCode;
  readonly severity: IssueSeverity;
  /** The contract table the issue is in (`Funding`), or `Workbook` for the workbook as a whole. */
  readonly table: string;
  /** The worksheet, so a host can select the cell. */
  readonly sheet?: string;
  /** The cell, as Excel writes it (`C4`); absent for a whole-table issue. */
  readonly cell?: CellAddress;
  /** Plain English: what is wrong, what was found, what is expected. */
  readonly message: string;
}

/** `Funding!C4: …` — how the CLI prints an issue. */
export function formatIssue(issue: Issue): string {
  const where = issue.cell ? `${issue.sheet ?? issue.table}!${issue.cell}` : issue.table;
  return `${where}: ${issue.message}`;
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');
