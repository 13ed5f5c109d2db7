import type { CellValue } from './cells';
import type { SourceTable } from './input';
import { indicatorColumns } from './read/indicators';
import { neededColumns } from './read/localities';
import { localityFields } from './read/localityFields';
import { matchColumns } from './read/table';

/**
 * Which Localities columns the engine reads, so a host can fetch only those from a very
 * large sheet: the contract's fields, the indicator columns, and blank-header columns
 * (to note data without a header). The rest never affect a result.
 */
export function columnsNeeded(localitiesHeader: readonly CellValue[], indicators: SourceTable | undefined): number[] {
  return neededColumns(localitiesHeader, matchColumns(localitiesHeader, localityFields).columns, indicatorColumns(indicators, localitiesHeader));
}
