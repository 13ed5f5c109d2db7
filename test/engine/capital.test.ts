import { outcomeOf, planOf, rowOf, sheetOf } from '../support/plan';

/** Contract v1.1 §5.3: capital apart from revenue. */

const costHeader = ['Cost line', 'Type', 'Unit cost', 'Inflation', 'From', 'To', '2012/13', '2013/14', '2014/15'];
const fundingHeader = ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status'];
const staff = ['Officer', null, 30000, 'None', null, null, null, null, null];
const works = (a: number | null, b: number | null, c: number | null) => ['Refurbishment', 'Capital', null, 'None', null, null, a, b, c];

describe('capital apart from revenue (contract v1.1 §5.3)', () => {
  it.each`
    type         | revenue    | capital
    ${null}      | ${12_000}  | ${0}
    ${'Revenue'} | ${12_000}  | ${0}
    ${'Capital'} | ${0}       | ${12_000}
    ${'capital'} | ${0}       | ${12_000}
  `('counts a line of Type $type as revenue £$revenue, capital £$capital', ({ type, revenue, capital }) => {
    const o = planOf({ parameters: [['Years', 1]], costs: [['Cost line', 'Type', 'Unit cost', 'Inflation'], ['Item', type, 12000, 'None']] });
    expect(o.summary.projection[0]).toMatchObject({ cost: revenue, capitalCost: capital });
  });

  it('refuses a Type other than Revenue or Capital', () => {
    const o = outcomeOf({ costs: [['Cost line', 'Type', 'Unit cost'], ['Item', 'Capex', 12000]] });
    expect(o.issues).toContainEqual(expect.objectContaining({ code: 'BAD_CHOICE', cell: 'B2', message: 'Type should be one of "Revenue", "Capital"; found "Capex".' }));
  });

  it('pays capital costs only from capital funding, and revenue costs only from revenue funding and pots', () => {
    const o = planOf({
      parameters: [['Years', 1]],
      costs: [costHeader, staff, works(50000, null, null)],
      funding: [fundingHeader, ['Mainstream', 'Recurring', 80000, null, null, null, null], ['Pot', 'One-off', null, 20000, null, null, null], ['Capital allocation', 'Capital', 10000, null, null, null, null]],
    });
    // £80,000 revenue money against £30,000 of staff: a surplus, which never pays for capital.
    expect(o.summary.projection[0]).toMatchObject({ cost: 30_000, recurringFunding: 80_000, drawdown: 0, surplus: 50_000, shortfall: 0, capitalCost: 50_000, capitalFunding: 10_000, capitalShortfall: 40_000 });
    expect(o.summary.warnings).toContainEqual({
      severity: 'High', code: 'CAPITAL_SHORTFALL', year: '2012/13', amount: 40_000,
      message: '2012/13: capital costs of £50,000.00 exceed the capital available of £10,000.00, a capital shortfall of £40,000.00 (revenue money cannot pay for capital).',
    });
    expect(o.summary.warnings.map((w) => w.code)).not.toContain('SHORTFALL');
  });

  it('never lets a capital underspend pay for revenue', () => {
    const o = planOf({ parameters: [['Years', 1]], costs: [costHeader, staff], funding: [fundingHeader, ['Capital allocation', 'Capital', 100000, null, null, null, null]] });
    expect(o.summary.projection[0]).toMatchObject({ cost: 30_000, funding: 0, shortfall: 30_000, capitalFunding: 100_000, capitalShortfall: 0 });
  });

  it.each`
    case                                              | allocation                           | spend                    | used                          | carried                      | lapsed                  | short
    ${'spent as allocated'}                           | ${[10000, null, null, '2014/15']}    | ${[10000, 10000, 10000]} | ${[10_000, 10_000, 10_000]}   | ${[0, 0, 0]}                 | ${[0, 0, 0]}            | ${[0, 0, 0]}
    ${'slipping: carried forward and spent later'}    | ${[10000, null, null, '2014/15']}    | ${[4000, 12000, 14000]}  | ${[4_000, 12_000, 14_000]}    | ${[6_000, 4_000, 0]}         | ${[0, 0, 0]}            | ${[0, 0, 0]}
    ${'slipping past its To year: what is left lapses'} | ${[10000, null, null, '2013/14']}  | ${[4000, 12000, 10000]}  | ${[4_000, 12_000, 0]}         | ${[6_000, 0, 0]}             | ${[0, 4_000, 0]}        | ${[0, 0, 10_000]}
    ${'spending ahead of the allocation'}             | ${[10000, null, null, null]}         | ${[15000, 5000, 10000]}  | ${[10_000, 5_000, 10_000]}    | ${[0, 5_000, 5_000]}         | ${[0, 0, 0]}            | ${[5_000, 0, 0]}
  `('treats capital $case', ({ allocation, spend, used, carried, lapsed, short }) => {
    const [annual, , , to] = allocation as [number, null, null, string | null];
    const o = planOf({
      costs: [costHeader, works(...(spend as [number, number, number]))],
      funding: [fundingHeader, ['Capital allocation', 'Capital', annual, null, null, to, null]],
    });
    const capital = o.results.capital.byYear;
    expect(capital.map((y) => y.used / 100)).toEqual(used);
    expect(capital.map((y) => y.carriedForward / 100)).toEqual(carried);
    expect(capital.map((y) => y.lapsed / 100)).toEqual(lapsed);
    expect(capital.map((y) => y.shortfall / 100)).toEqual(short);
  });

  it('warns of capital that lapses unspent (POT_LAPSES), and not of capital funding ending with the capital costs', () => {
    const o = planOf({ costs: [costHeader, staff, works(4000, 12000, null)], funding: [fundingHeader, ['Mainstream', 'Recurring', 30000, null, null, null, null], ['Capital allocation', 'Capital', 10000, null, null, '2013/14', null]] });
    expect(o.summary.warnings).toEqual([
      { severity: 'Low', code: 'POT_LAPSES', year: '2013/14', amount: 4_000, message: '£4,000.00 of Capital allocation (capital) is unspent when it lapses at the end of 2013/14.' },
    ]);
  });

  it('warns FUNDING_ENDS for capital funding that stops while capital costs go on', () => {
    const o = planOf({ costs: [costHeader, works(10000, 10000, 10000)], funding: [fundingHeader, ['Capital allocation', 'Capital', 10000, null, null, '2013/14', null]] });
    expect(o.summary.warnings).toContainEqual(expect.objectContaining({ code: 'FUNDING_ENDS', year: '2014/15', amount: 10_000, message: 'Capital allocation (£10,000.00 in 2013/14) stops after 2013/14, while capital costs go on.' }));
    expect(o.summary.warnings).toContainEqual(expect.objectContaining({ code: 'CAPITAL_SHORTFALL', year: '2014/15', amount: 10_000 }));
  });

  it('spends the capital that lapses soonest first, then in table order', () => {
    const o = planOf({
      costs: [costHeader, works(15000, 0, 0)],
      funding: [fundingHeader, ['Open-ended', 'Capital', 10000, null, null, null, null], ['Ends soon', 'Capital', 10000, null, null, '2012/13', null]],
    });
    expect(o.results.capital.allocations.map((a) => a.spent.map((p) => p / 100))).toEqual([[5_000, 0, 0], [10_000, 0, 0]]);
    expect(o.results.capital.allocations[1].lapsed).toBeNull();
  });

  it('uplifts a capital allocation like recurring funding, compounding from its first year', () => {
    const o = planOf({ costs: [costHeader, works(0, 0, 0)], funding: [['Source', 'Kind', 'Annual amount', 'Inflation', 'From'], ['Capital allocation', 'Capital', 12000, '10%', '2013/14']] });
    expect(o.summary.projection.map((p) => p.capitalFunding)).toEqual([0, 12_000, 13_200]);
  });

  it('shows capital in its own block in Projection: costs, funding, brought and carried forward, used, lapsed and shortfall', () => {
    const o = planOf({ costs: [costHeader, staff, works(4000, 12000, 10000)], funding: [fundingHeader, ['Capital allocation', 'Capital', 10000, null, null, '2013/14', null]] });
    const projection = sheetOf(o, 'Projection');
    const labels = projection.cells.map((r) => (typeof r[0] === 'string' ? r[0].trim() : null)).filter((l) => l !== null);
    expect(labels.slice(labels.indexOf('Capital costs'))).toEqual([
      'Capital costs', 'Refurbishment', 'Total capital cost', 'Capital funding', 'Capital allocation', 'Total capital funding',
      'Brought forward from the year before', 'Capital used', 'Carried forward (slippage)', 'Capital lapsed', 'Capital shortfall',
    ]);
    expect(rowOf(projection, 'Total cost')).toEqual([30_000, 30_000, 30_000, 90_000]);
    expect(rowOf(projection, 'Total capital cost')).toEqual([4_000, 12_000, 10_000, 26_000]);
    expect(rowOf(projection, 'Carried forward (slippage)')).toEqual([6_000, 0, 0, null]);
    expect(rowOf(projection, 'Capital lapsed')).toEqual([0, 4_000, 0, 4_000]);
    expect(rowOf(projection, 'Capital shortfall')).toEqual([0, 0, 10_000, 10_000]);
    expect(projection.conditionalFormats.filter((c) => c.kind === 'cell-value')).toHaveLength(2);
  });

  it('leaves the capital block out when there is no capital at all', () => {
    const o = planOf({ costs: [costHeader, staff] });
    expect(sheetOf(o, 'Projection').cells.some((r) => r[0] === 'Capital costs')).toBe(false);
    expect(o.summary.projection.every((p) => p.capitalCost === 0 && p.capitalFunding === 0 && p.capitalShortfall === 0)).toBe(true);
  });
});
