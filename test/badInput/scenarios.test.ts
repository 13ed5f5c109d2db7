import { costs, expectRefused, parameters, runCli, type XlsxCell, type XlsxSheet } from './cliRun';

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

  it('refuses a Scenarios table on a sheet named Scenarios, which the run writes, saying how to fix it', async () => {
    const run = await runCli([parameters(), costs(), funding, { ...scenarios([null, 'Locality Manager', 'Unit cost', 1, 2]), name: 'Scenarios' }]);
    expectRefused(run, 'The workbook already has a sheet named "Scenarios" that Locality Planner did not create');
  });
});
