import type { CellValue, RunContext, SourceTable, WorkbookInput } from '../../src/engine';

/**
 * Fixtures look like Excel: a table is the 2-D `values` array a range returns, header
 * row first, placed at a cell (A1 unless told).
 */
export function table(name: string, values: readonly (readonly CellValue[])[], at: { sheet?: string; row?: number; column?: number; source?: 'table' | 'sheet' } = {}): SourceTable {
  const [header, ...rows] = values;
  return {
    name,
    source: at.source ?? 'table',
    sheet: at.sheet ?? name,
    origin: { row: at.row ?? 0, column: at.column ?? 0 },
    header: header ?? [],
    rows,
  };
}

/** A workbook of the given tables, each on a sheet of its own name. */
export function workbook(...tables: SourceTable[]): WorkbookInput {
  return { tables, sheetNames: [...new Set(tables.map((t) => t.sheet))], tableNames: tables.filter((t) => t.source === 'table').map((t) => ({ name: t.name, sheet: t.sheet })) };
}

export const testContext: RunContext = { now: new Date('2026-11-23T12:00:00Z'), toolVersion: '0.0.0-test', host: 'test' };
