import { MARK_NAME, runPlanner, excelDate, excelError, type SourceTable, type WorkbookInput } from '../../src/engine';
import { findInputs, isDateFormat, readWorkbook, toCellValue } from '../../src/excel/readWorkbook';
import { ExcelSession } from '../../src/excel/session';
import { FakeExcel, type SheetSpec } from '../fakes/fakeExcel';

const read = (fake: FakeExcel): Promise<WorkbookInput> => readWorkbook(new ExcelSession(fake.context));
const table = (input: WorkbookInput, name: string): SourceTable => {
  const found = input.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`${name} was not read; read ${input.tables.map((t) => t.name).join(', ')}`);
  return found;
};

/** The five inputs as Excel tables on one sheet, away from A1 so origins matter. */
const tablesSheet: SheetSpec = {
  name: 'Inputs',
  at: 'B2',
  cells: [
    ['Locality', 'District', 'IMD Rank', 'Notes'],
    ['Tamworth 007D', 'Tamworth', '2,391', 'a long note nobody needs'],
    ['Tamworth 003A', 'Tamworth', { error: '#N/A' }, 'another'],
    [],
    ['Indicator', 'Direction'],
    ['IMD Rank', 'Lower is worse'],
    [],
    ['Parameter', 'Value'],
    ['First year', { date: '2012-04-01' }],
    ['Cost per locality', '£75,000'],
    [],
    ['Cost line', 'Unit cost', 'From'],
    ['Community Development Officer', 35907, '2012/13'],
    [],
    ['Source', 'Annual amount', 'Pot'],
    ['LPSA reward grant', null, 351000],
  ],
  tables: [
    { name: 'Localities', range: 'B2:E4' },
    { name: 'Indicators', range: 'B6:C7' },
    { name: 'Parameters', range: 'B9:C11' },
    { name: 'Costs', range: 'B13:D14' },
    { name: 'Funding', range: 'B16:D17' },
  ],
};

