import type { CellValue } from './cells';

/** The contract's input tables, in the order they are read and reported (contract §2, v1.1 §6.1). */
export const inputTableNames = ['Localities', 'Indicators', 'Parameters', 'Costs', 'Funding', 'Scenarios'] as const;
export type InputTableName = (typeof inputTableNames)[number];

/** The tables a plan is made from (contract §2): every input but Scenarios, which only adds cases to plan (v1.1 §6.1). */
export const planningTableNames = ['Localities', 'Indicators', 'Parameters', 'Costs', 'Funding'] as const satisfies readonly InputTableName[];

/**
 * One input as a host found it: an Excel table (ListObject) or, failing that, a sheet
 * of the same name whose first non-empty row is the header. Both hosts hand the engine
 * this shape and nothing else (contract §1).
 */
export interface SourceTable {
  /** The name as the user wrote it (ListObject name or sheet name). */
  readonly name: string;
  readonly source: 'table' | 'sheet';
  /** The worksheet it is on, for addresses in messages and for selecting the cell. */
  readonly sheet: string;
  /** Zero-based sheet row and column of the header row's first cell. */
  readonly origin: { readonly row: number; readonly column: number };
  /** The header row's cells, left to right. */
  readonly header: readonly CellValue[];
  /**
   * Data rows under the header, top to bottom: row i is sheet row origin.row + 1 + i.
   * A host may leave a column the engine does not need (see `columnsNeeded`) as nulls.
   */
  readonly rows: readonly (readonly CellValue[])[];
  /** True when some of these rows are hidden (filtered or hidden by hand). */
  readonly hasHiddenRows?: boolean;
  /** Merged areas overlapping the table whose top-left value the host copied into every cell of the area: A1 ranges on `sheet`, such as `B2:B9`. */
  readonly mergedRanges?: readonly string[];
}

/**
 * A sheet that is not a worksheet: it holds no inputs and is never the tool's, but its
 * name is taken all the same. `sheet` is a sheet of a kind the host cannot tell (the
 * add-in learns only that a name is taken: Office.js lists worksheets alone).
 */
export type OtherSheetKind = 'chart sheet' | 'dialog sheet' | 'macro sheet' | 'sheet';

/** Everything the engine is given: the inputs found, and what else the workbook holds. */
export interface WorkbookInput {
  readonly tables: readonly SourceTable[];
  /** Every worksheet's name (very hidden ones too), to refuse writing over a user's sheet. */
  readonly sheetNames: readonly string[];
  /**
   * Sheets of other kinds (chart, dialog and macro sheets), to refuse a name they take: every
   * one in a file; in the add-in, those found among the names a run would add.
   */
  readonly otherSheets?: readonly { readonly name: string; readonly kind: OtherSheetKind }[];
  /** Every Excel table's name and the sheet it is on (table names are workbook-wide). */
  readonly tableNames: readonly { readonly name: string; readonly sheet: string }[];
  /** Every chart's name and sheet, where the host can see them. */
  readonly chartNames?: readonly { readonly name: string; readonly sheet: string }[];
  /** The rows of the `_LocalityPlanner` ownership sheet, if the workbook has one. */
  readonly ownershipRecord?: readonly (readonly CellValue[])[];
  /** The text of each worksheet's `_LocalityPlannerSheet` defined name (scoped to that sheet), where it has one: the tool's mark on its own sheets. */
  readonly sheetMarks?: readonly { readonly sheet: string; readonly mark: string }[];
  /** A1 and A2 of the worksheets `sheetsToProveByOpening` names, which no mark proves. */
  readonly openingCells?: readonly { readonly sheet: string; readonly a1: CellValue; readonly a2: CellValue }[];
}

/** What the run is told by its host, not read from the workbook. */
export interface RunContext {
  /** When the run happened (shown in Run info; injected so runs are reproducible). */
  readonly now: Date;
  /** The tool's version, e.g. `0.1.0`. */
  readonly toolVersion: string;
  /** Who ran it: `Excel add-in` or `command-line tool`. */
  readonly host: string;
  /**
   * How much of contract v1.1 §6 to work out: everything (the default), or the cases
   * alone (Base, the scenarios, Confirmed funding only), for the pane's Try a change,
   * which shows only a case's shortfall, and for measuring what the rest costs.
   */
  readonly whatIf?: 'full' | 'cases';
}
