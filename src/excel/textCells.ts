import { type OutputCell, type SheetPlan, numberFormats } from '../engine';
import { quoteForExcel } from './compatibilityProbe';
import { type ExcelSession, OPERATION_OVERHEAD_BYTES, type WriteUnit, jsonBytes } from './session';

/**
 * Text written through Office.js stays text, on every host.
 *
 * `Range.values` is parsed like typing: "If the returned value starts with a plus (+), minus
 * (-), or equal sign (=), Excel interprets this value as a formula" (@types/office-js,
 * Range.values), `@` may start one too, and `007`, `2012/13` or `TRUE` would become a number,
 * a date or a boolean. Nothing documents that a cell formatted as Text (`@`) keeps such text
 * as text when it arrives through Office.js rather than the keyboard, so the adapter does not
 * rely on it. Every string is written behind an apostrophe, Excel's quote prefix (the value
 * stays the text; office-js #6687), into cells that are General at that moment, so the
 * apostrophe means the same thing on every host. The Text format the plan gives text cells
 * (both hosts apply it, and the parity test compares formats) is applied after the values,
 * with the plan's other formats, where it changes how the cell behaves when a user types
 * into it, not what it holds.
 */

export { formulaLikeText, quoteForExcel } from './compatibilityProbe';

/** Rows per values block: big enough to keep operations few, small enough that one block never nears the budget. */
const BLOCK_TARGET_BYTES = 512 * 1024;
const BLOCK_MAX_ROWS = 20_000;

/** A block's values as written: every string quoted, short rows padded with nulls (which leave a cell alone). */
function valuesOf(block: readonly (readonly OutputCell[])[], width: number): OutputCell[][] {
  return block.map((row) =>
    Array.from({ length: width }, (_, c) => {
      const v = c < row.length ? row[c] : null;
      return typeof v === 'string' ? quoteForExcel(v) : v;
    }),
  );
}

/**
 * The unit that writes rows `first` to `end` (exclusive) of a sheet: the block made General,
 * then its values written, strings behind apostrophes. It finds the sheet by name, so the
 * session can send it again; it splits into two halves when the session's budget shrinks
 * below it.
 */
function blockUnit(session: ExcelSession, sheetName: string, cells: readonly (readonly OutputCell[])[], width: number, first: number, end: number, rowBytes: readonly number[]): WriteUnit {
  const block = cells.slice(first, end);
  let bytes = OPERATION_OVERHEAD_BYTES * 3;
  for (let r = first; r < end; r++) bytes += rowBytes[r];
  return {
    bytes,
    replayable: true,
    progress: { rows: block.length },
    queue: () => {
      const range = session.context.workbook.worksheets.getItem(sheetName).getRangeByIndexes(first, 0, block.length, width);
      // One value for the whole block: per-cell arrays would cost about 12 bytes a cell (office-js-docs-pr#2013).
      range.numberFormat = numberFormats.general as unknown as string[][];
      range.values = valuesOf(block, width);
    },
    split: () => {
      if (end - first < 2) return [];
      const middle = first + Math.floor((end - first) / 2);
      return [blockUnit(session, sheetName, cells, width, first, middle, rowBytes), blockUnit(session, sheetName, cells, width, middle, end, rowBytes)];
    },
  };
}

/**
 * Writes a sheet's cells from A1 in row blocks, each one unit the session may send again
 * (see blockUnit). Blocks are at most a quarter of the budget as it stands when each is
 * made. The plan's number formats, Text among them, come after every value (`decorate`).
 */
export async function writeCells(session: ExcelSession, plan: Pick<SheetPlan, 'name' | 'cells'>): Promise<void> {
  const { cells } = plan;
  const width = cells.reduce((w, row) => Math.max(w, row.length), 0);
  if (width === 0) return;
  // Each row as written: an apostrophe per string, a null per padded cell.
  const rowBytes = cells.map((row) => jsonBytes(row) + row.filter((v) => typeof v === 'string').length + (width - row.length) * 5);
  let start = 0;
  while (start < cells.length) {
    const target = Math.min(BLOCK_TARGET_BYTES, session.budgetBytes / 4);
    let end = start;
    let bytes = 0;
    while (end < cells.length && end - start < BLOCK_MAX_ROWS && bytes < target) bytes += rowBytes[end++];
    await session.write(blockUnit(session, plan.name, cells, width, start, end, rowBytes));
    start = end;
  }
}
