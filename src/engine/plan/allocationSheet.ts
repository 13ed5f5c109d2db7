import type { AllocationLine } from '../allocate';
import { type Pence, sumPence, toPounds } from '../money';
import type { AllocationMethod } from '../parameters';
import type { PlanResults } from '../results';
import { yearLabel } from '../years';
import { amountFormats } from './amounts';
import { spanOf } from './findings';
import type { OutputNames } from './names';
import { TOTAL_RULE } from './rules';
import { type PrintRequest, SheetBuilder, rect } from './sheetBuilder';
import type { NumberFormatName, OutputCell, SheetPlan } from './types';

const HEADING = { bold: true, fontColor: '#1F4E78' } as const;
/** Locality, District, Basis, Share, then the years, then Total: the same columns in every table. */
const BASIS = 2;
const SHARE = 3;
const YEARS = 4;

const money = (p: Pence): OutputCell => toPounds(p);

/** How a method shares, in words: `shared per ward`. */
function sharedHow(method: AllocationMethod): string {
  switch (method.kind) {
    case 'equal':
      return 'equally';
    case 'per-ward':
      return 'per ward';
    case 'per-head':
      return 'per head of population';
    case 'need-weighted':
      return 'in proportion to need score';
    case 'per-column':
      return `in proportion to ${method.header}`;
    default: {
      const never: never = method;
      return never;
    }
  }
}

/** What a line's Basis column holds, for its heading when the column is headed `Basis`: `(Basis = wards)`. */
function basisNamed(line: AllocationLine): string {
  switch (line.method.kind) {
    case 'equal':
      return '(no basis: the same share each)';
    case 'per-column':
      return `(Basis = ${line.method.header})`;
    default:
      return `(Basis = ${line.basisHeader.toLowerCase()})`;
  }
}

/**
 * `part` as a fraction of `whole`, to nine decimal places as each line's shares are
 * (allocate.ts); none when the whole is nothing, so no share is made up.
 */
function fractionOf(part: Pence, whole: Pence): number | null {
  return whole === 0 ? null : Number((BigInt(part) * 1_000_000_000n) / BigInt(whole)) / 1_000_000_000;
}

/** The output table of the i-th Shared out line: LP_Allocation, then LP_Allocation_2, … */
const allocationTableName = (names: OutputNames, i: number): string => (i === 0 ? names.table.allocation : `${names.table.allocation}_${i + 1}`);

/**
 * Each devolved budget shared out (contract §3, v1.1 §5.4): for each Shared out line
 * (and the Allocation pot), each recipient's basis, share, amount per year and total,
 * with a Total row equal to the line's amount; with more than one line, each recipient's
 * amounts across the lines. Every line adds up to its amount to the penny, every year.
 *
 * Every table on the sheet has the same header (`Locality | District | Basis | Share |
 * <years> | Total`), so the first table's header row is the one band Excel repeats at
 * the top of every printed page, and it is right on every page however many lines
 * there are. With one line the Basis column is headed with what it counts (`Wards`);
 * with several it is headed `Basis` and each line's heading says what it counts.
 */
