import type { CellValue } from './cells';
import type { SourceTable } from './input';
import { indicatorColumns } from './read/indicators';
import { neededColumns } from './read/localities';
import { localityFields } from './read/localityFields';
import { matchColumns } from './read/table';

/**
 * Which Localities columns the engine reads, so a host can fetch only those from a very
 * large sheet: the contract's fields, the indicator columns, and blank-header columns
 * (to note data without a header). The rest never affect a result. Without a Locality
 * column, every column: the message about it looks for the real header row in them all.
 */
export function columnsNeeded(localitiesHeader: readonly CellValue[], indicators: SourceTable | undefined): number[] {
  const { columns } = matchColumns(localitiesHeader, localityFields);
  // Without a Locality column the run stops, and its message looks through every column for the real header row.
  if (columns.locality === undefined) return localitiesHeader.map((_, i) => i);
  return neededColumns(localitiesHeader, columns, indicatorColumns(indicators, localitiesHeader));
}
