import { parameters, plan, ran, sheet, table } from './contractRun';

/**
 * Acceptance, contract §6: scenarios, the confirmed-only case, sensitivity and affordability,
 * worked by hand, through the CLI on workbooks built from the contract alone.
 */

describe('scenarios (contract §6.1)', () => {
  const localities = sheet('Localities', ['Locality', 'IMD Score', 'Councillors'], ['A', 50, 3], ['B', 40, 2], ['C', 30, 1]);
  const costs = sheet('Costs', ['Cost line', 'Applies to', 'Unit cost', 'Method', 'Inflation'], ['Ward budgets', 'Shared out', 1000, 'Per Councillors', 'None'], ['Team', 'Each locality', 100, null, 'None']);

  it('plans Base, then each scenario in column order, each in full', async () => {
    // Base: Additional 2 selects A, B: Ward budgets 1,000 + Team 2 x 100 = 1,200 a year, no funding.
    // Low: Additional 1 selects A, and C is included by its Override: still two localities, 1,200 a year.
    // High: Team 200 each (1,000 + 400 = 1,400), and Ward budgets 5,000 in 2013/14 (5,400).
    const s = ran(await plan(
      localities,
      parameters('2012/13', 2, ['Additional', 2]),
      costs,
      table('Scenarios', ['Table', 'Item', 'Field', 'Low', 'High'], [null, 'Additional', null, 1, null], ['Costs', 'Team', 'Unit cost', null, '£200'], [null, 'Ward budgets', '2013/14', null, 5000], ['Localities', 'C', 'Override', 'Include', null]),
    ));
    expect(s.scenarios.map((c) => [c.name, c.kind, c.selected, c.projection.map((p) => p.cost), c.totalShortfall, c.firstShortfallYear])).toEqual([
      ['Base', 'base', 2, [1_200, 1_200], 2_400, '2012/13'],
      ['Low', 'scenario', 2, [1_200, 1_200], 2_400, '2012/13'],
      ['High', 'scenario', 2, [1_400, 5_400], 6_800, '2012/13'],
    ]);
    expect(s.allocation.filter((a) => a.year === '2012/13').map((a) => [a.locality, a.amount])).toEqual([['A', 600], ['B', 400]]);
  });

  it.each`
    row                                   | cell
    ${['Nope', null, 1]}                  | ${'A2'}
    ${['Team', 'Colour', 'red']}          | ${'B2'}
    ${['Team', 'Unit cost', 'lots']}      | ${'C2'}
    ${['Years', null, 'many']}            | ${'C2'}
  `('refuses a change $row as an input issue at its Scenarios cell $cell', async ({ row, cell }) => {
    const run = await plan(localities, parameters('2012/13', 1), costs, table('Scenarios', ['Item', 'Field', 'S1'], row));
    expect(run.code).toBe(1);
    expect(run.summary?.issues).toContainEqual(expect.objectContaining({ severity: 'error', table: 'Scenarios', cell }));
  });
});

describe('sensitivity (contract §6.2)', () => {
  it('moves each amount by 10% one at a time and ranks the rows by swing, skipping a rate no line uses', async () => {
    // Base: cost 1,000 (Inflation None), Grant 900: gap 100 a year, 200 over two years.
    // Unit cost 900 | 1,100: gaps 0 and 400 -> swing 400. Annual amount 810 | 990: gaps 380 and 20 -> swing 360.
    // Pay and Non-pay inflation move nothing (no line uses them) and are skipped.
    const s = ran(await plan(parameters('2012/13', 2), sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ['Post', 1000, 'None']), sheet('Funding', ['Source', 'Annual amount'], ['Grant', 900])));
    expect(s.sensitivity).toEqual([
      { input: expect.stringContaining('Post'), table: 'Costs', cell: 'B2', base: 1000, low: 900, high: 1100, shortfallLow: 0, shortfallHigh: 400, swing: 400 },
      { input: expect.stringContaining('Grant'), table: 'Funding', cell: 'B2', base: 900, low: 810, high: 990, shortfallLow: 380, shortfallHigh: 20, swing: 360 },
    ]);
  });

  it('moves a rate by one percentage point, given as a fraction', async () => {
    // Pay 2.5% on 1,000: 1,000 + 1,025 = 2,025 gap. At 1.5%: 1,000 + 1,015 = 2,015. At 3.5%: 1,000 + 1,035 = 2,035.
    const s = ran(await plan(parameters('2012/13', 2, ['Pay inflation', '2.5%']), sheet('Costs', ['Cost line', 'Unit cost'], ['Post', 1000])));
    expect(s.sensitivity.find((r) => r.input === 'Pay inflation')).toEqual({ input: 'Pay inflation', table: 'Parameters', cell: 'B4', base: 0.025, low: 0.015, high: 0.035, shortfallLow: 2_015, shortfallHigh: 2_035, swing: 20 });
  });
});

describe('affordability (contract §6.3)', () => {
  const localities = sheet('Localities', ['Locality', 'IMD Score'], ['A', 30], ['B', 20], ['C', 10]);

  it('finds the localities, the cost per locality and the new funding a plan affords', async () => {
    // Cost per locality 1,000; Grant 2,500 a year; Additional 2: 2,000 a year, no gap.
    // Localities: Additional 2 (2,000) fits, 3 (3,000) does not: {additional 2, selected 2}.
    // Cost per locality: 2 x c <= 2,500: £1,250.00. New recurring funding: no gap, so zero.
    const s = ran(await plan(localities, parameters('2012/13', 1, ['Additional', 2], ['Cost per locality', 1000]), sheet('Funding', ['Source', 'Annual amount'], ['Grant', 2500])));
    expect(s.affordability).toEqual({ localities: { additional: 2, selected: 2 }, costPerLocality: 1_250, newRecurringFunding: { amount: 0, fromYear: null } });
  });

  it('finds the smallest equal annual amount from the first year with a gap, pots drawn as usual', async () => {
    // Telford: gaps 49.4k (2010/11) and 290.8k (2011/12); the LPSA pot lapses after 2010/11, so 290,800 a year from 2010/11.
    const s = ran(await plan(
      parameters('2009/10', 3),
      sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ['Locality team', '£720.4k', 'None']),
      sheet('Funding', ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To'], ['Mainstream', 'Recurring', '£429.6k', null, null, null], ['LPSA reward grant', 'One-off', null, '£351k', '2009/10', '2010/11'], ['Cohesion grant', null, '£90.6k', null, '2009/10', '2010/11']),
    ));
    expect(s.affordability).toEqual({ localities: null, costPerLocality: null, newRecurringFunding: { amount: 290_800, fromYear: '2010/11' } });
  });

  it('finds the largest cost per locality to the penny', async () => {
    // Three localities (all selected: Per district and Additional 0), Grant 1,000: 3 x c <= 1,000 -> £333.33.
    const s = ran(await plan(localities, parameters('2012/13', 1, ['Cost per locality', 500]), sheet('Funding', ['Source', 'Annual amount'], ['Grant', 1000])));
    expect(s.affordability.costPerLocality).toBe(333.33);
    expect(s.affordability.localities).toBeNull();
  });
});
