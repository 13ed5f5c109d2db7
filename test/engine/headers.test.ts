import { localityFields } from '../../src/engine/read/localities';
import { TableReader } from '../../src/engine/read/table';
import { table } from '../support/tables';

const read = (header: string[]) => {
  const reader = new TableReader(table('Localities', [header]), 'Localities', localityFields);
  return { columns: reader.columns, issues: reader.issues };
};

describe('header matching (contract §1)', () => {
  it.each`
    header                                                                  | field           | column
    ${['Locality']}                                                         | ${'locality'}   | ${0}
    ${['x', 'NAME']}                                                        | ${'locality'}   | ${1}
    ${['LSOA code (2011)', 'LSOA name (2011)']}                              | ${'locality'}   | ${1}
    ${['Local Authority District name (2019)']}                             | ${'district'}   | ${0}
    ${['\ufeffLSOA code (2011)', 'Index of Multiple Deprivation (IMD) Rank']} | ${'imdRank'}    | ${1}
    ${['Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)']} | ${'imdRank'} | ${0}
    ${['imd_rank']}                                                         | ${'imdRank'}    | ${0}
    ${['Total population: mid 2015 (excluding prisoners)']}                 | ${'population'} | ${0}
    ${['Include/Exclude']}                                                  | ${'override'}   | ${0}
    ${['Ward count']}                                                       | ${'wards'}      | ${0}
  `('finds $field in $header at column $column, ignoring case, spaces and punctuation', ({ header, field, column }) => {
    expect(read(header).columns[field as keyof ReturnType<typeof read>['columns']]).toBe(column);
  });

  it("prefers the field's own name over an alias, then aliases in the order listed", () => {
    expect(read(['Name', 'Area', 'Locality']).columns.locality).toBe(2);
    expect(read(['LSOA code (2011)', 'Area', 'Neighbourhood']).columns.locality).toBe(2);
  });

  it('leaves unknown columns as ordinary columns', () => {
    const { columns, issues } = read(['Locality', 'Notes', 'Income Rank (where 1 is most deprived)']);
    expect(Object.values(columns)).toEqual([0]);
    expect(issues).toEqual([]);
  });

  it('uses the first of two columns with the same header and says so', () => {
    const { columns, issues } = read(['Locality', 'Population', 'Population']);
    expect(columns.population).toBe(1);
    expect(issues).toEqual([expect.objectContaining({ code: 'DUPLICATE_HEADER', severity: 'warning', cell: 'C1' })]);
    expect(issues[0].message).toContain('columns B, C');
  });
});

describe('year columns', () => {
  it.each`
    header          | year
    ${'2012/13'}    | ${2012}
    ${'2012-13'}    | ${2012}
    ${'FY2012/13'}  | ${2012}
    ${2012}         | ${2012}
  `('reads the header $header as the year column for $year', ({ header, year }) => {
    const reader = new TableReader(table('Costs', [['Cost line', header]]), 'Costs', [{ key: 'line', name: 'Cost line' }], { yearColumns: true });
    expect(reader.yearColumns).toEqual([{ column: 1, year }]);
  });
});
