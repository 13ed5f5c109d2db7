import { runPlanner } from '../../src/engine';
import type { CellValue } from '../../src/engine/cells';
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
