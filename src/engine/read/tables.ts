import { cellAddress } from '../address';
import { isBlank } from '../cells';
import { type InputTableName, type SourceTable, type WorkbookInput, inputTableNames } from '../input';
import { type Issue, issueAt } from '../issues';
import type { InputRead } from '../results';
import type { Staged } from '../stage';
import { areaOf } from './table';

/** Sheet and table names match ignoring case, as Excel compares them (contract §1). */
export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Where a contract input lives in a workbook. */
export interface LocatedInput {
  /** The contract name: Localities, Indicators, Parameters, Costs or Funding. */
  readonly name: InputTableName;
  readonly source: 'table' | 'sheet';
  /** The table's or sheet's own name, as the user wrote it. */
  readonly actualName: string;
  /** The sheet it is on. */
  readonly sheet: string;
}

/**
 * The one rule for finding the inputs, used by both hosts (contract §1): for each
 * contract name, an Excel table of that name (ignoring case) wherever it is; failing
 * that, a sheet of that name.
 */
export function locateInputs(workbook: { readonly sheetNames: readonly string[]; readonly tableNames: readonly { readonly name: string; readonly sheet: string }[] }): LocatedInput[] {
  const located: LocatedInput[] = [];
  for (const name of inputTableNames) {
    const table = workbook.tableNames.find((t) => sameName(t.name, name));
    const sheet = workbook.sheetNames.find((s) => sameName(s, name));
    if (table) located.push({ name, source: 'table', actualName: table.name, sheet: table.sheet });
    else if (sheet !== undefined) located.push({ name, source: 'sheet', actualName: sheet, sheet });
  }
  return located;
}

/** The contract's inputs a run found, by contract name, and what Run info says about them. */
export interface FoundTables {
  readonly tables: { readonly [N in InputTableName]?: SourceTable };
  readonly inputs: readonly InputRead[];
}

/** Notes for merged areas over data: the host copied the area's value into each of its cells, as Excel shows it. */
function mergedNotes(name: InputTableName, table: SourceTable): Issue[] {
  const notes: Issue[] = [];
  for (const ref of table.mergedRanges ?? []) {
    const area = areaOf(ref);
    // A merged header cell is the header's own matter (it counts once, at its first column).
    if (!area || area.bottom <= table.origin.row) continue;
    const row = Math.max(area.top, table.origin.row + 1) - table.origin.row - 1;
    const column = Math.max(area.left, table.origin.column) - table.origin.column;
    notes.push(issueAt(
      { code: 'MERGED_CELLS', area: ref.toUpperCase().replace(/\$/g, ''), value: table.rows[row]?.[column] ?? null, across: area.left === area.right ? 'rows' : 'cells' },
      { table: name, sheet: table.sheet, cell: cellAddress(area.top, area.left), area: ref.toUpperCase().replace(/\$/g, '') },
    ));
  }
  return notes;
}

/**
 * The first stage: which of the contract's inputs the workbook has (a host hands over
 * the ones it located; names match ignoring case), with a note for hidden rows and merged
 * areas. No input at all is an error.
 */
export function readTables(input: WorkbookInput): Staged<FoundTables> {
  const issues: Issue[] = [];
  const tables: { [N in InputTableName]?: SourceTable } = {};
  const inputs: InputRead[] = [];
  for (const name of inputTableNames) {
    const table = input.tables.find((t) => sameName(t.name, name));
    if (!table) continue;
    tables[name] = table;
    inputs.push({ name, source: table.source, sheet: table.sheet, rows: table.rows.filter((row) => row.some((c) => !isBlank(c ?? null))).length });
    if (table.hasHiddenRows) issues.push(issueAt({ code: 'HIDDEN_ROWS', name }, { table: name, sheet: table.sheet }));
    issues.push(...mergedNotes(name, table));
  }
  if (inputs.length === 0) issues.push(issueAt({ code: 'NO_INPUTS' }, { table: 'Workbook' }));
  return { value: { tables, inputs }, issues };
}
