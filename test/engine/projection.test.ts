import { runPlanner } from '../../src/engine';
import type { CellValue } from '../../src/engine/cells';
import { table, testContext, workbook } from '../support/tables';

type Rows = (readonly CellValue[])[];

function run(opts: { parameters?: Rows; costs?: Rows; funding?: Rows; localities?: Rows }) {
  const given = opts.parameters ?? [];
  const years: Rows = given.some((p) => p[0] === 'Years') ? [] : [['Years', 3]];
  const tables = [table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ...years, ...given])];
  if (opts.costs) tables.push(table('Costs', opts.costs));
  if (opts.funding) tables.push(table('Funding', opts.funding));
  if (opts.localities) tables.push(table('Localities', opts.localities));
  const o = runPlanner(workbook(...tables), testContext);
  if (!o.ok) throw new Error(o.issues.map((i) => `${i.table}!${i.cell}: ${i.message}`).join('\n'));
  return o;
}

const costHeader = ['Cost line', 'Applies to', 'Quantity', 'Unit cost', 'Inflation', 'From', 'To'];

describe('cost lines (contract §2)', () => {
  it.each`
    inflation    | pay         | nonPay   | amounts
    ${'Pay'}     | ${'3.816%'} | ${'2%'}  | ${[3_590_700, 3_727_721, 3_869_971]}
    ${'Non-pay'} | ${'3.816%'} | ${'2%'}  | ${[3_590_700, 3_662_514, 3_735_764]}
    ${'None'}    | ${'3.816%'} | ${'2%'}  | ${[3_590_700, 3_590_700, 3_590_700]}
    ${'10%'}     | ${'3.816%'} | ${'2%'}  | ${[3_590_700, 3_949_770, 4_344_747]}
    ${null}      | ${'3.816%'} | ${'2%'}  | ${[3_590_700, 3_727_721, 3_869_971]}
  `('rises with $inflation inflation from the base each year, rounded once a year', ({ inflation, pay, nonPay, amounts }) => {
    const o = run({ parameters: [['Pay inflation', pay], ['Non-pay inflation', nonPay]], costs: [costHeader, ['CDO', null, 1, 35907, inflation, null, null]] });
    expect(o.results.costs.lines[0].amounts).toEqual(amounts);
  });

  it('multiplies Quantity by Unit cost (half a post costs half)', () => {
    const o = run({ costs: [costHeader, ['Officer', null, 0.5, 36001, 'None', null, null]] });
    expect(o.results.costs.lines[0].amounts).toEqual([1_800_050, 1_800_050, 1_800_050]);
  });

  it('runs a line only From..To, inclusive', () => {
    const o = run({ costs: [costHeader, ['Pilot', null, 1, 1000, 'None', '2013/14', '2013/14']] });
    expect(o.results.costs.lines[0].amounts).toEqual([0, 100_000, 0]);
  });

  it('lets a year column override the computed amount', () => {
    const o = run({ costs: [[...costHeader, '2013/14'], ['Evaluation', null, 1, 1000, 'None', null, null, '£15,000']] });
    expect(o.results.costs.lines[0].amounts).toEqual([100_000, 1_500_000, 100_000]);
  });

  it('pays Each locality lines and Cost per locality for every selected locality, scaled by Programme multiplier', () => {
    const localities: Rows = [['Locality', 'IMD Rank'], ['A', 1], ['B', 2], ['C', 3]];
    const o = run({
      localities,
      parameters: [['Cost per locality', '£75,000'], ['Programme multiplier', 2], ['Additional', 2]],
      costs: [costHeader, ['Grants', 'Each locality', 1, 5000, 'None', null, null]],
    });
    expect(o.results.costs.lines.map((l) => l.amounts[0])).toEqual([2 * 2 * 7_500_000, 2 * 2 * 500_000]);
    // Priorities' cost is each locality's total over the projection (v1.1 §5.6): three years here.
    expect(o.results.localityCosts).toEqual([3 * 16_000_000, 3 * 16_000_000, 0]);
  });

  it('charges a line for a named locality only while it is selected, and says when it is not', () => {
    const o = run({
      localities: [['Locality', 'IMD Rank'], ['A', 1], ['B', 2]],
      parameters: [['Additional', 1]],
      costs: [costHeader, ['Rent', 'A', 1, 1000, 'None', null, null], ['Rent', 'b', 1, 2000, 'None', null, null]],
    });
    expect(o.results.costs.lines.map((l) => l.amounts[0])).toEqual([100_000, 0]);
    expect(o.issues).toEqual([expect.objectContaining({ code: 'NOT_APPLIED', table: 'Costs', cell: 'A3' })]);
  });

  it('adds up the total to the penny', () => {
    const o = run({ costs: [costHeader, ['a', null, 1, 0.1, 'None', null, null], ['b', null, 1, 0.2, 'None', null, null]] });
    expect(o.results.costs.total).toEqual([30, 30, 30]);
  });
});

const fundingHeader = ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status'];
const flatCost: Rows = [costHeader, ['Team', null, 1, 100000, 'None', null, null]];

