import { strToU8, zipSync } from 'fflate';
import { buildXlsx, costs, expectRefused, parameters, runCli, runCliOn } from './cliRun';

/** Bad-input catalogue, part 4: files that are not workbooks (exit 2), and values too large to plan with. */
describe('a file that is not a workbook', () => {
  it.each`
    what                            | bytes
    ${'a CSV renamed .xlsx'}        | ${() => strToU8('Locality,IMD Rank\nTamworth 007D,1\n')}
    ${'an empty file'}              | ${() => new Uint8Array(0)}
    ${'random bytes'}               | ${() => Uint8Array.from({ length: 500 }, (_, i) => (i * 7919) % 256)}
    ${'a workbook cut short'}       | ${async () => (await buildXlsx([parameters(), costs()])).subarray(0, 2000)}
  `('stops with exit 2 and writes nothing for $what', async ({ bytes }) => {
    const run = await runCliOn(await bytes());
    expect({ code: run.code, wroteOutput: run.wroteOutput, inputUnchanged: run.inputUnchanged }).toEqual({ code: 2, wroteOutput: false, inputUnchanged: true });
    expect(run.err).toMatch(/^Cannot read .*plan\.xlsx: it is not an Excel workbook \(\.xlsx\) that can be read/);
  });

  it('stops with exit 2 for a zip file that holds no workbook', async () => {
    const run = await runCliOn(zipSync({ 'notes.txt': strToU8('not a spreadsheet') }));
    expect({ code: run.code, wroteOutput: run.wroteOutput, inputUnchanged: run.inputUnchanged }).toEqual({ code: 2, wroteOutput: false, inputUnchanged: true });
  });
});

/** Values too large to plan with are input errors, never crashes. */
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
