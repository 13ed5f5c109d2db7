import { HostError } from './host';

/**
 * Office errors in plain English. Excel reports a failed batch as an
 * `OfficeExtension.Error` with a `code` such as `ItemNotFound`; the people using the
 * planner are finance staff, so the task pane shows what happened and what to do,
 * with Excel's own code kept at the end for whoever supports them.
 */

/** What each Office error code means for someone running the planner. */
export const officeErrorMessages: Readonly<Record<string, string>> = {
  InvalidArgument: 'Excel refused a change the planner asked for (it said an argument was not valid). Check that no output sheet or table has been renamed or protected, then run again.',
  InvalidReference: 'Excel could not find a range the planner referred to. The workbook may have changed while the planner was running; run again.',
  InvalidOperation: 'Excel would not do what the planner asked in the workbook as it is now (for example, hiding the only visible sheet). Run again; if it happens again, save a copy and try that.',
  InvalidOperationInCellEditMode: 'Excel is busy because a cell is being edited. Press Enter or Esc to finish editing, then run again.',
  ItemNotFound: 'Excel could not find a sheet, table or chart the planner expected. The workbook may have changed while the planner was running; run again.',
  ItemAlreadyExists: 'A sheet, table or chart with one of the names the planner uses already exists. Rename it, then run again.',
  AccessDenied: 'Excel did not allow the workbook to be changed. It may be protected, opened read-only, or restricted by its owner. Unprotect it or save your own copy, then run again.',
  RequestPayloadSizeLimitExceeded: 'The results were too large for Excel on the web to accept in one go. Try the desktop version of Excel, or reduce the number of localities.',
  ResponsePayloadSizeLimitExceeded: 'The input tables were too large for Excel on the web to send in one go. Try the desktop version of Excel, or remove columns Localities does not need.',
  RangeExceedsLimit: 'A range the planner tried to read is larger than Excel allows. Remove unused rows or columns from the input tables, then run again.',
  OperationCellsExceedLimit: 'The planner tried to change more cells at once than Excel on the web allows. Try the desktop version of Excel.',
  ActivityLimitReached: 'Excel is limiting how much work add-ins can do right now. Wait a minute, then run again.',
  Conflict: 'Someone else changed the workbook at the same time. Wait for their changes to arrive, then run again.',
  InsertDeleteConflict: 'The workbook changed while the planner was writing (rows or columns were inserted or deleted). Run again.',
  FilteredRangeConflict: 'A filter on an input table got in the way. Clear the filter, then run again.',
  MergedRangeConflict: 'Merged cells got in the way. Unmerge the cells in the input tables, then run again.',
  NotImplemented: 'This version of Excel does not support something the planner needs. Update Excel, or use Excel on the web.',
  ApiNotFound: 'This version of Excel does not support something the planner needs. Update Excel, or use Excel on the web.',
  UnsupportedOperation: 'This version of Excel does not support something the planner needs. Update Excel, or use Excel on the web.',
  Unauthenticated: 'Excel needs you to sign in again. Sign in, then run again.',
  ServiceNotAvailable: 'Excel\u2019s service is not available at the moment. Wait a minute, then run again.',
  RequestAborted: 'Excel stopped the request before it finished. Run again.',
  GeneralException: 'Excel reported an internal error while the planner was working. Save the workbook, then run again; if it keeps happening, close and reopen the workbook.',
};

/** Excel on the web sometimes never answers a sync (office-js#4805); after this long the planner gives up. */
export const DEFAULT_SYNC_TIMEOUT_MS = 60_000;

interface OfficeErrorLike {
  readonly code: string;
  readonly message?: string;
  readonly debugInfo?: { readonly errorLocation?: string };
}

function isOfficeErrorLike(error: unknown): error is OfficeErrorLike {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Turns anything thrown while talking to Excel into a HostError the pane can show:
 * an Office error by its code (unknown codes keep Excel's own message), a HostError as
 * it is, and anything else as a problem inside the planner.
 */
export function toHostError(error: unknown): HostError {
  if (error instanceof HostError) return error;
  if (isOfficeErrorLike(error)) {
    const known = officeErrorMessages[error.code];
    const where = error.debugInfo?.errorLocation ? ` at ${error.debugInfo.errorLocation}` : '';
    const detail = `(Excel: ${error.code}${where})`;
    const message = known ?? `Excel reported a problem: ${error.message ?? error.code}. Run again; if it keeps happening, save the workbook and reopen it.`;
    return new HostError(`${message} ${detail}`, error.code);
  }
  const text = error instanceof Error ? error.message : String(error);
  return new HostError(`Something went wrong inside the planner: ${text}. Nothing further was written; run again, and if it keeps happening report it with this message.`, 'Unexpected');
}

/**
 * Waits for a promise, or fails with a plain-English HostError after `timeoutMs`:
 * a sync that never returns would otherwise leave the pane spinning forever.
 */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const wait = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} seconds` : `${timeoutMs} milliseconds`;
      reject(new HostError(`Excel did not answer within ${wait}. Some results may not have been written. Check your connection, wait for Excel to catch up, then run again.`, 'Timeout'));
    }, timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
