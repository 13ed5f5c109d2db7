import { type CellAddress, cellAddress } from '../address';
import { type CellValue, isBlank, isExcelError } from '../cells';
import type { SourceTable } from '../input';
import { type Issue, issueAt } from '../issues';
import type { Indicator, Locality } from '../model';
import { lookAlikeDifferences, nameKey, normalizeWord } from '../names';
import { type Staged, type Usable, unusable, usable } from '../stage';
import type { IndicatorsRead } from './indicators';
import { type LocalityField, localityFields } from './localityFields';
import { TableReader } from './table';
import { bad, isTotalRowName, readChoice, readName, readNumber, readWhole } from './values';

export { localityFields, type LocalityField } from './localityFields';

const overrideChoices = [
  ['Include', 'include'],
  ['Exclude', 'exclude'],
  ['In', 'include'],
  ['Out', 'exclude'],
] as const;

/** Above this many, missing-value notes for one indicator are summed up in one issue. */
const LISTED_MISSING = 10;

/** The locality names Costs' Applies to can name: none (no Localities table), not known (no Locality column), or these keys. */
export type LocalityNames =
  | { readonly kind: 'no-table' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'known'; readonly keys: ReadonlyMap<string, unknown> };

/** What the Localities table gave, each part usable or not on its own. */
export interface LocalitiesRead {
  /** Whether the workbook has a Localities table at all. */
  readonly present: boolean;
  readonly sheet: string | undefined;
  /** Which column holds which field. */
  readonly columns: Partial<Record<LocalityField, number>>;
  /** For ranking and selection: every row's name, District, Override and indicator values read cleanly. */
  readonly localities: Usable<readonly Locality[]>;
  readonly names: LocalityNames;
  /** Population and Wards read cleanly on every row, as allocation needs. */
  readonly figures: Usable<true>;
  /** The columns the engine uses, in order: the contract's fields, the indicators, and blank-header columns. */
  readonly neededColumns: readonly number[];
  /** Where a locality's Population or Wards cell is, so a missing figure is reported at its own cell. */
  readonly cellOf: (row: number, field: 'population' | 'wards') => CellAddress | undefined;
  /**
   * The column a `Per <column>` method names (contract v1.1 §5.4): by its header, ignoring
   * case, spaces and punctuation, or by a field's name (`Wards`, `Population`) where the
   * column carries an alias header.
   */
  readonly columnNamed: (name: string) => number | undefined;
  /** The headers of the Localities table, for suggesting a column. */
  readonly headers: readonly string[];
  /** A data row's cell, and its address, for reading a `Per <column>` basis. */
  readonly cellAt: (row: number, column: number) => CellValue;
  readonly addressOf: (row: number, column: number) => CellAddress;
}

/** The column of `header` a name picks: a header of that name, else the contract field of that name. */
export function columnNamed(name: string, header: readonly CellValue[], columns: Partial<Record<LocalityField, number>>): number | undefined {
  const key = normalizeWord(name);
  if (key === '') return undefined;
  const byHeader = header.findIndex((h) => typeof h === 'string' && normalizeWord(h) === key);
  if (byHeader >= 0) return byHeader;
  const field = localityFields.find((f) => normalizeWord(f.name) === key);
  return field ? columns[field.key] : undefined;
}

/** The Localities columns the engine reads: fields, indicators, and blank-header columns (to note data without a header). */
export function neededColumns(header: readonly CellValue[], columns: Partial<Record<LocalityField, number>>, indicatorColumns: readonly number[]): number[] {
  const needed = new Set<number>([...Object.values(columns).filter((c): c is number => c !== undefined), ...indicatorColumns]);
  header.forEach((h, i) => {
    if (isBlank(h)) needed.add(i);
  });
  return [...needed].filter((c) => c >= 0 && c < header.length).sort((a, b) => a - b);
}

/**
 * Reads Localities (contract §2): names required and unique (look-alikes are
 * duplicates), numbers in any spelling the published IoD2019 files use (`"29,199"`),
 * overrides as Include/Exclude, and each indicator's value, a blank or `#N/A` meaning
 * "no value" (never zero). Every cell is checked on every row, repeated rows included,
 * and without a Locality column the other cells still are.
 */