describe('reading the workbook', () => {
  it('reads each contract input from its Excel table with the header origin on the sheet', async () => {
    const input = await read(new FakeExcel({ sheets: [tablesSheet] }));
    expect(input.tables.map((t) => [t.name, t.source, t.sheet, t.origin])).toEqual([
      ['Localities', 'table', 'Inputs', { row: 1, column: 1 }],
      ['Indicators', 'table', 'Inputs', { row: 5, column: 1 }],
      ['Parameters', 'table', 'Inputs', { row: 8, column: 1 }],
      ['Costs', 'table', 'Inputs', { row: 12, column: 1 }],
      ['Funding', 'table', 'Inputs', { row: 15, column: 1 }],
    ]);
    expect(table(input, 'Costs').header).toEqual(['Cost line', 'Unit cost', 'From']);
    expect(table(input, 'Costs').rows).toEqual([['Community Development Officer', 35907, '2012/13']]);
  });

  it('converts cells: blanks to null, errors to error values, dated numbers to dates, text kept as typed', async () => {
    const input = await read(new FakeExcel({ sheets: [tablesSheet] }));
    // Rows end at the last column read (the file reader's end at their last value).
    expect(table(input, 'Localities').rows).toEqual([
      ['Tamworth 007D', 'Tamworth', '2,391'],
      ['Tamworth 003A', 'Tamworth', excelError('#N/A')],
    ]);
    expect(table(input, 'Parameters').rows).toEqual([
      ['First year', excelDate(41000)],
      ['Cost per locality', '£75,000'],
    ]);
    expect(table(input, 'Funding').rows).toEqual([['LPSA reward grant', null, 351000]]);
  });

  it('fetches only the Localities columns the engine uses', async () => {
    const fake = new FakeExcel({ sheets: [tablesSheet] });
    const input = await read(fake);
    // Notes is not a contract field nor a named indicator, so it stays blank and unread.
    expect(table(input, 'Localities').header).toContain('Notes');
    expect(table(input, 'Localities').rows.map((r) => r[3] ?? null)).toEqual([null, null]);
    expect(JSON.stringify(fake.syncLog)).not.toContain('nobody');
    expect(fake.syncLog[2].responseBytes).toBeLessThan(400);
  });

  it.each`
    where           | method                       | tables
    ${'Costs'}      | ${'Per Councillors'}         | ${[['Cost line', 'Applies to', 'Unit cost', 'Method'], ['Ward budgets', 'Shared out', 1000, 'Per Councillors']]}
    ${'Parameters'} | ${'Per Councillors'}         | ${[['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 1], ['Allocation method', 'Per Councillors']]}
  `('fetches the Localities column a $method method in $where names (v1.1 §5.4), and shares by it', async ({ where, tables }) => {
    const rows = tables as (string | number)[][];
    const other: SheetSpec = { name: where, cells: rows, tables: [{ name: where, range: `A1:${String.fromCharCode(64 + rows[0].length)}${rows.length}` }] };
    const localities: SheetSpec = { name: 'Localities', cells: [['Locality', 'Notes', 'Councillors'], ['North', 'unread', 3], ['South', 'unread', 1]], tables: [{ name: 'Localities', range: 'A1:C3' }] };
    const extra: SheetSpec[] = where === 'Costs'
      ? [{ name: 'Parameters', cells: [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 1]], tables: [{ name: 'Parameters', range: 'A1:B3' }] }]
      : [{ name: 'Costs', cells: [['Cost line', 'Applies to', 'Unit cost'], ['Ward budgets', 'Shared out', 1000]], tables: [{ name: 'Costs', range: 'A1:C2' }] }];
    const input = await read(new FakeExcel({ sheets: [localities, other, ...extra] }));
    expect(table(input, 'Localities').rows).toEqual([['North', null, 3], ['South', null, 1]]);
    const outcome = runPlanner(input, { now: new Date(0), toolVersion: 'test', host: 'test' });
    if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join('\n'));
    expect(outcome.summary.allocation.map((a) => [a.locality, a.amount])).toEqual([['North', 750], ['South', 250]]);
  });

  it('reads in three round trips and reports sheets, tables, charts, marks and the ownership record', async () => {
    const mark = 'lp1-0123456789abcdef01234567';
    const fake = new FakeExcel({
      sheets: [
        tablesSheet,
        { name: 'Charts', cells: [['Year', 'Cost'], ['2012/13', 1]], names: [{ name: MARK_NAME, formula: `="${mark}"` }] },
        { name: '_LocalityPlanner', visibility: 'VeryHidden', cells: [['Locality Planner ownership record'], ['Record version', '2'], ['Kind', 'Name', 'Sheet', 'Mark'], ['sheet', 'Charts', 'Charts', mark]] },
      ],
    });
    const sheet = fake.context.workbook.worksheets.getItem('Charts');
    sheet.charts.add('ColumnStacked', sheet.getRange('A1:B2'), 'Columns').name = 'LP_Chart_CostFunding';
    await fake.context.sync();
    fake.resetCounters();
    const input = await read(fake);
    expect(fake.syncCount).toBe(3);
    expect(input.sheetNames).toEqual(['Inputs', 'Charts', '_LocalityPlanner']);
    expect(input.tableNames).toContainEqual({ name: 'Funding', sheet: 'Inputs' });
    expect(input.chartNames).toEqual([{ name: 'LP_Chart_CostFunding', sheet: 'Charts' }]);
    expect(input.sheetMarks).toEqual([{ sheet: 'Charts', mark }]);
    expect(input.openingCells).toBeUndefined();
    // Rows come back as the used range's rectangle, blanks as null.
    expect(input.ownershipRecord).toEqual([['Locality Planner ownership record', null, null, null], ['Record version', '2', null, null], ['Kind', 'Name', 'Sheet', 'Mark'], ['sheet', 'Charts', 'Charts', mark]]);
  });

  it('reads the first two cells of a sheet a record from before marks names, in one more round trip', async () => {
    const fake = new FakeExcel({
      sheets: [
        tablesSheet,
        { name: 'Charts', cells: [['Charts'], ['Native Excel charts; readable without the add-in.']] },
        { name: '_LocalityPlanner', visibility: 'VeryHidden', cells: [['Locality Planner ownership record'], ['Record version', '1'], ['Kind', 'Name', 'Sheet'], ['sheet', 'Charts', 'Charts']] },
      ],
    });
    fake.resetCounters();
    const input = await read(fake);
    expect(fake.syncCount).toBe(4);
    expect(input.sheetMarks).toEqual([]);
    expect(input.openingCells).toEqual([{ sheet: 'Charts', a1: 'Charts', a2: 'Native Excel charts; readable without the add-in.' }]);
  });

  it('reads an input from a sheet of that name when there is no table, the header being the first non-empty row', async () => {
    const fake = new FakeExcel({
      sheets: [
        { name: 'LOCALITIES', at: 'A3', cells: [['LSOA name (2011)', 'Local Authority District name (2019)', 'Index of Multiple Deprivation (IMD) Rank'], ['Tamworth 007D', 'Tamworth', '2,391'], [], ['Tamworth 003A', 'Tamworth', '5,120']] },
        { name: 'funding', at: 'B2', cells: [['Source', 'Annual amount'], ['Mainstream budget', '£150,000']] },
      ],
    });
    const input = await read(fake);
    const localities = table(input, 'Localities');
    expect([localities.name, localities.source, localities.origin]).toEqual(['LOCALITIES', 'sheet', { row: 2, column: 0 }]);
    expect(localities.rows).toEqual([['Tamworth 007D', 'Tamworth', '2,391'], [null, null, null], ['Tamworth 003A', 'Tamworth', '5,120']]);
    const funding = table(input, 'Funding');
    expect([funding.source, funding.origin, funding.rows]).toEqual(['sheet', { row: 1, column: 1 }, [['Mainstream budget', '£150,000']]]);
  });

  it('prefers a table named for the input over a sheet of that name', async () => {
    const fake = new FakeExcel({
      sheets: [
        { name: 'Costs', cells: [['Notes about costs']] },
        { name: 'Budget', cells: [['Cost line', 'Unit cost'], ['Locality Manager', 48000]], tables: [{ name: 'costs', range: 'A1:B2' }] },
      ],
    });
    const costs = table(await read(fake), 'Costs');
    expect([costs.name, costs.source, costs.sheet]).toEqual(['costs', 'table', 'Budget']);
  });

  it.each`
    form       | spec
    ${'table'} | ${{ name: 'Data', cells: [['Source', 'Pot'], ['A', 1], ['B', 2]], hiddenRows: [3], tables: [{ name: 'Funding', range: 'A1:B3' }] }}
    ${'sheet'} | ${{ name: 'Funding', cells: [['Source', 'Pot'], ['A', 1], ['B', 2]], hiddenRows: [3] }}
  `('flags hidden rows in the $form form', async ({ spec }: { spec: SheetSpec }) => {
    const hidden = await read(new FakeExcel({ sheets: [spec] }));
    const shown = await read(new FakeExcel({ sheets: [{ ...spec, hiddenRows: [] }] }));
    expect(table(hidden, 'Funding').hasHiddenRows).toBe(true);
    expect(table(shown, 'Funding').hasHiddenRows).toBe(false);
  });

  it('gives the engine real addresses, so an issue names the cell the user must fix', async () => {
    const fake = new FakeExcel({
      sheets: [
        {
          name: 'Budget',
          at: 'C5',
          cells: [['Parameter', 'Value'], ['First year', '2012/13'], [], ['Source', 'Annual amount'], ['Mainstream budget', 'tbc']],
          tables: [
            { name: 'Parameters', range: 'C5:D6' },
            { name: 'Funding', range: 'C8:D9' },
          ],
        },
      ],
    });
    const outcome = runPlanner(await read(fake), { now: new Date('2026-01-01T00:00:00Z'), toolVersion: 'test', host: 'Excel add-in' });
    expect(outcome.ok).toBe(false);
    expect(outcome.issues).toContainEqual(expect.objectContaining({ table: 'Funding', sheet: 'Budget', cell: 'D9' }));
  });

  it('reads a date-formatted Localities column as dates, judging the column by its first data row', async () => {
    const fake = new FakeExcel({
      sheets: [{ name: 'Localities', cells: [['Locality', 'IMD Score'], ['Tamworth 007D', { date: '2019-09-26' }], ['Tamworth 003A', 43734]], numberFormats: { 'B2:B3': 'dd/mm/yyyy' } }],
    });
    const localities = table(await read(fake), 'Localities');
    expect(localities.rows.map((r) => r[1])).toEqual([excelDate(43734), excelDate(43734)]);
  });

  it('fetches a Localities table too big for one response in as few round trips as the 4 MB response budget needs', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [`Locality ${i}`, 'District', i + 1, 12.5]);
    const fake = new FakeExcel({ sheets: [{ name: 'Localities', cells: [['Locality', 'District', 'IMD Rank', 'IMD Score'], ...rows] }] });
    const input = await read(fake);
    expect(fake.syncCount).toBe(4);
    expect(fake.largestResponseBytes).toBeLessThan(4_000_000);
    expect(table(input, 'Localities').rows[39_999]).toEqual(['Locality 39999', 'District', 40_000, 12.5]);
  });

  it('lists the inputs found with their data row counts', async () => {
    const fake = new FakeExcel({ sheets: [tablesSheet, { name: 'Blank' }] });
    expect(await findInputs(new ExcelSession(fake.context))).toEqual([
      { name: 'Localities', source: 'table', sheet: 'Inputs', rows: 2 },
      { name: 'Indicators', source: 'table', sheet: 'Inputs', rows: 1 },
      { name: 'Parameters', source: 'table', sheet: 'Inputs', rows: 2 },
      { name: 'Costs', source: 'table', sheet: 'Inputs', rows: 1 },
      { name: 'Funding', source: 'table', sheet: 'Inputs', rows: 1 },
    ]);
  });

  it('reads an empty input sheet as a table with no header and no rows', async () => {
    const input = await read(new FakeExcel({ sheets: [{ name: 'Costs' }, { name: 'Localities' }] }));
    expect(input.tables.map((t) => [t.name, t.header, t.rows])).toEqual([
      ['Localities', [], []],
      ['Costs', [], []],
    ]);
  });
});

