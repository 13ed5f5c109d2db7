import { costs, expectNoted, expectRefused, parameters, runCli, type XlsxSheet } from './cliRun';

/**
 * Bad-input catalogue, part 4: what contract v1.1 §5 added (£k amounts, dates, capital,
 * Shared out lines, reserves, directions), one case at a time, through the command-line
 * tool on a real .xlsx.
 */

const localities = (header: string[], ...rows: (string | number | null)[][]): XlsxSheet => ({ name: 'Localities', rows: [header, ...rows] });
const costsWith = (header: string[], ...rows: (string | number | Date | null)[][]): XlsxSheet => ({ name: 'Costs', rows: [header, ...rows] });
const funding = (...rows: (string | number | null)[][]): XlsxSheet => ({ name: 'Funding', rows: [['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Inflation'], ...rows] });

describe('amounts in £k and £m (v1.1 §5.1)', () => {
  it.each`
    text           | line
    ${'£1.2345k'}  | ${'Costs!B2: Unit cost should be an amount such as £75,000 or £720.4k; found "£1.2345k", which goes past the pound: an amount in £k takes at most three decimals, as £720.4k or £1.234k. Write it in pounds (£1,234.50).'}
    ${'£0.1234567m'} | ${'Costs!B2: Unit cost should be an amount such as £75,000 or £720.4k; found "£0.1234567m", which goes past the pound: an amount in £m takes at most six decimals, as £1.2m or £1.234567m. Write it in pounds (£123,456.70).'}
  `('refuses $text rather than rounding it', async ({ text, line }) => {
    expectRefused(await runCli([parameters(), costs(['Locality Manager', text])]), line);
  });

  it.each(['£720.4k', '720.4K', '£ 0.7204 m', '(£1.2k)'])('accepts %s', async (text) => {
    expectNoted(await runCli([parameters(), costs(['Locality Manager', text])]));
  });
});

describe('dates and part years (v1.1 §5.1–5.2)', () => {
  it('refuses a To day before the From day', async () => {
    expectRefused(
      await runCli([parameters(), costsWith(['Cost line', 'Unit cost', 'From', 'To'], ['Officer', 100, new Date(Date.UTC(2012, 10, 1)), new Date(Date.UTC(2012, 9, 31))])]),
      'Costs!D2: To (31 October 2012) is before From (1 November 2012); a line runs from its From day to its To day inclusive.',
    );
  });
});

describe('capital, reserves and uplift (v1.1 §5.3, §5.5)', () => {
  it.each`
    sheet                                                                           | line
    ${costsWith(['Cost line', 'Type', 'Unit cost'], ['Works', 'Capex', 100])}       | ${'Costs!B2: Type should be one of "Revenue", "Capital"; found "Capex".'}
    ${funding(['Capital allocation', 'Capital', null, 5000, null, null, null])}     | ${'Funding!C2: Capital allocation is a Capital allocation but has no Annual amount and no year amounts; give what it allocates each year.'}
    ${funding(['General reserve', 'Reserve', 5000, null, null, null, null])}        | ${'Funding!D2: General reserve is a Reserve but has no Pot; give its balance (£0 for a reserve that only takes surpluses).'}
    ${funding(['Grant', 'Recurring', 5000, null, null, null, 'Payy'])}              | ${'Funding!G2: Inflation should be "Pay", "Non-pay", "None" or a rate such as 3.8%; found "Payy" (did you mean "Pay"?).'}
  `('refuses $line', async ({ sheet, line }) => {
    const names = [sheet as XlsxSheet].map((s) => s.name);
    expectRefused(await runCli([parameters(), ...(names.includes('Costs') ? [] : [costs()]), sheet]), line);
  });

  it.each`
    row                                                                   | line
    ${['General reserve', 'Reserve', null, 5000, null, '2013/14', null]}  | ${'Funding!F2: the To of General reserve is ignored: a reserve never lapses (a one-off pot does; set Kind to One-off for money that must be spent by a date).'}
    ${['LPSA', 'One-off', null, 5000, null, null, '3%']}                  | ${'Funding!G2: the Inflation of LPSA is ignored: a one-off pot is a balance drawn as needed, not money paid each year.'}
  `('notes and ignores $line', async ({ row, line }) => {
    expectNoted(await runCli([parameters(), costs(), funding(row)]), line);
  });
});

describe('Shared out lines (v1.1 §5.4)', () => {
  const header = ['Cost line', 'Applies to', 'Unit cost', 'Method'];
  const area = localities(['Locality', 'IMD Rank', 'Councillors'], ['North', 1, 3], ['South', 2, null]);

  it('refuses a Method naming no Localities column, at its cell', async () => {
    expectRefused(
      await runCli([parameters(), area, costsWith(header, ['Ward budgets', 'Shared out', 1000, 'Per Councilors'])]),
      'Costs!D2: Method "Per Councilors" is not one of "Equal", "Per ward", "Per head", "Need weighted", and Localities has no column named "Councilors" to share by (did you mean "Per Councillors"?).',
    );
  });

  it('refuses a recipient without a value in the Per column, naming its cell', async () => {
    expectRefused(await runCli([parameters(), area, costsWith(header, ['Ward budgets', 'Shared out', 1000, 'Per Councillors'])]), 'Localities!C3: South has no Councillors, which Per Councillors allocation of Ward budgets needs.');
  });

  it('refuses a Shared out line without a Localities table', async () => {
    expectRefused(await runCli([parameters(), costsWith(header, ['Ward budgets', 'Shared out', 1000, null])]), 'Parameters: A Localities table is needed: a cost line is Shared out among localities.');
  });

  it('notes a Method on a line that is not Shared out', async () => {
    expectNoted(await runCli([parameters(), area, costsWith(header, ['Officer', 'Programme', 1000, 'Per ward'])]), 'Costs!D2: the Method of Officer is ignored: only a Shared out line is shared among localities (set Applies to to "Shared out" to share it).');
  });
});

describe('selection and defaults (v1.1 §5.6)', () => {
  it('notes the direction it assumed for an indicator without one, at the Direction cell', async () => {
    expectNoted(
      await runCli([parameters(['Additional', 1]), costs(), localities(['Locality', 'IMD Decile (where 1 is most deprived 10% of LSOAs)'], ['A', 1], ['B', 7]), { name: 'Indicators', rows: [['Indicator', 'Direction'], ['IMD Decile (where 1 is most deprived 10% of LSOAs)', null]] }]),
      'Indicators!B2: Direction for IMD Decile (where 1 is most deprived 10% of LSOAs) is blank, so "Lower is worse" is assumed (its header says decile, and decile 1 is the most deprived). Fill in this cell to say which way is more deprived.',
    );
  });

  it('refuses an answer other than Yes or No to Overrides count towards quotas', async () => {
    expectRefused(await runCli([parameters(['Overrides count towards quotas', 'Maybe']), costs()]), 'Parameters!B3: Overrides count towards quotas should be one of "No", "Yes"; found "Maybe".');
  });

  it('notes a year whose revenue costs are below zero', async () => {
    expectNoted(
      await runCli([parameters(['Years', 1]), costsWith(['Cost line', 'Unit cost', 'Inflation'], ['Officer', 1000, 'None'], ['Vacancy saving', -1500, 'None'])]),
      'Costs: the revenue costs in 2012/13 come to (£500.00), below zero: the savings are larger than the costs they save on. Check the saving lines for that year.',
    );
  });
});
