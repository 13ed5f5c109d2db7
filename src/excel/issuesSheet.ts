import type { Issue, OutputCell, SheetPlan } from '../engine';
import { decorate } from './applyPlan';
import type { ExcelSession } from './session';
import { writeCells } from './textCells';

/**
 * "Write issues to a sheet": the problems a run found, one row a cell, on a new sheet the
 * user owns from then on. It is never written over: each time gets a sheet of its own
 * (`Input problems`, `Input problems 2`, ...), and the planner never touches it again, so a
 * finance officer can sort it, tick rows off and send it round.
 */

export const ISSUES_SHEET = 'Input problems';

const severityInWords = { error: 'Must fix', warning: 'Check' } as const satisfies Record<Issue['severity'], string>;

/** A sheet name not yet taken (ignoring case, as Excel does). */
export function freeIssuesSheetName(taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(ISSUES_SHEET.toLowerCase())) return ISSUES_SHEET;
  let n = 2;
  while (used.has(`${ISSUES_SHEET} ${n}`.toLowerCase())) n++;
  return `${ISSUES_SHEET} ${n}`;
}

/** The sheet as a plan, so the same writer as the results writes it (text kept as text). */
export function issuesSheetPlan(name: string, issues: readonly Issue[], ranAt: string): SheetPlan {
  const header = ['What to do', 'Table', 'Sheet', 'Cell', 'Problem'];
  const rows: OutputCell[][] = issues.map((i) => [severityInWords[i.severity], i.table, i.sheet ?? i.table, i.cell ?? '', i.message]);
  const cells: OutputCell[][] = [[`Problems found by Locality Planner on ${ranAt}. This sheet is yours: the planner never changes it.`], header, ...rows];
  return {
    name,
    visibility: 'visible',
    cells,
    columnWidths: [12, 14, 16, 8, 90],
    rowHeights: [],
    // Every cell here is text, as the results' text cells are.
    numberFormats: [{ range: { row: 0, column: 0, rows: cells.length, columns: header.length }, numberFormat: 'text' }],
    styles: [
      { range: { row: 0, column: 0, rows: 1, columns: 1 }, italic: true },
      { range: { row: 1, column: 0, rows: 1, columns: header.length }, bold: true, fill: '#DDEBF7', border: { edge: 'bottom', color: '#7F7F7F' } },
      { range: { row: 2, column: 4, rows: Math.max(rows.length, 1), columns: 1 }, wrap: true },
    ],
    tables: [],
    conditionalFormats: [],
    charts: [],
    freeze: { rows: 2, columns: 0 },
    // The user's sheet from the start: it prints as Excel's settings say.
    page: null,
  };
}

/** Adds the sheet, writes it and shows it; answers its name. */
export async function writeIssuesSheet(session: ExcelSession, issues: readonly Issue[], ranAt: string): Promise<string> {
  const sheets = session.context.workbook.worksheets.load('items/name');
  await session.sync();
  const name = freeIssuesSheetName(sheets.items.map((s) => s.name));
  const plan = issuesSheetPlan(name, issues, ranAt);
  await session.write({ bytes: 400, replayable: false, queue: () => void session.context.workbook.worksheets.add(name) });
  await writeCells(session, plan);
  await decorate(session, plan);
  await session.write({ bytes: 200, replayable: true, queue: () => session.context.workbook.worksheets.getItem(name).activate() });
  await session.sync();
  return name;
}
