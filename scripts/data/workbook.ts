import ExcelJS from 'exceljs';

/**
 * Workbooks built from rows, written with ExcelJS the way a user's file arrives: for the
 * bad-input catalogue, the seeds and the benchmark. A cell is what a user can type or paste:
 * text, a number, a date, an Excel error (`{ error: '#N/A' }`) or blank.
 */
export type XlsxCell = string | number | boolean | Date | { readonly error: string } | null;

export interface XlsxSheet {
  readonly name: string;
  readonly rows: readonly (readonly XlsxCell[])[];
  /** Where the first row goes (A1 unless told), e.g. `C5000`. */
  readonly at?: string;
  /** Make the rows an Excel table (ListObject) of this name; the first row is its header. */
  readonly table?: string;
  /** Sheet row numbers (1-based) to hide. */
  readonly hiddenRows?: readonly number[];
  /** Ranges to merge, e.g. `B1:C1`. */
  readonly merges?: readonly string[];
}

function origin(at: string | undefined): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(at ?? 'A1')!;
  let column = 0;
  for (const ch of m[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), column };
}

function excelValue(cell: XlsxCell): ExcelJS.CellValue {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) return { error: cell.error } as ExcelJS.CellErrorValue;
  return cell;
}

/** An .xlsx file's bytes holding the given sheets. */
export async function buildXlsx(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name);
    const o = origin(spec.at);
    if (spec.table) {
      const [header, ...rows] = spec.rows;
      const ref = `${ws.getCell(o.row, o.column).address}`;
      ws.addTable({
        name: spec.table,
        ref,
        headerRow: true,
        columns: header.map((h) => ({ name: String(h ?? '') })),
        rows: rows.map((r) => header.map((_, i) => excelValue(r[i] ?? null))),
      });
    } else {
      spec.rows.forEach((line, r) => {
        line.forEach((cell, c) => {
          if (cell !== null) ws.getCell(o.row + r, o.column + c).value = excelValue(cell);
        });
      });
    }
    for (const r of spec.hiddenRows ?? []) ws.getRow(r).hidden = true;
    for (const m of spec.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

