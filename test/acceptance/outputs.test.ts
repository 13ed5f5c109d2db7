import { strFromU8, unzipSync } from 'fflate';
import { cellsOf, day, parameters, plan, planAfresh, ran, rowLabelled, sheet, type Input, telfordFunding } from './contractRun';

/**
 * Acceptance, contract §3 and §5.7: the results workbook read cell by cell with ExcelJS, every
 * expected value worked by hand from the contract's rules. The case is Telford & Wrekin's
 * (§2 Funding) with three localities, one chosen per district, and a £1,000 devolved budget.
 */

const telford: Input[] = [
  parameters('2009/10', 3, ['Allocation pot', 1000], ['Per district', 1]),
  sheet('Localities', ['Locality', 'District', 'IMD Score', 'Population'], ['A', 'X', 30, 100], ['B', 'X', 20, 200], ['C', 'Y', 10, 300]),
  sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ['Locality team', '£720.4k', 'None']),
  telfordFunding,
];

/** The rows of an output sheet from its header row (the row whose first cell is `first`) down, blank rows dropped. */
function tableFrom(rows: unknown[][], first: string): unknown[][] {
  const header = rows.findIndex((r) => r?.[0] === first);
  if (header < 0) throw new Error(`no header row starting ${first}`);
  const body: unknown[][] = [];
  for (const r of rows.slice(header)) {
    if (!r || r.every((v) => v === null || v === undefined)) break;
    body.push(r);
  }
  return body;
}

describe('Priorities (contract §3, §5.6)', () => {
  it('lists every locality with its need score, rank, rank in district, Selected, the reason in words and its cost over the projection', async () => {
    // Need score: IMD Score's percentile among three: A (30) 100, B (20) 50, C (10) 0.
    // Per district 1: X -> A, Y -> C; B is second in X and not chosen.
    // Cost: the £1,000 pot shared equally between A and C, 3 years x £500 = £1,500; B nothing.
    const run = await plan(...telford);
    expect(tableFrom(cellsOf(run.results!, 'Priorities'), 'Rank')).toEqual([
      ['Rank', 'Locality', 'District', 'Need score', 'Rank in district', 'Selected', 'Reason', 'Cost 2009/10 to 2011/12'],
      [1, 'A', 'X', 100, 1, 'Yes', 'Most in need in X', 1_500],
      [2, 'B', 'X', 50, 2, 'No', 'Not selected: ranked below the quotas', 0],
      [3, 'C', 'Y', 0, 1, 'Yes', 'Most in need in Y', 1_500],
    ]);
  });
});

describe('the reason in words on Priorities (contract §3)', () => {
  // Four localities in two districts, IMD Score 40, 30 (X) and 20, 10 (Y): need 100, 66.67, 33.33, 0.
  it.each`
    perDistrict | additional | reasons
    ${0}        | ${1}       | ${['The most in need across the area', 'Not selected: ranked below the quotas', 'Not selected: ranked below the quotas', 'Not selected: ranked below the quotas']}
    ${0}        | ${2}       | ${['One of the 2 most in need across the area', 'One of the 2 most in need across the area', 'Not selected: ranked below the quotas', 'Not selected: ranked below the quotas']}
    ${1}        | ${1}       | ${['Most in need in X', 'The most in need across the area after the district choices', 'Most in need in Y', 'Not selected: ranked below the quotas']}
    ${2}        | ${0}       | ${['Among the 2 most in need in X', 'Among the 2 most in need in X', 'Among the 2 most in need in Y', 'Among the 2 most in need in Y']}
  `('says why each locality is or is not chosen, in words (Per district $perDistrict, Additional $additional)', async ({ perDistrict, additional, reasons }) => {
    const run = await plan(
      parameters('2012/13', 1, ['Per district', perDistrict], ['Additional', additional]),
      sheet('Localities', ['Locality', 'District', 'IMD Score'], ['A', 'X', 40], ['B', 'X', 30], ['C', 'Y', 20], ['D', 'Y', 10]),
    );
    expect(tableFrom(cellsOf(run.results!, 'Priorities'), 'Rank').slice(1).map((r) => r[6])).toEqual(reasons);
  });
});

