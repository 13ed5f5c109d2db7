import { costs, expectNoted, expectRefused, parameters, runCli, type XlsxCell, type XlsxSheet } from './cliRun';

/**
 * Bad-input catalogue, part 1: the shape of the tables. Each case goes through the
 * command-line tool on a real .xlsx: an error stops with exit 1, prints table, cell,
 * what is wrong and what is expected, writes nothing and leaves the input byte for byte.
 * docs/bad-inputs.md lists the messages users see.
 */
const localities = (rows: (readonly XlsxCell[])[], more: Partial<XlsxSheet> = {}): XlsxSheet => ({ name: 'Localities', rows, ...more });

describe('missing tables and columns', () => {
  it('refuses a workbook with none of the input tables and names the ones it looks for', async () => {
    expectRefused(await runCli([{ name: 'Sheet1', rows: [['Budget 2012/13'], ['Locality Manager', 40000]] }]),
      'Workbook: No input tables found. Locality Planner reads Excel tables (or sheets) named Localities, Indicators, Parameters, Costs and Funding; add at least Costs or Funding and a Parameters table with First year.');
  });

  it('refuses a run with no First year anywhere and says where to give one', async () => {
    expectRefused(await runCli([{ name: 'Parameters', rows: [['Parameter', 'Value'], ['Years', 5]] }, costs()]),
      'Parameters: First year is needed: set it in Parameters (e.g. 2012/13), or give From years or year columns in Costs or Funding.');
  });

  it.each`
    table            | sheets                                                                                                                  | line
    ${'Localities'}  | ${[localities([['Place', 'IMD Rank'], ['Tamworth 007D', 1]]), costs()]}                                                | ${'Localities!A1: Localities has no "Locality" column. The header row (row 1) has "Place", "IMD Rank".'}
    ${'Costs'}       | ${[{ name: 'Costs', rows: [['Item name', 'Unit cost'], ['Manager', 5]] }]}                                             | ${'Costs!A1: Costs has no "Cost line" column. The header row (row 1) has "Item name", "Unit cost".'}
    ${'Costs'}       | ${[{ name: 'Costs', rows: [['Cost line', 'Quantity'], ['Manager', 1]] }]}                                              | ${'Costs!A1: Costs has no "Unit cost" column (or year columns such as 2012/13 giving each year\'s amount). The header row (row 1) has "Cost line", "Quantity".'}
    ${'Funding'}     | ${[{ name: 'Funding', rows: [['Grant', 'Annual amount'], ['LPSA', 5]] }, costs()]}                                     | ${'Funding!A1: Funding has no "Source" column. The header row (row 1) has "Grant", "Annual amount".'}
    ${'Indicators'}  | ${[localities([['Locality', 'Crime'], ['A', 1]]), { name: 'Indicators', rows: [['Weight'], [1]] }, costs()]}            | ${'Indicators!A1: Indicators has no "Indicator" column. The header row (row 1) has "Weight".'}
    ${'Parameters'}  | ${[{ name: 'Parameters', rows: [['Setting name', 'Value'], ['First year', '2012/13']] }, costs()]}                      | ${'Parameters!A1: Parameters has no "Parameter" column. The header row (row 1) has "Setting name", "Value".'}
  `('names the required column $table lacks and the headers it did find', async ({ sheets, line }) => {
    const run = await runCli(sheets.some((s: XlsxSheet) => s.name === 'Parameters') ? sheets : [...sheets, parameters()]);
    expectRefused(run, line);
  });

  it.each`
    parameter                          | column        | why
    ${['Per district', 1]}             | ${'District'}  | ${'which Per district needs'}
    ${['Allocation method', 'Per ward']} | ${'Wards'}   | ${'which Per ward allocation needs'}
    ${['Allocation method', 'Per head']} | ${'Population'} | ${'which Per head allocation needs'}
  `('refuses $parameter when Localities has no $column column', async ({ parameter, column, why }) => {
    const run = await runCli([localities([['Locality', 'IMD Rank'], ['A', 1]]), parameters(parameter, ['Allocation pot', 1000]), costs()]);
    expectRefused(run, `Localities!A1: Localities has no "${column}" column, ${why}. The header row (row 1) has "Locality", "IMD Rank".`);
  });

  it('refuses parameters that need localities when there is no Localities table, and says which', async () => {
    expectRefused(await runCli([parameters(['Per district', 1], ['Cost per locality', '£75,000']), costs()]),
      'Parameters: A Localities table is needed: Per district and Additional choose localities; Cost per locality is paid for each selected locality.');
  });

  it('refuses quotas when Localities has no indicator to rank by', async () => {
    expectRefused(await runCli([localities([['Locality', 'District'], ['A', 'North']]), parameters(['Per district', 1]), costs()]),
      'Parameters: Per district and Additional choose the localities most in need, which needs an indicator: add an IMD Score or IMD Rank column to Localities, or an Indicators table.');
  });

  it('refuses an Indicators table without a Localities table', async () => {
    expectRefused(await runCli([{ name: 'Indicators', rows: [['Indicator'], ['Crime']] }, parameters(), costs()]),
      'Indicators: Indicators needs a Localities table whose columns it names.');
  });

  it('refuses an indicator that is not a Localities column and suggests the nearest', async () => {
    const run = await runCli([localities([['Locality', 'Crime rate'], ['A', 1]]), { name: 'Indicators', rows: [['Indicator'], ['Crime rte']] }, parameters(), costs()]);
    expectRefused(run, 'Indicators!A2: Indicator "Crime rte" is not a column of Localities (did you mean "Crime rate"?).');
  });
});

