import ExcelJS from 'exceljs';
import { type CellValue, type SourceTable, type WorkbookInput, excelDate, excelError, findOwnershipSheet, locateInputs, parseCellAddress } from '../engine';

/** A file that cannot be read as a workbook (CLI exit 2). */
export class WorkbookFileError extends Error {
  override readonly name = 'WorkbookFileError';
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** ExcelJS gives dates as JavaScript Dates in UTC; the engine takes Excel serial days. */
function serialOf(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
}

/** One ExcelJS cell as the engine's cell value; a merged cell's followers read blank, as in Office.js. */
function valueOf(cell: ExcelJS.Cell): CellValue {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  return plain(cell.value);
}

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return excelDate(serialOf(value));
  if (typeof value === 'object') {
    if ('error' in value && value.error) return excelError(String(value.error));
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return plain((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') return (value as { text: string }).text;
  }
  return null;
}

/** Parses a table's `B2:H40` into zero-based bounds. */
function bounds(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b = a] = ref.split(':');
  const start = parseCellAddress(a);
  const end = parseCellAddress(b);
  if (!start || !end) throw new WorkbookFileError(`a table's range "${ref}" is not a range of cells`);
  return { top: start.row, left: start.column, bottom: end.row, right: end.column };
}

function readBlock(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): { rows: CellValue[][]; hidden: boolean } {
  const rows: CellValue[][] = [];
  let hidden = false;
  for (let r = top; r <= bottom; r++) {
    const row = ws.getRow(r + 1);
    if (row.hidden && r > top) hidden = true;
    const out: CellValue[] = new Array(right - left + 1);
    for (let c = left; c <= right; c++) out[c - left] = row.hasValues ? valueOf(row.getCell(c + 1)) : null;
    rows.push(out);
  }
  return { rows, hidden };
}

/** A ListObject as a source table (header row, data rows; a totals row is left out). */
function fromTable(ws: ExcelJS.Worksheet, name: string, ref: string, totalsRow: boolean): SourceTable {
  const b = bounds(ref);
  const { rows, hidden } = readBlock(ws, b.top, b.left, b.bottom - (totalsRow ? 1 : 0), b.right);
  const [header, ...data] = rows;
  return { name, source: 'table', sheet: ws.name, origin: { row: b.top, column: b.left }, header: header ?? [], rows: data, hasHiddenRows: hidden };
}

/** A sheet as a source table: its first non-empty row is the header (contract §1). */
function fromSheet(ws: ExcelJS.Worksheet): SourceTable {
  let top = -1;
  let bottom = -1;
  let left = Number.MAX_SAFE_INTEGER;
  let right = -1;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (valueOf(cell) === null) return;
      if (top < 0) top = rowNumber - 1;
      bottom = rowNumber - 1;
      left = Math.min(left, colNumber - 1);
      right = Math.max(right, colNumber - 1);
    });
  });
  if (top < 0) return { name: ws.name, source: 'sheet', sheet: ws.name, origin: { row: 0, column: 0 }, header: [], rows: [] };
  const { rows, hidden } = readBlock(ws, top, left, bottom, right);
  const [header, ...data] = rows;
  return { name: ws.name, source: 'sheet', sheet: ws.name, origin: { row: top, column: left }, header, rows: data, hasHiddenRows: hidden };
}

interface TableInfo {
  readonly name: string;
  readonly ref: string;
  readonly totalsRow: boolean;
  readonly ws: ExcelJS.Worksheet;
}

function tablesOf(wb: ExcelJS.Workbook): TableInfo[] {
  const out: TableInfo[] = [];
  for (const ws of wb.worksheets) {
    for (const t of ws.getTables() as unknown as { name?: string; table?: { name?: string; tableRef?: string; ref?: string; totalsRow?: boolean } }[]) {
      const model = (t.table ?? t) as { name?: string; tableRef?: string; ref?: string; totalsRow?: boolean };
      const name = model.name ?? t.name;
      const ref = model.tableRef ?? model.ref;
      if (name && ref) out.push({ name, ref, totalsRow: Boolean(model.totalsRow), ws });
    }
  }
  return out;
}

/**
 * Reads a workbook file's bytes into what the engine takes: each contract input as an
 * Excel table or, failing that, a sheet of that name; every sheet and table name; and
 * the ownership record.
 */
export async function readWorkbookFile(bytes: Uint8Array): Promise<WorkbookInput> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new WorkbookFileError(`it is not an Excel workbook (.xlsx) that can be read (${e instanceof Error ? e.message : String(e)})`);
  }
  if (wb.worksheets.length === 0) throw new WorkbookFileError('it is not an Excel workbook (.xlsx) that can be read (it has no worksheets)');
  const tables = tablesOf(wb);
  const sheetNames = wb.worksheets.map((w) => w.name);
  // The engine's one rule for where each input is, as the add-in uses it too.
  const found: SourceTable[] = locateInputs({ sheetNames, tableNames: tables.map((t) => ({ name: t.name, sheet: t.ws.name })) }).map((at) => {
    if (at.source === 'table') {
      const t = tables.find((x) => x.name === at.actualName)!;
      return fromTable(t.ws, t.name, t.ref, t.totalsRow);
    }
    return fromSheet(wb.worksheets.find((w) => w.name === at.actualName)!);
  });
  const recordName = findOwnershipSheet(sheetNames);
  const record = recordName === undefined ? undefined : fromSheet(wb.worksheets.find((w) => w.name === recordName)!);
  return {
    tables: found,
    sheetNames,
    tableNames: tables.map((t) => ({ name: t.name, sheet: t.ws.name })),
    ...(record ? { ownershipRecord: [record.header, ...record.rows] } : {}),
  };
}