describe('Projection (contract §3: lines down, years across, as in a budget report)', () => {
  it('lists cost lines, total cost, each funding source, drawdown from each pot, total funding, shortfall, surplus and pot balances, in that order', async () => {
    // Cost 720,400 + 1,000 pot = 721,400 a year. Recurring 429,600 + 90,600 (Cohesion to 2010/11).
    // 2009/10: need 201,200 from the LPSA pot (149,800 left). 2010/11: need 201,200, 149,800 drawn, gap 51,400.
    // 2011/12: Cohesion ended: need 291,800, the pot is spent: gap 291,800; cumulative 343,200.
    const run = await plan(...telford);
    const labelled = cellsOf(run.results!, 'Projection')
      .filter((r) => typeof r?.[0] === 'string' && r.slice(1).some((v) => typeof v === 'number'))
      .map((r) => [(r[0] as string).trim(), ...r.slice(1, 5)]);
    expect(labelled).toEqual([
      ['Locality team', 720_400, 720_400, 720_400, 2_161_200],
      ['Allocation pot', 1_000, 1_000, 1_000, 3_000],
      ['Total cost', 721_400, 721_400, 721_400, 2_164_200],
      ['Mainstream', 429_600, 429_600, 429_600, 1_288_800],
      ['Cohesion grant (expected)', 90_600, 90_600, 0, 181_200],
      ['Drawn from LPSA reward grant', 201_200, 149_800, 0, 351_000],
      ['Total funding', 721_400, 670_000, 429_600, 1_821_000],
      ['Shortfall', 0, 51_400, 291_800, 343_200],
      ['Cumulative shortfall', 0, 51_400, 343_200, null],
      ['Surplus', 0, 0, 0, 0],
      ['LPSA reward grant', 149_800, 0, 0, null],
    ]);
    expect(cellsOf(run.results!, 'Projection').find((r) => r?.[1] === '2009/10')?.slice(1, 5)).toEqual(['2009/10', '2010/11', '2011/12', 'Total']);
  });
});

describe('Allocation (contract §3, §5.4)', () => {
  it.each`
    method          | column          | values             | pot           | amounts
    ${'Per head'}   | ${'Population'} | ${[100, 200, 300]} | ${'1000.01'}  | ${[166.67, 333.34, 500]}
    ${'Equal'}      | ${'Population'} | ${[1, 1, 1]}       | ${'£100.01'}  | ${[33.34, 33.34, 33.33]}
    ${'Per ward'}   | ${'Wards'}      | ${[1, 1, 1]}       | ${'£0.02'}    | ${[0.01, 0.01, 0]}
  `('shares a pot of $pot $method to the penny, and the amounts add up to the pot every year', async ({ method, column, values, pot, amounts }) => {
    // Per head 1,000.01 by 1:2:3 = 166.668.., 333.336.., 500.005 -> floors 999.99; the 2p go to the largest remainders (.83, .67).
    // Equal 100.01 / 3 = 33.336.. each: 2p left, ties go in table order. 2p among three: the first two.
    const run = await plan(
      parameters('2012/13', 3, ['Allocation pot', pot], ['Allocation method', method]),
      sheet('Localities', ['Locality', column], ['A', values[0]], ['B', values[1]], ['C', values[2]]),
    );
    const rows = tableFrom(cellsOf(run.results!, 'Allocation'), 'Locality');
    expect(rows[0].slice(4, 8)).toEqual(['2012/13', '2013/14', '2014/15', 'Total']);
    const potInPence = Math.round(Number(String(pot).replace('£', '')) * 100);
    for (const [i, locality] of ['A', 'B', 'C'].entries()) {
      expect(rows[i + 1][0]).toBe(locality);
      expect(rows[i + 1].slice(4, 7)).toEqual([amounts[i], amounts[i], amounts[i]]);
    }
    for (const year of [4, 5, 6]) {
      expect(rows.slice(1, 4).reduce((sum, r) => sum + Math.round((r[year] as number) * 100), 0)).toBe(potInPence);
    }
    expect(rowLabelled(run.results!, 'Allocation', 'Total').slice(3, 6)).toEqual([potInPence / 100, potInPence / 100, potInPence / 100]);
  });
});

