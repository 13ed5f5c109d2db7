import fc from 'fast-check';
import { runPlanner } from '../../src/engine';
import type { CellValue } from '../../src/engine/cells';
import { cellAddress } from '../../src/engine/address';
import type { Direction, Indicator, Locality } from '../../src/engine/model';
import { type Priority, inRankOrder, needOrder, scoreNeed } from '../../src/engine/prioritise';
import { date, outcomeOf, planOf as planOfSelection, type Rows } from '../support/plan';
import { table, testContext, workbook } from '../support/tables';

type Row = [string, string | null, number | null, ('Include' | 'Exclude' | null)?];

function plan(rows: Row[], parameters: [string, CellValue][], extra: ReturnType<typeof table>[] = []) {
  const outcome = runPlanner(
    workbook(
      table('Localities', [['Locality', 'District', 'IMD Rank', 'Override'], ...rows.map((r) => [r[0], r[1], r[2], r[3] ?? null])]),
      table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ...parameters]),
      ...extra,
    ),
    testContext,
  );
  if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join('\n'));
  return outcome;
}

const county: Row[] = [
  ['A1', 'North', 10],
  ['A2', 'North', 3],
  ['A3', 'North', 50],
  ['B1', 'South', 7],
  ['B2', 'South', 1],
  ['C1', 'East', 20],
  ['C2', 'East', 2],
];

describe('need scores (contract §2)', () => {
  it('gives percentiles from 100 (most deprived) to 0 (least), from IMD Rank where lower is worse', () => {
    const o = plan(county, []);
    const score = (name: string) => o.results.priorities.find((p) => p.locality.name === name)!.needScore;
    expect(score('B2')).toBe(100);
    expect(score('A3')).toBe(0);
    expect(score('A2')).toBeCloseTo((100 * 4) / 6);
  });

  it('lets tied localities share the mean of their percentiles', () => {
    const o = plan([['X', 'N', 5], ['Y', 'N', 5], ['Z', 'N', 9]], []);
    const s = o.results.priorities.map((p) => p.needScore);
    expect(s).toEqual([75, 75, 0]);
  });

  it('breaks need score ties by IMD Rank, then by Locality name', () => {
    const withScore = runPlanner(workbook(
      table('Localities', [['Locality', 'IMD Rank', 'Score'], ['Zed', 4, 10], ['Abe', 4, 10], ['Mid', 3, 10]]),
      table('Indicators', [['Indicator'], ['Score']]),
      table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13']]),
    ), testContext);
    if (!withScore.ok) throw new Error('should run');
    const ranks = Object.fromEntries(withScore.results.priorities.map((p) => [p.locality.name, p.rank]));
    expect(ranks).toEqual({ Mid: 1, Abe: 2, Zed: 3 });
  });

  it('weights indicators and honours each direction', () => {
    const o = runPlanner(workbook(
      table('Localities', [['Locality', 'Crime', 'Income Rank'], ['P', 10, 3], ['Q', 20, 1], ['R', 30, 2]]),
      table('Indicators', [['Indicator', 'Weight', 'Direction'], ['Crime', 3, 'Higher is worse'], ['Income Rank', 1, null]]),
      table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13']]),
    ), testContext);
    if (!o.ok) throw new Error(o.issues.map((i) => i.message).join());
    const s = Object.fromEntries(o.results.priorities.map((p) => [p.locality.name, p.needScore]));
    // Crime percentiles P 0, Q 50, R 100; Income Rank (lower is worse by default for a rank) P 0, Q 100, R 50.
    expect(s).toEqual({ P: 0, Q: (3 * 50 + 100) / 4, R: (3 * 100 + 50) / 4 });
  });

  it('does not rank a locality missing an indicator value, and says so (never treats it as zero)', () => {
    const o = plan([['A', 'N', 1], ['B', 'N', null], ['C', 'N', 3]], []);
    const b = o.results.priorities.find((p) => p.locality.name === 'B')!;
    expect(b.rank).toBeNull();
    expect(b.needScore).toBeNull();
    expect(o.issues).toEqual([expect.objectContaining({ code: 'MISSING_INDICATOR', cell: 'C3', severity: 'warning' })]);
  });
});

