import type { CellValue, Summary } from '../../src/engine';
import { readImdExcerpt } from '../support/deprivationFile';
import { planOf } from '../support/plan';

/**
 * The seeds' what-if questions (contract v1.1 §6), in the engine, from the tables a
 * council officer would type.
 *
 * Telford & Wrekin (seed 003, §5.12): "it is unclear as to whether this funding will
 * continue … for planning purposes it has been assumed that this funding will not be
 * available". The next settlement's Cohesion grant (£140k, as in 2010/11) is entered At
 * risk: Base counts it and shows £150.8k short in 2011/12; Confirmed funding only is the
 * report's planning basis, £290.8k short.
 */
const telford = {
  parameters: [['First year', '2009/10'], ['Years', 3]],
  costs: [
    ['Cost line', 'Applies to', 'Unit cost', 'Inflation'],
    ['Locality Management Team', 'Programme', '£720.4k', 'None'],
  ],
  funding: [
    ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status', '2009/10', '2010/11'],
    ['Mainstream budget', 'Recurring', '£429.6k', null, '2009/10', null, 'Confirmed', null, null],
    ['LPSA reward grant', 'One-off', null, '£351k', '2009/10', '2010/11', 'Confirmed', null, null],
    ['Cohesion grant', 'Recurring', null, null, null, '2010/11', 'Confirmed', '£90.6k', '£140k'],
    ['Cohesion grant (next settlement)', 'Recurring', '£140k', null, '2011/12', null, 'At risk', null, null],
  ],
};

const row = (s: Summary, name: string) => s.scenarios.find((c) => c.name === name)!;

describe('Telford & Wrekin: the grant at risk, and the planning basis without it (seed 003)', () => {
  const { summary } = planOf(telford);

  it.each`
    case                        | kind                | shortfalls
    ${'Base'}                   | ${'base'}           | ${[0, 0, 150_800]}
    ${'Confirmed funding only'} | ${'confirmed-only'} | ${[0, 0, 290_800]}
  `('$case shows $shortfalls short by year', ({ case: name, kind, shortfalls }) => {
    const c = row(summary, name as string);
    expect(c.kind).toBe(kind);
    expect(c.projection.map((p) => p.shortfall)).toEqual(shortfalls);
    expect(c.firstShortfallYear).toBe('2011/12');
    expect(c.totalShortfall).toBe((shortfalls as number[]).reduce((a, b) => a + b, 0));
  });

  it('lists Base first and Confirmed funding only last', () => {
    expect(summary.scenarios.map((c) => c.name)).toEqual(['Base', 'Confirmed funding only']);
  });

  it("needs £150,800 a year of new recurring money from 2011/12 to close Base's gap", () => {
    expect(summary.affordability.newRecurringFunding).toEqual({ amount: 150_800, fromYear: '2011/12' });
  });

  it('with a Scenarios table, a "grant continues" case marks the grant Confirmed and closes nothing else', () => {
    const planned = planOf({ ...telford, scenarios: [['Table', 'Item', 'Field', 'Grant confirmed', 'Grant lost'], [null, 'Cohesion grant (next settlement)', 'Status', 'Confirmed', null], ['Funding', 'Cohesion grant (next settlement)', 'Annual amount', null, 0]] });
    expect(planned.summary.scenarios.map((c) => [c.name, c.kind, c.totalShortfall])).toEqual([
      ['Base', 'base', 150_800],
      ['Grant confirmed', 'scenario', 150_800],
      ['Grant lost', 'scenario', 290_800],
      ['Confirmed funding only', 'confirmed-only', 290_800],
    ]);
  });
});

/**
 * Staffordshire (seed 000, §4.5): "a more comprehensive programme of work could easily
 * double the investment". At double rate (Programme multiplier 2) the 20 localities cost
 * £3m a year; with £1.9m a year, the programme affords the 8 district choices and 4 more
 * (12 × £150,000 = £1.8m), or a Cost per locality of £47,500 for all 20 (20 × 2 × £47,500
 * = £1.9m), and £1.1m a year of new money would pay for the whole programme.
 */
describe('Staffordshire at double rate with £1.9m a year (seed 000)', () => {
  const districts = ['Cannock Chase', 'East Staffordshire', 'Lichfield', 'Newcastle-under-Lyme', 'South Staffordshire', 'Stafford', 'Staffordshire Moorlands', 'Tamworth'];
  const { header, rows } = readImdExcerpt();
  const districtColumn = header.findIndex((h) => h.replace(/^\uFEFF/, '') === 'Local Authority District name (2019)');
  const { summary } = planOf({
    localities: [header, ...rows.filter((r) => districts.includes(r[districtColumn]))] as CellValue[][],
    parameters: [['First year', '2008/09'], ['Years', 2], ['Per district', 1], ['Additional', 12], ['Cost per locality', '£75,000'], ['Programme multiplier', 2]],
    funding: [['Source', 'Kind', 'Annual amount'], ['County and partners', 'Recurring', '£1.9m']],
  });

  it('affords 12 localities: the 8 district choices and 4 more', () => {
    expect(summary.affordability.localities).toEqual({ additional: 4, selected: 12 });
  });

  it('affords a Cost per locality of £47,500.00 for the 20 chosen', () => {
    expect(summary.affordability.costPerLocality).toBe(47_500);
  });

  it('needs £1,100,000 a year of new recurring money from the first year', () => {
    expect(summary.affordability.newRecurringFunding).toEqual({ amount: 1_100_000, fromYear: '2008/09' });
  });

  it('has no Confirmed funding only case: all its funding is Confirmed', () => {
    expect(summary.scenarios.map((c) => c.name)).toEqual(['Base']);
    expect(summary.scenarios[0]).toMatchObject({ selected: 20, totalShortfall: 2 * 1_100_000, firstShortfallYear: '2008/09' });
  });
});