describe('Warnings (contract §3)', () => {
  it('lists severity, year, code, message and amount for each warning, the message naming the amount', async () => {
    // ONE_OFF_RELIANCE: 201,200 of 721,400 is 27.9%, more than a quarter; 2010/11's 149,800 is 20.8%, not.
    // AT_RISK: the Expected Cohesion grant, 2 x 90,600 = 181,200 over the projection.
    const run = await plan(...telford);
    const rows = tableFrom(cellsOf(run.results!, 'Warnings'), 'Severity');
    expect(rows[0]).toEqual(['Severity', 'Year', 'Code', 'Message', 'Amount']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      ['High', '2010/11', 'SHORTFALL', 51_400],
      ['High', '2011/12', 'SHORTFALL', 291_800],
      ['Medium', '2009/10', 'ONE_OFF_RELIANCE', 201_200],
      ['Medium', '2010/11', 'POT_EXHAUSTED', 351_000],
      ['Medium', '2011/12', 'FUNDING_ENDS', 90_600],
      ['Low', '2009/10', 'AT_RISK', 181_200],
    ]);
    expect(rows.slice(1).map((r) => r[3])).toEqual([
      expect.stringContaining('£51,400.00'),
      expect.stringContaining('£291,800.00'),
      expect.stringContaining('£201,200.00'),
      expect.stringContaining('LPSA reward grant'),
      expect.stringContaining('Cohesion grant'),
      expect.stringContaining('£181,200.00'),
    ]);
  });

  it('writes an input issue that did not stop the run as an INPUT row', async () => {
    // A locality without its indicator value is not ranked (§2), and the run goes on.
    const run = await plan(parameters('2012/13', 1, ['Additional', 1]), sheet('Localities', ['Locality', 'IMD Score'], ['A', 10], ['B', null]));
    const rows = tableFrom(cellsOf(run.results!, 'Warnings'), 'Severity');
    expect(rows.slice(1).map((r) => [r[2], typeof r[3] === 'string' && r[3].includes('B3')])).toEqual([['INPUT', true]]);
  });
});

describe('warning thresholds at their edges (contract §2 Funding, §3)', () => {
  const funded = (recurring: number, pot: number, years = 1): Input[] => [
    parameters('2012/13', years),
    sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ['Post', 1000, 'None']),
    sheet('Funding', ['Source', 'Kind', 'Annual amount', 'Pot'], ['Grant', 'Recurring', recurring, null], ['Pot', 'One-off', null, pot]),
  ];

  it.each`
    recurring | drawn     | warned
    ${750}    | ${250}    | ${false}
    ${749.99} | ${250.01} | ${true}
    ${800}    | ${200}    | ${false}
  `('warns ONE_OFF_RELIANCE only when one-off pots pay more than a quarter: £$drawn of £1,000 warned $warned', async ({ recurring, drawn, warned }) => {
    const s = ran(await plan(...funded(recurring, 10_000)));
    expect(s.projection[0].drawdown).toBe(drawn);
    expect(s.warnings.filter((w) => w.code === 'ONE_OFF_RELIANCE').map((w) => w.amount)).toEqual(warned ? [drawn] : []);
  });

  it.each`
    pot      | exhaustedIn  | shortfalls
    ${1_500} | ${'2013/14'} | ${[0, 500]}
    ${2_000} | ${'2013/14'} | ${[0, 0]}
    ${2_000.01} | ${null}   | ${[0, 0]}
  `('warns POT_EXHAUSTED in the last year when a pot of £$pot is used up then', async ({ pot, exhaustedIn, shortfalls }) => {
    // 1,000 a year drawn in each of two years, nothing recurring.
    const s = ran(await plan(...funded(0, pot, 2)));
    expect(s.projection.map((p) => p.shortfall)).toEqual(shortfalls);
    expect(s.pots[0].exhaustedIn).toBe(exhaustedIn);
    expect(s.warnings.filter((w) => w.code === 'POT_EXHAUSTED').map((w) => w.year)).toEqual(exhaustedIn ? [exhaustedIn] : []);
  });

  it.each`
    to                        | warned
    ${'2014/15'}              | ${[]}
    ${null}                   | ${[]}
    ${day('2015-03-31')}      | ${[]}
    ${day('2014-09-30')}      | ${[['2014/15', 200]]}
    ${'2013/14'}              | ${[['2014/15', 400]]}
    ${'2012/13'}              | ${[['2013/14', 400]]}
  `('warns FUNDING_ENDS only when funding stops within the projection (To $to, horizon 2014/15)', async ({ to, warned }) => {
    // Ending on 30 September 2014 pays 6/12 of 400 = 200 in 2014/15, its last amount; ending on the horizon's last day is no ending.
    const s = ran(await plan(
      parameters('2012/13', 3),
      sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ['Post', 1000, 'None']),
      sheet('Funding', ['Source', 'Annual amount', 'To'], ['Main', 600, null], ['Grant', 400, to]),
    ));
    expect(s.warnings.filter((w) => w.code === 'FUNDING_ENDS').map((w) => [w.year, w.amount])).toEqual(warned);
  });

  it.each`
    funding   | severity
    ${900}    | ${'Low'}
    ${899.99} | ${'High'}
  `('notes a gap at the tolerance as Low and warns one a penny over as High (funding £$funding, tolerance £100)', async ({ funding, severity }) => {
    const s = ran(await plan(parameters('2012/13', 1, ['Shortfall tolerance', 100]), sheet('Costs', ['Cost line', 'Unit cost'], ['Post', 1000]), sheet('Funding', ['Source', 'Annual amount'], ['G', funding])));
    expect(s.warnings.filter((w) => w.code === 'SHORTFALL').map((w) => w.severity)).toEqual([severity]);
  });

  it.each`
    status       | code
    ${'At risk'} | ${'AT_RISK'}
    ${'Expected'} | ${'AT_RISK'}
  `('warns AT_RISK for funding whose Status is $status, for what depends on it', async ({ status, code }) => {
    const s = ran(await plan(parameters('2012/13', 2), sheet('Costs', ['Cost line', 'Unit cost'], ['Post', 1000]), sheet('Funding', ['Source', 'Annual amount', 'Status'], ['G', 1000, status])));
    expect(s.warnings.filter((w) => w.code === code).map((w) => w.amount)).toEqual([2_000]);
  });
});