describe('selection (contract §2)', () => {
  const picked = (o: ReturnType<typeof plan>) => o.results.priorities.filter((p) => p.selected).map((p) => `${p.locality.name}:${p.reason}`).sort();

  it.each`
    perDistrict | additional | expected
    ${0}        | ${0}       | ${['A1:all', 'A2:all', 'A3:all', 'B1:all', 'B2:all', 'C1:all', 'C2:all']}
    ${1}        | ${0}       | ${['A2:district', 'B2:district', 'C2:district']}
    ${1}        | ${2}       | ${['A1:additional', 'A2:district', 'B1:additional', 'B2:district', 'C2:district']}
    ${0}        | ${3}       | ${['A2:additional', 'B2:additional', 'C2:additional']}
    ${2}        | ${0}       | ${['A1:district', 'A2:district', 'B1:district', 'B2:district', 'C1:district', 'C2:district']}
  `('with Per district $perDistrict and Additional $additional selects $expected', ({ perDistrict, additional, expected }) => {
    expect(picked(plan(county, [['Per district', perDistrict], ['Additional', additional]]))).toEqual(expected);
  });

  it('removes Exclude overrides first and counts Include overrides towards neither quota', () => {
    const rows: Row[] = county.map((r) => (r[0] === 'B2' ? [r[0], r[1], r[2], 'Exclude'] : r[0] === 'A3' ? [r[0], r[1], r[2], 'Include'] : r));
    expect(picked(plan(rows, [['Per district', 1], ['Additional', 1]]))).toEqual(['A1:additional', 'A2:district', 'A3:override', 'B1:district', 'C2:district']);
  });

  it('selects every locality a district has when the quota asks for more, and notes it', () => {
    const o = plan(county, [['Per district', 3]]);
    expect(picked(o)).toHaveLength(7);
    expect(o.issues.filter((i) => i.code === 'QUOTA_SHORT').map((i) => i.message)).toEqual([
      'South has only 2 localities that can be chosen for Per district (3); all are selected.',
      'East has only 2 localities that can be chosen for Per district (3); all are selected.',
    ]);
  });

  it('ranks within each district', () => {
    const o = plan(county, []);
    const r = Object.fromEntries(o.results.priorities.map((p) => [p.locality.name, p.districtRank]));
    expect(r).toEqual({ A1: 2, A2: 1, A3: 3, B1: 2, B2: 1, C1: 2, C2: 1 });
  });

  it('refuses quotas without an indicator', () => {
    const o = runPlanner(workbook(
      table('Localities', [['Locality', 'District'], ['A', 'N']]),
      table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Per district', 1]]),
    ), testContext);
    expect(o.ok).toBe(false);
    expect(o.issues.map((i) => i.message).join()).toContain('needs an indicator');
  });
});

describe('indicator directions (contract v1.1 §5.6)', () => {
  const run = (header: string, direction: string | null, extra: Rows = []) =>
    outcomeOf({
      localities: [['Locality', header], ['Low', 1], ['High', 9]],
      indicators: [['Indicator', 'Direction'], [header, direction], ...extra],
    });
  it.each`
    header                                                       | assumed              | most
    ${'Income Rank'}                                             | ${'Lower is worse'}  | ${'Low'}
    ${'IMD Decile (where 1 is most deprived 10% of LSOAs)'}      | ${'Lower is worse'}  | ${'Low'}
    ${'Health deciles'}                                          | ${'Lower is worse'}  | ${'Low'}
    ${'Crime score (1 is most deprived)'}                        | ${'Lower is worse'}  | ${'Low'}
    ${'Crime score'}                                             | ${'Higher is worse'} | ${'High'}
  `('assumes $assumed for "$header" when Direction is blank, and says so at the Direction cell', ({ header, assumed, most }) => {
    const o = run(header, null);
    if (!o.ok) throw new Error(o.issues.map((i) => i.message).join('\n'));
    expect(o.results.priorities.find((p) => p.rank === 1)!.locality.name).toBe(most);
    expect(o.issues).toEqual([expect.objectContaining({ code: 'DIRECTION_ASSUMED', severity: 'warning', table: 'Indicators', cell: 'B2' })]);
    expect(o.issues[0].message).toContain(`Direction for ${header} is blank, so "${assumed}" is assumed`);
    expect(o.summary.warnings).toContainEqual(expect.objectContaining({ severity: 'Low', code: 'INPUT' }));
  });

  it.each`
    header                                       | direction
    ${'IMD Rank'}                                | ${null}
    ${'IMD Score'}                               | ${null}
    ${'Index of Multiple Deprivation (IMD) Rank'} | ${null}
    ${'Crime score'}                             | ${'Higher is worse'}
  `('says nothing when the direction of $header is known or given ($direction)', ({ header, direction }) => {
    const o = run(header, direction);
    expect(o.issues).toEqual([]);
  });

  it('names the Indicator cell, asking for a Direction column, when the table has none', () => {
    const o = outcomeOf({ localities: [['Locality', 'Crime'], ['A', 1]], indicators: [['Indicator'], ['Crime']] });
    expect(o.issues).toEqual([expect.objectContaining({ code: 'DIRECTION_ASSUMED', cell: 'A2', message: 'Direction for Crime is blank, so "Higher is worse" is assumed (nothing in its header says otherwise). Add a Direction column to say which way is more deprived.' })]);
  });
});

