import type { FieldSpec } from './table';

/** The Localities fields and the headers that may stand for them (contract §2), as the published IoD2019 files head them. */
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
