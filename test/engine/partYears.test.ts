import fc from 'fast-check';
import { type Bound, shareLabel, shareOfYear } from '../../src/engine/bounds';
import { dayOf } from '../../src/engine/dates';
import { financialYear } from '../../src/engine/years';
import { date, outcomeOf, pennies, planOf, rowOf, sheetOf } from '../support/plan';

const fy = financialYear;
const onDay = (y: number, m: number, d: number): Bound => {
  const day = dayOf(y, m, d);
  return { kind: 'date', day, year: fy(m >= 4 ? y : y - 1) };
};
const wholeYear = (y: number): Bound => ({ kind: 'year', year: fy(y) });

describe('the share of a year a line covers (contract v1.1 §5.2): twelfths by calendar month, days over days in a month covered in part', () => {
  it.each`
    case                                         | from                    | to                      | share
    ${'no From or To'}                           | ${null}                 | ${null}                 | ${'1'}
    ${'From 1 November (5 whole months)'}        | ${onDay(2011, 11, 1)}   | ${null}                 | ${'5/12'}
    ${'From 15 November (16/30 of November)'}    | ${onDay(2011, 11, 15)}  | ${null}                 | ${'17/45'}
    ${'To 31 October (7 whole months)'}          | ${null}                 | ${onDay(2011, 10, 31)}  | ${'7/12'}
    ${'1 November to 31 January'}                | ${onDay(2011, 11, 1)}   | ${onDay(2012, 1, 31)}   | ${'1/4'}
    ${'From 15 February 2012, a leap February'}  | ${onDay(2012, 2, 15)}   | ${null}                 | ${'11/87'}
    ${'one day, 31 March'}                       | ${onDay(2012, 3, 31)}   | ${null}                 | ${'1/372'}
    ${'From 1 April, the whole year'}            | ${onDay(2011, 4, 1)}    | ${null}                 | ${'1'}
    ${'To 31 March, the whole year'}             | ${null}                 | ${onDay(2012, 3, 31)}   | ${'1'}
    ${'From 2011 written as a year'}             | ${wholeYear(2011)}      | ${wholeYear(2011)}      | ${'1'}
    ${'From the next year'}                      | ${wholeYear(2012)}      | ${null}                 | ${'0'}
    ${'To a day of the year before'}             | ${null}                 | ${onDay(2011, 3, 31)}   | ${'0'}
  `('counts $case as $share of 2011/12', ({ from, to, share }) => {
    expect(shareLabel(shareOfYear(fy(2011), from, to))).toBe(share);
  });

  it('adds up to the whole year over any run of consecutive date ranges that covers it', () => {
    const start = dayOf(2011, 4, 1);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 365 }), { maxLength: 12 }), (cuts) => {
        // Ranges [start, c1-1], [c1, c2-1], … [ck, 31 March]: together they cover 2011/12 exactly once.
        const edges = [0, ...[...cuts].sort((a, b) => a - b), 366];
        let num = 0n;
        let den = 1n;
        for (let i = 0; i + 1 < edges.length; i++) {
          const from = onDayNumber(start + edges[i]);
          const to = onDayNumber(start + edges[i + 1] - 1);
          const s = shareOfYear(fy(2011), from, to);
          expect(s.num >= 0n && s.num <= s.den).toBe(true);
          num = num * s.den + s.num * den;
          den *= s.den;
        }
        expect(num).toBe(den);
      }),
      { numRuns: 200 },
    );
  });
});

/** A date bound for a day number (2011/12 is 1 April 2011 to 31 March 2012). */
function onDayNumber(day: number): Bound {
  return { kind: 'date', day: day as Bound extends { day: infer D } ? D : never, year: fy(day >= dayOf(2012, 4, 1) ? 2012 : 2011) };
}

const costHeader = ['Cost line', 'Applies to', 'Quantity', 'Unit cost', 'Inflation', 'From', 'To'];
const fundingHeader = ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status'];

