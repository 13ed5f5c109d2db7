import { day, parameters, plan, ran, rowLabelled, sheet, yearly, telfordFunding } from './contractRun';

/**
 * Acceptance, contract §2 and §5: costs, funding, selection and sharing out, worked by hand
 * from the contract's rules and the seeds' figures, through the CLI on workbooks built from
 * the contract alone.
 */

describe('costs by year (contract §2 Costs, §5.2)', () => {
  it('uplifts each line by its own inflation, compounding from First year, rounded once a year', async () => {
    // Pay 3%, Non-pay 2%.
    // P: 1.5 x 1,000 x 1.03^t = 1,500 | 1,545 | 1,591.35     F (pay, lower case): 1,000 | 1,030 | 1,060.90
    // N: 1,000 x 1.02^t = 1,000 | 1,020 | 1,040.40           R (10%): 1,000 | 1,100 | 1,210      Z (None): 1,000
    // Totals: 5,500 | 5,695 | 5,902.65
    const s = ran(await plan(
      parameters('2012/13', 3, ['Pay inflation', '3%'], ['Non-pay inflation', 0.02]),
      sheet('Costs', ['Cost line', 'Unit cost', 'Inflation', 'Quantity'], ['P', 1000, 'Pay', 1.5], ['N', 1000, 'Non-pay', null], ['Z', 1000, 'None', null], ['R', 1000, '10%', null], ['F', 1000, 'pay', null]),
    ));
    expect(yearly(s).map((r) => r[1])).toEqual([5_500, 5_695, 5_902.65]);
  });

  it("reproduces Tamworth's CDO rising with pay: £35,907 at 3.816% is £37,277.21 the next year", async () => {
    // 35,907 x 1.03816 = 37,277.2 (37,277.20... rounds to 37,277.21: 35,907 x 0.03816 = 1,370.21112)
    const s = ran(await plan(parameters('2012/13', 2, ['Pay inflation', '3.816%']), sheet('Costs', ['Cost line', 'Unit cost'], ['CDO', 35_907])));
    expect(yearly(s).map((r) => r[1])).toEqual([35_907, 37_277.21]);
  });

  it('counts part years in twelfths by calendar month, and a part month by its days (§5.2)', async () => {
    // 2011/12:
    //   CDO4 from 1 Nov 2011: 34,587 x 5/12 = 14,411.25 (Tamworth's figure)
    //   Nov15 from 15 Nov 2011: Nov counts 16/30, then Dec..Mar: 12,000 x (4 + 16/30)/12 = 4,533.333.. -> 4,533.33
    //   ToJan10 2011/12 to 10 Jan 2012: Apr..Dec 9 months + 10/31 of Jan: 12,000 x (9 + 10/31)/12 = 9,322.580.. -> 9,322.58
    //   Yr from 2012 (a year written as a year: the whole of 2012/13): 0
    //   total 14,411.25 + 4,533.33 + 9,322.58 = 28,267.16
    // 2012/13: 34,587 + 12,000 + 0 + 12,000 = 58,587
    const run = await plan(
      parameters('2011/12', 2),
      sheet('Costs', ['Cost line', 'Unit cost', 'Inflation', 'From', 'To'], ['CDO4', 34_587, 'None', day('2011-11-01'), null], ['Nov15', 12_000, 'None', day('2011-11-15'), null], ['ToJan10', 12_000, 'None', '2011/12', day('2012-01-10')], ['Yr', 12_000, 'None', '2012', '2012/13']),
    );
    expect(yearly(ran(run)).map((r) => r[1])).toEqual([28_267.16, 58_587]);
    expect(rowLabelled(run.results!, 'Projection', 'CDO4').slice(0, 2)).toEqual([14_411.25, 34_587]);
  });

  it('makes the Allocation pot a cost line of its own, with no inflation (§5.4)', async () => {
    const run = await plan(
      parameters('2012/13', 2, ['Pay inflation', '10%'], ['Allocation pot', '£2.1m']),
      sheet('Localities', ['Locality', 'Wards'], ['North', 1], ['South', 3]),
      sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 1000]),
    );
    // Manager 1,000 | 1,100; pot 2,100,000 each year.
    expect(yearly(ran(run)).map((r) => r[1])).toEqual([2_101_000, 2_101_100]);
    expect(rowLabelled(run.results!, 'Projection', 'Allocation pot').slice(0, 2)).toEqual([2_100_000, 2_100_000]);
  });

  it('notes a year whose revenue costs fall below zero as a Medium INPUT warning naming the year (§5.6)', async () => {
    // 2012/13: 1,000 - 2,000 = -1,000; 2013/14: 1,000 - 500 (year column) = 500.
    const s = ran(await plan(parameters('2012/13', 2), sheet('Costs', ['Cost line', 'Unit cost', 'Inflation', '2013/14'], ['Post', 1000, 'None', null], ['Saving', -2000, 'None', -500])));
    expect(s.warnings.filter((w) => w.code === 'INPUT').map((w) => [w.severity, w.year])).toEqual([['Medium', '2012/13']]);
  });
});

