import { inputTableNames } from '../engine';
import type { ExcelRunner } from './officeHost';

/**
 * Tells the pane when the inputs may have changed since the last run, so it can say
 * "inputs changed since this run" and look for the input tables again. It listens to
 * Excel's own events (ExcelApi 1.7 and 1.9, within the manifest's 1.9): a cell changed on a
 * sheet that holds an input; a sheet or table added whose name is an input's; a sheet that
 * held an input deleted. Changes the planner makes to its own result sheets are not inputs
 * and are ignored. A sheet renamed is only noticed at the next Refresh or run (the rename
 * event needs ExcelApi 1.17).
 */

/** How long after the last sheet or table is added or deleted the watcher looks at the sheets (a run adds six in one go). */
export const RELIST_AFTER_MS = 200;

const isInputName = (name: string): boolean => inputTableNames.some((n) => n.toLowerCase() === name.toLowerCase());

interface Listing {
  /** Ids of the sheets that hold an input (a table named as one, or a sheet named as one). */
  readonly inputSheetIds: ReadonlySet<string>;
  /** A stable description of where the inputs are, to tell whether it changed. */
  readonly key: string;
}

async function listInputs(context: Excel.RequestContext): Promise<Listing> {
  const sheets = context.workbook.worksheets.load('items/id,items/name');
  const tables = context.workbook.tables.load('items/name,items/worksheet/id,items/worksheet/name');
  await context.sync();
  const ids = new Set<string>();
  const where: string[] = [];
  for (const sheet of sheets.items) {
    // A sheet named Scenarios is the planner's own result (contract v1.1 §6.4); the Scenarios input is heard as a table.
    if (!isInputName(sheet.name) || sheet.name.toLowerCase() === 'scenarios') continue;
    ids.add(sheet.id);
    where.push(`sheet:${sheet.name.toLowerCase()}`);
  }
  for (const table of tables.items) {
    if (!isInputName(table.name)) continue;
    ids.add(table.worksheet.id);
    where.push(`table:${table.name.toLowerCase()}@${table.worksheet.name.toLowerCase()}`);
  }
  return { inputSheetIds: ids, key: where.sort().join('|') };
}

/**
 * Starts listening; answers how to stop. `run` is the adapter's Excel.run; the handlers are
 * removed through the same request context they were added on, as Office.js requires.
 */
export async function watchInputs(run: ExcelRunner, onChange: () => void): Promise<() => Promise<void>> {
  let listing: Listing = { inputSheetIds: new Set(), key: '' };
  let context: Excel.RequestContext | undefined;
  const handlers: OfficeExtension.EventHandlerResult<unknown>[] = [];
  // Sheets and tables come in bursts (a run adds six, starter tables five): one listing at a
  // time, and one more after it if anything arrived meanwhile.
  let listingNow = false;
  let listAgain = false;
  const relist = async (): Promise<void> => {
    if (listingNow) {
      listAgain = true;
      return;
    }
    listingNow = true;
    try {
      do {
        listAgain = false;
        const next = await run((ctx) => listInputs(ctx), { delayForCellEdit: true });
        const changed = next.key !== listing.key;
        listing = next;
        if (changed) onChange();
      } while (listAgain);
    } catch {
      // Could not look: say the inputs may have changed rather than miss it.
      onChange();
    } finally {
      listingNow = false;
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const relistSoon = async (): Promise<void> => {
    clearTimeout(timer);
    timer = setTimeout(() => void relist(), RELIST_AFTER_MS);
  };
  await run(async (ctx) => {
    context = ctx;
    listing = await listInputs(ctx);
    const { worksheets, tables } = ctx.workbook;
    handlers.push(
      worksheets.onChanged.add(async (event) => {
        if (listing.inputSheetIds.has(event.worksheetId)) onChange();
      }),
      worksheets.onAdded.add(relistSoon),
      // A deleted input sheet changes the listing, so the relisting says so.
      worksheets.onDeleted.add(relistSoon),
      tables.onAdded.add(relistSoon),
    );
    await ctx.sync();
  }, { delayForCellEdit: true });
  return async () => {
    clearTimeout(timer);
    if (!context) return;
    await run(async (ctx) => {
      for (const handler of handlers) handler.remove();
      await ctx.sync();
    }, { previousObjects: context });
  };
}
