import { type CellValue, isBlank, isExcelError } from '../cells';
import type { SourceTable } from '../input';
import type { Issue } from '../issues';
import type { Locality } from '../model';
import { type FieldSpec, TableReader } from './table';
import { readChoice, readNumber, readWhole } from './values';

/** The Localities fields and the headers that may stand for them (contract §2). */
export const localityFields = [
  { key: 'locality', name: 'Locality', aliases: ['Name', 'Neighbourhood', 'Area', 'LSOA name (2011)', 'LSOA code (2011)'] },
  { key: 'district', name: 'District', aliases: ['Local Authority District name (2019)', 'Borough', 'LAD'] },
  { key: 'imdRank', name: 'IMD Rank', aliases: ['Index of Multiple Deprivation (IMD) Rank', 'Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)'] },
  { key: 'imdScore', name: 'IMD Score', aliases: ['Index of Multiple Deprivation (IMD) Score'] },
  { key: 'population', name: 'Population', aliases: ['Total population: mid 2015 (excluding prisoners)', 'Population'] },
  { key: 'wards', name: 'Wards', aliases: ['Ward count'] },
  { key: 'override', name: 'Override', aliases: ['Include/Exclude'] },
] as const satisfies readonly FieldSpec[];
export type LocalityField = (typeof localityFields)[number]['key'];

const overrideChoices = [
  ['Include', 'include'],
  ['Exclude', 'exclude'],
  ['In', 'include'],
  ['Out', 'exclude'],
] as const;

export interface LocalitiesRead {
  readonly localities: readonly Locality[];
  readonly reader: TableReader<LocalityField>;
}

/** Text of a name-like cell: numbers become their digits (a code such as 1234 is a name). */
function nameOf(value: CellValue): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Reads Localities: names required and unique, numbers in any spelling the published
 * IoD2019 files use (`"29,199"`), overrides as Include/Exclude.
 */
export function readLocalities(table: SourceTable, issues: Issue[]): LocalitiesRead | undefined {
  const reader = new TableReader<LocalityField>(table, 'Localities', localityFields, issues);
  if (!reader.requireColumn('locality', 'Locality')) return undefined;
  const localities: Locality[] = [];
  const seen = new Map<string, string>();
  for (const r of reader.rowIndexes) {
    const raw = reader.cell(r, 'locality');
    const name = nameOf(raw);
    const nameCell = reader.address(r, reader.columns.locality!);
    if (name === undefined) {
      reader.issue(isExcelError(raw) ? 'EXCEL_ERROR' : 'REQUIRED', 'error', reader.columns.locality!, r,
        isBlank(raw) ? 'this row has values but no Locality name; give it a name or delete the row.' : `Locality should be a name; found ${reader.describe(r, 'locality')}.`);
      continue;
    }
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first) {
      reader.issue('DUPLICATE', 'error', reader.columns.locality!, r, `the locality "${name}" appears again (first at ${first}); each locality must be listed once.`);
      continue;
    }
    seen.set(key, nameCell);
    const districtRaw = reader.cell(r, 'district');
    // IMD Rank and Score are checked where they are used, as indicators (prioritise.ts);
    // here they are only kept for tie-breaks.
    const rank = readWhole(reader.cell(r, 'imdRank'));
    const score = readNumber(reader.cell(r, 'imdScore'));
    const population = reader.read(r, 'population', 'Population', readNumber);
    if (population !== undefined && population < 0) reader.issue('OUT_OF_RANGE', 'error', reader.columns.population!, r, `Population cannot be negative; found ${population}.`);
    const wards = reader.read(r, 'wards', 'Wards', readWhole);
    if (wards !== undefined && wards < 0) reader.issue('OUT_OF_RANGE', 'error', reader.columns.wards!, r, `Wards cannot be negative; found ${wards}.`);
    localities.push({
      index: localities.length,
      row: r,
      name,
      district: nameOf(districtRaw) ?? null,
      imdRank: rank.ok && rank.value >= 1 ? rank.value : null,
      imdScore: score.ok ? score.value : null,
      population: population ?? null,
      wards: wards ?? null,
      override: reader.read(r, 'override', 'Override', (v) => readChoice(v, overrideChoices)) ?? null,
      cell: nameCell,
    });
  }
  return { localities, reader };
}
