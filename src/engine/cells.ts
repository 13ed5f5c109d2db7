/**
 * What a cell holds, as both hosts report it. Strings, numbers, booleans and blanks
 * stay primitive (a Localities table of England is 650,000 of them); the kinds a host
 * must tell apart from a number or a string get a small tagged object.
 */
export type ExcelDate = { readonly kind: 'date'; /** Excel serial day number (1900 date system; hosts convert 1904-system files). */ readonly serial: number };
export type ExcelError = { readonly kind: 'error'; /** As Excel shows it: `#N/A`, `#DIV/0!`, `#REF!` … */ readonly code: string };
/**
 * A formula the file holds without a saved result (openpyxl and other programs that do
 * not calculate write these). Never blank: wherever the engine reads a value it is an
 * input error at its cell.
 */
export type UnsavedFormula = { readonly kind: 'formula'; /** The formula as the file holds it, without the leading '=' */ readonly formula: string };
export type CellValue = string | number | boolean | null | ExcelDate | ExcelError | UnsavedFormula;

/** The error codes Excel can put in a cell. */
export const excelErrorCodes = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#UNKNOWN!', '#BUSY!', '#CONNECT!', '#PYTHON!'] as const;

export const excelDate = (serial: number): ExcelDate => ({ kind: 'date', serial });
export const excelError = (code: string): ExcelError => ({ kind: 'error', code });
export const unsavedFormula = (formula: string): UnsavedFormula => ({ kind: 'formula', formula });

export function isExcelDate(value: CellValue): value is ExcelDate {
  return typeof value === 'object' && value !== null && value.kind === 'date';
}
export function isExcelError(value: CellValue): value is ExcelError {
  return typeof value === 'object' && value !== null && value.kind === 'error';
}
export function isUnsavedFormula(value: CellValue): value is UnsavedFormula {
  return typeof value === 'object' && value !== null && value.kind === 'formula';
}
/** Blank means empty or only white space: Excel users cannot see the difference. A formula is never blank. */
export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}
/** How a value reads in a message: `"tbc"`, `the error #N/A`, `12.5`, `a date`. */
export function describeCell(value: CellValue): string {
  if (value === null) return 'a blank cell';
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' ? 'a blank cell' : `"${text.length > 40 ? text.slice(0, 40) + '…' : text}"`;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  switch (value.kind) {
    case 'error':
      return `the error ${value.code}`;
    case 'date':
      return 'a date';
    case 'formula':
      return 'a formula with no saved result';
    default: {
      const never: never = value;
      return never;
    }
  }
}
