import { type Cell, day, parameters, plan, ran, rowLabelled, sheet, table, yearly } from './contractRun';

/**
 * Acceptance, contract §1 and §5.1: where inputs live, how headers, amounts and years are
 * read. Workbooks are built from the contract's words alone and run through the CLI; the
 * expected figures are worked out by hand in the tables.
 */

describe('amounts are pounds, read exactly (contract §1, §5.1)', () => {
  const written: Cell[] = [75_000, '£75,000', '75,000', '75000.50', '(1,200)', '£720.4k', '£1.2m', '75K', '£ 720.4 k', '1.2M', '(£1.2k)'];
  // One workbook, one cost line per way of writing (Quantity 1, one year): each line's cost on Projection is its Unit cost.
  const amounts = () => plan(parameters('2012/13', 1), sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ...written.map((w, i) => [`Line ${i + 1}`, w, 'None'])));

  it.each`
    line | written          | pounds
    ${1} | ${75_000}        | ${75_000}
    ${2} | ${'£75,000'}     | ${75_000}
    ${3} | ${'75,000'}      | ${75_000}
    ${4} | ${'75000.50'}    | ${75_000.5}
    ${5} | ${'(1,200)'}     | ${-1_200}
    ${6} | ${'£720.4k'}     | ${720_400}
    ${7} | ${'£1.2m'}       | ${1_200_000}
    ${8} | ${'75K'}         | ${75_000}
    ${9} | ${'£ 720.4 k'}   | ${720_400}
    ${10} | ${'1.2M'}       | ${1_200_000}
    ${11} | ${'(£1.2k)'}    | ${-1_200}
  `('reads a Unit cost written $written as £$pounds', async ({ line, written: w, pounds }) => {
    expect(written[line - 1]).toBe(w);
    const run = await amounts();
    expect(rowLabelled(run.results!, 'Projection', `Line ${line}`)[0]).toBe(pounds);
  });

  it('adds the lines up exactly, to the penny', async () => {
    // 75,000 x 4 + 75,000.50 - 1,200 x 2 + 720,400 x 2 + 1,200,000 x 2 = 300,000 + 75,000.50 - 2,400 + 1,440,800 + 2,400,000 = 4,213,400.50
    expect(ran(await amounts()).projection[0].cost).toBe(4_213_400.5);
  });

  const refused = ['£1.2345k', '1,2,3', 'about £5k'];
  it.each`
    written          | cell
    ${'£1.2345k'}    | ${'B2'}
    ${'1,2,3'}       | ${'B3'}
    ${'about £5k'}   | ${'B4'}
  `('refuses a Unit cost written $written as an input issue at $cell, in the one run that lists them all, writing nothing', async ({ written: w, cell }) => {
    const run = await plan(parameters('2012/13', 1), sheet('Costs', ['Cost line', 'Unit cost'], ...refused.map((r, i) => [`Line ${i + 1}`, r])));
    expect({ code: run.code, written: run.results !== undefined, unchanged: run.inputUnchanged }).toEqual({ code: 1, written: false, unchanged: true });
    expect(run.err).toContain(`Costs!${cell}: `);
    expect(run.summary?.issues).toContainEqual({ severity: 'error', table: 'Costs', cell, message: expect.stringContaining(w) });
  });
});

describe('years are UK financial years (contract §1)', () => {
  it.each`
    written               | first
    ${'2011/12'}          | ${'2011/12'}
    ${'2011-12'}          | ${'2011/12'}
    ${'2011/2012'}        | ${'2011/12'}
    ${'FY2011/12'}        | ${'2011/12'}
    ${'2011'}             | ${'2011/12'}
    ${2011}               | ${'2011/12'}
    ${day('2011-04-01')}  | ${'2011/12'}
    ${day('2012-03-31')}  | ${'2011/12'}
    ${day('2011-03-31')}  | ${'2010/11'}
  `('takes First year written $written as $first', async ({ written, first }) => {
    const s = ran(await plan(parameters(written as Cell, 2), sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 1])));
    expect(s.years[0]).toBe(first);
    expect(s.years).toHaveLength(2);
  });

  it('refuses a First year that is not a financial year, naming its cell', async () => {
    const run = await plan(parameters('2011/13', 1), sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 1]));
    expect(run.code).toBe(1);
    expect(run.summary?.issues).toContainEqual(expect.objectContaining({ severity: 'error', table: 'Parameters', cell: 'B2' }));
  });
});

