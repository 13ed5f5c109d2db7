import { planOf, rowOf, sheetOf, type Rows } from '../support/plan';

/** Contract v1.1 §5.5: funding uplift, reserves, the cumulative gap. */

const costHeader = ['Cost line', 'Unit cost', 'Inflation', '2012/13', '2013/14', '2014/15'];
const team = (a?: number, b?: number, c?: number): Rows => [costHeader, ['Team', 100000, 'None', a ?? null, b ?? null, c ?? null]];
const fundingHeader = ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Inflation'];

describe('funding uplift (contract v1.1 §5.5)', () => {
  it.each`
    inflation     | amounts
    ${null}       | ${[10_000, 10_000, 10_000]}
    ${'None'}     | ${[10_000, 10_000, 10_000]}
    ${'Pay'}      | ${[10_000, 10_381.6, 10_777.76]}
    ${'Non-pay'}  | ${[10_000, 10_200, 10_404]}
    ${'2.5%'}     | ${[10_000, 10_250, 10_506.25]}
    ${0.1}        | ${[10_000, 11_000, 12_100]}
  `('uplifts a Recurring line with Inflation $inflation, compounding from the base and rounding once a year', ({ inflation, amounts }) => {
    const o = planOf({ parameters: [['Pay inflation', '3.816%'], ['Non-pay inflation', '2%']], costs: team(), funding: [fundingHeader, ['Grant', 'Recurring', 10000, null, null, null, inflation]] });
    expect(o.summary.projection.map((p) => p.recurringFunding)).toEqual(amounts);
  });

  it("compounds from the line's first year in the projection, not from First year", () => {
    const o = planOf({ costs: team(), funding: [fundingHeader, ['Grant', 'Recurring', 10000, null, '2013/14', null, '10%']] });
    expect(o.summary.projection.map((p) => p.recurringFunding)).toEqual([0, 10_000, 11_000]);
  });

  it('compounds from First year for a line that started before it', () => {
    const o = planOf({ costs: team(), funding: [fundingHeader, ['Grant', 'Recurring', 10000, null, '2009/10', null, '10%']] });
    expect(o.summary.projection.map((p) => p.recurringFunding)).toEqual([10_000, 11_000, 12_100]);
  });

  it('takes a year column as given, unuplifted', () => {
    const o = planOf({ costs: team(), funding: [[...fundingHeader, '2013/14'], ['Grant', 'Recurring', 10000, null, null, null, '10%', 5000]] });
    expect(o.summary.projection.map((p) => p.recurringFunding)).toEqual([10_000, 5_000, 12_100]);
  });

  it.each(['One-off', 'Reserve'])('notes an Inflation on a %s line, which is a balance, and ignores it', (kind) => {
    const o = planOf({ costs: team(), funding: [fundingHeader, ['Balance', kind, null, 50000, null, null, '3%']] });
    expect(o.issues).toContainEqual(expect.objectContaining({ code: 'NOT_APPLIED', table: 'Funding', cell: 'G2' }));
  });
});