describe('duplicates', () => {
  it.each`
    names                              | line
    ${['Tamworth 007D', 'Tamworth 007D']} | ${'Localities!A3: the locality "Tamworth 007D" appears again (first at A2); each locality must be listed once.'}
    ${['Castle', 'castle']}            | ${'Localities!A3: the locality "castle" appears again (first at A2); each locality must be listed once.'}
    ${['Castle', ' Castle ']}          | ${'Localities!A3: the locality "Castle" appears again (first at A2); each locality must be listed once.'}
  `('refuses a locality listed twice ($names), ignoring case and spaces', async ({ names, line }) => {
    const run = await runCli([localities([['Locality', 'IMD Rank'], [names[0], 1], [names[1], 2]]), parameters(), costs()]);
    expectRefused(run, line);
  });

  it('refuses a parameter set twice and points at both', async () => {
    expectRefused(await runCli([parameters(['First year', '2013/14']), costs()]), 'Parameters!A3: First year is set twice (first at B2); keep one.');
  });

  it('refuses two columns for the same year', async () => {
    const run = await runCli([parameters(), { name: 'Costs', rows: [['Cost line', '2012/13', '2012-13'], ['Manager', 5, 6]] }]);
    expectRefused(run, 'Costs!C1: Costs has two columns for the year 2012-13; keep one.');
  });

  it('refuses an indicator listed twice', async () => {
    const run = await runCli([localities([['Locality', 'Crime'], ['A', 1]]), { name: 'Indicators', rows: [['Indicator'], ['Crime'], ['crime']] }, parameters(), costs()]);
    expectRefused(run, 'Indicators!A3: Indicator "crime" is listed twice; list each column once and set its Weight.');
  });
});

describe('headers', () => {
  it('notes a merged header cell: the merged-over column has values but no header, and is ignored', async () => {
    const run = await runCli([localities([['Locality', 'IMD Rank', null], ['A', 1, 5], ['B', 2, 6]], { merges: ['B1:C1'] }), parameters(), costs()]);
    expectNoted(run, 'Localities!C1: column C of Localities has values but no header (a merged or blank header cell?); it is ignored. Give it a header to use it.', 'Selected localities: 2');
  });

  it('notes a blank header over data the same way', async () => {
    const run = await runCli([localities([['Locality', null, 'IMD Rank'], ['A', 'x', 1]]), parameters(), costs()]);
    expectNoted(run, 'Localities!B1: column B of Localities has values but no header (a merged or blank header cell?); it is ignored. Give it a header to use it.');
  });

  it('uses the first of two columns with the same header and says which it ignored', async () => {
    const run = await runCli([localities([['Locality', 'IMD Rank', 'IMD Rank'], ['A', 1, 5]]), parameters(), costs()]);
    expectNoted(run, 'Localities!C1: Localities has more than one column headed "IMD Rank" (columns B, C); column B is used and the others are ignored.');
  });

  it('points to the real header row when a title sits above it', async () => {
    const run = await runCli([localities([['Neighbourhoods for 2012/13'], [], ['Locality', 'IMD Rank'], ['A', 1]]), parameters(), costs()]);
    expectRefused(run, 'Localities!A1: Localities has no "Locality" column. The header row (row 1) has "Neighbourhoods for 2012/13". The headers seem to be on row 3: delete the rows above them, or make the data an Excel table named Localities.');
  });

  it('reads an Excel table wherever it sits, with addresses on its own sheet', async () => {
    const run = await runCli([{ name: 'Data', table: 'Localities', at: 'C4', rows: [['Locality', 'IMD Rank'], ['A', 1], ['B', 'n/a']] }, parameters(), costs()]);
    expectRefused(run, 'Data!D6 (Localities table): IMD Rank should be a number; found "n/a".');
  });
});

describe('hidden rows and data far down a sheet', () => {
  it('reads hidden rows and notes that it did (documented: delete rows you mean to leave out)', async () => {
    const run = await runCli([localities([['Locality', 'IMD Rank'], ['A', 1], ['B', 2], ['C', 3]], { hiddenRows: [3] }), parameters(), costs()]);
    expectNoted(run, 'Localities: Localities has hidden or filtered rows; they are still read and used. Delete rows you mean to leave out.', 'Selected localities: 3');
  });

  const farDown = (bad: XlsxCell): XlsxSheet => localities(
    [['Locality', 'IMD Rank'], ...Array.from({ length: 2000 }, (_, i): XlsxCell[] => [`LSOA ${String(i).padStart(4, '0')}`, i === 1500 ? bad : 2000 - i])],
    { at: 'A5000' },
  );

  it('reads 2,000 localities whose header is on row 5,000', async () => {
    const run = await runCli([farDown(500), parameters(['Additional', 2]), costs()], { json: true });
    expectNoted(run, 'Selected localities: 2');
    expect(run.summary!.selected.map((s) => s.locality)).toEqual(['LSOA 1999', 'LSOA 1998']);
  });

  it('gives a bad cell far down the sheet its real address', async () => {
    expectRefused(await runCli([farDown({ error: '#DIV/0!' }), parameters(), costs()]), 'Localities!B6501: IMD Rank should be a number; found the Excel error #DIV/0!.');
  });
});
