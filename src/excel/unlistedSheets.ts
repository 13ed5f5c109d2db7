import { type OutputPlan, findOwnershipSheet } from '../engine';
import { HostError } from './host';
import { type ExcelSession, OPERATION_OVERHEAD_BYTES } from './session';

/**
 * Office.js lists worksheets only: a chart sheet (or a dialog or macro sheet) is invisible
 * to every API at ExcelApi 1.9, yet its name is taken, and adding a worksheet of that name
 * fails. The .xlsx reader sees such sheets in workbook.xml; the add-in learns of one only
 * by asking Excel to add a sheet of the name. So before anything is written, the sheets a
 * run would add are tried: each added and deleted again in the same request, which leaves
 * the workbook as it was (one round trip, on a run that adds sheets). A name Excel refuses with ItemAlreadyExists is taken by a
 * sheet the add-in cannot see, and goes to the engine as `otherSheets`, so the run stops
 * with the same message the command-line tool gives.
 */

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The sheets the plan would add: its sheets and the record, less those that exist as worksheets. */
export function sheetsToAdd(plan: OutputPlan, sheetNames: readonly string[]): string[] {
  const wanted = [...plan.sheets.map((s) => s.name), findOwnershipSheet(sheetNames) ?? plan.ownership.name];
  return wanted.filter((name) => !sheetNames.some((n) => sameName(n, name)));
}

/**
 * The names among `names` that Excel will not let a worksheet take, though no worksheet
 * has them. All are tried in one request (adding a sheet of each name and deleting it at
 * once); only if Excel refuses one are they tried again one request each, to learn which.
 * Any other failure is Excel's and is thrown as it is.
 */
export async function namesTakenByUnlistedSheets(session: ExcelSession, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  if (!(await refused(session, names))) return [];
  const taken: string[] = [];
  for (const name of names) if (await refused(session, [name])) taken.push(name);
  return taken;
}

/** Whether Excel refuses to add a worksheet of one of the names (each added and deleted again in one request). */
async function refused(session: ExcelSession, names: readonly string[]): Promise<boolean> {
  await session.write({
    bytes: OPERATION_OVERHEAD_BYTES * 2 * names.length,
    replayable: false,
    queue: () => {
      for (const name of names) session.context.workbook.worksheets.add(name).delete();
    },
  });
  try {
    await session.sync();
    return false;
  } catch (error) {
    if (error instanceof HostError && error.code === 'ItemAlreadyExists') return true;
    throw error;
  }
}
