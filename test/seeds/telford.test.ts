import type ExcelJS from 'exceljs';
import type { Summary } from '../../src/engine';
import { type Cell, projectionRow, readSummary, readWorkbook, runCli, sheetRows, tempFolder, writeInputWorkbook } from '../cli/workbookFiles';

/**
 * Telford & Wrekin, Locality Management (seed 003, §5.12): "The 2009/10 budget for the
 * Team is £720.4k … funding is available through mainstream budget totalling £429.6k,
 * LPSA reward grant of £200.2k and the Cohesion grant totalling £90.6k." The LPSA money
 * "will fund the current structure until 31st March 2011"; the Cohesion grant "increases
 * to £140k in 2010/11" and is assumed not to continue. "In addition to the revenue
 * funding outlined above a capital allocation of £10k per year for 2008/09, 2009/10 and
 * 2010/11 was allocated to Locality Management."
 *
 * The report's own 2011/12 gap is £268.5k "based on the current structure of the team",
 * i.e. after restructuring the team; carrying the 2009/10 team of £720.4k forward
 * unchanged against the £429.6k mainstream budget gives £290.8k, which is what the
 * contract's example summary shows and what this file checks.
 *
 * The amounts are typed as the report writes them, in £k (contract v1.1 §5.1). The
 * capital allocation is kept apart from revenue (§5.3): capital works that slip from
 * 2009/10 into 2010/11 are paid from the allocation carried forward, the underspend never
 * funds the team, and the allocation ending with the works raises no FUNDING_ENDS.
 */

const k = (thousands: number): number => Math.round(thousands * 1000);
const team = k(720.4);
const mainstream = k(429.6);
const lpsaIn2009 = k(200.2);
const cohesion = { '2009/10': k(90.6), '2010/11': k(140) };
// The pot left for 2009/10 and 2010/11 is what the two years draw: £200.2k then the gap in 2010/11.
const lpsaPot = lpsaIn2009 + (team - mainstream - cohesion['2010/11']);
// Capital works of £16k over two years, slipping: £4k spent in 2009/10, £12k in 2010/11.
const capitalWorks = { '2009/10': k(4), '2010/11': k(12) };

