import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HostError } from '../../src/excel/host';
import { officeErrorMessages, toHostError, withTimeout } from '../../src/excel/officeErrors';
import { FakeOfficeError } from '../fakes/fakeExcel';

describe('Office errors in plain English', () => {
  it.each`
    code                                  | says
    ${'InvalidArgument'}                  | ${'not valid'}
    ${'ItemNotFound'}                     | ${'could not find a sheet, table or chart'}
    ${'ItemAlreadyExists'}                | ${'already exists'}
    ${'AccessDenied'}                     | ${'protected'}
    ${'RequestPayloadSizeLimitExceeded'}  | ${'too large for Excel on the web'}
    ${'ResponsePayloadSizeLimitExceeded'} | ${'too large for Excel on the web'}
    ${'GeneralException'}                 | ${'internal error'}
    ${'InvalidOperationInCellEditMode'}   | ${'Press Enter or Esc'}
    ${'ActivityLimitReached'}             | ${'Wait a minute'}
    ${'EmptyChartSeries'}                 | ${'series has no values'}
    ${'InactiveWorkbook'}                 | ${'Click into this workbook'}
    ${'MemoryLimitReached'}               | ${'ran out of memory'}
    ${'NonBlankCellOffSheet'}             | ${'off its edge'}
  `('explains $code as "$says", keeping the code for support', ({ code, says }: { code: string; says: string }) => {
    const error = toHostError(new FakeOfficeError(code, 'raw message from Excel', 'Worksheet.getItem'));
    expect(error).toBeInstanceOf(HostError);
    expect(error.code).toBe(code);
    expect(error.message).toContain(says);
    expect(error.message).toContain(`(Excel: ${code} at Worksheet.getItem)`);
    expect(error.message).not.toContain('raw message from Excel');
  });

  it('passes on Excel\u2019s own words for a code it does not know', () => {
    const error = toHostError({ code: 'SomethingNew', message: 'The new thing failed.' });
    expect(error.message).toContain('The new thing failed.');
    expect(error.code).toBe('SomethingNew');
  });

  it('keeps a HostError as it is and calls anything else a problem inside the planner', () => {
    const host = new HostError('Already plain.', 'Timeout');
    expect(toHostError(host)).toBe(host);
    const bug = toHostError(new TypeError('x is undefined'));
    expect(bug.code).toBe('Unexpected');
    expect(bug.message).toMatch(/^Something went wrong inside the planner: x is undefined\./);
  });

  it('waits the default minute before giving up', async () => {
    jest.useFakeTimers();
    try {
      const waiting = withTimeout(new Promise(() => undefined), 60_000);
      const outcome = expect(waiting).rejects.toMatchObject({ message: expect.stringContaining('within 60 seconds') });
      await jest.advanceTimersByTimeAsync(60_000);
      await outcome;
    } finally {
      jest.useRealTimers();
    }
  });

  it('has a message for every documented code the adapter may meet', () => {
    for (const message of Object.values(officeErrorMessages)) expect(message).toMatch(/^[A-Z].*\.$/);
  });

  it('gives up on a promise that never settles, in plain English', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20)).rejects.toMatchObject({ code: 'Timeout', message: expect.stringContaining('did not answer within 20 milliseconds') });
    await expect(withTimeout(Promise.resolve(7), 1000)).resolves.toBe(7);
  });

  /** Every code in Microsoft's tables (docs: testing/application-specific-api-error-handling.md, general and Excel), Word's left out. */
  const documented = [
    'AccessDenied', 'ActivityLimitReached', 'ApiNotAvailable', 'ApiNotFound', 'BadPassword', 'Client Error', 'Conflict', 'ContentLengthRequired', 'GeneralException',
    'HostRestartNeeded', 'InsertDeleteConflict', 'InvalidArgument', 'InvalidBinding', 'InvalidOperation', 'InvalidReference', 'InvalidRequest', 'InvalidRibbonDefinition',
    'InvalidSelection', 'ItemAlreadyExists', 'ItemNotFound', 'MemoryLimitReached', 'NotImplemented', 'RequestAborted', 'RequestPayloadSizeLimitExceeded',
    'ResponsePayloadSizeLimitExceeded', 'ServiceNotAvailable', 'Unauthenticated', 'UnsupportedFeature', 'UnsupportedOperation',
    'EmptyChartSeries', 'FilteredRangeConflict', 'FormulaLengthExceedsLimit', 'InactiveWorkbook', 'InvalidOperationInCellEditMode', 'MergedRangeConflict',
    'NonBlankCellOffSheet', 'OperationCellsExceedLimit', 'PivotTableRangeConflict', 'RangeExceedsLimit', 'RefreshWorkbookLinksBlocked', 'UnsupportedSheet',
  ];

  /** The values of `Excel.ErrorCodes` and `OfficeExtension.ErrorCodes` as @types/office-js declares them. */
  function declaredCodes(): string[] {
    const types = readFileSync(path.join(__dirname, '../../node_modules/@types/office-js/index.d.ts'), 'utf8');
    const excel = types.slice(types.indexOf('declare namespace Excel {'));
    const enumBody = excel.slice(excel.indexOf('enum ErrorCodes {'), excel.indexOf('}', excel.indexOf('enum ErrorCodes {')));
    const office = types.slice(types.indexOf('class ErrorCodes {', types.indexOf('declare namespace OfficeExtension')));
    const classBody = office.slice(0, office.indexOf('}'));
    const fromEnum = [...enumBody.matchAll(/= "([A-Za-z]+)"/g)].map((m) => m[1]);
    const fromClass = [...classBody.matchAll(/static ([a-z][A-Za-z]+): string/g)].map((m) => m[1].charAt(0).toUpperCase() + m[1].slice(1));
    return [...fromEnum, ...fromClass];
  }

  it('has a plain-English message for every documented error code and every code the type definitions declare', () => {
    const declared = declaredCodes();
    expect(declared.length).toBeGreaterThan(40);
    expect([...documented, ...declared].filter((code) => officeErrorMessages[code] === undefined)).toEqual([]);
  });
});