describe("funding and the shortfall (contract §2 Funding): Telford & Wrekin's figures", () => {
  const telford = [
    parameters('2009/10', 3),
    sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ['Locality team', '£720.4k', 'None']),
    telfordFunding,
  ];

  it('draws the one-off pot for what recurring funding leaves unmet, and shows the shortfall once it is spent', async () => {
    // 2009/10: need 720.4k - (429.6k + 90.6k) = 200.2k, all from the LPSA pot (351k -> 150.8k left).
    // 2010/11: need 200.2k, the pot has 150.8k: shortfall 49.4k; funding 520.2k + 150.8k = 671k.
    // 2011/12: Cohesion grant ended: need 290.8k, the pot is spent: shortfall 290.8k (the report's 2011/12 gap).
    const s = ran(await plan(...telford));
    expect(s.projection.map((p) => [p.year, p.cost, p.recurringFunding, p.drawdown, p.funding, p.shortfall, p.surplus, p.cumulativeShortfall])).toEqual([
      ['2009/10', 720_400, 520_200, 200_200, 720_400, 0, 0, 0],
      ['2010/11', 720_400, 520_200, 150_800, 671_000, 49_400, 0, 49_400],
      ['2011/12', 720_400, 429_600, 0, 429_600, 290_800, 0, 340_200],
    ]);
    expect(s.pots).toEqual([{ source: 'LPSA reward grant', opening: 351_000, drawdown: [200_200, 150_800, 0], exhaustedIn: '2010/11' }]);
  });

  it('shows the same figures on the Projection sheet, as a budget report: funding, drawdown, shortfall, pot balances (contract §3)', async () => {
    const run = await plan(...telford);
    const row = (label: string) => rowLabelled(run.results!, 'Projection', label).slice(0, 3);
    expect(row('Total cost')).toEqual([720_400, 720_400, 720_400]);
    expect(row('Mainstream')).toEqual([429_600, 429_600, 429_600]);
    expect(row('Drawn from LPSA reward grant')).toEqual([200_200, 150_800, 0]);
    expect(row('Total funding')).toEqual([720_400, 671_000, 429_600]);
    expect(row('Shortfall')).toEqual([0, 49_400, 290_800]);
    expect(row('Cumulative shortfall')).toEqual([0, 49_400, 340_200]);
    expect(row('Surplus')).toEqual([0, 0, 0]);
    // The pot's balance at each year end: 351k - 200.2k = 150.8k, then spent.
    expect(row('LPSA reward grant')).toEqual([150_800, 0, 0]);
  });

  it('moves each amount by 10% for sensitivity, ranked by swing (§6.2)', async () => {
    // Unit cost 648,360 | 792,440. Low: need 128.16k a year from the pot (94.68k left at the lapse), 2011/12 gap 218.76k.
    //   High: need 272.24k: the pot pays 272.24k then 78.76k; gaps 193.48k + 362.84k = 556.32k. Swing 337.56k.
    // Mainstream 386,640 | 472,560: gaps 469.08k and 247.84k. LPSA pot 315,900 | 386,100: gaps 375.3k and 305.1k.
    // Cohesion 81,540 | 99,660: gaps 67.52k + 290.8k = 358.32k and 31.28k + 290.8k = 322.08k. No line uses a rate.
    const s = ran(await plan(...telford));
    expect(s.sensitivity.map((r) => [r.table, r.cell, r.base, r.low, r.high, r.shortfallLow, r.shortfallHigh, r.swing])).toEqual([
      ['Costs', 'B2', 720_400, 648_360, 792_440, 218_760, 556_320, 337_560],
      ['Funding', 'C2', 429_600, 386_640, 472_560, 469_080, 247_840, 221_240],
      ['Funding', 'D3', 351_000, 315_900, 386_100, 375_300, 305_100, 70_200],
      ['Funding', 'C4', 90_600, 81_540, 99_660, 358_320, 322_080, 36_240],
    ]);
  });

  it.each`
    code                  | severity    | year         | amount
    ${'SHORTFALL'}        | ${'High'}   | ${'2010/11'} | ${49_400}
    ${'SHORTFALL'}        | ${'High'}   | ${'2011/12'} | ${290_800}
    ${'ONE_OFF_RELIANCE'} | ${'Medium'} | ${'2009/10'} | ${200_200}
    ${'POT_EXHAUSTED'}    | ${'Medium'} | ${'2010/11'} | ${351_000}
    ${'FUNDING_ENDS'}     | ${'Medium'} | ${'2011/12'} | ${90_600}
  `('warns $code ($severity) in $year for £$amount', async ({ code, severity, year, amount }) => {
    // ONE_OFF_RELIANCE: 200.2k of 720.4k is 27.8%, more than a quarter (2010/11's 150.8k is 20.9%, not).
    const s = ran(await plan(...telford));
    expect(s.warnings).toContainEqual(expect.objectContaining({ code, severity, year, amount }));
    expect(s.warnings.filter((w) => w.code === 'ONE_OFF_RELIANCE')).toHaveLength(1);
  });

  it('plans the Confirmed funding only case without the Expected grant (§6.1)', async () => {
    // Without Cohesion: 2009/10 need 290.8k from the pot (60.2k left); 2010/11 need 290.8k, 60.2k drawn: gap 230.6k;
    // 2011/12 gap 290.8k. Total 521.4k.
    const s = ran(await plan(...telford));
    const confirmed = s.scenarios.find((c) => c.kind === 'confirmed-only')!;
    expect(confirmed).toMatchObject({ name: 'Confirmed funding only', totalShortfall: 521_400, firstShortfallYear: '2010/11' });
    expect(confirmed.projection.map((p) => p.shortfall)).toEqual([0, 230_600, 290_800]);
  });
});