describe('Overrides count towards quotas (contract v1.1 §5.6)', () => {
  const area: Row[] = [
    ['N1', 'North', 1],
    ['N2', 'North', 2],
    ['N3', 'North', 5, 'Include'],
    ['S1', 'South', 3, 'Include'],
    ['S2', 'South', 4, 'Include'],
    ['S3', 'South', 6],
  ];
  it.each`
    count    | perDistrict | additional | selected
    ${null}  | ${1}        | ${0}       | ${'N1 N3 S1 S2 S3'}
    ${'No'}  | ${1}        | ${0}       | ${'N1 N3 S1 S2 S3'}
    ${'Yes'} | ${1}        | ${0}       | ${'N3 S1 S2'}
    ${'Yes'} | ${2}        | ${0}       | ${'N1 N3 S1 S2'}
    ${'Yes'} | ${3}        | ${0}       | ${'N1 N2 N3 S1 S2 S3'}
    ${'Yes'} | ${1}        | ${1}       | ${'N1 N3 S1 S2'}
    ${true}  | ${1}        | ${0}       | ${'N3 S1 S2'}
  `('with $count selects $selected (Per district $perDistrict, Additional $additional)', ({ count, perDistrict, additional, selected }) => {
    const o = plan(area, [['Per district', perDistrict], ['Additional', additional], ...(count === null ? [] : [['Overrides count towards quotas', count] as [string, CellValue]])]);
    expect(o.results.priorities.filter((p) => p.selected).map((p) => p.locality.name).sort().join(' ')).toBe(selected);
    expect(o.issues.filter((i) => i.code === 'QUOTA_SHORT')).toEqual([]);
  });

  it("lets a district's own choice replace its top-ranked pick, and says so", () => {
    const o = plan(area, [['Per district', 1], ['Overrides count towards quotas', 'Yes']]);
    const n3 = o.results.priorities.find((p) => p.locality.name === 'N3')!;
    expect(n3).toMatchObject({ selected: true, reason: 'override', reasonText: "Included by district choice (Override: Include), in one of North's Per district places" });
    expect(o.results.priorities.find((p) => p.locality.name === 'N1')!.selected).toBe(false);
  });

  it('refuses an answer other than Yes or No', () => {
    const o = outcomeOf({ localities: [['Locality', 'IMD Rank'], ['A', 1]], parameters: [['Overrides count towards quotas', 'Sometimes']] });
    expect(o.issues).toContainEqual(expect.objectContaining({ code: 'BAD_CHOICE', cell: 'B4', message: 'Overrides count towards quotas should be one of "No", "Yes"; found "Sometimes".' }));
  });
});