describe('reserves (contract v1.1 §5.5)', () => {
  it('draws a reserve only after every one-off pot usable that year, and warns RESERVE_USED with the balance left', () => {
    const o = planOf({
      costs: team(),
      funding: [fundingHeader, ['Mainstream', 'Recurring', 60000, null, null, null, null], ['General reserve', 'Reserve', null, 100000, null, null, null], ['Grant pot', 'One-off', null, 50000, null, null, null]],
    });
    expect(o.summary.pots).toEqual([
      { source: 'Grant pot', opening: 50_000, drawdown: [40_000, 10_000, 0], exhaustedIn: '2013/14' },
      { source: 'General reserve', opening: 100_000, drawdown: [0, 30_000, 40_000], exhaustedIn: null },
    ]);
    expect(o.summary.projection.map((p) => [p.drawdown, p.shortfall])).toEqual([[40_000, 0], [40_000, 0], [40_000, 0]]);
    expect(o.summary.warnings.filter((w) => w.code === 'RESERVE_USED')).toEqual([
      { severity: 'Medium', code: 'RESERVE_USED', year: '2013/14', amount: 30_000, message: '2013/14: £30,000.00 is drawn from General reserve, leaving £70,000.00.' },
      { severity: 'Medium', code: 'RESERVE_USED', year: '2014/15', amount: 40_000, message: '2014/15: £40,000.00 is drawn from General reserve, leaving £30,000.00.' },
    ]);
  });

  it('never lapses, and warns POT_EXHAUSTED when used up', () => {
    const o = planOf({ costs: team(), funding: [fundingHeader, ['Mainstream', 'Recurring', 60000, null, null, null, null], ['General reserve', 'Reserve', null, 100000, null, null, null]] });
    expect(o.summary.pots[0].drawdown).toEqual([40_000, 40_000, 20_000]);
    expect(o.summary.projection[2].shortfall).toBe(20_000);
    expect(o.summary.warnings).toContainEqual({ severity: 'Medium', code: 'POT_EXHAUSTED', year: '2014/15', amount: 20_000, message: 'General reserve is used up in 2014/15: the reserve has nothing left to draw.' });
  });

  it('takes each year\'s surplus and carries it forward, to the first reserve in table order', () => {
    const o = planOf({
      costs: team(50000, 100000, 150000),
      funding: [fundingHeader, ['Mainstream', 'Recurring', 100000, null, null, null, null], ['First reserve', 'Reserve', null, 0, null, null, null], ['Second reserve', 'Reserve', null, 10000, null, null, null]],
    });
    const [first, second] = o.results.funding.reserves;
    expect(first.added.map((a) => a / 100)).toEqual([50_000, 0, 0]);
    expect(second.added.map((a) => a / 100)).toEqual([0, 0, 0]);
    expect(first.balance.map((b) => b! / 100)).toEqual([50_000, 50_000, 0]);
    expect(second.balance.map((b) => b! / 100)).toEqual([10_000, 10_000, 10_000]);
    expect(o.summary.projection.map((p) => [p.surplus, p.drawdown, p.shortfall])).toEqual([[50_000, 0, 0], [0, 0, 0], [0, 50_000, 0]]);
  });

  it('leaves a surplus uncarried when no reserve can take it that year', () => {
    const o = planOf({ costs: team(50000), funding: [fundingHeader, ['Mainstream', 'Recurring', 100000, null, null, null, null], ['Later reserve', 'Reserve', null, 0, '2013/14', null, null]] });
    expect(o.results.funding.reserves[0].added.map((a) => a / 100)).toEqual([0, 0, 0]);
    expect(o.results.funding.reserves[0].balance).toEqual([null, 0, 0]);
  });

  it('notes a To on a reserve, which never lapses, and ignores it', () => {
    const o = planOf({ costs: team(), funding: [fundingHeader, ['General reserve', 'Reserve', null, 500000, null, '2012/13', null]] });
    expect(o.issues).toContainEqual(expect.objectContaining({ code: 'NOT_APPLIED', cell: 'F2', message: 'the To of General reserve is ignored: a reserve never lapses (a one-off pot does; set Kind to One-off for money that must be spent by a date).' }));
    expect(o.summary.pots[0].drawdown).toEqual([100_000, 100_000, 100_000]);
  });

  it('shows the reserve in Projection: drawn from it, the surplus added to it, and its balance at year end', () => {
    const o = planOf({ costs: team(50000, 150000, 100000), funding: [fundingHeader, ['Mainstream', 'Recurring', 100000, null, null, null, null], ['General reserve', 'Reserve', null, 20000, null, null, null]] });
    const projection = sheetOf(o, 'Projection');
    expect(rowOf(projection, 'Drawn from General reserve')).toEqual([0, 50_000, 0, 50_000]);
    expect(rowOf(projection, 'Surplus')).toEqual([50_000, 0, 0, 50_000]);
    expect(rowOf(projection, 'Added to General reserve')).toEqual([50_000, 0, 0, 50_000]);
    expect(projection.cells.some((r) => r[0] === 'Pot and reserve balances at year end')).toBe(true);
    expect(rowOf(projection, 'General reserve')).toEqual([70_000, 20_000, 20_000, null]);
  });
});

describe('the cumulative gap (contract v1.1 §5.5)', () => {
  it('adds Cumulative shortfall under Shortfall in Projection, a running total, and in the JSON rows', () => {
    const o = planOf({ costs: team(), funding: [fundingHeader, ['Mainstream', 'Recurring', 90000, null, null, null, null], ['Extra', 'Recurring', 20000, null, '2013/14', '2013/14', null]] });
    const projection = sheetOf(o, 'Projection');
    const labels = projection.cells.map((r) => r[0]);
    expect(labels.indexOf('Cumulative shortfall')).toBe(labels.indexOf('Shortfall') + 1);
    expect(rowOf(projection, 'Shortfall')).toEqual([10_000, 0, 10_000, 20_000]);
    expect(rowOf(projection, 'Cumulative shortfall')).toEqual([10_000, 10_000, 20_000, null]);
    expect(o.summary.projection.map((p) => p.cumulativeShortfall)).toEqual([10_000, 10_000, 20_000]);
  });
});