describe('funding rules of v1.1 (contract §5.2, §5.3, §5.5)', () => {
  it('pays part of a year for recurring funding, and lets a pot usable part of a year meet only that share of the need', async () => {
    // 2011/12: Grant from 1 Oct 2011 pays 6,000 x 6/12 = 3,000; need 12,000 - 3,000 = 9,000;
    //          the pot is usable Apr..Jun, 3/12 of the year: at most 9,000 x 3/12 = 2,250. Gap 6,750.
    // 2012/13: the pot has lapsed; Grant 6,000; gap 6,000.
    const s = ran(await plan(
      parameters('2011/12', 2),
      sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ['Post', 12_000, 'None']),
      sheet('Funding', ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To'], ['Grant', 'Recurring', 6000, null, day('2011-10-01'), null], ['Pot', 'One-off', null, 100_000, '2011/12', day('2011-06-30')]),
    ));
    expect(s.projection.map((p) => [p.recurringFunding, p.drawdown, p.shortfall])).toEqual([[3_000, 2_250, 6_750], [6_000, 0, 6_000]]);
  });

  it('funds capital costs only from capital allocations, carries slippage forward and reports a capital shortfall apart', async () => {
    // Capital allocation 20,000 a year 2011/12..2012/13. 2011/12: nothing spent, 20,000 carried forward.
    // 2012/13: 20,000 + 20,000 = 40,000 against Build 50,000: capital shortfall 10,000.
    // 2014/15: Kit 10,000 with no capital money: capital shortfall 10,000. Revenue is balanced every year.
    const s = ran(await plan(
      parameters('2011/12', 4),
      sheet('Costs', ['Cost line', 'Type', 'Unit cost', 'Inflation', 'From', 'To'], ['Rev', 'Revenue', 1000, 'None', null, null], ['Build', 'Capital', 50_000, 'None', '2012/13', '2012/13'], ['Kit', 'capital', 10_000, 'None', '2014/15', '2014/15']),
      sheet('Funding', ['Source', 'Kind', 'Annual amount', 'From', 'To'], ['Capital allocation', 'Capital', 20_000, '2011/12', '2012/13'], ['Rev grant', 'Recurring', 1000, null, null]),
    ));
    expect(s.projection.map((p) => [p.cost, p.shortfall, p.capitalCost, p.capitalFunding, p.capitalShortfall])).toEqual([
      [1000, 0, 0, 20_000, 0],
      [1000, 0, 50_000, 20_000, 10_000],
      [1000, 0, 0, 0, 0],
      [1000, 0, 10_000, 0, 10_000],
    ]);
    expect(s.warnings.map((w) => [w.code, w.severity, w.year, w.amount])).toEqual([
      ['CAPITAL_SHORTFALL', 'High', '2012/13', 10_000],
      ['CAPITAL_SHORTFALL', 'High', '2014/15', 10_000],
    ]);
  });

  it('lets unspent capital lapse after its To year (POT_LAPSES), with no FUNDING_ENDS when capital costs end too', async () => {
    // 2011/12: 30,000 against 50,000: capital shortfall 20,000. 2012/13: 30,000 unspent lapses at the end of the year.
    const s = ran(await plan(
      parameters('2011/12', 3),
      sheet('Costs', ['Cost line', 'Type', 'Unit cost', 'From', 'To'], ['Build', 'Capital', 50_000, '2011/12', '2011/12']),
      sheet('Funding', ['Source', 'Kind', 'Annual amount', 'From', 'To'], ['Capital allocation', 'Capital', 30_000, '2011/12', '2012/13']),
    ));
    expect(s.warnings.map((w) => [w.code, w.year, w.amount])).toEqual([
      ['CAPITAL_SHORTFALL', '2011/12', 20_000],
      ['POT_LAPSES', '2012/13', 30_000],
    ]);
  });

  it('draws reserves after one-off pots, adds surpluses to the first reserve, and warns RESERVE_USED and POT_EXHAUSTED', async () => {
    // Grant 8,000 a year. Costs by year column: 5,000 | 12,000 | 10,000 | 10,000.
    // 2011/12: surplus 3,000 -> Res 3,000 + 3,000 = 6,000.
    // 2012/13: need 4,000: Pot 1,000 (used up), then Res 3,000 (3,000 left).
    // 2013/14: need 2,000 from Res (1,000 left).  2014/15: need 2,000: Res 1,000 (used up), Res2 500 (used up), gap 500.
    const s = ran(await plan(
      parameters('2011/12', 4),
      sheet('Costs', ['Cost line', 'Unit cost', 'Inflation', '2011/12', '2012/13'], ['Post', 10_000, 'None', 5_000, 12_000]),
      sheet('Funding', ['Source', 'Kind', 'Annual amount', 'Pot'], ['Res', 'Reserve', null, 3000], ['Grant', 'Recurring', 8000, null], ['Pot', 'One-off', null, 1000], ['Res2', 'Reserve', null, 500]),
    ));
    expect(s.projection.map((p) => [p.drawdown, p.shortfall, p.surplus])).toEqual([[0, 0, 3_000], [4_000, 0, 0], [2_000, 0, 0], [1_500, 500, 0]]);
    expect(s.warnings.filter((w) => w.code === 'RESERVE_USED').map((w) => [w.severity, w.year, w.amount])).toEqual([
      ['Medium', '2012/13', 3_000],
      ['Medium', '2013/14', 2_000],
      ['Medium', '2014/15', 1_000],
      ['Medium', '2014/15', 500],
    ]);
    expect(s.warnings.filter((w) => w.code === 'POT_EXHAUSTED').map((w) => w.year)).toEqual(['2012/13', '2014/15', '2014/15']);
  });

  it('uplifts a funding line from its own first year in the projection, and notes a gap within the tolerance as Low', async () => {
    // G 1,000 at 10% from 2013/14: 0 | 1,000 | 1,100. H 100 at Pay (0%), 500 given for 2014/15: 100 | 100 | 500.
    // Cost 1,000 a year: 2012/13 gap 900 (above the £50 tolerance: High); 2013/14 surplus 100; 2014/15 surplus 600.
    const s = ran(await plan(
      parameters('2012/13', 3, ['Shortfall tolerance', 50]),
      sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ['Post', 1000, 'None']),
      sheet('Funding', ['Source', 'Annual amount', 'Inflation', 'From', '2014/15'], ['G', 1000, '10%', '2013/14', null], ['H', 100, 'Pay', null, 500]),
    ));
    expect(yearly(s)).toEqual([['2012/13', 1000, 100, 900, 0], ['2013/14', 1000, 1100, 0, 100], ['2014/15', 1000, 1600, 0, 600]]);
    const within = ran(await plan(parameters('2012/13', 1, ['Shortfall tolerance', 100]), sheet('Costs', ['Cost line', 'Unit cost'], ['Post', 1000]), sheet('Funding', ['Source', 'Annual amount'], ['G', 900])));
    expect(within.warnings.map((w) => [w.code, w.severity, w.amount])).toEqual([['SHORTFALL', 'Low', 100]]);
  });
});

