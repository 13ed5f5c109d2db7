import { type CellValue, isBlank } from '../cells';
import type { SourceTable } from '../input';
import { type Issue, issueAt } from '../issues';
import type { Direction, Indicator } from '../model';
import { didYouMean, normalizeWord } from '../names';
import { type Staged, type Usable, unusable, usable } from '../stage';
import { type LocalityField, localityFields } from './localityFields';
import { TableReader, matchColumns, visibleHeader } from './table';
import { type Reading, bad, readChoice, readName, readNumber } from './values';

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
 * Without a Direction (contract v1.1 §5.6), a column whose header says rank or decile,
 * or says 1 is most deprived, is read lower-is-worse (rank 1 and decile 1 are the most
 * deprived, as in every IoD file); anything else higher-is-worse. `why` says which.
 */
export function defaultDirection(header: string): { readonly direction: Direction; readonly why: 'rank' | 'decile' | 'most-deprived' | 'other' } {
  if (/\brank/i.test(header)) return { direction: 'lower-is-worse', why: 'rank' };
  if (/\bdecile/i.test(header)) return { direction: 'lower-is-worse', why: 'decile' };
  if (/\b1\s+is\s+(?:the\s+)?most\s+deprived/i.test(header)) return { direction: 'lower-is-worse', why: 'most-deprived' };
  return { direction: 'higher-is-worse', why: 'other' };
}

/** The indicators a run ranks by, and whether an Indicators table named them. */
export interface IndicatorsRead {
  /** The indicators to rank by, or what kept them from being known. */
  readonly indicators: Usable<readonly Indicator[]>;
  /** Every Localities column an indicator names, as far as the Indicators table could be read: their values are checked whatever else is wrong. */
  readonly columns: readonly Indicator[];
  readonly fromTable: boolean;
}

/** The Localities column an indicator names: by its header, or by a field's contract name where the column has an alias header. */
function indicatorColumn(name: string, header: readonly CellValue[], columns: Partial<Record<LocalityField, number>>): number {
  const key = normalizeWord(name);
  const byHeader = header.findIndex((h) => typeof h === 'string' && normalizeWord(h) === key);
  if (byHeader >= 0) return byHeader;
  const byField: Record<string, number | undefined> = { imdrank: columns.imdRank, imdscore: columns.imdScore, population: columns.population };
  return byField[key] ?? -1;
}

/** The default indicator (contract §2): IMD Score, higher is worse, if present; else IMD Rank, lower is worse. */
function defaults(header: readonly CellValue[], columns: Partial<Record<LocalityField, number>>): Indicator[] {
  if (columns.imdScore !== undefined) return [{ header: String(header[columns.imdScore]), column: columns.imdScore, weight: 1, direction: 'higher-is-worse' }];
  if (columns.imdRank !== undefined) return [{ header: String(header[columns.imdRank]), column: columns.imdRank, weight: 1, direction: 'lower-is-worse' }];
  return [];
}

/** An indicator's name: text naming a column. */
function readIndicatorName(v: CellValue): Reading<string> {
  return typeof v === 'number' ? bad({ code: 'BAD_NAME', of: 'indicator', found: v }) : readName(v, 'indicator');
}

/** The Localities columns an Indicators table names, read without reporting anything (for hosts fetching only what they need). */
export function indicatorColumns(indicators: SourceTable | undefined, localitiesHeader: readonly CellValue[]): number[] {
  const columns = matchColumns(localitiesHeader, localityFields).columns;
  if (!indicators) return defaults(localitiesHeader, columns).map((i) => i.column);
  const nameColumn = matchColumns(visibleHeader(indicators), fields).columns.indicator;
  if (nameColumn === undefined) return [];
  return indicators.rows.flatMap((row) => {
    const v = row[nameColumn] ?? null;
    return typeof v === 'string' && v.trim() !== '' ? [indicatorColumn(v.trim(), localitiesHeader, columns)].filter((c) => c >= 0) : [];
  });
}

/**
 * Which Localities columns feed the need score (contract §2): the Indicators table's
 * rows, or the default. Every row's cells are checked, repeats included, and with no
 * Localities table the Weight and Direction cells still are.
 */
export function readIndicators(table: SourceTable | undefined, localities: SourceTable | undefined): Staged<IndicatorsRead> {
  const header = localities ? visibleHeader(localities) : [];
  const columns = matchColumns(header, localityFields).columns;
  if (!table) {
    const found = localities ? defaults(header, columns) : [];
    return { value: { indicators: usable(found), columns: found, fromTable: false }, issues: [] };
  }
  const issues: Issue[] = [];
  if (!localities) issues.push(issueAt({ code: 'INDICATORS_NEED_LOCALITIES' }, { table: 'Indicators', sheet: table.sheet }));
  const reader = new TableReader(table, 'Indicators', fields);
  if (!reader.requireColumn('indicator', 'Indicator')) return { value: { indicators: unusable('the Indicators table'), columns: [], fromTable: true }, issues: [...issues, ...reader.issues] };
  const indicators: Indicator[] = [];
  const named: Indicator[] = [];
  for (const r of reader.rowIndexes) {
    const nameCell = reader.cell(r, 'indicator');
    const name = reader.read(r, 'indicator', 'Indicator', readIndicatorName);
    if (name === undefined && isBlank(nameCell)) reader.issue({ code: 'BAD_NAME', field: 'Indicator', of: 'indicator', found: nameCell }, r, reader.columns.indicator!);
    const weight = reader.read(r, 'weight', 'Weight', (v) => {
      const n = readNumber(v);
      return n.ok && n.value <= 0 ? bad({ code: 'OUT_OF_RANGE', found: v, rule: 'more-than-zero' }) : n;
    });
    const direction = reader.read(r, 'direction', 'Direction', (v) => readChoice(v, directionChoices));
    if (name === undefined || !localities) continue;
    const column = indicatorColumn(name, header, columns);
    if (column < 0) {
      const guess = didYouMean(name, header.filter((h): h is string => typeof h === 'string' && !isBlank(h)));
      reader.issue({ code: 'UNKNOWN_INDICATOR', name, guess: guess ?? null }, r, reader.columns.indicator!);
      continue;
    }
    if (named.some((i) => i.column === column)) {
      reader.issue({ code: 'DUPLICATE_INDICATOR', indicator: name }, r, reader.columns.indicator!);
      continue;
    }
    const assumed = defaultDirection(String(header[column]));
    const indicator: Indicator = { header: String(header[column]), column, weight: weight ?? 1, direction: direction ?? assumed.direction };
    named.push(indicator);
    const weightBlank = isBlank(reader.cell(r, 'weight'));
    const directionBlank = isBlank(reader.cell(r, 'direction'));
    // IMD Score and IMD Rank have a direction everyone knows; any other column's assumed direction is said, at the cell to fill in.
    if (directionBlank && column !== columns.imdScore && column !== columns.imdRank) {
      const hasColumn = reader.has('direction');
      reader.issue({ code: 'DIRECTION_ASSUMED', indicator: indicator.header, direction: assumed.direction, why: assumed.why, hasColumn }, r, hasColumn ? reader.columns.direction! : reader.columns.indicator!);
    }
    if ((weight === undefined && !weightBlank) || (direction === undefined && !directionBlank)) continue;
    indicators.push(indicator);
  }
  issues.push(...reader.issues);
  const broken = issues.some((i) => i.severity === 'error');
  return { value: { indicators: broken ? unusable('the Indicators table') : usable(indicators), columns: named, fromTable: true }, issues };
}
