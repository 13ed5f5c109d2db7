import { costs, expectNoted, expectRefused, parameters, runCli, type XlsxCell, type XlsxSheet } from './cliRun';

/**
 * Bad-input catalogue, part 2: one bad cell at a time, through the command-line tool.
 * Messages name the sheet and cell, the field, what was found and what is expected.
 */
const localities = (...rows: (readonly XlsxCell[])[]): XlsxSheet => ({ name: 'Localities', rows: [['Locality', 'District', 'IMD Rank', 'Population', 'Wards', 'Override'], ...rows] });
const funding = (...rows: (readonly XlsxCell[])[]): XlsxSheet => ({ name: 'Funding', rows: [['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status'], ...rows] });
const costLines = (...rows: (readonly XlsxCell[])[]): XlsxSheet => ({ name: 'Costs', rows: [['Cost line', 'Unit cost', 'Quantity', 'Inflation', 'From', 'To'], ...rows] });
const na = { error: '#N/A' };
const div0 = { error: '#DIV/0!' };
const ref = { error: '#REF!' };

describe('text, blanks and Excel errors where numbers belong', () => {
  it.each`
    found         | line
    ${'tbc'}      | ${'Costs!B2: Unit cost should be an amount such as £75,000, 75000.50 or (1,200); found "tbc".'}
    ${'1.234,56'} | ${'Costs!B2: Unit cost should be an amount such as £75,000, 75000.50 or (1,200); found "1.234,56".'}
    ${'75,00'}    | ${'Costs!B2: Unit cost should be an amount such as £75,000, 75000.50 or (1,200); found "75,00".'}
    ${na}         | ${'Costs!B2: Unit cost should be an amount such as £75,000; found the Excel error #N/A.'}
    ${div0}       | ${'Costs!B2: Unit cost should be an amount such as £75,000; found the Excel error #DIV/0!.'}
    ${ref}        | ${'Costs!B2: Unit cost should be an amount such as £75,000; found the Excel error #REF!.'}
    ${true}       | ${'Costs!B2: Unit cost should be an amount such as £75,000; found TRUE.'}
    ${new Date(Date.UTC(2013, 3, 1))} | ${'Costs!B2: Unit cost should be an amount such as £75,000; found a date.'}
    ${null}       | ${'Costs!B2: Locality Manager has no Unit cost and no year amounts; give its annual cost.'}
  `('refuses a Unit cost of $found', async ({ found, line }) => {
    expectRefused(await runCli([parameters(), costLines(['Locality Manager', found])]), line);
  });

  it.each`
    sheet                                                        | line
    ${costLines(['Manager', 5, 'two'])}                           | ${'Costs!C2: Quantity should be a number; found "two".'}
    ${costLines(['Manager', 5, div0])}                            | ${'Costs!C2: Quantity should be a number; found the Excel error #DIV/0!.'}
    ${costLines(['Manager', 5, 1, na])}                           | ${'Costs!D2: Inflation should be "Pay", "Non-pay", "None" or a rate such as 3.8%; found the Excel error #N/A.'}
    ${costLines(['Manager', 5, 1, 3.8])}                          | ${'Costs!D2: Inflation should be "Pay", "Non-pay", "None" or a rate such as 3.8%; found 3.8, which would be 380%. Write 3.8% for three point eight per cent.'}
    ${funding(['LPSA', 'Recurring', 'about 200k'])}               | ${'Funding!C2: Annual amount should be an amount such as £75,000, 75000.50 or (1,200); found "about 200k".'}
    ${funding(['LPSA', 'One-off', null, na])}                      | ${'Funding!D2: Pot should be an amount such as £75,000; found the Excel error #N/A.'}
    ${funding(['LPSA', 'One-off'])}                               | ${'Funding!D2: LPSA is One-off but has no Pot; give the total available.'}
    ${funding(['LPSA', 'Recurring', null, 351000])}               | ${'Funding!C2: LPSA is recurring but has no Annual amount and no year amounts; give what it pays each year, or set Kind to One-off if it is a pot.'}
    ${localities(['A', 'North', 1, 'lots'])}                      | ${'Localities!D2: Population should be a number; found "lots".'}
    ${localities(['A', 'North', 1, 100, 2.5])}                    | ${'Localities!E2: Wards should be a whole number; found 2.5.'}
    ${localities(['A', 'North', div0])}                           | ${'Localities!C2: IMD Rank should be a number; found the Excel error #DIV/0!.'}
    ${localities(['A', 'North', 'n/a'])}                          | ${'Localities!C2: IMD Rank should be a number; found "n/a".'}
    ${localities([ref, 'North', 1])}                              | ${'Localities!A2: Locality should be a name; found the error #REF!.'}
    ${localities([null, 'North', 1])}                             | ${'Localities!A2: this row has values but no Locality name; give it a name or delete the row.'}
    ${parameters(['Years', 'five'])}                              | ${'Parameters!B3: Years should be a whole number; found "five".'}
    ${parameters(['Pay inflation', div0])}                        | ${'Parameters!B3: Pay inflation should be a rate such as 3.8%; found the Excel error #DIV/0!.'}
    ${parameters(['Pay inflation', 'high'])}                      | ${'Parameters!B3: Pay inflation should be a rate such as 3.8%; found "high".'}
  `('refuses $line', async ({ sheet, line }) => {
    const run = await runCli([sheet, ...(sheet.name === 'Parameters' ? [costs()] : [parameters()]), ...(sheet.name === 'Costs' ? [] : [costs()])].filter((s, i, all) => all.findIndex((t) => t.name === s.name) === i));
    expectRefused(run, line);
  });

  it('names the Excel error in a From cell', async () => {
    expectRefused(await runCli([parameters(), costLines(['Manager', 5, 1, null, ref])]), /Costs!E2: From .*Excel error #REF!/);
  });

  it('does not rank a locality with a blank or #N/A indicator, and says so (never treated as zero)', async () => {
    const run = await runCli([localities(['A', 'North', 1], ['B', 'North', null], ['C', 'North', na], ['D', 'North', 2]), parameters(['Additional', 3]), costs()], { json: true });
    expectNoted(run,
      'Localities!C3: no value for IMD Rank, so this locality is not ranked or chosen by the quotas (it is never treated as zero).',
      'Localities!C4: no value for IMD Rank, so this locality is not ranked or chosen by the quotas (it is never treated as zero).',
      'Parameters: Additional asks for 3 more localities but only 2 were left to choose; all of them are selected.');
    expect(run.summary!.selected.map((s) => s.locality)).toEqual(['A', 'D']);
  });
});

describe('negative amounts where they cannot be', () => {
  it.each`
    sheet                                                 | line
    ${parameters(['Cost per locality', '-£75,000'])}      | ${'Parameters!B3: Cost per locality cannot be negative'}
    ${parameters(['Shortfall tolerance', '(1,000)'])}     | ${'Parameters!B3: Shortfall tolerance cannot be negative'}
    ${parameters(['Allocation pot', -2100000])}           | ${'Parameters!B3: Allocation pot cannot be negative'}
    ${parameters(['Per district', -1])}                   | ${'Parameters!B3: Per district should be 0 or more; found -1.'}
    ${parameters(['Programme multiplier', -2])}           | ${'Parameters!B3: Programme multiplier cannot be negative'}
    ${funding(['LPSA', 'Recurring', -200200])}            | ${'Funding!C2: Annual amount cannot be negative: funding is money coming in (put a saving in Costs as a negative line).'}
    ${funding(['LPSA', 'One-off', null, '(351,000)'])}    | ${'Funding!D2: Pot cannot be negative: funding is money coming in (put a saving in Costs as a negative line).'}
    ${costLines(['Manager', 5, -1])}                      | ${'Costs!C2: Quantity cannot be negative; found -1. Use a negative Unit cost for a saving.'}
    ${localities(['A', 'North', 1, -3])}                  | ${'Localities!D2: Population cannot be negative; found -3.'}
    ${localities(['A', 'North', 1, 100, -1])}             | ${'Localities!E2: Wards cannot be negative; found -1.'}
  `('refuses $line', async ({ sheet, line }) => {
    const run = await runCli([sheet, ...(sheet.name === 'Parameters' ? [] : [parameters()]), ...(sheet.name === 'Costs' ? [] : [costs()])]);
    expectRefused(run, line);
  });

  it.each`
    sheet                                              | found
    ${parameters(['Cost per locality', '-£75,000'])}   | ${'"-£75,000"'}
    ${parameters(['Shortfall tolerance', '(1,000)'])}  | ${'"(1,000)"'}
    ${parameters(['Allocation pot', -2100000])}        | ${'-2100000'}
  `('says what it found when refusing a negative parameter amount ($found)', async ({ sheet, found }) => {
    expectRefused(await runCli([sheet, costs()]), `found ${found}`);
  });

  it('accepts a negative Unit cost: a vacancy factor is a saving line', async () => {
    const run = await runCli([parameters(['Years', 1]), costLines(['Manager', 40000], ['Vacancy factor', '(2,000)'])], { json: true });
    expectNoted(run);
    expect(run.summary!.projection[0].cost).toBe(38000);
  });
});

describe('words that must be one of a list', () => {
  it.each`
    sheets                                                                                                                | line
    ${[funding(['LPSA', 'Recuring', 5])]}                                                                                  | ${'Funding!B2: Kind should be one of '}
    ${[funding(['LPSA', 'Recuring', 5])]}                                                                                  | ${'found "Recuring" (did you mean "Recurring"?).'}
    ${[funding(['LPSA', 'Banana', 5])]}                                                                                    | ${'Funding!B2: Kind should be one of "Recurring", "One-off"'}
    ${[funding(['LPSA', 'Banana', 5])]}                                                                                    | ${'found "Banana".'}
    ${[funding(['LPSA', 'Recurring', 5, null, null, null, 'At rsk'])]}                                                     | ${'Funding!G2: Status should be one of "Confirmed", "Expected", "At risk"; found "At rsk" (did you mean "At risk"?).'}
    ${[costLines(['Manager', 5, 1, 'Non pya'])]}                                                                           | ${'Costs!D2: Inflation should be "Pay", "Non-pay", "None" or a rate such as 3.8%; found "Non pya" (did you mean "Non-pay"?).'}
    ${[costLines(['Manager', 5, 1, 'Pai'])]}                                                                               | ${'Costs!D2: Inflation should be "Pay", "Non-pay", "None" or a rate such as 3.8%; found "Pai" (did you mean "Pay"?).'}
    ${[costLines(['Manager', 5, 1, 'CPI'])]}                                                                               | ${'Costs!D2: Inflation should be "Pay", "Non-pay", "None" or a rate such as 3.8%; found "CPI".'}
    ${[localities(['A', 'North', 1, null, null, 'Inclde'])]}                                                               | ${'Localities!F2: Override should be one of "Include", "Exclude"'}
    ${[localities(['A', 'North', 1, null, null, 'Inclde'])]}                                                               | ${'found "Inclde" (did you mean "Include"?).'}
    ${[localities(['A', 'Crime']), { name: 'Indicators', rows: [['Indicator', 'Direction'], ['IMD Rank', 'Lower is bad']] }]} | ${'Indicators!B2: Direction should be one of "Higher is worse", "Lower is worse"'}
    ${[localities(['A', 'Crime']), { name: 'Indicators', rows: [['Indicator', 'Direction'], ['IMD Rank', 'Lower is wrose']] }]} | ${'found "Lower is wrose" (did you mean "Lower is worse"?).'}
    ${[localities(['A', 'North', 1, 100]), parameters(['Allocation pot', 1000], ['Allocation method', 'Per hed'])]}       | ${'Parameters!B4: Allocation method "Per hed" is not one of "Equal", "Per ward", "Per head", "Need weighted", and Localities has no column named "hed" to share by (did you mean "Per head"?).'}
    ${[localities(['A', 'North', 1, 100]), parameters(['Allocation pot', 1000], ['Allocate to', 'Everyone'])]}            | ${'Parameters!B4: Allocate to should be one of "Selected", "All"; found "Everyone".'}
    ${[{ name: 'Costs', rows: [['Cost line', 'Unit cost', 'Applies to'], ['Manager', 5, 'Evrey locality']] }]}       | ${'Costs!C2: Applies to names the locality "Evrey locality", but there is no Localities table to find it in. Use "Programme" or "Each locality", or add a Localities table.'}
  `('refuses an unknown word: $line', async ({ sheets, line }) => {
    const names = (sheets as XlsxSheet[]).map((s) => s.name);
    const run = await runCli([...sheets, ...(names.includes('Parameters') ? [] : [parameters()]), ...(names.includes('Costs') ? [] : [costs()])]);
    expectRefused(run, line);
  });

  it('warns about an unknown parameter name, suggests the nearest, and runs on', async () => {
    expectNoted(await runCli([parameters(['Pay inflaton', '3%']), costs()]), 'Parameters!A3: "Pay inflaton" is not a parameter the planner knows, so it is ignored (did you mean "Pay inflation"?).');
  });

  it('suggests None, not Non-pay, for the typo "Nonw"', async () => {
    expectRefused(await runCli([parameters(), costLines(['Manager', 5, 1, 'Nonw'])]), 'found "Nonw" (did you mean "None"?).');
  });

  it.each`
    sheets                                                                                                          | list
    ${[funding(['LPSA', 'Banana', 5])]}                                                                             | ${'Kind should be one of "Recurring", "One-off", "Capital", "Reserve"; found'}
    ${[localities(['A', 'North', 1, null, null, 'Maybe'])]}                                                         | ${'Override should be one of "Include", "Exclude"; found'}
    ${[localities(['A', 'North', 1, 100]), parameters(['Allocation pot', 1000], ['Allocation method', 'Lottery'])]} | ${'Allocation method should be one of "Equal", "Per ward", "Per head", "Need weighted", "Per <column>"; found'}
  `('lists each choice once, in its own spelling: $list', async ({ sheets, list }) => {
    const names = (sheets as XlsxSheet[]).map((s) => s.name);
    expectRefused(await runCli([...sheets, ...(names.includes('Parameters') ? [] : [parameters()]), costs()]), list);
  });
});

describe('years', () => {
  it.each`
    from                 | to           | line
    ${'2014/15'}         | ${'2013/14'} | ${'Costs!F2: To (2013/14) is before From (2014/15); a line runs from its From year to its To year inclusive.'}
    ${'2014-15'}         | ${2012}      | ${'Costs!F2: To (2012/13) is before From (2014/15); a line runs from its From year to its To year inclusive.'}
    ${'2012/14'}         | ${null}      | ${'Costs!E2: From should be a financial year such as 2011/12, but a financial year runs into the next calendar year, so after 2012/ comes 13.'}
    ${'next year'}       | ${null}      | ${'Costs!E2: From should be a financial year such as 2011/12, but it is not a financial year.'}
    ${41365}             | ${null}      | ${'Costs!E2: From should be a financial year such as 2011/12, but it looks like an Excel date without a date format; format the cell as a date or write the year as 2011/12.'}
    ${'01/04/2013'}      | ${null}      | ${'Costs!E2: From should be a financial year such as 2011/12, but it is a date typed as text; enter a real date or write the financial year as 2011/12.'}
    ${'1 April 2013'}    | ${null}      | ${'Costs!E2: From should be a financial year such as 2011/12, but it is a date typed as text; enter a real date or write the financial year as 2011/12.'}
  `('refuses From $from, To $to', async ({ from, to, line }) => {
    expectRefused(await runCli([parameters(), costLines(['Manager', 5, 1, 'Pay', from, to])]), line);
  });

  it('refuses From after To on a funding line too', async () => {
    expectRefused(await runCli([parameters(), costs(), funding(['LPSA', 'Recurring', 5, null, '2014/15', '2013/14'])]),
      'Funding!F2: To (2013/14) is before From (2014/15); a line runs from its From year to its To year inclusive.');
  });

  it.each`
    value          | line
    ${'1900/01'}   | ${'Parameters!B2: First year should be a financial year such as 2011/12, but the year is out of range.'}
    ${'2012/14'}   | ${'Parameters!B2: First year should be a financial year such as 2011/12, but a financial year runs into the next calendar year, so after 2012/ comes 13.'}
  `('refuses a First year of $value', async ({ value, line }) => {
    expectRefused(await runCli([{ name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', value]] }, costs()]), line);
  });

  it.each`
    years   | line
    ${0}    | ${'Parameters!B3: Years should be a number of years from 1 to 50; found 0.'}
    ${51}   | ${'Parameters!B3: Years should be a number of years from 1 to 50; found 51.'}
    ${2.5}  | ${'Parameters!B3: Years should be a whole number; found 2.5.'}
  `('refuses Years of $years', async ({ years, line }) => {
    expectRefused(await runCli([parameters(['Years', years]), costs()]), line);
  });

  it('reads a real Excel date in From as that day (v1.1 §5.1): from 31 March 2014, 1/31 of March, 1/372 of 2013/14', async () => {
    const run = await runCli([parameters(['Years', 3]), costLines(['Manager', 1000, 1, 'None', new Date(Date.UTC(2014, 2, 31))])], { json: true });
    expectNoted(run);
    expect(run.summary!.projection.map((p) => p.cost)).toEqual([0, 2.69, 1000]);
  });

  it('still reads a date in First year as the financial year containing it', async () => {
    const run = await runCli([{ name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', new Date(Date.UTC(2013, 0, 15))], ['Years', 2]] }, costLines(['Manager', 1000, 1, 'None'])], { json: true });
    expectNoted(run);
    expect(run.summary!.years).toEqual(['2012/13', '2013/14']);
  });

  it('notes a year column outside the projection and ignores it', async () => {
    const run = await runCli([parameters(['Years', 5]), { name: 'Costs', rows: [['Cost line', 'Unit cost', '2030/31'], ['Manager', 5, 7]] }]);
    expectNoted(run, 'Costs!A2: Manager gives an amount for 2030/31, outside the projection (2012/13 to 2016/17); it is ignored.');
  });

  it('notes funding that ends before the projection starts', async () => {
    expectNoted(await runCli([parameters(), costs(), funding(['LPSA', 'Recurring', 5, null, null, '2001/02'])]),
      'LPSA ends in 2001/02, before the projection starts (2012/13), so it pays nothing here.');
  });

  it('points the funding-ends-early note at its To cell', async () => {
    expectNoted(await runCli([parameters(), costs(), funding(['LPSA', 'Recurring', 5, null, null, '2001/02'])]), /INPUT\s+Funding!F2: LPSA ends in 2001\/02/);
  });

  it.each`
    from          | to           | year
    ${'2030/31'}  | ${null}      | ${'2030/31'}
    ${null}       | ${'2001/02'} | ${'2001/02'}
  `('notes a cost line running wholly outside the projection (From $from, To $to)', async ({ from, to, year }) => {
    const run = await runCli([parameters(['Years', 5]), costLines(['Manager', 5], ['Outreach worker', 5, 1, 'Pay', from, to])]);
    expectNoted(run, new RegExp(`INPUT\\s+Costs![A-F]3: .*Outreach worker.*${year.replace('/', '\\/')}`));
  });

  it.each(['1-Apr-13', '2013-04-01'])('refuses the date typed as text %s with the date hint', async (text) => {
    expectRefused(await runCli([parameters(), costLines(['Manager', 5, 1, 'Pay', text])]), 'Costs!E2: From should be a financial year such as 2011/12, but it is a date typed as text');
  });
});

describe('numbers as people type and paste them (accepted)', () => {
  it.each`
    text                   | pounds
    ${'£1,234.56'}         | ${1234.56}
    ${'(1,200)'}           | ${-1200}
    ${'(£1,200.50)'}       | ${-1200.5}
    ${'-£75,000'}          | ${-75000}
    ${'75,000'}            | ${75000}
    ${'75000.50'}          | ${75000.5}
    ${'£\u00a075,000'}     | ${75000}
    ${'75\u00a0000'}       | ${75000}
    ${' £ 2,500.5 '}       | ${2500.5}
    ${'1,005.005'}         | ${1005.01}
  `('reads the Unit cost $text as £$pounds', async ({ text, pounds }) => {
    const run = await runCli([parameters(['Years', 1]), costLines(['Manager', text])], { json: true });
    expectNoted(run);
    expect(run.summary!.projection[0].cost).toBe(pounds);
  });

  it('reads IMD ranks written with thousands separators, as the published files are', async () => {
    const run = await runCli([localities(['A', 'North', '29,199'], ['B', 'North', '1,234'], ['C', 'North', '\u00a0812 ']), parameters(['Additional', 1]), costs()], { json: true });
    expectNoted(run);
    expect(run.summary!.selected.map((s) => s.locality)).toEqual(['C']);
  });
});

describe('spaces, signs and look-alike names (read right, or refused saying why)', () => {
  it.each`
    text              | hint
    ${'45000 50000'}  | ${'which has a space inside the number (only groups of three digits may be separated by a space, as in 75 000)'}
    ${'--5000'}       | ${'which has more than one sign (write -5,000 or (5,000))'}
    ${'(-5000)'}      | ${'which has more than one sign (write -5,000 or (5,000))'}
    ${'-£-75'}        | ${'which has more than one sign (write -5,000 or (5,000))'}
  `('refuses the Unit cost $text instead of reading another number', async ({ text, hint }) => {
    expectRefused(await runCli([parameters(), costLines(['Locality Manager', text])]), `Costs!B2: Unit cost should be an amount such as £75,000, 75000.50 or (1,200); found "${text}", ${hint}.`);
  });

  it.each`
    sheet                                                    | line
    ${parameters(['Pay inflation', '3 8%'])}                 | ${'Parameters!B3: Pay inflation should be a rate such as 3.8%; found "3 8%", which has a space inside the number'}
    ${localities(['A', 'North', 1, '1500 1600'])}            | ${'Localities!D2: Population should be a number; found "1500 1600", which has a space inside the number'}
  `('refuses $line', async ({ sheet, line }) => {
    const run = await runCli([sheet, ...(sheet.name === 'Parameters' ? [] : [parameters()]), costs()]);
    expectRefused(run, line);
  });

  it.each`
    first              | again                    | why
    ${'Cannock Chase'} | ${'Cannock  Chase'}      | ${'extra spaces'}
    ${'Cannock Chase'} | ${'Cannock\u00a0Chase'}  | ${'a no-break space'}
    ${'Cannock Chase'} | ${'Cannock Chase\u200b'}  | ${'an invisible (zero-width) character'}
    ${'Ynys Môn'}      | ${'Ynys Mo\u0302n'}       | ${'how an accented letter is encoded'}
  `('refuses a look-alike locality ("$again" after "$first") as a duplicate, naming both cells', async ({ first, again, why }) => {
    const run = await runCli([localities([first, 'North', 1], [again, 'North', 2]), parameters(), costs()]);
    expectRefused(run, `Localities!A3: the locality "${again}" appears again (first at A2; the two differ only by ${why}, which Excel does not show); each locality must be listed once.`);
  });
});
