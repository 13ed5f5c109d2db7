import { type CellValue, type TriedChange, type WorkbookInput, ownsSheet, savedScenarioColumn } from '../engine';
import type { SaveScenarioResult } from './host';
import { quoteForExcel } from './compatibilityProbe';
import { listWorkbook } from './readWorkbook';
import type { ExcelSession } from './session';

/** The sheet "Save as scenario" puts a new Scenarios table on: the user's own, never an output sheet's name. */
export const SCENARIOS_INPUT_SHEET = 'What if';

/** A value as Excel gave it, as the engine reads it (blank → null). */
const cellOf = (v: unknown): CellValue => (v === '' || v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : String(v));

/** A value to write: text behind Excel's quote prefix so `=`, `3%` or `2012/13` stay as typed (see textCells.ts). */
const toExcel = (v: CellValue): unknown => (v === null ? '' : typeof v === 'string' ? quoteForExcel(v) : typeof v === 'object' ? '' : v);

const plainWhy = {
  blank: 'Give the scenario a name.',
  reserved: '"Base" and "Confirmed funding only" are cases every run plans; give the scenario another name.',
  repeated: 'The Scenarios table already has a scenario of that name; give this one another name.',
  'no-item-column': 'The Scenarios table has no Item column, so the changes cannot be written to it; add one (contract: Table, Item, Field, then one column per scenario).',
  'no-changes': 'Try at least one change before saving it as a scenario.',
} as const;

/**
 * Save as scenario (issue 12): adds the tried changes as a new column of the workbook's
 * Scenarios table (contract v1.1 §6.1), rows matched and added by `savedScenarioColumn`,
 * or creates the table on a new sheet of the user's own when there is none. Touches no
 * other table or sheet. Two syncs to create, three to add a column, whatever the size.
 * `input` is the inputs as the last run read them: a Scenarios input kept as a plain sheet
 * (not the tool's own Scenarios output) is left alone, and the user told to make it a table.
 */
export async function saveScenario(session: ExcelSession, name: string, changes: readonly TriedChange[], input: WorkbookInput): Promise<SaveScenarioResult> {
  const { sheetNames, tableNames } = await listWorkbook(session);
  const found = tableNames.find((t) => t.name.toLowerCase() === 'scenarios');
  const workbook = session.context.workbook;
  if (found) {
    const table = workbook.tables.getItem(found.name);
    const header = table.getHeaderRowRange().load('values');
    const body = table.getDataBodyRange().load('values');
    await session.sync();
    const headerRow = header.values[0].map(cellOf);
    const rows = body.values.map((r) => r.map(cellOf));
    // An empty table's one data row is all blank: it is a row like any other.
    const saved = savedScenarioColumn(headerRow, rows, name.trim(), changes);
    if (!saved.ok) return { ok: false, message: plainWhy[saved.why] };
    table.columns.add(undefined, [[quoteForExcel(name.trim())], ...saved.existing.map((v) => [toExcel(v)])] as (string | number | boolean)[][]);
    if (saved.added.length > 0) table.rows.add(undefined, saved.added.map((r) => r.map(toExcel)) as (string | number | boolean)[][]);
    await session.sync();
    return { ok: true, name: name.trim(), sheet: found.sheet, created: false, rowsAdded: saved.added.length, rowsReused: saved.existing.filter((v) => v !== null).length };
  }
  const ownSheet = input.tables.find((t) => t.name.toLowerCase() === 'scenarios' && t.source === 'sheet' && !ownsSheet(input, t.sheet));
  if (ownSheet) return { ok: false, message: `The Scenarios input is the sheet "${ownSheet.sheet}", not a table; make it an Excel table named Scenarios (Insert > Table) and save again.` };
  const saved = savedScenarioColumn(['Table', 'Item', 'Field'], [], name.trim(), changes);
  if (!saved.ok) return { ok: false, message: plainWhy[saved.why] };
  const taken = new Set(sheetNames.map((s) => s.toLowerCase()));
  let sheetName = SCENARIOS_INPUT_SHEET;
  for (let n = 2; taken.has(sheetName.toLowerCase()); n++) sheetName = `${SCENARIOS_INPUT_SHEET} ${n}`;
  const sheet = workbook.worksheets.add(sheetName);
  const values = [['Table', 'Item', 'Field', quoteForExcel(name.trim())], ...saved.added.map((r) => r.map(toExcel))];
  const range = sheet.getRangeByIndexes(0, 0, values.length, 4);
  range.values = values as (string | number | boolean)[][];
  const table = sheet.tables.add(range, true);
  table.name = 'Scenarios';
  await session.sync();
  return { ok: true, name: name.trim(), sheet: sheetName, created: true, rowsAdded: saved.added.length, rowsReused: 0 };
}