export function readLocalities(table: SourceTable | undefined, indicators: IndicatorsRead): Staged<LocalitiesRead> {
  if (!table) {
    return {
      value: { present: false, sheet: undefined, columns: {}, localities: usable([]), names: { kind: 'no-table' }, figures: usable(true), neededColumns: [], cellOf: () => undefined, columnNamed: () => undefined, headers: [], cellAt: () => null, addressOf: (row, column) => cellAddress(row + 1, column) },
      issues: [],
    };
  }
  const reader = new TableReader<LocalityField>(table, 'Localities', localityFields);
  const hasNames = reader.requireColumn('locality', 'Locality');
  const checked = [...new Map(indicators.columns.map((i) => [i.column, i])).values()];
  const ranked = indicators.indicators.usable ? indicators.indicators.value : [];
  const missing = new Map<number, CellAddress[]>(checked.map((i) => [i.column, []]));
  const localities: Locality[] = [];
  const keys = new Map<string, { name: string; cell: CellAddress }>();
  let selectionErrors = 0;
  let figureErrors = 0;
  // Issues are few; a row that added none costs nothing to check.
  const errorsSince = (before: number) => (reader.issues.length === before ? 0 : reader.issues.slice(before).filter((i) => i.severity === 'error').length);
  const rankColumn = reader.columns.imdRank;
  const readLocality = (v: CellValue) => readName(v, 'locality');
  const readDistrict = (v: CellValue) => readName(v, 'district');
  const readOverride = (v: CellValue) => readChoice(v, overrideChoices);
  const readPopulation = (v: CellValue) => {
    const n = readNumber(v);
    return n.ok && n.value < 0 ? bad({ code: 'NEGATIVE', found: v, rule: 'not-negative' }) : n;
  };
  const readWards = (v: CellValue) => {
    const n = readWhole(v);
    return n.ok && n.value < 0 ? bad({ code: 'NEGATIVE', found: v, rule: 'not-negative' }) : n;
  };
  // Which of the values read is each ranked indicator's, and IMD Rank's: worked out once, not for each of England's rows.
  const rankedAt = ranked.map((i: Indicator) => checked.findIndex((c) => c.column === i.column));
  const asIndicator = checked.findIndex((i) => i.column === rankColumn);
  const missingAt = checked.map((i) => missing.get(i.column)!);
  for (const r of reader.rowIndexes) {
    const before = reader.issues.length;
    const nameCell = reader.cell(r, 'locality');
    const name = hasNames ? reader.read(r, 'locality', 'Locality', readLocality) : undefined;
    if (hasNames && name === undefined && isBlank(nameCell)) reader.issue({ code: 'BAD_NAME', field: 'Locality', of: 'locality', found: nameCell }, r, reader.columns.locality!);
    let duplicate = false;
    const cell = hasNames ? reader.address(r, reader.columns.locality!) : undefined;
    if (name !== undefined && cell !== undefined) {
      const key = nameKey(name);
      const first = keys.get(key);
      // A Total row under the localities would be selected and given a share (see isTotalRowName).
      if (keys.size > 0 && isTotalRowName(name)) reader.issue({ code: 'TOTAL_ROW', name, of: 'locality' }, r, reader.columns.locality!);
      if (first) {
        duplicate = true;
        reader.issue({ code: 'DUPLICATE_LOCALITY', name, first: first.cell, differences: lookAlikeDifferences(first.name, typeof nameCell === 'string' ? nameCell : name) }, r, reader.columns.locality!);
      } else keys.set(key, { name: typeof nameCell === 'string' ? nameCell : name, cell });
    }
    const district = reader.read(r, 'district', 'District', readDistrict) ?? null;
    const override = reader.read(r, 'override', 'Override', readOverride) ?? null;
    const values = new Array<number | null>(checked.length);
    for (let k = 0; k < checked.length; k++) {
      const indicator = checked[k];
      const raw = reader.cellAt(r, indicator.column);
      if (typeof raw === 'number' && Number.isFinite(raw)) values[k] = raw;
      else if (isBlank(raw) || (isExcelError(raw) && raw.code === '#N/A')) {
        missingAt[k].push(reader.address(r, indicator.column));
        values[k] = null;
      } else values[k] = reader.readAt(r, indicator.column, indicator.header, readNumber) ?? null;
    }
    selectionErrors += errorsSince(before);
    const figuresBefore = reader.issues.length;
    const population = reader.read(r, 'population', 'Population', readPopulation);
    const wards = reader.read(r, 'wards', 'Wards', readWards);
    figureErrors += errorsSince(figuresBefore);
    if (name === undefined || cell === undefined || duplicate) continue;
    // IMD Rank breaks ties (a rank that is not a whole number from 1 breaks none); read once when it is also an indicator.
    const rank = asIndicator >= 0 && values[asIndicator] !== null ? { ok: Number.isInteger(values[asIndicator]), value: values[asIndicator]! } : readWhole(reader.cell(r, 'imdRank'));
    localities.push({
      index: localities.length,
      row: r,
      name,
      district,
      imdRank: rank.ok && rank.value >= 1 ? rank.value : null,
      population: population ?? null,
      wards: wards ?? null,
      override,
      indicatorValues: rankedAt.map((k) => values[k] ?? null),
      cell,
    });
  }
  for (const indicator of checked) {
    const cells = missing.get(indicator.column)!;
    if (cells.length <= LISTED_MISSING) {
      for (const cell of cells) reader.issues.push(missingNote(indicator.header, 1, [cell], table.sheet, cell));
    } else {
      reader.issues.push(missingNote(indicator.header, cells.length, cells.slice(0, 5), table.sheet, cells[0]));
    }
  }
  const selection: Usable<readonly Locality[]> = !hasNames
    ? unusable('a Locality column in Localities')
    : !indicators.indicators.usable
      ? unusable(...indicators.indicators.needs)
      : selectionErrors > 0
        ? unusable('Localities')
        : usable(localities);
  const needed = neededColumns(reader.header, reader.columns, checked.map((i) => i.column));
  return {
    value: {
      present: true,
      sheet: table.sheet,
      columns: reader.columns,
      localities: selection,
      // The map of names read, not a copy of its keys (England's 32,844): only looked up.
      names: hasNames ? { kind: 'known', keys } : { kind: 'unknown' },
      figures: figureErrors > 0 ? unusable('Localities') : usable(true),
      neededColumns: needed,
      cellOf: (row, field) => (reader.columns[field] === undefined ? undefined : reader.address(row, reader.columns[field]!)),
      columnNamed: (name) => columnNamed(name, reader.header, reader.columns),
      headers: reader.header.filter((h): h is string => typeof h === 'string' && !isBlank(h)),
      cellAt: (row, column) => reader.cellAt(row, column),
      addressOf: (row, column) => reader.address(row, column),
    },
    issues: reader.issues,
  };
}

function missingNote(indicator: string, count: number, first: readonly CellAddress[], sheet: string, cell: CellAddress): Issue {
  return issueAt({ code: 'MISSING_INDICATOR', indicator, count, first }, { table: 'Localities', sheet, cell });
}
