import { type CellAddress, cellAddress, columnLetters, parseCellAddress } from '../address';
import { type CellValue, describeCell, isBlank, isUnsavedFormula } from '../cells';
import type { InputTableName, SourceTable } from '../input';
import { type ColumnNeed, type Issue, type IssueDetail, issueAt } from '../issues';
import { normalizeWord } from '../names';
import { type FinancialYear, yearOfHeader } from '../years';
import type { Reading } from './values';

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

/** A rectangle of sheet cells, zero-based and inclusive. */
interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** `B2:B9` (or `B2`) as zero-based sheet bounds; undefined if it is not a range. */
export function areaOf(ref: string): Area | undefined {
  const [a, b = a] = ref.split(':');
  const start = parseCellAddress(a);
  const end = parseCellAddress(b);
  if (!start || !end) return undefined;
  return { top: Math.min(start.row, end.row), left: Math.min(start.column, end.column), bottom: Math.max(start.row, end.row), right: Math.max(start.column, end.column) };
}

const headerKey = (h: CellValue): string => (typeof h === 'string' ? normalizeWord(h) : typeof h === 'number' ? String(h) : '');

/**
 * The header as a user sees it: a merged header cell counts once, at its first column,
 * whatever the host copied into the cells it covers.
 */
export function visibleHeader(table: Pick<SourceTable, 'header' | 'origin' | 'mergedRanges'>): readonly CellValue[] {
  if (!table.mergedRanges || table.mergedRanges.length === 0) return table.header;
  const header = [...table.header];
  for (const ref of table.mergedRanges) {
    const area = areaOf(ref);
    if (!area || area.top > table.origin.row || area.bottom < table.origin.row) continue;
    for (let c = Math.max(area.left + 1, table.origin.column); c <= area.right; c++) {
      const i = c - table.origin.column;
      if (i >= 0 && i < header.length) header[i] = null;
    }
  }
  return header;
}

/**
 * Which column holds which field (contract §1): the field's own name wins, then its
 * aliases in the order listed; a header used by one field is not used by another. Also
 * gives, for each field, every column with that header (the first is the one used).
 */
export function matchColumns<K extends string>(header: readonly CellValue[], fields: readonly (FieldSpec & { key: K })[]): { columns: Partial<Record<K, number>>; repeats: { column: number; others: number[] }[]; used: Set<number> } {
  const normalized = header.map(headerKey);
  const used = new Set<number>();
  const columns: Partial<Record<K, number>> = {};
  const repeats: { column: number; others: number[] }[] = [];
  for (const field of fields) {
    for (const candidate of [field.name, ...(field.aliases ?? [])]) {
      const key = normalizeWord(candidate);
      const matches = normalized.flatMap((n, i) => (n === key && !used.has(i) ? [i] : []));
      if (matches.length === 0) continue;
      columns[field.key] = matches[0];
      matches.forEach((m) => used.add(m));
      if (matches.length > 1) repeats.push({ column: matches[0], others: matches.slice(1) });
      break;
    }
  }
  return { columns, repeats, used };
}

/**
 * A contract table being read: which column holds which field, its year columns, and
 * the addresses of its cells. It records the issues it finds in its own list, which the
 * stage that made it returns.
 */
export class TableReader<K extends string> {
  readonly columns: Partial<Record<K, number>>;
  readonly yearColumns: YearColumn[] = [];
  /** Data rows that hold anything: fully blank rows are skipped (contract §1). */
  readonly rowIndexes: number[] = [];
  readonly issues: Issue[] = [];
  /** The header as read: a merged header cell counts once, at its first column. */
  readonly header: readonly CellValue[];