describe('Run info (contract §3)', () => {
  it('lists the inputs read with their row counts and the parameter values used, each with where it came from', async () => {
    const run = await plan(...telford);
    const rows = cellsOf(run.results!, 'Run info');
    expect(tableFrom(rows, 'Input').map((r) => [r[0], r[3]])).toEqual([['Input', 'Rows'], ['Localities', 3], ['Parameters', 4], ['Costs', 1], ['Funding', 3]]);
    const used = new Map(tableFrom(rows, 'Parameter').map((r) => [r[0], [r[1], r[2]]]));
    expect(used.get('First year')).toEqual(['2009/10', 'Parameters!B2']);
    expect(used.get('Years')).toEqual(['3', 'Parameters!B3']);
    expect(used.get('Allocation pot')).toEqual(['£1,000.00', 'Parameters!B4']);
    expect(used.get('Per district')).toEqual(['1', 'Parameters!B5']);
    expect(used.get('Additional')).toEqual(['0', 'default']);
    expect(rowLabelled(run.results!, 'Run info', 'Tool')[0]).toMatch(/^Locality Planner \d+\.\d+\.\d+/);
  });

  it('gives the same fingerprint for the same inputs run twice, and another when an input changes', async () => {
    const fingerprint = async (inputs: Input[]) => rowLabelled((await planAfresh(inputs)).results!, 'Run info', 'Inputs fingerprint (SHA-256)')[0];
    const first = await fingerprint(telford);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprint(telford)).toBe(first);
    const oneCostChanged = [telford[0], telford[1], sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ['Locality team', '£720.5k', 'None']), telford[3]];
    expect(await fingerprint(oneCostChanged)).not.toBe(first);
  });
});

describe('Summary (contract §5.7)', () => {
  it("leads the outputs with the headline: localities selected, totals, the first year with a gap, what funding ends when", async () => {
    // Totals over three years: cost 3 x 721,400 = 2,164,200; funding 721,400 + 670,000 + 429,600 = 1,821,000; gap 343,200.
    const run = await plan(...telford);
    const cells = cellsOf(run.results!, 'Summary');
    const figure = (label: string) => cells.find((r) => r?.[0] === label)?.[1];
    expect(['Localities selected', 'Total cost', 'Total funding', 'Total shortfall', 'Largest gap in a year', 'First year with a gap'].map(figure)).toEqual([2, 2_164_200, 1_821_000, 343_200, 291_800, '2010/11']);
    const text = cells.map((r) => r?.[0]).filter((v) => typeof v === 'string').join('\n');
    expect(text).toContain('A and C');
    expect(text).toMatch(/Cohesion grant stops after 2010\/11/);
    expect(text).toMatch(/LPSA reward grant is used up in 2010\/11/);
    expect(run.results!.views?.[0]?.activeTab).toBe(run.results!.worksheets.findIndex((w) => w.name === 'Summary'));
  });
});

