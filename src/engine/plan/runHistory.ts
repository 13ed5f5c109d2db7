import { groupThousands, toPounds } from '../money';
import type { PlanResults } from '../results';
import { MAX_RUNS } from '../runHistory';
import { amountFormats } from './amounts';
import type { OutputNames } from './names';
import { HEADER_RULE } from './rules';
import { type SheetBuilder, rect } from './sheetBuilder';

const HEADER_FILL = '#DDEBF7';
/** Excel's day 0 is 30 December 1899 (the 1900 date system); 25,569 days before 1 January 1970. */
const EXCEL_EPOCH_DAYS = 25569;
const MS_PER_DAY = 86_400_000;

/** A moment as an Excel date-time serial, so a run's time sorts and filters as a real date. */
export const excelSerialOf = (at: Date): number => at.getTime() / MS_PER_DAY + EXCEL_EPOCH_DAYS;

/**
 * The Run history table on Run info (issue 14, part 5): every run the workbook's record
 * keeps, oldest first, this run last. The record is its source (runHistory.ts), so the
 * table is rewritten whole each run, whatever became of the sheet. Times are real Excel
 * date-times in UTC; totals in pounds in the sheets' `Show amounts in` format.
 */
export function addRunHistory(s: SheetBuilder, r: PlanResults, names: OutputNames): void {
  const h = r.runHistory;
  s.blank();
  const heading = s.add(['Run history']);
  s.style(rect(heading, 0, 1, 1), { bold: true, fontColor: '#1F4E78' });
  const dropped = h.dropped > 0 ? ` The ${groupThousands(h.dropped)} earliest ${h.dropped === 1 ? 'run was' : 'runs were'} dropped to keep the workbook small.` : '';
  const note = s.add([`Each run that wrote results, oldest first; the last ${groupThousands(MAX_RUNS)} are kept. Revenue totals over the projection, times in UTC.${dropped}`]);
  s.style(rect(note, 0, 1, 1), { italic: true, fontColor: '#595959' });
  const header = s.add(['Run at (UTC)', 'Inputs fingerprint (SHA-256)', 'Run by', 'Version', 'Total cost', 'Total shortfall']);
  for (const run of h.runs) s.add([excelSerialOf(run.at), run.fingerprint, run.host, run.version, toPounds(run.cost), toPounds(run.shortfall)]);
  const rows = h.runs.length;
  s.tables.push({ name: names.table.runHistory, range: rect(header, 0, rows + 1, 6), style: 'TableStyleLight9', showBandedRows: true });
  s.style(rect(header, 0, 1, 6), { bold: true, fill: HEADER_FILL, border: HEADER_RULE });
  s.format(rect(header, 0, 1, 6), 'text');
  s.format(rect(header + 1, 0, rows, 1), 'dateTime');
  s.format(rect(header + 1, 1, rows, 3), 'text');
  s.format(rect(header + 1, 4, rows, 2), amountFormats[r.parameters.showAmountsIn].cell);
  // The heading prints with its note, the header and the first runs.
  s.keepRows(heading, Math.min(5, rows + 3));
  s.fitHeaders(header, true);
}