  constructor(
    readonly table: SourceTable,
    /** The contract name, e.g. `Funding`. */
    readonly contractName: InputTableName,
    fields: readonly (FieldSpec & { key: K })[],
    options: { yearColumns?: boolean } = {},
  ) {
    this.header = visibleHeader(table);
    this.header.forEach((h, i) => {
      if (isUnsavedFormula(h)) this.issue({ code: 'UNSAVED_FORMULA', field: `The header of column ${this.letter(i)}`, formula: h.formula }, -1, i);
    });
    const { columns, repeats, used } = matchColumns(this.header, fields);
    this.columns = columns;
    for (const { column, others } of repeats) {
      this.issue({ code: 'DUPLICATE_HEADER', header: String(this.header[column]), columns: [column, ...others].map((c) => this.letter(c)) }, -1, others[0]);
    }
    if (options.yearColumns) {
      this.header.forEach((h, i) => {
        if (used.has(i)) return;
        const year = yearOfHeader(h);
        if (year === undefined) return;
        if (this.yearColumns.some((y) => y.year === year)) this.issue({ code: 'DUPLICATE_YEAR_COLUMN', header: String(h) }, -1, i);
        else this.yearColumns.push({ column: i, year });
        used.add(i);
      });
    }
    table.rows.forEach((row, r) => {
      if (row.some((v) => !isBlank(v))) this.rowIndexes.push(r);
    });
    // A blank header over data usually means a merged or forgotten header. One pass over the
    // cells the rows hold, not one per blank column: a stray cell in XFD1 makes 16,000 of them.
    const blankHeaded = new Set<number>();
    this.header.forEach((h, i) => {
      if (isBlank(h) && !used.has(i)) blankHeaded.add(i);
    });
    if (blankHeaded.size > 0) {
      const withData = new Set<number>();
      for (const row of table.rows) {
        const end = Math.min(row.length, this.header.length);
        for (let c = 0; c < end; c++) if (blankHeaded.has(c) && !isBlank(row[c] ?? null)) withData.add(c);
      }
      for (const c of blankHeaded) if (withData.has(c)) this.issue({ code: 'UNHEADED_COLUMN', column: this.letter(c) }, -1, c);
    }
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
  issue(detail: IssueDetail, row: number, column: number): void {
    this.issues.push(issueAt(detail, { table: this.contractName, sheet: this.table.sheet, ...(column >= 0 ? { cell: this.address(row, column) } : {}) }));
  }

  /** Reads the cell at a column; a problem is recorded (naming `subject`) and gives undefined. A blank cell gives undefined too. */
  readAt<T>(row: number, column: number, subject: string, reader: (v: CellValue) => Reading<T>): T | undefined {
    const value = this.cellAt(row, column);
    if (isBlank(value)) return undefined;
    const reading = reader(value);
    if (reading.ok) return reading.value;
    this.issue({ ...reading.problem, field: subject }, row, column);
    return undefined;
  }

  /** Reads a field's cell as `readAt` does; undefined for a field without a column. */
  read<T>(row: number, field: K, subject: string, reader: (v: CellValue) => Reading<T>): T | undefined {
    const column = this.columns[field];
    return column === undefined ? undefined : this.readAt(row, column, subject, reader);
  }

  /** Requires a column; records MISSING_COLUMN if absent. */
  requireColumn(field: K, fieldName: string, neededBy: ColumnNeed | null = null): boolean {
    if (this.has(field)) return true;
    this.issues.push(missingColumn(this.table, this.contractName, fieldName, neededBy));
    return false;
  }

  describe(row: number, field: K): string {
    return describeCell(this.cell(row, field));
  }
}

/** MISSING_COLUMN for a table: the headers it has, and where the headers seem to be when a title sits above them. */
export function missingColumn(table: SourceTable, contractName: InputTableName, fieldName: string, neededBy: ColumnNeed | null): Issue {
  const headers = visibleHeader(table).filter((h) => !isBlank(h)).map((h) => (isUnsavedFormula(h) ? `=${h.formula}` : String(h)));
  const key = normalizeWord(fieldName);
  const found = table.source === 'sheet' ? table.rows.slice(0, 20).findIndex((row) => row.some((v) => typeof v === 'string' && normalizeWord(v) === key)) : -1;
  return issueAt(
    { code: 'MISSING_COLUMN', field: fieldName, neededBy, headers, headerRow: table.origin.row + 1, headersSeemOn: found < 0 ? null : table.origin.row + 2 + found },
    { table: contractName, sheet: table.sheet, cell: cellAddress(table.origin.row, table.origin.column) },
  );
}
