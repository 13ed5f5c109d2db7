import type { CellValue } from '../cells';
import type { Pence } from '../money';
import { type FinancialYear, readYear, yearLabel } from '../years';
import type { TableReader } from './table';
import type { Reading } from './values';

export const yearReader = (v: CellValue): Reading<FinancialYear> => {
  const r = readYear(v);
  if (!r) return { ok: false, problem: 'should be a financial year such as 2011/12' };
  return r.ok ? { ok: true, value: r.year } : { ok: false, problem: `should be a financial year such as 2011/12, but ${r.why}` };
};

/** From and To of a row, checked to be in order. */
export function readFromTo<K extends string>(reader: TableReader<K | 'from' | 'to'>, row: number): { from: FinancialYear | null; to: FinancialYear | null } {
  const from = reader.read(row, 'from', 'From', yearReader) ?? null;
  const to = reader.read(row, 'to', 'To', yearReader) ?? null;
  if (from !== null && to !== null && from > to) {
    reader.issue('OUT_OF_RANGE', 'error', reader.columns.to!, row, `To (${yearLabel(to)}) is before From (${yearLabel(from)}); a line runs from its From year to its To year inclusive.`);
    return { from: null, to: null };
  }
  return { from, to };
}

/** The amounts in a row's year columns (blank cells give no amount). */
export function readYearAmounts<K extends string>(
  reader: TableReader<K>,
  row: number,
  readAmount: (v: CellValue) => Reading<Pence>,
): Map<FinancialYear, Pence> {
  const out = new Map<FinancialYear, Pence>();
  for (const { column, year } of reader.yearColumns) {
    const value = reader.cellAt(row, column);
    if (value === null || (typeof value === 'string' && value.trim() === '')) continue;
    const r = readAmount(value);
    if (r.ok) out.set(year, r.value);
    else reader.issue(r.problem.includes('Excel error') ? 'EXCEL_ERROR' : 'BAD_AMOUNT', 'error', column, row, `the ${yearLabel(year)} amount ${r.problem}.`);
  }
  return out;
}
