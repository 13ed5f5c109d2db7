import { type CellAddress, cellAddress, columnLetters } from '../address';
import { type CellValue, describeCell, isBlank } from '../cells';
import type { SourceTable } from '../input';
import type { Issue, IssueCode, IssueSeverity } from '../issues';
import { type FinancialYear, yearOfHeader } from '../years';
import { normalizeWord, type Reading } from './values';

/** A field of a contract table: its name and the other headers that may stand for it. */
export interface FieldSpec {
  readonly key: string;
  readonly name: string;
  readonly aliases?: readonly string[];
}

export interface YearColumn {
  readonly column: number;
  readonly year: FinancialYear;
}

/**
 * A contract table being read: which column holds which field, its year columns, and
 * the addresses of its cells, with one place that records issues in the users' words.
 */
export class TableReader<K extends string> {
  readonly columns: Partial<Record<K, number>> = {};
  readonly yearColumns: YearColumn[] = [];
  /** Data rows that hold anything: fully blank rows are skipped (contract §1). */
  readonly rowIndexes: number[] = [];

  constructor(
    readonly table: SourceTable,
    /** The contract name, e.g. `Funding`. */
    readonly contractName: string,
    fields: readonly FieldSpec[],
    private readonly issues: Issue[],
    options: { yearColumns?: boolean } = {},
  ) {
    const normalized = table.header.map((h) => (typeof h === 'string' ? normalizeWord(h) : typeof h === 'number' ? String(h) : ''));
    const used = new Set<number>();
    for (const field of fields) {
      // The field's own name wins, then its aliases in the order listed (contract §1).
      for (const candidate of [field.name, ...(field.aliases ?? [])]) {
        const key = normalizeWord(candidate);
        const matches = normalized.flatMap((n, i) => (n === key && !used.has(i) ? [i] : []));
        if (matches.length === 0) continue;
        (this.columns as Record<string, number>)[field.key] = matches[0];
        used.add(matches[0]);
        if (matches.length > 1) {
          this.issue('HEADER', 'warning', matches[1], -1,
            `${this.contractName} has more than one column headed "${String(table.header[matches[0]])}" (columns ${matches.map((c) => this.letter(c)).join(', ')}); column ${this.letter(matches[0])} is used and the others are ignored.`);
          matches.slice(1).forEach((m) => used.add(m));
        }
        break;
      }
    }
    if (options.yearColumns) {
      table.header.forEach((h, i) => {
        if (used.has(i)) return;
        const year = yearOfHeader(h);
        if (year !== undefined) {
          if (this.yearColumns.some((y) => y.year === year)) {
            this.issue('HEADER', 'error', i, -1, `${this.contractName} has two columns for the year ${String(h)}; keep one.`);
          } else {
            this.yearColumns.push({ column: i, year });
          }
          used.add(i);
        }
      });
    }
    table.rows.forEach((row, r) => {
      if (row.some((v) => !isBlank(v))) this.rowIndexes.push(r);
    });
    // A blank header over data usually means a merged or forgotten header.
    table.header.forEach((h, i) => {
      if (!isBlank(h) || used.has(i)) return;
      if (table.rows.some((row) => !isBlank(row[i] ?? null))) {
        this.issue('HEADER', 'warning', i, -1, `column ${this.letter(i)} of ${this.contractName} has values but no header (a merged or blank header cell?); it is ignored. Give it a header to use it.`);
      }
    });
  }

  /** The column letter on the sheet. */
  letter(column: number): string {
    return columnLetters(this.table.origin.column + column);
  }

  /** The address of a data cell (`row` -1 is the header row). */
  address(row: number, column: number): CellAddress {
    return cellAddress(this.table.origin.row + 1 + row, this.table.origin.column + column);
  }

  /** The sheet row number a user sees for a data row. */
  sheetRow(row: number): number {
    return this.table.origin.row + 2 + row;
  }

  has(field: K): boolean {
    return this.columns[field] !== undefined;
  }

  cell(row: number, field: K): CellValue {
    const c = this.columns[field];
    return c === undefined ? null : (this.table.rows[row]?.[c] ?? null);
  }

  cellAt(row: number, column: number): CellValue {
    return this.table.rows[row]?.[column] ?? null;
  }

  /** Records an issue at a cell (`row` -1 for the header; `column` -1 for the whole table). */
  issue(code: IssueCode, severity: IssueSeverity, column: number, row: number, message: string): void {
    this.issues.push({
      code,
      severity,
      table: this.contractName,
      sheet: this.table.sheet,
      ...(column >= 0 ? { cell: this.address(row, column) } : {}),
      message,
    });
  }

  /** Reads a field's cell; on a problem records it (naming the field) and gives undefined. */
  read<T>(row: number, field: K, fieldName: string, reader: (v: CellValue) => Reading<T>, severity: IssueSeverity = 'error'): T | undefined {
    const value = this.cell(row, field);
    if (isBlank(value)) return undefined;
    const reading = reader(value);
    if (reading.ok) return reading.value;
    this.issue(codeFor(reading.problem), severity, this.columns[field]!, row, `${fieldName} ${reading.problem}.`);
    return undefined;
  }

  /** Requires a column; records MISSING_COLUMN if absent. */
  requireColumn(field: K, fieldName: string, why = ''): boolean {
    if (this.has(field)) return true;
    const headers = this.table.header.filter((h) => !isBlank(h)).map((h) => `"${String(h)}"`).slice(0, 8).join(', ');
    this.issues.push({
      code: 'MISSING_COLUMN',
      severity: 'error',
      table: this.contractName,
      sheet: this.table.sheet,
      cell: cellAddress(this.table.origin.row, this.table.origin.column),
      message: `${this.contractName} has no "${fieldName}" column${why}. The header row (row ${this.table.origin.row + 1}) has ${headers || 'no headers'}.${this.hintHeaderRow(fieldName)}`,
    });
    return false;
  }

  /** When the header row is not the first row of a sheet, say where the headers seem to be. */
  private hintHeaderRow(fieldName: string): string {
    if (this.table.source !== 'sheet') return '';
    const key = normalizeWord(fieldName);
    const found = this.table.rows.slice(0, 20).findIndex((row) => row.some((v) => typeof v === 'string' && normalizeWord(v) === key));
    if (found < 0) return '';
    return ` The headers seem to be on row ${this.sheetRow(found)}: delete the rows above them, or make the data an Excel table named ${this.contractName}.`;
  }

  describe(row: number, field: K): string {
    return describeCell(this.cell(row, field));
  }
}

function codeFor(problem: string): IssueCode {
  if (problem.includes('Excel error')) return 'EXCEL_ERROR';
  if (problem.includes('amount')) return 'BAD_AMOUNT';
  if (problem.includes('rate')) return 'BAD_RATE';
  if (problem.includes('one of')) return 'BAD_CHOICE';
  if (problem.includes('year')) return 'BAD_YEAR';
  return 'BAD_NUMBER';
}