describe('charts (contract §3: native Excel charts, readable without the add-in)', () => {
  it('draws cost against funding with the shortfall, the need ranking and the allocation as chart parts on the Charts sheet', async () => {
    const run = await plan(...telford);
    const parts = unzipSync(new Uint8Array(run.written!));
    const charts = Object.keys(parts).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    const titled = charts.map((p) => strFromU8(parts[p]));
    // Each chart is a real chart part (c:chartSpace) drawing series from cell ranges, not a picture.
    for (const xml of titled) {
      expect(xml).toMatch(/<c:chartSpace/);
      expect(xml).toMatch(/<c:f>/);
    }
    const chartsSheet = run.results!.worksheets.findIndex((w) => w.name === 'Charts') + 1;
    const rels = strFromU8(parts[`xl/worksheets/_rels/sheet${chartsSheet}.xml.rels`] ?? new Uint8Array());
    const drawing = /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(rels)?.[1];
    expect(drawing).toBeDefined();
    const drawingRels = strFromU8(parts[`xl/drawings/_rels/${drawing}.rels`]);
    const onCharts = [...drawingRels.matchAll(/charts\/(chart\d+\.xml)/g)].map((m) => strFromU8(parts[`xl/charts/${m[1]}`]));
    expect(onCharts).toHaveLength(3);
    expect(onCharts[0]).toMatch(/Shortfall/);
    expect(onCharts.map((xml) => /<c:(bar|line|area|pie)Chart>/.test(xml))).toEqual([true, true, true]);
  });
});

describe('the codes of v1.1 on the Warnings sheet (contract §5.3, §5.5, §5.6)', () => {
  it('writes CAPITAL_SHORTFALL, POT_LAPSES, RESERVE_USED and a year of negative revenue cost as INPUT, as the summary lists them', async () => {
    // 2011/12 revenue: Post 500 (year column) + Saving -1,000 = -500: INPUT (Medium) naming the year; the 500 surplus goes to Res (600 -> 1,100).
    // 2012/13 revenue: Post 1,000, Saving 0: Res pays 1,000 (100 left): RESERVE_USED 1,000; not used up, so no POT_EXHAUSTED.
    // Capital 2011/12: Alloc 30,000 against Build 50,000: CAPITAL_SHORTFALL 20,000. 2012/13: Late's 7,000, unspent, lapses at its To: POT_LAPSES.
    // The contract gives no amount for INPUT: the cell is left blank, the message names the year and the amount.
    const run = await plan(
      parameters('2011/12', 2),
      sheet('Costs', ['Cost line', 'Type', 'Unit cost', 'Inflation', '2011/12'], ['Post', 'Revenue', 1000, 'None', 500], ['Saving', 'Revenue', 0, 'None', -1000], ['Build', 'Capital', 0, 'None', 50_000]),
      sheet('Funding', ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To'], ['Res', 'Reserve', null, 600, null, null], ['Alloc', 'Capital', 30_000, null, '2011/12', '2011/12'], ['Late', 'Capital', 7_000, null, '2012/13', '2012/13']),
    );
    const rows = tableFrom(cellsOf(run.results!, 'Warnings'), 'Severity').slice(1);
    expect(rows.map((r) => [r[0], r[1], r[2], r[4] ?? null])).toEqual([
      ['High', '2011/12', 'CAPITAL_SHORTFALL', 20_000],
      ['Medium', '2011/12', 'INPUT', null],
      ['Medium', '2012/13', 'RESERVE_USED', 1_000],
      ['Low', '2012/13', 'POT_LAPSES', 7_000],
    ]);
    expect(rows[1][3]).toMatch(/2011\/12.*-?£?\(?500/);
    expect(ran(run).warnings.map((w) => [w.severity, w.year, w.code, w.amount])).toEqual(rows.map((r) => [r[0], r[1], r[2], r[4] ?? null]));
  });
});
