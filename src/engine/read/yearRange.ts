import type { CellValue } from '../cells';
import type { Pence } from '../money';
import { type FinancialYear, yearLabel } from '../years';
import type { TableReader } from './table';
import { type Reading, readYearCell } from './values';

/** A row's From and To, checked to be in order; `unreadable` when either cell could not be read. */
export function readFromTo<K extends string>(reader: TableReader<K | 'from' | 'to'>, row: number): { from: FinancialYear | null; to: FinancialYear | null; unreadable: boolean } {
  const before = reader.issues.length;
  const from = reader.read(row, 'from', 'From', readYearCell) ?? null;
  const to = reader.read(row, 'to', 'To', readYearCell) ?? null;
  const unreadable = reader.issues.length > before;
  if (from !== null && to !== null && from > to) {
    reader.issue({ code: 'FROM_AFTER_TO', from, to }, row, reader.columns.to!);
    return { from: null, to: null, unreadable };
  }
  return { from, to, unreadable };
}

/**
 * The amounts in a row's year columns (blank cells give no amount), and the years of
 * every year cell that holds anything, readable or not (each names a year of the plan).
 */
export function readYearAmounts<K extends string>(reader: TableReader<K>, row: number, readAmount: (v: CellValue) => Reading<Pence>): { amounts: Map<FinancialYear, Pence>; named: FinancialYear[]; unreadable: boolean } {
  const amounts = new Map<FinancialYear, Pence>();
  const named: FinancialYear[] = [];
  let unreadable = false;
  for (const { column, year } of reader.yearColumns) {
    const before = reader.issues.length;
    const amount = reader.readAt(row, column, `the ${yearLabel(year)} amount`, readAmount);
    if (amount !== undefined) amounts.set(year, amount);
    if (reader.issues.length > before) unreadable = true;
    if (amount !== undefined || reader.issues.length > before) named.push(year);
  }
  return { amounts, named, unreadable };
}
