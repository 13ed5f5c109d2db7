/**
 * Cell addresses as Excel writes them (`C4`), branded so a bare string cannot stand in.
 * Rows and columns inside the engine are zero-based; addresses are what users see.
 */
declare const cellAddressBrand: unique symbol;
export type CellAddress = string & { readonly [cellAddressBrand]: true };

/** `0 → A`, `25 → Z`, `26 → AA`. */
export function columnLetters(column: number): string {
  let n = column + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The address of a zero-based row and column: `(3, 2) → C4`. */
export function cellAddress(row: number, column: number): CellAddress {
  return `${columnLetters(column)}${row + 1}` as CellAddress;
}

/** A rectangle's address: `A1:H20` (a single cell gives `A1`). */
export function rangeAddress(row: number, column: number, rows: number, columns: number): string {
  const start = cellAddress(row, column);
  if (rows <= 1 && columns <= 1) return start;
  return `${start}:${cellAddress(row + Math.max(rows, 1) - 1, column + Math.max(columns, 1) - 1)}`;
}

/** Parses `C4` or `$C$4` into zero-based row and column; undefined if it is not one cell. */
export function parseCellAddress(text: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
  if (!m) return undefined;
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

/** Quotes a sheet name for use in a reference when Excel would: `'Run info'!A1`. */
export function quoteSheetName(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