describe('tables and headers (contract §1)', () => {
  // Two lines, 100 x 2 and 50: £250 a year.
  const costsRows: Cell[][] = [['Cost line', 'Quantity', 'Unit cost'], ['Manager', 2, 100], ['Officer', null, 50]];

  it.each`
    how                                                              | costs
    ${'a sheet named Costs'}                                         | ${sheet('Costs', ...costsRows)}
    ${'a sheet named in another case (COSTS)'}                       | ${sheet('COSTS', ...costsRows)}
    ${'an Excel table named Costs on a sheet of another name'}       | ${table('Costs', ...costsRows)}
    ${'an Excel table named in another case (costs)'}                | ${table('costs', ...costsRows)}
    ${'headers in another case and punctuation (cost_line, QUANTITY, Unit-Cost)'} | ${sheet('Costs', ['cost_line', 'QUANTITY', 'Unit-Cost'], ['Manager', 2, 100], ['Officer', null, 50])}
    ${'columns in another order, with unknown ones kept'}            | ${sheet('Costs', ['Notes', 'Unit cost', 'Owner', 'Cost line', 'Quantity'], ['n', 100, 'Jo', 'Manager', 2], [null, 50, null, 'Officer', null])}
    ${'headers on the first non-empty row, below blank rows and right of blank columns'} | ${sheet('Costs', [], [], [null, null, 'Cost line', 'Quantity', 'Unit cost'], [null, null, 'Manager', 2, 100], [null, null, 'Officer', null, 50])}
    ${'a fully blank row between the lines'}                         | ${sheet('Costs', costsRows[0], costsRows[1], [], costsRows[2])}
  `('reads Costs from $how', async ({ costs }) => {
    const s = ran(await plan(parameters('2012/13', 2), costs));
    expect(yearly(s)).toEqual([
      ['2012/13', 250, 0, 250, 0],
      ['2013/14', 250, 0, 250, 0],
    ]);
  });

  it('reads the year from a header that is itself a financial year, overriding the computed amount', async () => {
    // 2012/13 computed (100), 2013/14 given (150), 2014/15 given blank so computed (100).
    const s = ran(await plan(parameters('2012/13', 3), sheet('Costs', ['Cost line', 'Unit cost', '2013/14', '2014-15'], ['Manager', 100, 150, null])));
    expect(yearly(s).map((r) => r[1])).toEqual([100, 150, 100]);
  });

  it('prefers the Excel table to a sheet of the same name', async () => {
    const s = ran(await plan(parameters('2012/13', 1), sheet('Costs', ['Cost line', 'Unit cost'], ['On the sheet', 999]), table('Costs', ['Cost line', 'Unit cost'], ['In the table', 5])));
    expect(s.projection[0].cost).toBe(5);
  });

  it('keeps a column the contract does not name as an ordinary column, even one called Number', async () => {
    // "Number" here numbers the lines; it is not a quantity, so the year costs 40,000 + 30,000.
    const s = ran(await plan(parameters('2012/13', 1), sheet('Costs', ['Number', 'Cost line', 'Unit cost'], [1, 'Manager', 40_000], [2, 'Officer', 30_000])));
    expect(s.projection[0].cost).toBe(70_000);
  });

  it('keeps a Funding column called Total as an ordinary column, not a Pot', async () => {
    // Total here is a note beside a Recurring line: the year's funding is the Annual amount, 30 of a cost of 100.
    const s = ran(await plan(parameters('2012/13', 1), sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 100]), sheet('Funding', ['Source', 'Annual amount', 'Total'], ['Grant', 30, 'see note 4'])));
    expect(yearly(s)).toEqual([['2012/13', 100, 30, 70, 0]]);
  });
});

