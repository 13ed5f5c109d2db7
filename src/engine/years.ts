import { type CellValue, isExcelDate } from './cells';
import { type Day, calendarOf, dayOf, dayOfExcelSerial } from './dates';

/**
 * A UK financial year (1 April to 31 March), held as the calendar year it starts in:
 * 2011 is 2011/12. Branded so a bare number cannot pass for one.
 */
declare const financialYearBrand: unique symbol;
export type FinancialYear = number & { readonly [financialYearBrand]: true };

const EARLIEST_YEAR = 1950;
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

/** The financial year containing a day: 1 April starts one. */
export function yearOfDay(day: Day): FinancialYear | undefined {
  const { year, month } = calendarOf(day);
  const start = month >= 4 ? year : year - 1;
  return start >= EARLIEST_YEAR && start <= LATEST_YEAR ? financialYear(start) : undefined;
}

/** The financial year containing an Excel serial date (1900 date system). */
function yearOfExcelDate(serial: number): FinancialYear | undefined {
  const day = dayOfExcelSerial(serial);
  return day === undefined ? undefined : yearOfDay(day);
}

/** 1 April, the first day of a financial year. */
export const firstDayOf = (year: FinancialYear): Day => dayOf(year, 4, 1);
/** 31 March, the last day of a financial year. */
export const lastDayOf = (year: FinancialYear): Day => dayOf(year + 1, 3, 31);

/** Why a cell is not a financial year, for the words after "should be a financial year such as 2011/12, but". */
export type YearProblem =
  | { readonly kind: 'date-out-of-range' }
  | { readonly kind: 'date-serial' }
  | { readonly kind: 'not-a-year' }
  | { readonly kind: 'not-a-financial-year' }
  | { readonly kind: 'out-of-range' }
  | { readonly kind: 'next-year'; readonly start: number; readonly long: boolean }
  | { readonly kind: 'date-as-text' }
  | { readonly kind: 'space-inside' };

/** The words for a year problem, finishing the sentence "… should be a financial year such as 2011/12, but". */
export function yearProblemWords(p: YearProblem): string {
  switch (p.kind) {
    case 'date-out-of-range':
      return 'the date is outside the years the planner handles';
    case 'date-serial':
      return 'it looks like an Excel date without a date format; format the cell as a date or write the year as 2011/12';
    case 'not-a-year':
      return 'it is not a year';
    case 'not-a-financial-year':
      return 'it is not a financial year';
    case 'out-of-range':
      return 'the year is out of range';
    case 'next-year':
      return `a financial year runs into the next calendar year, so after ${p.start}/ comes ${p.long ? p.start + 1 : String((p.start + 1) % 100).padStart(2, '0')}`;
    case 'date-as-text':
      return 'it is a date typed as text; enter a real date or write the financial year as 2011/12';
    case 'space-inside':
      return 'it has a space inside the year; write it as 2011/12';
    default: {
      const never: never = p;
      return never;
    }
  }
}

export type YearReading = { readonly ok: true; readonly year: FinancialYear } | { readonly ok: false; readonly problem: YearProblem };

const inRange = (y: number): boolean => y >= EARLIEST_YEAR && y <= LATEST_YEAR;
const refuse = (problem: YearProblem): YearReading => ({ ok: false, problem });

/**
 * Reads a financial year in any accepted spelling (contract §1): `2011/12`, `2011-12`,
 * `2011/2012`, `FY2011/12`, a bare `2011`, or an Excel date (the year containing it).
 * Spaces may sit around the `/` or `-` and after `FY`, never between digits. Blank gives
 * undefined; an Excel error or an unsaved formula is the caller's to report.
 */
export function readYear(value: CellValue): YearReading | undefined {
  if (value === null) return undefined;
  if (isExcelDate(value)) {
    const year = yearOfExcelDate(value.serial);
    return year === undefined ? refuse({ kind: 'date-out-of-range' }) : { ok: true, year };
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && inRange(value)) return { ok: true, year: financialYear(value) };
    if (Number.isInteger(value) && value > 10_000 && value < 100_000) return refuse({ kind: 'date-serial' });
    return refuse({ kind: 'not-a-year' });
  }
  if (typeof value !== 'string') return refuse({ kind: 'not-a-year' });
  const text = value.replace(/[\u00a0\u2007\u2009\u202f]/g, ' ').trim();
  if (text === '') return undefined;
  const compact = text.replace(/^fy\s*/i, '').replace(/\s*([/-])\s*/g, '$1');
  if (/^[\d\s/-]+$/.test(compact) && /\d\s+\d/.test(compact)) return refuse({ kind: 'space-inside' });
  let m = /^(\d{4})[/-](\d{2})$/.exec(compact);
  if (m) {
    const start = Number(m[1]);
    if (!inRange(start)) return refuse({ kind: 'out-of-range' });
    if ((start + 1) % 100 !== Number(m[2])) return refuse({ kind: 'next-year', start, long: false });
    return { ok: true, year: financialYear(start) };
  }
  m = /^(\d{4})[/-](\d{4})$/.exec(compact);
  if (m) {
    const start = Number(m[1]);
    if (!inRange(start)) return refuse({ kind: 'out-of-range' });
    if (Number(m[2]) !== start + 1) return refuse({ kind: 'next-year', start, long: true });
    return { ok: true, year: financialYear(start) };
  }
  m = /^(\d{4})$/.exec(compact);
  if (m && inRange(Number(m[1]))) return { ok: true, year: financialYear(Number(m[1])) };
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(compact) || /^\d{4}[/.-]\d{1,2}[/.-]\d{1,2}$/.test(compact) || /\d{1,2}[\s/.-]*[a-z]{3,9}[\s/.,-]*\d{2,4}/i.test(text)) {
    return refuse({ kind: 'date-as-text' });
  }
  return refuse({ kind: 'not-a-financial-year' });
}

/** True when a header names a year column (contract §1: "a header that is itself a financial year"). */
export function yearOfHeader(value: CellValue): FinancialYear | undefined {
  const reading = readYear(value);
  return reading?.ok ? reading.year : undefined;
}
