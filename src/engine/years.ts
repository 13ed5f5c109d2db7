import { type CellValue, isExcelDate, isExcelError } from './cells';

/**
 * A UK financial year (1 April to 31 March), held as the calendar year it starts in:
 * 2011 is 2011/12. Branded so a bare number cannot pass for one.
 */
declare const financialYearBrand: unique symbol;
export type FinancialYear = number & { readonly [financialYearBrand]: true };

export const EARLIEST_YEAR = 1950;
export const LATEST_YEAR = 2199;

export function financialYear(startYear: number): FinancialYear {
  if (!Number.isInteger(startYear) || startYear < EARLIEST_YEAR || startYear > LATEST_YEAR) {
    throw new RangeError(`Not a financial year: ${startYear}`);
  }
  return startYear as FinancialYear;
}

/** `2011 → "2011/12"`, the way every council budget writes it. */
export function yearLabel(year: FinancialYear): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

export const nextYear = (year: FinancialYear, by = 1): FinancialYear => financialYear(year + by);

/** The financial year containing an Excel serial date (1900 date system). */
export function yearOfExcelDate(serial: number): FinancialYear | undefined {
  if (!Number.isFinite(serial) || serial < 1) return undefined;
  // Excel counts 29 Feb 1900, which never was: serials after it are one day ahead.
  const days = Math.floor(serial) > 60 ? Math.floor(serial) - 1 : Math.floor(serial);
  const date = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  const y = date.getUTCFullYear();
  const start = date.getUTCMonth() >= 3 ? y : y - 1;
  return start >= EARLIEST_YEAR && start <= LATEST_YEAR ? (start as FinancialYear) : undefined;
}

export type YearReading =
  | { readonly ok: true; readonly year: FinancialYear }
  | { readonly ok: false; /** Why, in words that finish "… found X" */ readonly why: string };

const inRange = (y: number): boolean => y >= EARLIEST_YEAR && y <= LATEST_YEAR;

/**
 * Reads a financial year in any accepted spelling (contract §1): `2011/12`, `2011-12`,
 * `2011/2012`, `FY2011/12`, a bare `2011`, or an Excel date (the year containing it).
 */
export function readYear(value: CellValue): YearReading | undefined {
  if (value === null) return undefined;
  if (isExcelDate(value)) {
    const year = yearOfExcelDate(value.serial);
    return year === undefined ? { ok: false, why: 'the date is outside the years the planner handles' } : { ok: true, year };
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && inRange(value)) return { ok: true, year: value as FinancialYear };
    if (Number.isInteger(value) && value > 10_000 && value < 100_000) {
      return { ok: false, why: 'it looks like an Excel date without a date format; format the cell as a date or write the year as 2011/12' };
    }
    return { ok: false, why: 'it is not a year' };
  }
  if (isExcelError(value)) return { ok: false, why: `the cell holds the Excel error ${value.code}` };
  if (typeof value !== 'string') return { ok: false, why: 'it is not a year' };
  const text = value.trim().replace(/\u00a0/g, ' ');
  if (text === '') return undefined;
  const compact = text.replace(/^fy\s*/i, '').replace(/\s+/g, '');
  let m = /^(\d{4})[/-](\d{2})$/.exec(compact);
  if (m) {
    const start = Number(m[1]);
    if (!inRange(start)) return { ok: false, why: 'the year is out of range' };
    if ((start + 1) % 100 !== Number(m[2])) return { ok: false, why: `a financial year runs into the next calendar year, so after ${start}/ comes ${String((start + 1) % 100).padStart(2, '0')}` };
    return { ok: true, year: start as FinancialYear };
  }
  m = /^(\d{4})[/-](\d{4})$/.exec(compact);
  if (m) {
    const start = Number(m[1]);
    if (!inRange(start)) return { ok: false, why: 'the year is out of range' };
    if (Number(m[2]) !== start + 1) return { ok: false, why: `a financial year runs into the next calendar year, so after ${start}/ comes ${start + 1}` };
    return { ok: true, year: start as FinancialYear };
  }
  m = /^(\d{4})$/.exec(compact);
  if (m && inRange(Number(m[1]))) return { ok: true, year: Number(m[1]) as FinancialYear };
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(compact) || /^\d{4}[/.-]\d{1,2}[/.-]\d{1,2}$/.test(compact) || /\d{1,2}[\s/.-]*[a-z]{3,9}[\s/.,-]*\d{2,4}/i.test(text)) {
    return { ok: false, why: 'it is a date typed as text; enter a real date or write the financial year as 2011/12' };
  }
  return { ok: false, why: 'it is not a financial year' };
}

/** True when a header names a year column (contract §1: "a header that is itself a financial year"). */
export function yearOfHeader(value: CellValue): FinancialYear | undefined {
  const reading = readYear(value);
  return reading?.ok ? reading.year : undefined;
}
