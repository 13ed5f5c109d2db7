import { type Bound, endDay, startDay } from '../bounds';
import { type CellValue, isExcelDate } from '../cells';
import { dayOfExcelSerial } from '../dates';
import type { Pence } from '../money';
import { type FinancialYear, yearLabel, yearOfDay } from '../years';
import type { TableReader } from './table';
import { type Reading, bad, ok, readYearCell } from './values';

/**
 * A From or To cell (contract v1.1 §5.1): a date means that day; a year written as a
 * year (`2011/12`, `2011`) means the whole year.
 */
export function readBound(value: CellValue): Reading<Bound> {
  if (isExcelDate(value)) {
    const day = dayOfExcelSerial(value.serial);
    const year = day === undefined ? undefined : yearOfDay(day);
    return day === undefined || year === undefined ? bad({ code: 'BAD_YEAR', why: { kind: 'date-out-of-range' } }) : ok({ kind: 'date', day, year });
  }
  const year = readYearCell(value);
  return year.ok ? ok({ kind: 'year', year: year.value }) : year;
}

/** A row's From and To, checked to be in order; `unreadable` when either cell could not be read. */
export function readFromTo<K extends string>(reader: TableReader<K | 'from' | 'to'>, row: number): { from: Bound | null; to: Bound | null; unreadable: boolean } {
  const before = reader.issues.length;
  const from = reader.read(row, 'from', 'From', readBound) ?? null;
  const to = reader.read(row, 'to', 'To', readBound) ?? null;
  const unreadable = reader.issues.length > before;
  if (from !== null && to !== null && startDay(from)! > endDay(to)!) {
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