describe('funding, pots, shortfall and surplus (contract §2)', () => {
  it('draws the pot that lapses soonest first, then in table order', () => {
    const o = run({
      costs: flatCost,
      funding: [fundingHeader, ['Later pot', 'One-off', null, 50000, null, '2014/15', null], ['Sooner pot', 'One-off', null, 50000, null, '2013/14', null], ['Open pot', 'One-off', null, 500000, null, null, null]],
    });
    expect(o.summary.pots.map((p) => [p.source, p.drawdown])).toEqual([
      ['Later pot', [50000, 0, 0]],
      ['Sooner pot', [50000, 0, 0]],
      ['Open pot', [0, 100000, 100000]],
    ]);
  });

  it('draws equally lapsing pots in table order', () => {
    const o = run({ costs: flatCost, funding: [fundingHeader, ['First', 'One-off', null, 60000, null, null, null], ['Second', 'One-off', null, 60000, null, null, null]] });
    expect(o.summary.pots.map((p) => p.drawdown)).toEqual([[60000, 0, 0], [40000, 20000, 0]]);
  });

  it('lets a pot lapse after its To year and shows the shortfall that follows', () => {
    const o = run({ costs: flatCost, funding: [fundingHeader, ['Base', null, 80000, null, null, null, null], ['Pot', 'One-off', null, 100000, null, '2013/14', null]] });
    expect(o.summary.projection.map((p) => [p.drawdown, p.shortfall])).toEqual([[20000, 0], [20000, 0], [0, 20000]]);
    expect(o.results.funding.pots[0].lapsed).toEqual({ year: 2013, amount: 6_000_000 });
    expect(o.summary.warnings.map((w) => w.code)).toEqual(['SHORTFALL', 'POT_LAPSES']);
  });

  it('does not carry a surplus forward', () => {
    const o = run({ costs: flatCost, funding: [fundingHeader, ['Base', null, 130000, null, null, '2012/13', null], ['Later', null, 90000, null, '2013/14', null, null]] });
    expect(o.summary.projection.map((p) => [p.surplus, p.shortfall])).toEqual([[30000, 0], [0, 10000], [0, 10000]]);
  });

  it('keeps cost = recurring funding + drawdown + shortfall − surplus every year', () => {
    const o = run({ costs: flatCost, funding: [fundingHeader, ['Base', null, 70000, null, null, null, null], ['Pot', 'One-off', null, 45000, null, null, null]] });
    for (const y of o.results.funding.byYear) expect(y.recurringFunding + y.drawdown + y.shortfall - y.surplus).toBe(y.cost);
  });
});

describe('warnings (contract §3)', () => {
  it.each`
    shortfall  | tolerance  | severity
    ${20000}   | ${0}       | ${'High'}
    ${20000}   | ${20000}   | ${'Low'}
    ${20000}   | ${19999.99} | ${'High'}
  `('treats a shortfall of £$shortfall with a tolerance of £$tolerance as $severity', ({ shortfall, tolerance, severity }) => {
    const o = run({ parameters: [['Years', 1], ['Shortfall tolerance', tolerance]], costs: flatCost, funding: [fundingHeader, ['Base', null, 100000 - shortfall, null, null, null, null]] });
    expect(o.summary.warnings).toEqual([expect.objectContaining({ code: 'SHORTFALL', severity, amount: shortfall, year: '2012/13' })]);
  });

  it('warns when one-off pots pay for more than a quarter of a year', () => {
    const o = run({ parameters: [['Years', 1]], costs: flatCost, funding: [fundingHeader, ['Base', null, 74999, null, null, null, null], ['Pot', 'One-off', null, 100000, null, null, null]] });
    expect(o.summary.warnings.map((w) => w.code)).toEqual(['ONE_OFF_RELIANCE']);
    const exactlyQuarter = run({ parameters: [['Years', 1]], costs: flatCost, funding: [fundingHeader, ['Base', null, 75000, null, null, null, null], ['Pot', 'One-off', null, 100000, null, null, null]] });
    expect(exactlyQuarter.summary.warnings).toEqual([]);
  });

  it.each`
    status          | severity
    ${'At risk'}    | ${'Medium'}
    ${'Expected'}   | ${'Low'}
  `('flags $status funding as AT_RISK, $severity', ({ status, severity }) => {
    const o = run({ costs: flatCost, funding: [fundingHeader, ['Partner', null, 100000, null, null, null, status]] });
    expect(o.summary.warnings).toEqual([expect.objectContaining({ code: 'AT_RISK', severity, amount: 300000 })]);
  });
});

describe('allocation (contract §3)', () => {
  const localities: Rows = [['Locality', 'Wards', 'Population', 'IMD Rank'], ['Central', 5, 30000, 1], ['North', 4, 20000, 2], ['Dearne', 2, 10000, 3]];
  it.each`
    method             | amounts
    ${'Equal'}         | ${[33333.34, 33333.33, 33333.33]}
    ${'Per ward'}      | ${[45454.54, 36363.64, 18181.82]}
    ${'Per head'}      | ${[50000, 33333.33, 16666.67]}
    ${'Need weighted'} | ${[66666.67, 33333.33, 0]}
  `('shares £100,000 $method, adding up to the pot to the penny', ({ method, amounts }) => {
    const o = run({ localities, parameters: [['Allocation pot', 100000], ['Allocation method', method], ['Years', 1]] });
    expect(o.summary.allocation.map((a) => a.amount)).toEqual(amounts);
    expect(Math.round(o.summary.allocation.reduce((s, a) => s + a.amount * 100, 0))).toBe(10_000_000);
  });

  it('refuses Per head allocation when a locality has no population', () => {
    const o = runPlanner(workbook(
      table('Localities', [['Locality', 'Population'], ['A', 10], ['B', null]]),
      table('Parameters', [['Parameter', 'Value'], ['First year', 2012], ['Allocation pot', 1000], ['Allocation method', 'Per head']]),
    ), testContext);
    expect(o.ok).toBe(false);
    expect(o.issues).toEqual([expect.objectContaining({ code: 'REQUIRED', table: 'Localities', sheet: 'Localities', cell: 'B3' })]);
  });
});
