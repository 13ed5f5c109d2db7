import type { Summary } from '../../src/engine';
import { type Cell, readSummary, readWorkbook, runCli, sheetRows, tempFolder, writeInputWorkbook } from '../cli/workbookFiles';

/**
 * City of York (seed 002 lists it among the areas with locality working): ward funding
 * by formula, £105k shared per councillor plus £145k shared by deprivation-weighted
 * population (contract v1.1 §5.4: "two Shared out lines"). The ward names are York's;
 * the councillor counts and weighted populations are illustrative, chosen so the shares
 * fall on fractions of a penny and the largest-remainder rule has work to do.
 *
 * Each ward's expected share is worked out here from the rule alone (floor each share,
 * then a penny each to the largest remainders, ties in table order), in whole pence.
 */

const wards: readonly (readonly [string, number, string])[] = [
  ['Acomb', 2, '9,412.5'], ['Bishopthorpe', 1, '3,127.25'], ['Clifton', 2, '12,840.75'], ['Copmanthorpe', 1, '3,402'],
  ['Dringhouses & Woodthorpe', 3, '8,991.5'], ['Fishergate', 2, '7,776.25'], ['Fulford & Heslington', 2, '6,014'],
  ['Guildhall', 3, '13,306.75'], ['Haxby & Wigginton', 3, '7,845.5'], ['Heworth', 3, '14,228.25'], ['Heworth Without', 1, '2,988'],
  ['Holgate', 3, '12,115.5'], ['Hull Road', 3, '13,902.25'], ['Huntington & New Earswick', 3, '10,310'], ['Micklegate', 3, '11,408.75'],
  ['Osbaldwick & Derwent', 2, '5,867.5'], ['Rawcliffe & Clifton Without', 3, '9,920.25'], ['Rural West York', 2, '5,133'],
  ['Strensall', 2, '5,644.75'], ['Westfield', 3, '16,734.5'], ['Wheldrake', 1, '2,604.25'],
];
const year = '2019/20';

/** Whole pence shared in proportion to whole-number weights: floors, then the largest remainders, ties in table order. */
function share(totalPence: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const floors = weights.map((w) => (totalPence * w) / sum);
  const order = weights.map((w, i) => ({ i, rem: (totalPence * w) % sum })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  let left = totalPence - floors.reduce((a, b) => a + b, 0n);
  for (const { i } of order) {
    if (left === 0n) break;
    floors[i] += 1n;
    left -= 1n;
  }
  return floors;
}

/** A weighted population as hundredths, exactly (`9,412.5` → 941250). */
const hundredths = (text: string): bigint => {
  const [whole, frac = ''] = text.replace(/,/g, '').split('.');
  return BigInt(whole + frac.padEnd(2, '0'));
};

const byCouncillor = share(10_500_000n, wards.map(([, c]) => BigInt(c)));
const byPopulation = share(14_500_000n, wards.map(([, , p]) => hundredths(p)));

describe("York's ward funding: £105k per councillor plus £145k by deprivation-weighted population, two Shared out lines (contract v1.1 §5.4)", () => {
  const tmp = tempFolder('lp-york-');
  let code: number;
  let summary: Summary;
  let allocation: Cell[][];

  beforeAll(async () => {
    const input = tmp.file('york.xlsx');
    await writeInputWorkbook(input, [
      { name: 'Localities', rows: [['Area', 'Councillors', 'Deprivation-weighted population'], ...wards.map(([w, c, p]) => [w, c, p])] },
      { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', year], ['Years', 1]] },
      {
        name: 'Costs',
        rows: [
          ['Cost line', 'Applies to', 'Unit cost', 'Inflation', 'Method'],
          ['Ward funding per councillor', 'Shared out', '£105k', 'None', 'Per Councillors'],
          ['Ward funding by need', 'Shared out', '£145k', 'None', 'Per Deprivation-weighted population'],
        ],
      },
      { name: 'Funding', rows: [['Source', 'Kind', 'Annual amount'], ['Ward funding budget', 'Recurring', '£250k']] },
    ]);
    ({ code } = await runCli(['run', input, '--json', tmp.file('york.json')]));
    summary = readSummary(tmp.file('york.json'));
    allocation = sheetRows((await readWorkbook(tmp.file('york.results.xlsx'))).getWorksheet('Allocation')!);
  });
  afterAll(() => tmp.remove());

  it('runs, and the £250k is a cost the ward funding budget meets exactly', () => {
    expect(code).toBe(0);
    expect(summary.projection[0]).toMatchObject({ cost: 250_000, funding: 250_000, shortfall: 0, surplus: 0 });
  });

  it.each([
    { line: 'Ward funding per councillor', expected: byCouncillor, total: 105_000 },
    { line: 'Ward funding by need', expected: byPopulation, total: 145_000 },
  ])('shares $line ward by ward to the penny, adding up to £$total', ({ line, expected, total }) => {
    const rows = summary.allocation.filter((a) => a.line === line);
    expect(rows.map((a) => [a.locality, Math.round(a.amount * 100)])).toEqual(wards.map(([w], i) => [w, Number(expected[i])]));
    expect(rows.reduce((s, a) => s + Math.round(a.amount * 100), 0)).toBe(total * 100);
  });

  it("writes both lines on the Allocation sheet, each with its basis and a total, and each ward's total across them, under one header", () => {
    const heading = (text: string) => allocation.findIndex((r) => r[0] === text);
    const header = ['Locality', 'District', 'Basis', 'Share', year, 'Total'];
    const councillors = heading('Ward funding per councillor: shared in proportion to Councillors (Basis = Councillors)');
    expect(allocation[councillors + 1]).toEqual(header);
    expect(allocation[councillors + 2].slice(0, 3)).toEqual(['Acomb', null, 2]);
    expect(allocation[councillors + 2 + wards.length]).toEqual(['Total', null, null, 1, 105_000, 105_000]);
    const need = heading('Ward funding by need: shared in proportion to Deprivation-weighted population (Basis = Deprivation-weighted population)');
    expect(allocation[need + 1]).toEqual(header);
    expect(allocation[need + 2].slice(0, 3)).toEqual(['Acomb', null, 9412.5]);
    expect(allocation[need + 2 + wards.length]).toEqual(['Total', null, null, 1, 145_000, 145_000]);
    const totals = heading(`Each locality across every line (Share = its part of all 2 lines, ${year}; each line's basis is above)`);
    expect(allocation[totals + 1]).toEqual(header);
    wards.forEach(([w], i) => {
      const pounds = Number(byCouncillor[i] + byPopulation[i]) / 100;
      expect(allocation[totals + 2 + i]).toEqual([w, null, null, expect.closeTo(pounds / 250_000, 8), pounds, pounds]);
    });
    expect(allocation[totals + 2 + wards.length]).toEqual(['Total', null, null, 1, 250_000, 250_000]);
  });
});
