import { costs, expectNoted, expectRefused, parameters, runCli, type XlsxCell, type XlsxSheet } from './cliRun';

/** Bad-input catalogue, part 3: choosing localities and sharing a pot. */
const localities = (...rows: (readonly XlsxCell[])[]): XlsxSheet => ({ name: 'Localities', rows: [['Locality', 'District', 'IMD Rank', 'Population', 'Wards'], ...rows] });
const twoDistricts = localities(['N1', 'North', 1, 100, 2], ['N2', 'North', 4, 200, 3], ['S1', 'South', 2, 300, 1]);

describe('quotas larger than the localities available', () => {
  it.each`
    quota                   | notes
    ${['Per district', 3]}  | ${['Parameters: North has only 2 localities that can be chosen for Per district (3); all are selected.', 'Parameters: South has only 1 locality that can be chosen for Per district (3); all are selected.']}
    ${['Additional', 10]}   | ${['Parameters: Additional asks for 10 more localities but only 3 were left to choose; all of them are selected.']}
  `('selects every locality and notes the short $quota', async ({ quota, notes }) => {
    const run = await runCli([twoDistricts, parameters(quota), costs()], { json: true });
    expectNoted(run, ...notes);
    expect(run.summary!.selected.map((s) => s.locality).sort()).toEqual(['N1', 'N2', 'S1']);
  });

  it('notes localities without a District that Per district cannot choose', async () => {
    const run = await runCli([localities(['N1', 'North', 1], ['X', null, 2]), parameters(['Per district', 1]), costs()], { json: true });
    expectNoted(run, 'Localities!A3: X has no District, so it can only be chosen as Additional.');
    expect(run.summary!.selected.map((s) => s.locality)).toEqual(['N1']);
  });
});

describe('per-head and per-ward allocation without the figures', () => {
  it.each`
    method          | rows                                                   | line
    ${'Per head'}   | ${[['A', 'North', 1, null, 1], ['B', 'North', 2, 5, 1]]} | ${'A has no Population, which Per head allocation needs.'}
    ${'Per ward'}   | ${[['A', 'North', 1, 5, 1], ['B', 'North', 2, 5, null]]} | ${'B has no Wards, which Per ward allocation needs.'}
    ${'Per head'}   | ${[['A', 'North', 1, 0, 1], ['B', 'North', 2, 0, 1]]}    | ${"Parameters: Allocation pot cannot be shared: every locality's Population is 0."}
    ${'Per ward'}   | ${[['A', 'North', 1, 5, 0]]}                             | ${"Parameters: Allocation pot cannot be shared: every locality's Wards is 0."}
  `('refuses $method allocation when a locality lacks the figure: $line', async ({ method, rows, line }) => {
    expectRefused(await runCli([localities(...rows), parameters(['Allocation pot', '£2,100,000'], ['Allocation method', method]), costs()]), line);
  });

  it('refuses Need weighted allocation without an indicator', async () => {
    const run = await runCli([{ name: 'Localities', rows: [['Locality'], ['A']] }, parameters(['Allocation pot', 1000], ['Allocation method', 'Need weighted']), costs()]);
    expectRefused(run, 'Parameters: Need weighted allocation needs an indicator: add an IMD Score or IMD Rank column to Localities, or an Indicators table.');
  });

  it('points a missing Population at its own cell on the sheet the table is on', async () => {
    const run = await runCli([
      { name: 'Data', table: 'Localities', at: 'C4', rows: [['Locality', 'IMD Rank', 'Population'], ['A', 1, null], ['B', 2, 50]] },
      parameters(['Allocation pot', 1000], ['Allocation method', 'Per head']), costs(),
    ]);
    expectRefused(run, /Data!E5 \(Localities table\): .*Population/);
  });
});

describe('indicator weights', () => {
  it.each`
    weight     | line
    ${0}       | ${'Indicators!B2: Weight should be more than 0; found 0. Leave an indicator out by deleting its row.'}
    ${-2}      | ${'Indicators!B2: Weight should be more than 0; found -2. Leave an indicator out by deleting its row.'}
    ${'heavy'} | ${'Indicators!B2: Weight should be a number; found "heavy".'}
    ${{ error: '#N/A' }} | ${'Indicators!B2: Weight should be a number; found the Excel error #N/A.'}
  `('refuses a Weight of $weight', async ({ weight, line }) => {
    const run = await runCli([localities(['A', 'North', 1]), { name: 'Indicators', rows: [['Indicator', 'Weight'], ['IMD Rank', weight]] }, parameters(), costs()]);
    expectRefused(run, line);
  });
});
