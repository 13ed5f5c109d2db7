import { HostError } from './host';

/**
 * Office errors in plain English. Excel reports a failed batch as an
 * `OfficeExtension.Error` with a `code` such as `ItemNotFound`; the people using the
 * planner are finance staff, so the task pane shows what happened and what to do,
 * with Excel's own code kept at the end for whoever supports them.
 */

/**
 * What each Office error code means for someone running the planner: every code in
 * Microsoft's table of application-specific API errors (docs: testing/application-specific-
 * api-error-handling, the general and the Excel-specific tables), every member of
 * `Excel.ErrorCodes` and of `OfficeExtension.ErrorCodes` in @types/office-js (a test reads
 * the type definitions and checks none is missing), and the timeout the adapter raises itself.
 */
export const officeErrorMessages: Readonly<Record<string, string>> = {
  // Office's general codes.
  AccessDenied: 'Excel did not allow the workbook to be changed. It may be protected, opened read-only, or restricted by its owner. Unprotect it or save your own copy, then run again.',
  ActivityLimitReached: 'Excel is limiting how much work add-ins can do right now. Wait a minute, then run again.',
  ApiNotAvailable: 'This version of Excel does not offer something the planner needs. Update Excel, or use Excel on the web.',
  ApiNotFound: 'This version of Excel does not support something the planner needs. Update Excel, or use Excel on the web.',
  BadPassword: 'Excel refused a password. The planner never sets passwords; if your workbook or a sheet is protected with one, unprotect it, then run again.',
  'Client Error': 'Excel reported a problem on this computer while the planner was working. Close and reopen the workbook, then run again.',
  Conflict: 'Someone else changed the workbook at the same time. Wait for their changes to arrive, then run again.',
  ConnectionFailure: 'The planner lost its connection to Excel. Check your network connection, then run again.',
  ContentLengthRequired: 'Excel on the web could not accept the request (a network device may have changed it on the way). Run again; if it keeps happening, ask IT whether a proxy is altering requests to Office.',
  GeneralException: 'Excel reported an internal error while the planner was working. Save the workbook, then run again; if it keeps happening, close and reopen the workbook, or use "Check this Excel" in About.',
  HostRestartNeeded: 'Excel needs to be restarted before the planner can go on. Save your work, close Excel, open it again, then run again.',
  InsertDeleteConflict: 'The workbook changed while the planner was writing (rows or columns were inserted or deleted). Run again.',
  InvalidArgument: 'Excel refused a change the planner asked for (it said an argument was not valid). Check that no output sheet or table has been renamed or protected, then run again.',
  InvalidBinding: 'A link the planner held to part of the workbook is out of date. Close and reopen Locality Planner, then run again.',
  InvalidObjectPath: 'Excel could not find part of the workbook the planner referred to. The workbook may have changed while the planner was running; run again.',
  InvalidOperation: 'Excel would not do what the planner asked in the workbook as it is now (for example, hiding the only visible sheet). Run again; if it happens again, save a copy and try that.',
  InvalidReference: 'Excel could not find a range the planner referred to. The workbook may have changed while the planner was running; run again.',
  InvalidRequest: 'Excel could not process what the planner asked. Run again; if it keeps happening, close and reopen the workbook.',
  InvalidRequestContext: 'The planner lost track of the workbook (it may have been closed or switched). Go back to the workbook, then run again.',
  InvalidRibbonDefinition: 'Office could not show the planner\u2019s button. Close and reopen Excel.',
  InvalidSelection: 'Excel could not work with the current selection. Click a single cell in the workbook, then run again.',
  ItemAlreadyExists: 'A sheet, table or chart with one of the names the planner uses already exists. Rename it, then run again.',
  ItemNotFound: 'Excel could not find a sheet, table or chart the planner expected. The workbook may have changed while the planner was running; run again.',
  MemoryLimitReached: 'Excel ran out of memory for this workbook. Save it, close other workbooks and programs, then run again; on Excel on the web, try the desktop version.',
  NotImplemented: 'This version of Excel does not support something the planner needs. Update Excel, or use Excel on the web.',
  PropertyNotLoaded: 'The planner asked Excel for something before it had arrived (a fault in the planner). Run again, and report this message if it happens again.',
  RequestAborted: 'Excel stopped the request before it finished. Run again.',
  RequestPayloadSizeLimitExceeded: 'The results were too large for Excel on the web to accept, even in smaller pieces. Try the desktop version of Excel, or use "Check this Excel" in About so the planner learns what this Excel accepts.',
  ResponsePayloadSizeLimitExceeded: 'The input tables were too large for Excel on the web to send in one go. Try the desktop version of Excel, or remove columns Localities does not need.',
  RunMustReturnPromise: 'The planner talked to Excel the wrong way (a fault in the planner). Close and reopen Locality Planner, and report this message.',
  CannotRegisterEvent: 'Excel would not tell the planner when the input tables change, so "inputs changed since this run" may not appear. Everything else works; press Refresh after editing the inputs.',
  ServiceNotAvailable: 'Excel\u2019s service is not available at the moment. Wait a minute, then run again.',
  Unauthenticated: 'Excel needs you to sign in again. Sign in, then run again.',
  UnsupportedFeature: 'A sheet uses a feature Excel cannot work with from an add-in. Run again; if it happens again, save a copy of the workbook and try that.',
  UnsupportedOperation: 'This version of Excel does not support something the planner needs. Update Excel, or use Excel on the web.',
  ValueNotLoaded: 'The planner asked Excel for a value before it had arrived (a fault in the planner). Run again, and report this message if it happens again.',
  // Excel's own codes.
  DirtySupportingFormula: 'Excel was still recalculating formulas the planner needed. Wait for the calculation to finish (see the status bar), then run again.',
  EmptyChartSeries: 'Excel would not draw a chart because one of its series has no values. The results sheets were written; run again, and if it happens again report this message.',
  FilteredRangeConflict: 'A filter on an input table got in the way. Clear the filter, then run again.',
  FormulaLengthExceedsLimit: 'A formula is longer than Excel allows. Shorten the formula, then run again.',
  InactiveWorkbook: 'Another workbook is in front, so Excel would not let the planner change this one. Click into this workbook, then run again.',
  InvalidOperationInCellEditMode: 'Excel is busy because a cell is being edited. Press Enter or Esc to finish editing, then run again.',
  MergedRangeConflict: 'Merged cells, or another table, got in the way. Unmerge the cells in the input tables (and move anything sitting where the results go), then run again.',
  NonBlankCellOffSheet: 'Excel could not make room on a sheet because that would push cells with something in them off its edge. Clear unused cells at the far right or bottom of the sheet, then run again.',
  OpenWorkbookLinksBlocked: 'Excel has blocked this workbook\u2019s links to other workbooks. Allow them (the yellow bar at the top of the workbook), then run again.',
  OperationCellsExceedLimit: 'The planner tried to change more cells at once than Excel on the web allows. Remove data outside the input tables, or try the desktop version of Excel.',
  PivotTableRangeConflict: 'A PivotTable sits where the planner needs to write. Move the PivotTable, then run again.',
  PowerQueryRefreshResourceChallenge: 'Excel needs you to sign in to a data source used by a query in this workbook. Refresh the query yourself (Data › Refresh All), then run again.',
  RangeExceedsLimit: 'A range the planner tried to read is larger than Excel allows. Remove unused rows or columns from the input tables, then run again.',
  RangeImageExceedsLimit: 'A picture of a range was larger than Excel allows. Run again; if it happens again, report this message.',
  RefreshWorkbookLinksBlocked: 'Excel has not been allowed to refresh this workbook\u2019s links to other workbooks. Allow it (the yellow bar at the top of the workbook), then run again.',
  UnsupportedFillType: 'Excel could not apply a fill the planner asked for. Run again; if it happens again, report this message.',
  UnsupportedSheet: 'One of the sheets is a chart sheet or macro sheet, which the planner cannot read or write. Rename it if its name is one the planner uses (Localities, Projection, Charts and so on), then run again.',
};

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
      // A cell being edited holds every request back (Excel.run's delayForCellEdit), and Excel
      // on the web sometimes never answers at all (office-js #4805, #6678).
      reject(new HostError(`Excel did not answer within ${wait}. If a cell is being edited, press Enter or Esc; otherwise check your connection and wait for Excel to catch up. Some results may not have been written; run again.`, 'Timeout'));
    }, timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