describe('selection and need (contract §2 Localities, Indicators, Parameters; §5.6)', () => {
  const five = sheet(
    'Localities',
    ['Locality', 'District', 'IMD Score', 'IMD Rank', 'Population', 'Wards', 'Override'],
    ['A', 'D1', 50, 1, 1000, 2, null],
    ['B', 'D1', 40, 2, 2000, 1, null],
    ['C', 'D2', 30, 3, 3000, 3, null],
    ['D', 'D2', 20, 4, 1000, 1, 'Exclude'],
    ['E', 'D2', 10, 5, 500, 1, 'Include'],
  );

  it('removes Excludes, selects Includes, then the most in need in each district, then Additional across the area', async () => {
    // Need score = percentile of IMD Score among the 5: A 100, B 75, C 50, D 25, E 0.
    // D excluded, E included (override); Per district 1: A (D1), C (D2); Additional 1: B.
    const s = ran(await plan(five, parameters('2012/13', 1, ['Per district', 1], ['Additional', 1])));
    expect(s.selected.map((l) => [l.locality, l.district, l.rank, l.needScore, l.reason])).toEqual([
      ['A', 'D1', 1, 100, 'district'],
      ['B', 'D1', 2, 75, 'additional'],
      ['C', 'D2', 3, 50, 'district'],
      ['E', 'D2', 5, 0, 'override'],
    ]);
  });

  it('costs each selected locality with the Programme multiplier and shares the pot per head to the penny', async () => {
    // 4 selected x 1,000 x 2 = 8,000, plus the Allocation pot 1,000: 9,000 a year.
    // Per head among A 1,000, B 2,000, C 3,000, E 500 (6,500): 153.846.., 307.692.., 461.538.., 76.923..
    // floors 153.84 + 307.69 + 461.53 + 76.92 = 999.98; the 2p left go to the largest remainders, C (.846) and A (.615).
    const run = await plan(five, parameters('2012/13', 2, ['Per district', 1], ['Additional', 1], ['Cost per locality', 1000], ['Programme multiplier', 2], ['Allocation pot', 1000], ['Allocation method', 'Per head']));
    const s = ran(run);
    expect(yearly(s).map((r) => r[1])).toEqual([9_000, 9_000]);
    expect(s.allocation.filter((a) => a.year === '2012/13').map((a) => [a.line, a.locality, a.amount])).toEqual([
      ['Allocation pot', 'A', 153.85],
      ['Allocation pot', 'B', 307.69],
      ['Allocation pot', 'C', 461.54],
      ['Allocation pot', 'E', 76.92],
    ]);
    // Priorities: each locality's total cost over the two years: A 2 x 2,000 + 2 x 153.85 = 4,307.70; D excluded costs nothing.
    const priorities = run.results!.getWorksheet('Priorities')!;
    const rows: unknown[][] = [];
    priorities.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === 'Rank');
    expect(String(rows[header][7])).toMatch(/2012\/13 to 2013\/14/);
    expect(rows.slice(header + 1).map((r) => [r[1], r[5], r[7]])).toEqual([
      ['A', 'Yes', 4_307.7],
      ['B', 'Yes', 4_615.38],
      ['C', 'Yes', 4_923.08],
      ['D', 'No', 0],
      ['E', 'Yes', 4_153.84],
    ]);
  });

  it('weights indicators, takes ranks as Lower is worse, shares tied percentiles, and notes each assumed direction', async () => {
    // Crime (higher worse): A 0, B 33.33, C and D tied for 66.67 and 100 -> 83.33 each.
    // Income rank (lower worse, from its header): D 100, C 66.67, B 33.33, A 0.
    // Weights 3 and 1: A 0; B 33.33; C (3 x 83.33 + 66.67)/4 = 79.17; D (3 x 83.33 + 100)/4 = 87.5.
    // Per district 1: X -> B, Y -> D.
    const s = ran(await plan(
      sheet('Localities', ['Locality', 'District', 'Crime', 'Income rank'], ['A', 'X', 10, 4], ['B', 'X', 20, 3], ['C', 'Y', 30, 2], ['D', 'Y', 30, 1]),
      sheet('Indicators', ['Indicator', 'Weight', 'Direction'], ['Crime', 3, null], ['Income rank', 1, null]),
      parameters('2012/13', 1, ['Per district', 1]),
    ));
    expect(s.selected.map((l) => [l.locality, l.rank, l.needScore])).toEqual([['D', 1, 87.5], ['B', 3, 33.33]]);
    expect(s.warnings.filter((w) => w.code === 'INPUT').map((w) => w.severity)).toEqual(['Low', 'Low']);
    expect(s.issues.map((i) => [i.table, i.cell])).toEqual([['Indicators', 'C2'], ['Indicators', 'C3']]);
  });

  it.each`
    case                                    | rows                                                                                  | chosen
    ${'by IMD Rank when need scores tie'}   | ${[['Zed', 'X', 10, 2], ['Amy', 'X', 10, 3], ['Bob', 'X', 10, 1], ['Cat', 'X', 5, 4]]} | ${['Bob', 'Zed']}
    ${'by name when IMD Rank ties too'}     | ${[['Zed', 'X', 10, 1], ['Amy', 'X', 10, 1], ['Bob', 'X', 10, 1], ['Cat', 'X', 5, 4]]} | ${['Amy', 'Bob']}
  `('breaks ties $case', async ({ rows, chosen }) => {
    const s = ran(await plan(sheet('Localities', ['Locality', 'District', 'IMD Score', 'IMD Rank'], ...rows), parameters('2012/13', 1, ['Additional', 2])));
    expect(s.selected.map((l) => l.locality)).toEqual(chosen);
  });

  it('never treats a missing indicator value as zero: the locality is not ranked and the run notes it', async () => {
    const s = ran(await plan(sheet('Localities', ['Locality', 'IMD Score'], ['A', 10], ['B', null], ['C', 5]), parameters('2012/13', 1, ['Additional', 3])));
    expect(s.selected.map((l) => l.locality)).toEqual(['A', 'C']);
    expect(s.warnings).toContainEqual(expect.objectContaining({ code: 'INPUT' }));
    expect(s.issues).toContainEqual(expect.objectContaining({ table: 'Localities', cell: 'B3' }));
  });

  it('selects every locality without an indicator, leaving need scores and ranks blank, and shares Per ward', async () => {
    // Per ward 1 : 3 of £100: 25 and 75.
    const s = ran(await plan(sheet('Localities', ['Locality', 'Wards'], ['A', 1], ['B', 3]), parameters('2012/13', 1, ['Allocation pot', 100], ['Allocation method', 'Per ward'])));
    expect(s.selected.map((l) => [l.locality, l.rank, l.needScore, l.reason])).toEqual([['A', null, null, 'all'], ['B', null, null, 'all']]);
    expect(s.allocation.map((a) => a.amount)).toEqual([25, 75]);
  });

  it('refuses quotas without an indicator as an input error', async () => {
    const run = await plan(sheet('Localities', ['Locality', 'District'], ['A', 'X']), parameters('2012/13', 1, ['Per district', 1]));
    expect({ code: run.code, written: run.results !== undefined }).toEqual({ code: 1, written: false });
  });

  it.each`
    perDistrict | chosen
    ${1}        | ${['C', 'D', 'E']}
    ${2}        | ${['A', 'C', 'D', 'E']}
  `('with Overrides count towards quotas, an Include takes one of its district places (Per district $perDistrict)', async ({ perDistrict, chosen }) => {
    // X: C included takes a place (A is the ranked pick only with 2 places). Y: D and E included fill 1 or 2 places, so F, the most in need, is not picked.
    const s = ran(await plan(
      sheet('Localities', ['Locality', 'District', 'IMD Score', 'Override'], ['A', 'X', 50, null], ['B', 'X', 40, null], ['C', 'X', 30, 'Include'], ['D', 'Y', 20, 'Include'], ['E', 'Y', 15, 'Include'], ['F', 'Y', 60, null]),
      parameters('2012/13', 1, ['Per district', perDistrict], ['Overrides count towards quotas', 'Yes']),
    ));
    expect(s.selected.map((l) => l.locality)).toEqual(chosen);
  });

  it('shares Shared out lines by their Method, Per <column> included, each line to the penny', async () => {
    // All three selected (no quotas). Ward budgets 1,000 Per Councillors 3:2:1: 500, 333.33, 166.66 + 1p by remainder:
    //   500, 333.333.., 166.666.. -> floors 500 + 333.33 + 166.66 = 999.99; the penny goes to C (.666 > .333).
    // Equal split 100.01 three ways: 33.33 each + 2p to the first two in table order (ties): 33.34, 33.34, 33.33.
    const s = ran(await plan(
      sheet('Localities', ['Locality', 'Councillors'], ['A', 3], ['B', 2], ['C', 1]),
      parameters('2012/13', 1),
      sheet('Costs', ['Cost line', 'Applies to', 'Unit cost', 'Method'], ['Ward budgets', 'Shared out', 1000, 'Per Councillors'], ['Equal split', 'Shared out', '100.01', 'Equal']),
    ));
    expect(s.allocation.map((a) => [a.line, a.locality, a.amount])).toEqual([
      ['Ward budgets', 'A', 500],
      ['Ward budgets', 'B', 333.33],
      ['Ward budgets', 'C', 166.67],
      ['Equal split', 'A', 33.34],
      ['Equal split', 'B', 33.34],
      ['Equal split', 'C', 33.33],
    ]);
    expect(s.projection[0].cost).toBe(1_100.01);
  });

  it('refuses a Per <column> share when a recipient has no value there, naming the cell', async () => {
    const run = await plan(sheet('Localities', ['Locality', 'Weighted population'], ['A', 10], ['B', null]), parameters('2012/13', 1), sheet('Costs', ['Cost line', 'Applies to', 'Unit cost', 'Method'], ['Fund', 'Shared out', 1000, 'Per Weighted population']));
    expect(run.code).toBe(1);
    expect(run.summary?.issues).toContainEqual(expect.objectContaining({ severity: 'error', table: 'Localities', cell: 'B3' }));
  });
});
