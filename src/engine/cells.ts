/**
 * What a cell holds, as both hosts report it. Strings, numbers, booleans and blanks
 * stay primitive (a Localities table of England is 650,000 of them); the two kinds
 * a host must tell apart from a number or a string get a small tagged object.
 */
export type ExcelDate = { readonly kind: 'date'; /** Excel serial day number (1900 date system). */ readonly serial: number };
export type ExcelError = { readonly kind: 'error'; /** As Excel shows it: `#N/A`, `#DIV/0!`, `#REF!` … */ readonly code: string };
export type CellValue = string | number | boolean | null | ExcelDate | ExcelError;

/** The error codes Excel can put in a cell. */
export const excelErrorCodes = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#UNKNOWN!', '#BUSY!', '#CONNECT!', '#PYTHON!'] as const;

export const excelDate = (serial: number): ExcelDate => ({ kind: 'date', serial });
export const excelError = (code: string): ExcelError => ({ kind: 'error', code });

export function isExcelDate(value: CellValue): value is ExcelDate {
  return typeof value === 'object' && value !== null && value.kind === 'date';
}
export function isExcelError(value: CellValue): value is ExcelError {
  return typeof value === 'object' && value !== null && value.kind === 'error';
}
/** Blank means empty or only white space: Excel users cannot see the difference. */
export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}
/** How a value reads in a message: `"tbc"`, `#N/A`, `12.5`, `a date`. */
export function describeCell(value: CellValue): string {
  if (value === null) return 'a blank cell';
  if (typeof value === 'string') return value.trim() === '' ? 'a blank cell' : `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value.kind === 'error') return `the error ${value.code}`;
  return 'a date';
}