describe('a total row under the lines of a plain sheet (contract silent; docs/workbook-format.md)', () => {
  // A budget pasted in with its total underneath would count every line twice: £140,000 for £70,000 of posts.
  it.each`
    input                                                                                                                                       | cell
    ${sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 40_000], ['Officer', 30_000], ['Total', 70_000])}                                 | ${'Costs!A4'}
    ${sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 40_000], ['Officer', 30_000], [], ['Grand total', { formula: 'SUM(B2:B3)', result: 70_000 } as unknown as Cell])} | ${'Costs!A5'}
    ${sheet('Funding', ['Source', 'Annual amount'], ['Grant', 30_000], ['Mainstream', 20_000], ['Total funding', 50_000])}                       | ${'Funding!A4'}
    ${sheet('Localities', ['Locality', 'Population'], ['North', 100], ['South', 300], ['Total', 400])}                                          | ${'Localities!A4'}
  `('refuses the run at $cell rather than count the lines twice', async ({ input, cell }) => {
    // In Localities the total row would be selected and take half of a pot shared per head.
    const inputs = [parameters('2012/13', 1, ['Allocation pot', 1000], ['Allocation method', 'Per head']), ...(input.name === 'Costs' ? [] : [sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 70_000])]), input];
    if (input.name !== 'Localities') inputs.push(sheet('Localities', ['Locality', 'Population'], ['North', 100]));
    const run = await plan(...inputs);
    expect({ code: run.code, written: run.results !== undefined }).toEqual({ code: 1, written: false });
    expect(run.err).toMatch(new RegExp(`${cell}: .*total of the lines above`));
  });

  it.each`
    case                                          | costs
    ${'a line named Total with no lines above it'} | ${sheet('Costs', ['Cost line', 'Unit cost'], ['Total', 70_000])}
    ${'a line whose name only starts with Total'}  | ${sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 40_000], ['Total Place pilot', 30_000])}
  `('still reads $case as a line', async ({ costs }) => {
    expect(ran(await plan(parameters('2012/13', 1), costs)).projection[0].cost).toBe(70_000);
  });
});

describe('defaults for the projection (contract §2, §5.6)', () => {
  it.each`
    case                                          | inputs                                                                                                                                                                                       | years
    ${'Years defaults to the span to the latest To'} | ${[sheet('Parameters', ['Parameter', 'Value'], ['First year', '2012/13']), sheet('Costs', ['Cost line', 'Unit cost', 'To'], ['Manager', 100, '2014/15'])]}                           | ${['2012/13', '2013/14', '2014/15']}
    ${'Years defaults to the latest year column'}  | ${[sheet('Parameters', ['Parameter', 'Value'], ['First year', '2012/13']), sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 100]), sheet('Funding', ['Source', 'Annual amount', '2015/16'], ['Grant', 50, 70])]} | ${['2012/13', '2013/14', '2014/15', '2015/16']}
    ${'Years defaults to 5 when no year is named'}  | ${[sheet('Parameters', ['Parameter', 'Value'], ['First year', '2012/13']), sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 100])]}                                              | ${['2012/13', '2013/14', '2014/15', '2015/16', '2016/17']}
    ${'First year defaults to the earliest year in Costs or Funding'} | ${[sheet('Costs', ['Cost line', 'Unit cost', 'From'], ['Manager', 100, '2013/14']), sheet('Funding', ['Source', 'Annual amount', 'From', 'To'], ['Grant', 50, '2011/12', '2013/14'])]} | ${['2011/12', '2012/13', '2013/14']}
  `('$case', async ({ inputs, years }) => {
    expect(ran(await plan(...(inputs as Parameters<typeof plan>))).years).toEqual(years);
  });

  it('refuses a run with no First year and no year anywhere, as an input error', async () => {
    const run = await plan(sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 100]));
    expect(run.code).toBe(1);
    expect(run.summary?.issues).toContainEqual(expect.objectContaining({ severity: 'error', table: 'Parameters' }));
  });
});
