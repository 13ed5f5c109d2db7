import { costs, expectRefused, parameters, runCli } from './cliRun';

/** Bad-input catalogue, part 4: values too large to plan with are input errors, never crashes. (Files that are not workbooks are in workbooks.test.ts.) */
describe('values too large to plan with are input errors, not crashes', () => {
  it.each`
    what                                              | sheets                                                                                                          | line
    ${'a Unit cost of 1e20 typed as a number'}        | ${[parameters(), costs(['Manager', 1e20])]}                                                                      | ${/Costs!B2: Unit cost .*too large/}
    ${'a Unit cost of £99 quadrillion typed as text'} | ${[parameters(), costs(['Manager', '£99,999,999,999,999,999'])]}                                                 | ${/Costs!B2: Unit cost .*too large/}
    ${'an Allocation pot of 1e17'}                    | ${[{ name: 'Localities', rows: [['Locality'], ['A']] }, parameters(['Allocation pot', 1e17]), costs()]}           | ${/Parameters!B3: Allocation pot .*too large/}
    ${'two lines adding up past £90 trillion'}        | ${[parameters(), costs(['Manager', 8e13], ['Deputy', 8e13])]}                                                    | ${/Costs/}
    ${'a First year too late, naming the cell'}        | ${[{ name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2199/00']] }, costs()]}                   | ${/Parameters!B\d: /}
  `('refuses $what with an input error', async ({ sheets, line }) => {
    expectRefused(await runCli(sheets), line);
  });
});
