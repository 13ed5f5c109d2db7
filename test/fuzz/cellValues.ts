import fc from 'fast-check';
import { type CellValue, excelErrorCodes } from '../../src/engine';

/** Text made of the characters amounts, years and rates are written with, in any order. */
export const numberishText = fc
  .array(fc.constantFrom('£', '(', ')', ',', '.', '-', '+', ' ', '\u00a0', '\u202f', '0', '1', '2', '5', '9', '%', 'e', 'E', '/', 'FY', 'k'), { maxLength: 24 })
  .map((parts) => parts.join(''));

/** Any value a cell can hold as a host reports it, weighted towards the awkward ones. */
export const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  numberishText,
  fc.double(),
  fc.integer(),
  fc.integer({ min: 1900, max: 2300 }),
  fc.boolean(),
  fc.double().map((serial) => ({ kind: 'date' as const, serial })),
  fc.constantFrom(...excelErrorCodes).map((code) => ({ kind: 'error' as const, code })),
);