export function allocationSheet(r: PlanResults, names: OutputNames, print: Omit<PrintRequest, 'onePage'>): SheetPlan {
  const s = new SheetBuilder(names.sheet.allocation, '#BF8F00');
  const a = r.allocation;
  if (!a) {
    s.title('Allocation', 'No Allocation pot is set in Parameters and no cost line is Shared out, so nothing is shared out.');
    s.columnWidths = [80];
    s.print = { ...print, onePage: false };
    return s.build();
  }
  const n = r.years.length;
  const columns = YEARS + n + 1;
  const amounts: NumberFormatName = amountFormats[r.parameters.showAmountsIn].cell;
  const recipients = a.totals.length;
  const several = a.lines.length > 1;
  const to = a.lines[0].to === 'all' ? 'all' : 'the selected';
  s.title('Allocation', `${several ? `${a.lines.length} devolved budgets` : 'One devolved budget'} shared among ${to} localities (${recipients}). Each line adds up to its amount to the penny, every year.`);
  // Set before the tables, so each table's header widens them to fit (a `Per <column>` basis can be long).
  s.columnWidths = [30, 24, 14, 10, ...r.years.map(() => 16), 18];
  const header = (basis: string): OutputCell[] => ['Locality', 'District', basis, 'Share', ...r.years.map(yearLabel), 'Total'];

  /** A heading, a table of one row per recipient and a Total row under it, kept together where they print. */
  const table = (name: string, heading: string, basis: string, rows: readonly OutputCell[][], total: OutputCell[], basisFormat: NumberFormatName | null): number => {
    s.blank();
    const headingRow = s.add([heading]);
    s.style(rect(headingRow, 0, 1, 1), HEADING);
    const headerRow = s.add(header(basis));
    for (const row of rows) s.add(row);
    s.tables.push({ name, range: rect(headerRow, 0, rows.length + 1, columns), style: 'TableStyleMedium7', showBandedRows: true });
    const totalRow = s.add(total);
    s.style(rect(totalRow, 0, 1, columns), { bold: true, border: TOTAL_RULE });
    s.format(rect(headerRow, 0, 1, columns), 'text');
    s.format(rect(headerRow + 1, 0, rows.length + 1, 2), 'text');
    if (basisFormat) s.format(rect(headerRow + 1, BASIS, rows.length, 1), basisFormat);
    s.format(rect(headerRow + 1, SHARE, rows.length + 1, 1), 'percent');
    s.format(rect(headerRow + 1, YEARS, rows.length + 1, n + 1), amounts);
    s.fitHeaders(headerRow, true);
    // A heading prints with its header and first rows, and a Total row with the last recipient
    // above it. A later table prints whole when it fits on a page, so the line it belongs to
    // is named on the page; the first starts under the sheet's title wherever it is.
    const first = Math.min(4, rows.length + 2);
    if (s.tables.length === 1) s.keepRows(headingRow, first);
    else s.keepRows(headingRow, totalRow - headingRow + 1, first);
    s.keepRows(totalRow - 1, 2);
    return headerRow;
  };

  const headers = a.lines.map((line, i) => {
    const wholeBasis = line.shares.every((x) => x.basis === null || Number.isInteger(x.basis));
    const heading = `${line.line}: shared ${sharedHow(line.method)}`;
    return table(
      allocationTableName(names, i),
      several ? `${heading} ${basisNamed(line)}` : heading,
      several ? 'Basis' : line.basisHeader,
      line.shares.map((x) => [x.priority.locality.name, x.priority.locality.district, x.basis, x.share, ...x.amounts.map(money), money(sumPence(x.amounts))]),
      ['Total', null, null, 1, ...line.amounts.map(money), money(sumPence(line.amounts))],
      line.method.kind === 'need-weighted' ? 'score' : wholeBasis ? 'whole' : 'number',
    );
  });
  if (several) {
    // Across lines there is no one basis; the share is each locality's part of every line together.
    const byYear = r.years.map((_, y) => sumPence(a.lines.map((l) => l.amounts[y])));
    const all = sumPence(byYear);
    table(
      `${names.table.allocation}_Total`,
      `Each locality across every line (Share = its part of all ${a.lines.length} lines, ${spanOf(r.years)}; each line's basis is above)`,
      'Basis',
      a.totals.map((t) => {
        const total = sumPence(t.amounts);
        return [t.priority.locality.name, t.priority.locality.district, null, fractionOf(total, all), ...t.amounts.map(money), money(total)];
      }),
      ['Total', null, null, all === 0 ? null : 1, ...byYear.map(money), money(all)],
      null,
    );
  }
  // One line: its header stays in view. Several: only the locality names do, as a frozen
  // header would sit under the first line's heading while another line is read.
  s.freeze = { rows: several ? 0 : headers[0] + 1, columns: 1 };
  // Every table's header is the same, so the first one is right at the top of every page.
  s.titleRow = headers[0];
  s.print = { ...print, onePage: false };
  return s.build();
}
