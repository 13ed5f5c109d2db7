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
});
