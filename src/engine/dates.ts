/**
 * Calendar days, for From and To dates (contract v1.1 §5.1): a date in From or To means
 * that day. A day is held as a whole number of days since 1 January 1970, branded so a
 * year, a serial or a count cannot pass for one; arithmetic on it is exact.
 */
declare const dayBrand: unique symbol;
export type Day = number & { readonly [dayBrand]: true };

const MS_PER_DAY = 86_400_000;

/** The day of a calendar date (`month` 1–12); the one door into Day. */
export function dayOf(year: number, month: number, date: number): Day {
  return Math.round(Date.UTC(year, month - 1, date) / MS_PER_DAY) as Day;
}

/** The calendar date of a day. */
export function calendarOf(day: Day): { readonly year: number; readonly month: number; readonly date: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/**
 * The day an Excel serial date stands for (1900 date system, time of day dropped). Excel
 * counts 29 February 1900, which never was, so serials after it are one day ahead.
 */
export function dayOfExcelSerial(serial: number): Day | undefined {
  if (!Number.isFinite(serial) || serial < 1) return undefined;
  const whole = Math.floor(serial);
  const days = whole > 60 ? whole - 1 : whole;
  return (dayOf(1899, 12, 31) + days) as Day;
}

/** Days in a calendar month (`month` 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `1 November 2011`, as a committee report writes a date. */
export function dayLabel(day: Day): string {
  const { year, month, date } = calendarOf(day);
  return `${date} ${monthNames[month - 1]} ${year}`;
}
