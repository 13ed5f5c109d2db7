import type { CellValue } from './cells';
import type { SourceTable } from './input';
import { normalizeWord } from './names';
import { indicatorColumns } from './read/indicators';
import { columnNamed, neededColumns } from './read/localities';
import { localityFields } from './read/localityFields';
import { readMethod } from './read/method';
import { matchColumns, visibleHeader } from './read/table';

/** The columns of Costs and Parameters that may name a `Per <column>` method. */
const methodField = [{ key: 'method', name: 'Method', aliases: ['Shared by', 'Allocation method'] }] as const;
const parameterFields = [
  { key: 'parameter', name: 'Parameter', aliases: ['Name', 'Setting'] },
  { key: 'value', name: 'Value', aliases: ['Amount', 'Setting value'] },
] as const;

/** The Localities columns `Per <column>` methods name, in Costs' Method column or the Allocation method parameter (contract v1.1 §5.4). */
function basisColumns(localitiesHeader: readonly CellValue[], costs: SourceTable | undefined, parameters: SourceTable | undefined): number[] {
  const fieldColumns = matchColumns(localitiesHeader, localityFields).columns;
  const methods: CellValue[] = [];
  if (costs) {
    const column = matchColumns(visibleHeader(costs), methodField).columns.method;
    if (column !== undefined) methods.push(...costs.rows.map((row) => row[column] ?? null));
  }
  if (parameters) {
    const { parameter, value } = matchColumns(visibleHeader(parameters), parameterFields).columns;
    if (parameter !== undefined && value !== undefined) {
      for (const row of parameters.rows) {
        const name = row[parameter];
        if (typeof name === 'string' && normalizeWord(name) === 'allocationmethod') methods.push(row[value] ?? null);
      }
    }
  }
  return methods.flatMap((m) => {
    const method = readMethod(m);
    if (!method.ok || method.value.kind !== 'per-column') return [];
    const column = columnNamed(method.value.header, localitiesHeader, fieldColumns);
    return column === undefined ? [] : [column];
  });
}

/**
 * Which Localities columns the engine reads, so a host can fetch only those from a very
 * large sheet: the contract's fields, the indicator columns, the columns `Per <column>`
 * methods share by, and blank-header columns (to note data without a header). The rest
 * never affect a result. Without a Locality column, every column: the message about it
 * looks for the real header row in them all.
 */
export function columnsNeeded(localitiesHeader: readonly CellValue[], indicators: SourceTable | undefined, others: { readonly costs?: SourceTable; readonly parameters?: SourceTable } = {}): number[] {
  const { columns } = matchColumns(localitiesHeader, localityFields);
  // Without a Locality column the run stops, and its message looks through every column for the real header row.
  if (columns.locality === undefined) return localitiesHeader.map((_, i) => i);
  const needed = neededColumns(localitiesHeader, columns, indicatorColumns(indicators, localitiesHeader));
  return [...new Set([...needed, ...basisColumns(localitiesHeader, others.costs, others.parameters)])].filter((c) => c >= 0 && c < localitiesHeader.length).sort((a, b) => a - b);
}
