/**
 * Why a file cannot be read as a workbook, as a value: each reason is one plain sentence
 * the command-line tool prints after "Cannot read plan.xlsx: " (exit 2). No library's
 * message or web address ever reaches the user.
 */
export type UnreadableFile =
  | { readonly kind: 'empty' }
  | { readonly kind: 'encrypted' }
  | { readonly kind: 'xls' }
  | { readonly kind: 'compound-document' }
  | { readonly kind: 'csv' }
  | { readonly kind: 'xml-or-web-page' }
  | { readonly kind: 'ods' }
  | { readonly kind: 'xlsb' }
  | { readonly kind: 'strict' }
  | { readonly kind: 'not-a-zip' }
  | { readonly kind: 'not-a-workbook'; /** What the package holds instead, in words. */ readonly detail: string }
  | { readonly kind: 'damaged'; /** What is wrong with the package, in words. */ readonly detail: string }
  | { readonly kind: 'doctype'; readonly part: string }
  | { readonly kind: 'too-large'; readonly part: string; readonly limitMb: number };

const repairHint = 'open it in Excel and save it again, or ask whoever sent it for a fresh copy';

/** The sentence for each reason (without the file name or a final full stop). */
export function describeUnreadable(reason: UnreadableFile): string {
  switch (reason.kind) {
    case 'empty':
      return 'the file is empty (0 bytes); it may not have finished copying or downloading';
    case 'encrypted':
      return 'it is password-protected: remove the password (in Excel, File > Info > Protect Workbook > Encrypt with Password, and clear it) and run again';
    case 'xls':
      return 'it is an Excel 97-2003 workbook (.xls): open it in Excel and save it as an Excel Workbook (.xlsx), then run again';
    case 'compound-document':
      return 'it is an older Office file, not an Excel workbook (.xlsx): open it in Excel and save it as an Excel Workbook (.xlsx), then run again';
    case 'csv':
      return 'it is a CSV or text file, not an Excel workbook: open it in Excel and save it as an Excel Workbook (.xlsx), then run again';
    case 'xml-or-web-page':
      return 'it is an XML or web-page file, not an Excel workbook (.xlsx): open it in Excel and save it as an Excel Workbook (.xlsx), then run again';
    case 'ods':
      return 'it is an OpenDocument spreadsheet (.ods): save it as an Excel Workbook (.xlsx) (in LibreOffice, File > Save As > Excel 2007-365), then run again';
    case 'xlsb':
      return 'it is an Excel Binary Workbook (.xlsb): open it in Excel and save it as an Excel Workbook (.xlsx), then run again';
    case 'strict':
      return 'it is saved as a Strict Open XML Spreadsheet, which Locality Planner cannot refresh: open it in Excel and save it as an Excel Workbook (.xlsx), then run again';
    case 'not-a-zip':
      return `it is not an Excel workbook (.xlsx) that can be read: it is not a workbook package, or it is cut short; ${repairHint}`;
    case 'not-a-workbook':
      return `it is not an Excel workbook (.xlsx) that can be read: ${reason.detail}`;
    case 'damaged':
      return `it is a damaged workbook package (${reason.detail}), and Excel would not read it the same way; ${repairHint}`;
    case 'doctype':
      return `its part ${reason.part} declares a DOCTYPE, which Excel never writes and does not accept; ${repairHint}`;
    case 'too-large':
      return `its part ${reason.part} would unpack to more than ${reason.limitMb.toLocaleString('en-GB')} MB, far more than a workbook of this size can hold (a damaged or malicious file)`;
  }
}

/** A file that cannot be read as a workbook (CLI exit 2); `reason` says why. */
export class WorkbookFileError extends Error {
  override readonly name = 'WorkbookFileError';
  constructor(readonly reason: UnreadableFile) {
    super(describeUnreadable(reason));
  }
}

/** Shorthand for a damaged package. */
export const damaged = (detail: string): WorkbookFileError => new WorkbookFileError({ kind: 'damaged', detail });