describe('Years from the inputs (contract v1.1 §5.6)', () => {
  const costs = (from: CellValue, to: CellValue, column: CellValue = null) => [['Cost line', 'Unit cost', 'From', 'To', '2015/16'], ['Officer', 100, from, to, column]];
  it.each`
    case                                           | parameters                                       | from          | to                    | column  | years
    ${'nothing named: 5'}                          | ${[['First year', '2012/13']]}                   | ${null}       | ${null}               | ${null} | ${5}
    ${'First year from From, To two years on'}     | ${[]}                                            | ${'2012/13'}  | ${'2013/14'}          | ${null} | ${2}
    ${'the latest of From, To and a year column'}  | ${[]}                                            | ${'2012/13'}  | ${'2013/14'}          | ${7}    | ${4}
    ${'a To date: its financial year'}             | ${[]}                                            | ${'2012/13'}  | ${date(2014, 2, 1)}   | ${null} | ${2}
    ${'a given First year'}                        | ${[['First year', '2011/12']]}                   | ${'2012/13'}  | ${'2013/14'}          | ${null} | ${3}
    ${'a given Years wins'}                        | ${[['First year', '2012/13'], ['Years', 8]]}     | ${null}       | ${'2013/14'}          | ${null} | ${8}
    ${'everything named before First year: 5'}     | ${[['First year', '2020/21']]}                   | ${'2012/13'}  | ${'2013/14'}          | ${null} | ${5}
  `('runs $years years with $case', ({ parameters, from, to, column, years }) => {
    const o = runPlanner(workbook(table('Parameters', [['Parameter', 'Value'], ...parameters]), table('Costs', costs(from, to, column))), testContext);
    if (!o.ok) throw new Error(o.issues.map((i) => i.message).join('\n'));
    expect(o.results.years).toHaveLength(years);
  });

  it('says in Run info where Years came from', () => {
    const o = runPlanner(workbook(table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13']]), table('Costs', costs(null, '2013/14'))), testContext);
    if (!o.ok) throw new Error('should run');
    const runInfo = o.plan.sheets.find((s) => s.name === 'Run info')!;
    expect(runInfo.cells.find((r) => r[0] === 'Years')).toEqual(['Years', '2', 'First year to the latest year in Costs/Funding']);
  });

  it('takes a Funding To into account', () => {
    const o = runPlanner(workbook(table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13']]), table('Funding', [['Source', 'Kind', 'Pot', 'To'], ['Pot', 'One-off', 100, '2014/15']])), testContext);
    if (!o.ok) throw new Error('should run');
    expect(o.summary.years).toEqual(['2012/13', '2013/14', '2014/15']);
  });
});

describe('savings larger than the costs (contract v1.1 §5.6)', () => {
  it('warns INPUT Medium naming the year whose revenue cost is below zero', () => {
    const o = planOfSelection({ costs: [['Cost line', 'Unit cost', 'Inflation', '2013/14'], ['Officer', 1000, 'None', null], ['Vacancy saving', -500, 'None', -2000]] });
    expect(o.issues).toEqual([expect.objectContaining({ code: 'NEGATIVE_COST', severity: 'warning', table: 'Costs', year: 2013 })]);
    expect(o.summary.warnings.filter((w) => w.code === 'INPUT')).toEqual([
      expect.objectContaining({ severity: 'Medium', year: '2013/14', message: 'Costs: the revenue costs in 2013/14 come to (£1,000.00), below zero: the savings are larger than the costs they save on. Check the saving lines for that year.' }),
    ]);
  });
});

describe("Priorities' cost over the projection (contract v1.1 §5.6)", () => {
  it('gives each locality its total over the projection, headed with the years it covers', () => {
    const o = planOfSelection({
      localities: [['Locality', 'IMD Rank'], ['A', 1], ['B', 2]],
      parameters: [['Additional', 1], ['Cost per locality', 1000]],
      costs: [['Cost line', 'Applies to', 'Unit cost', 'Inflation', 'From'], ['Rent', 'A', 100, 'None', '2013/14'], ['Rent', 'B', 100, 'None', '2013/14']],
    });
    const priorities = o.plan.sheets.find((s) => s.name === 'Priorities')!;
    const header = priorities.cells.find((r) => r[0] === 'Rank')!;
    expect(header[7]).toBe('Cost 2012/13 to 2014/15');
    expect(priorities.cells.find((r) => r[1] === 'A')![7]).toBe(3 * 1000 + 2 * 100);
    expect(priorities.cells.find((r) => r[1] === 'B')![7]).toBe(0);
  });
});

describe('the order the Priorities sheet and the need chart list localities in', () => {
  const priority = (index: number, rank: number | null): Priority => ({
    locality: { index, row: index, name: `L${index}`, district: null, imdRank: null, population: null, wards: null, override: null, indicatorValues: [], cell: cellAddress(index + 1, 0) },
    needScore: null,
    rank,
    districtRank: null,
    selected: false,
    reason: null,
    reasonText: '',
  });
  const bySorting = (ps: readonly Priority[]) => [...ps].sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.locality.index - b.locality.index);

  it('is rank order, then the unranked in Localities order, whatever the ranks (even repeated or out of range)', () => {
    const ranks = fc.array(fc.option(fc.integer({ min: -1, max: 12 }), { nil: null }), { maxLength: 12 });
    const permutation = fc.array(fc.nat(), { maxLength: 12 });
    fc.assert(
      fc.property(ranks, permutation, (rs, shuffle) => {
        const ps = rs.map((r, i) => priority(i, r));
        shuffle.forEach((k, i) => {
          const j = k % Math.max(ps.length, 1);
          if (i < ps.length) [ps[i], ps[j]] = [ps[j], ps[i]];
        });
        expect(inRankOrder(ps)).toEqual(bySorting(ps));
      }),
      { numRuns: 3000 },
    );
  });

  it('is rank order when the ranks are 1 to the number ranked, as the engine gives them', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 40 }), fc.nat(), (isRanked, seed) => {
        let next = 0;
        const ps = isRanked.map((r, i) => priority(i, r ? ++next : null));
        // Ranks handed out in a scrambled order, as need scores would.
        const order = ps.filter((p) => p.rank !== null).map((p) => p.rank!).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
        let k = 0;
        const scrambled = ps.map((p) => (p.rank === null ? p : { ...p, rank: order[k++] }));
        expect(inRankOrder(scrambled)).toEqual(bySorting(scrambled));
      }),
    );
  });
});

