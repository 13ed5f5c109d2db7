import { isBlank } from '../cells';
import type { SourceTable } from '../input';
import type { Issue } from '../issues';
import type { Direction, Indicator } from '../model';
import type { LocalitiesRead } from './localities';
import { TableReader } from './table';
import { didYouMean, normalizeWord, readChoice, readNumber } from './values';

const fields = [
  { key: 'indicator', name: 'Indicator' },
  { key: 'weight', name: 'Weight' },
  { key: 'direction', name: 'Direction' },
] as const;

const directionChoices = [
  ['Higher is worse', 'higher-is-worse'],
  ['Lower is worse', 'lower-is-worse'],
  ['Higher', 'higher-is-worse'],
  ['Lower', 'lower-is-worse'],
] as const satisfies readonly (readonly [string, Direction])[];

/**
 * Without a Direction, a column whose header says "rank" is read lower-is-worse (rank 1
 * is the most deprived, as in every IoD file); anything else higher-is-worse.
 */
export function defaultDirection(header: string): Direction {
  return /\brank\b/i.test(header) ? 'lower-is-worse' : 'higher-is-worse';
}

/** Which Localities columns feed the need score, by the Indicators table or the defaults (contract §2). */
export function readIndicators(table: SourceTable | undefined, localities: LocalitiesRead | undefined, issues: Issue[]): Indicator[] {
  if (!localities) return [];
  const header = localities.reader.table.header;
  const columnOf = (name: string): number => header.findIndex((h) => typeof h === 'string' && normalizeWord(h) === normalizeWord(name));
  if (!table) {
    const { imdScore, imdRank } = localities.reader.columns;
    if (imdScore !== undefined) return [{ header: String(header[imdScore]), column: imdScore, weight: 1, direction: 'higher-is-worse' }];
    if (imdRank !== undefined) return [{ header: String(header[imdRank]), column: imdRank, weight: 1, direction: 'lower-is-worse' }];
    return [];
  }
  const reader = new TableReader(table, 'Indicators', fields, issues);
  if (!reader.requireColumn('indicator', 'Indicator')) return [];
  const indicators: Indicator[] = [];
  for (const r of reader.rowIndexes) {
    const nameCell = reader.cell(r, 'indicator');
    if (isBlank(nameCell) || typeof nameCell !== 'string') {
      reader.issue('REQUIRED', 'error', reader.columns.indicator!, r, `Indicator should name a column of Localities; found ${reader.describe(r, 'indicator')}.`);
      continue;
    }
    const name = nameCell.trim();
    // An indicator may name a field by its contract name even where the column has an alias header.
    const { imdRank, imdScore, population } = localities.reader.columns;
    const byFieldName: Record<string, number | undefined> = { imdrank: imdRank, imdscore: imdScore, population };
    let column = columnOf(name);
    if (column < 0) column = byFieldName[normalizeWord(name)] ?? -1;
    if (column < 0) {
      const headers = header.filter((h): h is string => typeof h === 'string' && !isBlank(h));
      const guess = didYouMean(name, headers);
      reader.issue('NOT_FOUND', 'error', reader.columns.indicator!, r, `Indicator "${name}" is not a column of Localities${guess ? ` (did you mean "${guess}"?)` : ''}.`);
      continue;
    }
    if (indicators.some((i) => i.column === column)) {
      reader.issue('DUPLICATE', 'error', reader.columns.indicator!, r, `Indicator "${name}" is listed twice; list each column once and set its Weight.`);
      continue;
    }
    const weight = reader.read(r, 'weight', 'Weight', readNumber) ?? (isBlank(reader.cell(r, 'weight')) ? 1 : undefined);
    if (weight === undefined) continue;
    if (weight <= 0) {
      reader.issue('OUT_OF_RANGE', 'error', reader.columns.weight!, r, `Weight should be more than 0; found ${weight}. Leave an indicator out by deleting its row.`);
      continue;
    }
    const direction = reader.read(r, 'direction', 'Direction', (v) => readChoice(v, directionChoices)) ?? (isBlank(reader.cell(r, 'direction')) ? defaultDirection(String(header[column])) : undefined);
    if (direction === undefined) continue;
    indicators.push({ header: String(header[column]), column, weight, direction });
  }
  return indicators;
}
