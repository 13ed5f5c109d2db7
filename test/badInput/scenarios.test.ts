import ExcelJS from 'exceljs';
import { costs, expectRefused, parameters, runCli, runCliOn, type XlsxCell, type XlsxSheet } from './cliRun';

/**
 * Bad-input catalogue, part 5: the Scenarios table (contract v1.1 §6.1), through the
 * command-line tool. The table is on a sheet called What if: the run writes a Scenarios
 * sheet of its own.
 */
const scenarios = (...rows: (readonly XlsxCell[])[]): XlsxSheet => ({ name: 'What if', rows: [['Table', 'Item', 'Field', 'Low', 'High'], ...rows], table: 'Scenarios' });
const funding: XlsxSheet = { name: 'Funding', rows: [['Source', 'Annual amount', 'Status'], ['Core budget', 30000, 'Confirmed']] };

describe('scenario changes a run refuses, each at its Scenarios cell', () => {
  it.each`
    case                                    | row                                              | line
    ${'an item no table has'}               | ${[null, 'Locality Manger', 'Unit cost', 1, 2]}  | ${"What if!B2 (Scenarios table): \"Locality Manger\" is not a parameter, cost line, funding source or locality in the input tables (did you mean \"Locality Manager\"?); a scenario can only change what the inputs have."}
    ${'a column Costs cannot change'}       | ${[null, 'Locality Manager', 'Colour', 1, 2]}    | ${"What if!C2 (Scenarios table): \"Colour\" is not a column a scenario can change for \"Locality Manager\" in Costs"}
    ${'a value Costs would refuse'}         | ${[null, 'Locality Manager', 'Unit cost', 'lots', 2]} | ${"What if!D2 (Scenarios table): in scenario \"Low\", Unit cost should be an amount such as £75,000, 75000.50 or (1,200); found \"lots\"."}
    ${'a rate written as a bare number'}    | ${['Parameters', 'Pay inflation', null, '2%', 3.8]} | ${"What if!E2 (Scenarios table): in scenario \"High\", Pay inflation"}
    ${'a Status that is not one'}           | ${[null, 'Core budget', 'Status', 'Maybe', null]} | ${"What if!D2 (Scenarios table): in scenario \"Low\", Status should be one of"}
  `('refuses $case', async ({ row, line }) => {
    expectRefused(await runCli([parameters(), costs(), funding, scenarios(row as XlsxCell[])]), line as string);
  });

  it('reports a bad scenario value with every other input error, in one run', async () => {
    const run = await runCli([parameters(['Years', 'many']), costs(), funding, scenarios([null, 'Locality Manager', 'Unit cost', 'lots', 2])]);
    expectRefused(run, 'Parameters!B3: Years should be a whole number', "What if!D2 (Scenarios table): in scenario \"Low\"");
  });

});

/** The sheets of a results workbook, in tab order, with the text of A1 and B2. */
async function sheetsOf(bytes: Buffer): Promise<{ name: string; a1: unknown; b2: unknown }[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.worksheets.map((w) => ({ name: w.name, a1: w.getCell('A1').value, b2: w.getCell('B2').value }));
}

describe('a Scenarios input on a sheet named Scenarios (contract §1 allows it; §6.4 names an output sheet so)', () => {
  const row: XlsxCell[] = [null, 'Locality Manager', 'Unit cost', 30000, 50000];
  it.each`
    layout                          | sheet
    ${'an Excel table named Scenarios on it'} | ${{ ...scenarios(row), name: 'Scenarios' }}
    ${'the plain sheet itself'}     | ${{ name: 'Scenarios', rows: [['Table', 'Item', 'Field', 'Low', 'High'], row] }}
  `('is read as it is, and the what-if results go to a sheet named Cases beside it: $layout', async ({ sheet }) => {
    const run = await runCli([parameters(), costs(), funding, sheet as XlsxSheet], { json: true });
    expect({ code: run.code, wroteOutput: run.wroteOutput, inputUnchanged: run.inputUnchanged, err: run.err }).toEqual({ code: 0, wroteOutput: true, inputUnchanged: true, err: '' });
    const cases = (run.summary as unknown as { scenarios: { name: string; totalShortfall: number }[] }).scenarios;
    // The scenarios move only the Locality Manager's Unit cost (£40,000 in Base): down, then up.
    expect(cases.map((c) => c.name)).toEqual(['Base', 'Low', 'High']);
    expect(cases[1].totalShortfall).toBeLessThan(cases[0].totalShortfall);
    expect(cases[2].totalShortfall).toBeGreaterThan(cases[0].totalShortfall);
    const sheets = await sheetsOf(run.output!);
    const names = sheets.map((s) => s.name);
    expect(names).toContain('Cases');
    expect(names.filter((n) => n.toLowerCase() === 'scenarios')).toEqual(['Scenarios']);
    // The user's sheet keeps what they typed; the results sheet opens with its title.
    expect(sheets.find((s) => s.name === 'Scenarios')).toMatchObject({ a1: 'Table', b2: 'Locality Manager' });
    expect(sheets.find((s) => s.name === 'Cases')?.a1).toBe('Scenarios');

    // A refresh of the results reads the same input and rewrites Cases in place: no new sheet.
    const again = await runCliOn(run.output!, { json: true });
    expect({ code: again.code, err: again.err }).toEqual({ code: 0, err: '' });
    expect((again.summary as unknown as { scenarios: { name: string; totalShortfall: number }[] }).scenarios).toEqual(cases);
    expect((await sheetsOf(again.output!)).map((s) => s.name)).toEqual(names);
  });
});