describe('need scores (contract §2)', () => {
  /** The rule as first written: each indicator's values sorted with a comparison, ties found by walking the sorted run. */
  function scoreBySorting(localities: readonly Locality[], indicators: readonly Indicator[]): (number | null)[] {
    const ranked = localities.filter((l) => l.indicatorValues.every((v) => v !== null));
    const totalWeight = indicators.reduce((a, i) => a + i.weight, 0);
    const sums = new Array<number>(localities.length).fill(0);
    indicators.forEach((indicator, k) => {
      const v = new Float64Array(localities.length);
      for (const l of ranked) v[l.index] = l.indicatorValues[k]!;
      const order = ranked.map((l) => l.index).sort((a, b) => (indicator.direction === 'higher-is-worse' ? v[a] - v[b] : v[b] - v[a]));
      const n = order.length;
      for (let i = 0; i < n; ) {
        let j = i;
        while (j + 1 < n && v[order[j + 1]] === v[order[i]]) j++;
        const percentile = n === 1 ? 100 : (100 * (i + j)) / 2 / (n - 1);
        for (let t = i; t <= j; t++) sums[order[t]] += indicator.weight * percentile;
        i = j + 1;
      }
    });
    return localities.map((l) => (ranked.includes(l) ? sums[l.index] / totalWeight : null));
  }
  const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(-0), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(null));
  const indicator = fc.record({ weight: fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 5, noNaN: true })), direction: fc.constantFrom<Direction>('higher-is-worse', 'lower-is-worse') });

  it('gives every locality, to the last bit, the score the rule gives by sorting, ties, minus zero and gaps included', () => {
    fc.assert(
      fc.property(fc.array(indicator, { minLength: 1, maxLength: 3 }), fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { maxLength: 30 }), (specs, rows) => {
        const indicators: Indicator[] = specs.map((s, i) => ({ header: `I${i}`, column: i, ...s }));
        const localities: Locality[] = rows.map((vs, index) => ({
          index, row: index, name: `L${index}`, district: null, imdRank: null, population: null, wards: null, override: null, indicatorValues: vs.slice(0, indicators.length), cell: cellAddress(index + 1, 0),
        }));
        expect(scoreNeed(localities, indicators)).toEqual(scoreBySorting(localities, indicators));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the ranked order (contract §2: need score, then IMD Rank, then name)', () => {
  /** The rule as written, one comparison for every pair the sort looks at. */
  const compare = (a: { score: number; locality: Locality }, b: { score: number; locality: Locality }): number => {
    if (a.score !== b.score) return b.score - a.score;
    const ra = a.locality.imdRank ?? Number.POSITIVE_INFINITY;
    const rb = b.locality.imdRank ?? Number.POSITIVE_INFINITY;
    if (ra !== rb) return ra - rb;
    const na = a.locality.name.toLowerCase();
    const nb = b.locality.name.toLowerCase();
    if (na !== nb) return na < nb ? -1 : 1;
    return a.locality.index - b.locality.index;
  };
  const score = fc.oneof(fc.constantFrom(0, -0, 50, 100, 33.3), fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(null));
  const row = fc.record({ score, imdRank: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), name: fc.constantFrom('Abbey', 'abbey', 'Brook', 'Castle') });

  it('is the order sorting by the rule gives, ties of every kind included', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.boolean(), (rows, odd) => {
        const localities: Locality[] = rows.map((r, index) => ({
          index, row: index, name: r.name, district: null, imdRank: r.imdRank, population: null, wards: null, override: null, indicatorValues: [], cell: cellAddress(index + 1, 0),
        }));
        // Now and then a score no weights should give, which the rule still orders.
        const scores = rows.map((r, i) => (odd && i === 0 && r.score !== null ? Number.NaN : r.score));
        const expected = localities.filter((l) => scores[l.index] !== null).map((l) => ({ score: scores[l.index]!, locality: l })).sort(compare);
        const got = needOrder(localities, scores);
        expect(got.map((o) => o.locality.index)).toEqual(expected.map((o) => o.locality.index));
        expect(got.map((o) => o.score)).toEqual(expected.map((o) => o.score));
      }),
      { numRuns: 3000 },
    );
  });
});