describe('dates in From and To mean that day (contract v1.1 §5.1, §5.2)', () => {
  it("costs a post starting 1 November 2011 5/12 of 2011/12: Tamworth's 4th CDO, £34,587 × 5/12 = £14,411.25", () => {
    const o = planOf({ parameters: [['First year', '2011/12'], ['Years', 2], ['Pay inflation', '3.816%']], costs: [costHeader, ['4th CDO', null, 1, 34587, 'Pay', date(2011, 11, 1), null]] });
    expect(o.summary.projection.map((p) => p.cost)).toEqual([14_411.25, 35_906.84]);
  });

  it.each`
    case                                  | from                  | to                     | amounts
    ${'a year written as a year'}         | ${'2012/13'}          | ${'2012/13'}           | ${[12_000, 0, 0]}
    ${'a bare year'}                      | ${2013}               | ${null}                | ${[0, 12_000, 12_000]}
    ${'a date: from that day'}            | ${date(2012, 10, 1)}  | ${null}                | ${[6_000, 12_000, 12_000]}
    ${'a date: to that day'}              | ${null}               | ${date(2013, 6, 30)}   | ${[12_000, 3_000, 0]}
    ${'a date on both sides'}             | ${date(2012, 12, 1)}  | ${date(2013, 5, 31)}   | ${[4_000, 2_000, 0]}
    ${'15 November: 16/30 of November'}   | ${date(2012, 11, 15)} | ${null}                | ${[4_533.33, 12_000, 12_000]}
  `('reads $case', ({ from, to, amounts }) => {
    const o = planOf({ costs: [costHeader, ['Officer', null, 1, 12000, 'None', from, to]] });
    expect(o.summary.projection.map((p) => p.cost)).toEqual(amounts);
  });

  it('multiplies the share before the year\'s single rounding, after inflation, for one locality before counting them', () => {
    const o = planOf({
      localities: [['Locality', 'IMD Rank'], ['A', 1], ['B', 2], ['C', 3]],
      parameters: [['Non-pay inflation', '3%'], ['Programme multiplier', 1.5]],
      // 1,000.01 × 1.03² × 1.5 × 7/12 = 928.2968… → £928.30 for one locality, £2,784.90 for three.
      costs: [costHeader, ['Grants', 'Each locality', 1, 1000.01, 'Non-pay', '2012/13', date(2014, 10, 31)]],
    });
    expect(o.results.costs.lines[0].perLocality!.map((p) => p / 100)).toEqual([1500.02, 1545.02, 928.3]);
    expect(o.summary.projection[2].cost).toBe(2_784.9);
  });

  it('takes a year column as given, whatever the dates', () => {
    const o = planOf({ costs: [[...costHeader, '2013/14'], ['Officer', null, 1, 12000, 'None', date(2013, 10, 1), null, 9999.99]] });
    expect(o.summary.projection.map((p) => p.cost)).toEqual([0, 9_999.99, 12_000]);
  });

  it('pays recurring funding for its part of a year: a grant ending 31 October no longer hides a gap', () => {
    const o = planOf({
      parameters: [['Years', 2]],
      costs: [costHeader, ['Officer', null, 1, 24000, 'None', null, null]],
      funding: [fundingHeader, ['Grant', 'Recurring', 24000, null, null, date(2012, 10, 31), null]],
    });
    expect(o.summary.projection.map((p) => [p.recurringFunding, p.shortfall])).toEqual([[14_000, 10_000], [0, 24_000]]);
    expect(o.summary.warnings).toContainEqual(expect.objectContaining({ code: 'FUNDING_ENDS', year: '2012/13', amount: 14_000, message: 'Grant (£14,000.00 in 2012/13) stops on 31 October 2012, part way through 2012/13, while costs go on.' }));
  });

  it('says nothing of funding ending when what it paid for ends the same day', () => {
    const o = planOf({
      parameters: [['Years', 2]],
      costs: [costHeader, ['Officer', null, 1, 24000, 'None', null, date(2012, 10, 31)]],
      funding: [fundingHeader, ['Grant', 'Recurring', 24000, null, null, date(2012, 10, 31), null]],
    });
    expect(o.summary.warnings).toEqual([]);
  });

  it.each`
    case                                      | from                  | to                     | drawn
    ${'usable all year: meets the need'}      | ${null}               | ${null}                | ${12_000}
    ${'usable from 1 October: half of it'}    | ${date(2012, 10, 1)}  | ${null}                | ${6_000}
    ${'usable to 31 July: 4/12 of it'}        | ${null}               | ${date(2012, 7, 31)}   | ${4_000}
  `('lets a one-off pot $case', ({ from, to, drawn }) => {
    const o = planOf({ parameters: [['Years', 1]], costs: [costHeader, ['Officer', null, 1, 12000, 'None', null, null]], funding: [fundingHeader, ['Pot', 'One-off', null, 100000, from, to, null]] });
    expect(o.summary.pots[0].drawdown).toEqual([drawn]);
    expect(o.summary.projection[0].shortfall).toBe(12_000 - drawn);
  });

  it('lets two half-year pots together meet a whole year\'s need', () => {
    const o = planOf({
      parameters: [['Years', 1]],
      costs: [costHeader, ['Officer', null, 1, 12000.01, 'None', null, null]],
      funding: [fundingHeader, ['Spring pot', 'One-off', null, 100000, null, date(2012, 9, 30), null], ['Autumn pot', 'One-off', null, 100000, date(2012, 10, 1), null, null]],
    });
    expect(o.summary.pots.map((p) => p.drawdown[0])).toEqual([6_000.01, 6_000]);
    expect(o.summary.projection[0].shortfall).toBe(0);
  });

  it('draws the pot whose last day comes soonest first, comparing days', () => {
    const o = planOf({
      parameters: [['Years', 1]],
      costs: [costHeader, ['Officer', null, 1, 1000, 'None', null, null]],
      funding: [fundingHeader, ['Year-end pot', 'One-off', null, 5000, null, '2013/14', null], ['March pot', 'One-off', null, 5000, null, date(2014, 3, 1), null]],
    });
    expect(o.summary.pots.map((p) => p.drawdown[0])).toEqual([0, 1_000]);
  });

  it('lists each part-year line in Run info with its share of the year', () => {
    const o = planOf({
      costs: [costHeader, ['4th CDO', null, 1, 34587, 'Pay', date(2012, 11, 1), date(2014, 6, 15)]],
      funding: [fundingHeader, ['Grant', 'Recurring', 24000, null, null, date(2012, 10, 31), null]],
    });
    const runInfo = sheetOf(o, 'Run info');
    const header = runInfo.cells.findIndex((r) => r[0] === 'Part year');
    expect(runInfo.cells[header]).toEqual(['Part year', 'Year', 'Share of the year', 'From', 'To']);
    expect(runInfo.cells.slice(header + 1, header + 4)).toEqual([
      ['4th CDO (Costs)', '2012/13', '5/12', '1 November 2012', '15 June 2014'],
      ['4th CDO (Costs)', '2014/15', '5/24', '1 November 2012', '15 June 2014'],
      ['Grant (Funding)', '2012/13', '7/12', null, '31 October 2012'],
    ]);
  });

  it('shows part-year lines in Projection as they fall', () => {
    const o = planOf({ costs: [costHeader, ['4th CDO', null, 1, 36000, 'None', date(2012, 11, 1), null]] });
    expect(rowOf(sheetOf(o, 'Projection'), '4th CDO')).toEqual([15_000, 36_000, 36_000, 87_000]);
  });

  it('refuses a To day before the From day, naming both days', () => {
    const o = outcomeOf({ costs: [costHeader, ['Officer', null, 1, 12000, 'None', date(2012, 11, 1), date(2012, 10, 31)]] });
    expect(o.ok).toBe(false);
    expect(o.issues).toContainEqual(expect.objectContaining({ code: 'FROM_AFTER_TO', cell: 'G2', message: 'To (31 October 2012) is before From (1 November 2012); a line runs from its From day to its To day inclusive.' }));
  });

  it('still reads First year written as a date as the financial year containing it', () => {
    const o = planOf({ parameters: [['First year', date(2013, 2, 1)], ['Years', 1]], costs: [costHeader, ['Officer', null, 1, 12000, 'None', null, null]] });
    expect(o.summary.years).toEqual(['2012/13']);
    expect(pennies(o.summary.projection[0].cost)).toBe(1_200_000);
  });
});