const inputs = [
  { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2009/10'], ['Years', 3]] },
  {
    name: 'Costs',
    rows: [
      ['Cost line', 'Applies to', 'Type', 'Unit cost', 'Inflation', '2009/10', '2010/11', '2011/12'],
      ['Locality Management Team', 'Programme', 'Revenue', '£720.4k', 'None', null, null, null],
      ['Locality capital works', 'Programme', 'Capital', null, 'None', '£4k', '£12k', '£0k'],
    ] as Cell[][],
  },
  {
    name: 'Funding',
    rows: [
      ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status', '2009/10', '2010/11'],
      ['Mainstream budget', 'Recurring', '£429.6k', null, '2009/10', null, 'Confirmed', null, null],
      ['LPSA reward grant', 'One-off', null, '£351k', '2009/10', '2010/11', 'Confirmed', null, null],
      ['Cohesion grant', 'Recurring', null, null, null, null, 'Confirmed', '£90.6k', '£140k'],
      ['Capital allocation', 'Capital', '£10k', null, '2008/09', '2010/11', 'Confirmed', null, null],
    ] as Cell[][],
  },
];

const capitalNone = { capitalCost: 0, capitalFunding: 0, capitalShortfall: 0 };

describe('Telford & Wrekin: the locality team outlives its one-off and grant funding (seed 003)', () => {
  const tmp = tempFolder('lp-telford-');
  let code: number;
  let summary: Summary;
  let projection: ExcelJS.Worksheet;
  let warnings: Cell[][];

  beforeAll(async () => {
    const input = tmp.file('telford.xlsx');
    await writeInputWorkbook(input, inputs);
    ({ code } = await runCli(['run', input, '--json', tmp.file('telford.json')]));
    summary = readSummary(tmp.file('telford.json'));
    const wb = await readWorkbook(tmp.file('telford.results.xlsx'));
    projection = wb.getWorksheet('Projection')!;
    warnings = sheetRows(wb.getWorksheet('Warnings')!);
  });
  afterAll(() => tmp.remove());

  it('runs to the end, exit 0, although a year is short (warnings do not stop a run)', () => {
    expect(code).toBe(0);
    expect(summary.years).toEqual(['2009/10', '2010/11', '2011/12']);
  });

  it('pays the 2009/10 budget of £720.4k from mainstream £429.6k, LPSA £200.2k and Cohesion £90.6k', () => {
    expect(lpsaPot).toBe(351_000);
    expect(summary.projection[0]).toEqual({
      year: '2009/10',
      cost: team,
      recurringFunding: mainstream + cohesion['2009/10'],
      drawdown: lpsaIn2009,
      funding: team,
      shortfall: 0,
      surplus: 0,
      cumulativeShortfall: 0,
      capitalCost: capitalWorks['2009/10'],
      capitalFunding: k(10),
      capitalShortfall: 0,
    });
  });

  it('balances 2010/11 by drawing the rest of the LPSA pot, £150.8k, which uses it up', () => {
    expect(summary.projection[1]).toMatchObject({ cost: team, recurringFunding: mainstream + cohesion['2010/11'], drawdown: k(150.8), shortfall: 0, surplus: 0 });
    expect(summary.pots).toEqual([{ source: 'LPSA reward grant', opening: k(351), drawdown: [lpsaIn2009, k(150.8), 0], exhaustedIn: '2010/11' }]);
  });

  it('shows a 2011/12 shortfall of £290.8k once the Cohesion grant ends and the pot is spent', () => {
    expect(summary.projection[2]).toEqual({ year: '2011/12', cost: team, recurringFunding: mainstream, drawdown: 0, funding: mainstream, shortfall: k(290.8), surplus: 0, cumulativeShortfall: k(290.8), ...capitalNone });
  });

  it.each`
    severity    | code               | year         | amount
    ${'High'}   | ${'SHORTFALL'}     | ${'2011/12'} | ${k(290.8)}
    ${'Medium'} | ${'FUNDING_ENDS'}  | ${'2011/12'} | ${cohesion['2010/11']}
    ${'Medium'} | ${'POT_EXHAUSTED'} | ${'2010/11'} | ${k(351)}
  `('warns $severity $code for $year', ({ severity, code: warningCode, year, amount }) => {
    expect(summary.warnings).toContainEqual(expect.objectContaining({ severity, code: warningCode, year, amount }));
    expect(warnings).toContainEqual(expect.arrayContaining([severity, year, warningCode]));
  });

  it('warns of the Cohesion grant ending but not of the capital allocation, which ends with the capital works', () => {
    expect(summary.warnings.map((w) => [w.code, w.year])).toEqual([['SHORTFALL', '2011/12'], ['ONE_OFF_RELIANCE', '2009/10'], ['POT_EXHAUSTED', '2010/11'], ['FUNDING_ENDS', '2011/12'], ['POT_LAPSES', '2010/11']]);
    expect(summary.warnings.filter((w) => w.code === 'FUNDING_ENDS').map((w) => w.message)).toEqual(['Cohesion grant (£140,000.00 in 2010/11) stops after 2010/11, while costs go on.']);
  });

  it('keeps the £10k-a-year capital apart: the 2009/10 underspend is carried forward to the slipped works, never to the team', () => {
    expect(summary.projection.map((p) => [p.capitalCost, p.capitalFunding, p.capitalShortfall])).toEqual([[k(4), k(10), 0], [k(12), k(10), 0], [0, 0, 0]]);
    // Revenue is as it would be without any capital: the £6k carried forward never meets the team's costs.
    expect(summary.projection.map((p) => p.shortfall)).toEqual([0, 0, k(290.8)]);
    expect(projectionRow(projection, 'Carried forward (slippage)')).toMatchObject({ '2009/10': k(6), '2010/11': 0, '2011/12': 0 });
    expect(projectionRow(projection, 'Capital used')).toMatchObject({ '2009/10': k(4), '2010/11': k(12), '2011/12': 0 });
  });

  it('lets the £4k left at the end of 2010/11 lapse as the allocation ends, with a note', () => {
    expect(projectionRow(projection, 'Capital lapsed')).toMatchObject({ '2009/10': 0, '2010/11': k(4), '2011/12': 0 });
    expect(summary.warnings).toContainEqual({ severity: 'Low', code: 'POT_LAPSES', year: '2010/11', amount: k(4), message: '£4,000.00 of Capital allocation (capital) is unspent when it lapses at the end of 2010/11.' });
  });

  it('puts the shortfall first among the warnings, as the most severe', () => {
    expect(summary.warnings[0]).toMatchObject({ severity: 'High', code: 'SHORTFALL' });
    expect(summary.warnings.filter((w) => w.severity === 'High')).toHaveLength(1);
  });

  it('lays the Projection out as a budget report: the cost line, each source and the drawdown by year', () => {
    expect(projectionRow(projection, 'Locality Management Team')).toMatchObject({ '2009/10': team, '2010/11': team, '2011/12': team });
    expect(projectionRow(projection, 'Mainstream budget')).toMatchObject({ '2009/10': mainstream, '2010/11': mainstream, '2011/12': mainstream });
    expect(projectionRow(projection, 'Cohesion grant')).toMatchObject({ '2009/10': cohesion['2009/10'], '2010/11': cohesion['2010/11'], '2011/12': 0 });
    expect(projectionRow(projection, 'Drawn from LPSA reward grant')).toMatchObject({ '2009/10': lpsaIn2009, '2010/11': k(150.8), '2011/12': 0 });
    expect(projectionRow(projection, 'Shortfall')).toMatchObject({ '2009/10': 0, '2010/11': 0, '2011/12': k(290.8) });
  });

  it('shows the LPSA pot balance at each year end, nothing left after 2010/11', () => {
    const balances = sheetRows(projection);
    const heading = balances.findIndex((r) => r[0] === 'Pot balances at year end');
    expect(heading).toBeGreaterThan(0);
    const lpsa = balances.slice(heading + 1).find((r) => typeof r[0] === 'string' && r[0].trim() === 'LPSA reward grant');
    expect(lpsa?.slice(1, 4)).toEqual([k(150.8), 0, 0]);
  });
});
