import type { CellValue } from './cells';
import type { WorkbookInput } from './input';
import type { Issue } from './issues';
import type { OutputPlan } from './plan/types';
import { normalizeWord } from './read/values';

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

/** True when the rows are a record this tool wrote (its title in the first cell). */
export function isOwnershipRecord(rows: readonly (readonly CellValue[])[] | undefined): boolean {
  return rows?.[0]?.[0] === OWNERSHIP_TITLE;
}

/** The record's header row; rows below it are `kind, name, sheet`. */
export const ownershipHeader = ['Kind', 'Name', 'Sheet'] as const;

/** Reads the ownership sheet's rows into items, ignoring anything that is not a record row. */
export function readOwnership(rows: readonly (readonly CellValue[])[] | undefined): OwnedItem[] {
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

/** Everything a plan makes, as ownership items. */
export function ownedBy(plan: Pick<OutputPlan, 'sheets'>): OwnedItem[] {
  return plan.sheets.flatMap((s) => [
    { kind: 'sheet' as const, name: s.name, sheet: s.name },
    ...s.tables.map((t) => ({ kind: 'table' as const, name: t.name, sheet: s.name })),
    ...s.charts.map((c) => ({ kind: 'chart' as const, name: c.name, sheet: s.name })),
  ]);
}

/**
 * Refuses, before anything is written, to write over what the tool did not make: a
 * sheet with an output's name that the record does not list, or a table with an
 * output table's name on a sheet the tool does not own (table names are workbook-wide).
 */
export function checkOwnership(input: WorkbookInput, plan: Pick<OutputPlan, 'sheets'>): Issue[] {
  const recorded = readOwnership(input.ownershipRecord);
  const ownedSheets = new Set(recorded.filter((i) => i.kind === 'sheet').map((i) => normalizeSheet(i.name)));
  const planSheets = new Set(plan.sheets.map((s) => normalizeSheet(s.name)));
  const issues: Issue[] = [];
  const recordSheet = input.sheetNames.find((n) => normalizeSheet(n) === normalizeSheet(OWNERSHIP_SHEET));
  if (recordSheet !== undefined && !isOwnershipRecord(input.ownershipRecord)) {
    // A user's sheet that happens to have the record's name is neither overwritten nor trusted.
    issues.push({ code: 'OWNERSHIP', severity: 'error', table: 'Workbook', sheet: recordSheet,
      message: `The workbook already has a sheet named "${recordSheet}" that Locality Planner did not create; Locality Planner keeps its record of what it made on a sheet of that name, so nothing was written. Rename that sheet, then run again.` });
  }
  for (const sheet of plan.sheets) {
    const existing = input.sheetNames.find((n) => normalizeSheet(n) === normalizeSheet(sheet.name));
    if (existing !== undefined && !ownedSheets.has(normalizeSheet(existing))) {
      issues.push({ code: 'OWNERSHIP', severity: 'error', table: 'Workbook', sheet: existing,
        message: `The workbook already has a sheet named "${existing}" that Locality Planner did not create, so nothing was written. Rename or move that sheet, then run again.` });
    }
  }
  for (const sheet of plan.sheets) {
    for (const table of sheet.tables) {
      const clash = input.tableNames.find((t) => normalizeWord(t.name) === normalizeWord(table.name));
      if (clash && !(ownedSheets.has(normalizeSheet(clash.sheet)) && planSheets.has(normalizeSheet(clash.sheet)))) {
        issues.push({ code: 'OWNERSHIP', severity: 'error', table: 'Workbook', sheet: clash.sheet,
          message: `The sheet "${clash.sheet}" has a table named ${clash.name}, a name Locality Planner uses for its results, so nothing was written. Rename that table, then run again.` });
      }
    }
  }
  return issues;
}

/** Sheet names are unique ignoring case in Excel. */
const normalizeSheet = (name: string): string => name.toLowerCase();
