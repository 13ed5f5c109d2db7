import type { CellValue } from '../cells';
import type { WorkbookInput } from '../input';
import { type Issue, issueAt } from '../issues';
import { sameName } from '../read/tables';
import type { Staged } from '../stage';

/** The very hidden sheet where a workbook records what Locality Planner made (contract §3). */
export const OWNERSHIP_SHEET = '_LocalityPlanner';

export type OwnedKind = 'sheet' | 'table' | 'chart';
export interface OwnedItem {
  readonly kind: OwnedKind;
  readonly name: string;
  readonly sheet: string;
}

/** What the record's first cell says: how a run knows the sheet is its own record and not a user's sheet of that name. */
export const OWNERSHIP_TITLE = 'Locality Planner ownership record';

/** The record's header row; rows below it are `kind, name, sheet`. */
export const ownershipHeader = ['Kind', 'Name', 'Sheet'] as const;

/**
 * The workbook's ownership sheet, found the same way by both hosts: a sheet named
 * `_LocalityPlanner`, ignoring case as Excel does. Its rows go to the engine as
 * `WorkbookInput.ownershipRecord`.
 */
export function findOwnershipSheet(sheetNames: readonly string[]): string | undefined {
  return sheetNames.find((n) => sameName(n, OWNERSHIP_SHEET));
}

/** True when the rows are a record this tool wrote (its title in the first cell). */
function isOwnershipRecord(rows: readonly (readonly CellValue[])[] | undefined): boolean {
  return rows?.[0]?.[0] === OWNERSHIP_TITLE;
}

/** Reads the ownership sheet's rows into items, ignoring anything that is not a record row. */
function readOwnership(rows: readonly (readonly CellValue[])[] | undefined): OwnedItem[] {
  if (!rows || !isOwnershipRecord(rows)) return [];
  const items: OwnedItem[] = [];
  for (const row of rows) {
    const [kind, name, sheet] = row;
    if ((kind === 'sheet' || kind === 'table' || kind === 'chart') && typeof name === 'string' && name !== '') {
      items.push({ kind, name, sheet: typeof sheet === 'string' ? sheet : name });
    }
  }
  return items;
}

/** What a run will make: its sheets, and each table with the sheet it goes on. */
export interface PlannedNames {
  readonly sheets: readonly string[];
  readonly tables: readonly { readonly name: string; readonly sheet: string }[];
}

/**
 * What the record lists that is still in the workbook and that a plan does not make
 * again: the results of an earlier run under another Output sheet prefix. They stay
 * listed, so they remain the tool's to refresh and are never taken for a user's sheets.
 * (A table or chart is kept with its sheet.)
 */
export function keptFromEarlierRuns(input: WorkbookInput, planned: PlannedNames): OwnedItem[] {
  const stays = (sheet: string) => input.sheetNames.some((n) => sameName(n, sheet)) && !planned.sheets.some((p) => sameName(p, sheet)) && !sameName(sheet, OWNERSHIP_SHEET);
  const sheets = readOwnership(input.ownershipRecord).filter((i) => i.kind === 'sheet' && stays(i.name));
  return readOwnership(input.ownershipRecord).filter((i) => sheets.some((s) => sameName(s.name, i.sheet)) && (i.kind === 'sheet' || input.tableNames.some((t) => sameName(t.name, i.name)) || i.kind === 'chart'));
}

/**
 * Refuses, before anything is written, to write over what the tool did not make: a
 * sheet with an output's name that the record does not list, or a table with an output
 * table's name on a sheet the tool does not own (table names are workbook-wide).
 */
export function checkOwnership(input: WorkbookInput, planned: PlannedNames): Staged<void> {
  const recorded = readOwnership(input.ownershipRecord);
  const owned = (sheet: string) => recorded.some((i) => i.kind === 'sheet' && sameName(i.name, sheet));
  const issues: Issue[] = [];
  const recordSheet = findOwnershipSheet(input.sheetNames);
  if (recordSheet !== undefined && !isOwnershipRecord(input.ownershipRecord)) {
    // A user's sheet that happens to have the record's name is neither overwritten nor trusted.
    issues.push(issueAt({ code: 'OWNERSHIP', clash: 'record', sheetName: recordSheet, tableName: null }, { table: 'Workbook', sheet: recordSheet }));
  }
  for (const name of planned.sheets) {
    const existing = input.sheetNames.find((n) => sameName(n, name));
    if (existing !== undefined && !owned(existing)) issues.push(issueAt({ code: 'OWNERSHIP', clash: 'sheet', sheetName: existing, tableName: null }, { table: 'Workbook', sheet: existing }));
  }
  for (const table of planned.tables) {
    const clash = input.tableNames.find((t) => sameName(t.name, table.name));
    if (clash && !(owned(clash.sheet) && planned.sheets.some((s) => sameName(s, clash.sheet)))) {
      issues.push(issueAt({ code: 'OWNERSHIP', clash: 'table', sheetName: clash.sheet, tableName: clash.name }, { table: 'Workbook', sheet: clash.sheet }));
    }
  }
  return { value: undefined, issues };
}