describe('cell conversion', () => {
  it.each`
    format                                  | date
    ${'dd/mm/yyyy'}                         | ${true}
    ${'d-mmm-yy'}                           | ${true}
    ${'[$-809]dd mmmm yyyy'}                | ${true}
    ${'h:mm AM/PM'}                         | ${true}
    ${'General'}                            | ${false}
    ${'#,##0.00'}                           | ${false}
    ${'"£"#,##0.00;[Red]-"£"#,##0.00'}      | ${false}
    ${'0.0%'}                               | ${false}
    ${'@'}                                  | ${false}
    ${'"Day "0'}                            | ${false}
  `('treats the number format $format as a date: $date', ({ format, date }: { format: string; date: boolean }) => {
    expect(isDateFormat(format)).toBe(date);
  });

  it.each`
    value         | type         | format          | expected
    ${''}         | ${'Empty'}   | ${'General'}    | ${null}
    ${'#DIV/0!'}  | ${'Error'}   | ${'General'}    | ${excelError('#DIV/0!')}
    ${'#N/A'}     | ${'String'}  | ${'@'}          | ${'#N/A'}
    ${45000}      | ${'Double'}  | ${'dd/mm/yyyy'} | ${excelDate(45000)}
    ${45000}      | ${'Double'}  | ${'#,##0'}      | ${45000}
    ${'29,199'}   | ${'String'}  | ${'General'}    | ${'29,199'}
    ${true}       | ${'Boolean'} | ${'General'}    | ${true}
  `('reads $value ($type, $format) as $expected', ({ value, type, format, expected }) => {
    expect(toCellValue(value, type, format)).toEqual(expected);
  });
});
