import type ExcelJS from 'exceljs';
import type { Summary } from '../../src/engine';
import { type Cell, projectionRow, readSummary, readWorkbook, runCli, sheetRows, tempFolder, writeInputWorkbook } from '../cli/workbookFiles';

/**
 * Barnsley's area councils (seed 002, NANM "Strategic locality working", Layers of
 * engagement): "The councils have £2.1m budget allocated equally by number of wards in
 * the area." Six area councils over Barnsley's 21 wards.
 */

const areaCouncils: readonly (readonly [string, number])[] = [
  ['Central', 5],
  ['North', 4],
  ['North East', 4],
  ['Dearne', 2],
  ['Penistone', 2],
  ['South', 4],
];
const pot = 2_100_000;
const totalWards = areaCouncils.reduce((a, [, w]) => a + w, 0);
const years = ['2016/17', '2017/18', '2018/19'];

describe('Barnsley: £2.1m shared Per ward across six area councils (seed 002)', () => {
  const tmp = tempFolder('lp-barnsley-');
  let code: number;
  let summary: Summary;
  let allocation: Cell[][];
  let projection: ExcelJS.Worksheet;

  beforeAll(async () => {
    const input = tmp.file('barnsley.xlsx');
    await writeInputWorkbook(input, [
      { name: 'Localities', rows: [['Area', 'Ward count'], ...areaCouncils.map(([name, wards]) => [name, wards])] },
      {
        name: 'Parameters',
        rows: [['Parameter', 'Value'], ['First year', '2016/17'], ['Years', years.length], ['Allocation pot', '£2,100,000'], ['Allocation method', 'Per ward']],
      },
    ]);
    ({ code } = await runCli(['run', input, '--json', tmp.file('barnsley.json')]));
    summary = readSummary(tmp.file('barnsley.json'));
    const results = await readWorkbook(tmp.file('barnsley.results.xlsx'));
    allocation = sheetRows(results.getWorksheet('Allocation')!);
    projection = results.getWorksheet('Projection')!;
  });
  afterAll(() => tmp.remove());

  it('counts 21 wards, so each ward brings £100,000', () => {
    expect(code).toBe(0);
    expect(totalWards).toBe(21);
    expect(pot / totalWards).toBe(100_000);
  });

  it('selects every area council, as neither quota is set', () => {
    expect(summary.selected.map((s) => [s.locality, s.reason])).toEqual(expect.arrayContaining(areaCouncils.map(([name]) => [name, 'all'])));
    expect(summary.selected).toHaveLength(areaCouncils.length);
  });

  it.each(areaCouncils.map(([name, wards]) => ({ name, wards, amount: (pot / totalWards) * wards })))(
    'gives $name ($wards wards) £$amount every year',
    ({ name, amount }) => {
      const rows = summary.allocation.filter((a) => a.locality === name);
      expect(rows.map((a) => a.year)).toEqual(years);
      expect(rows.every((a) => a.amount === amount)).toBe(true);
    },
  );

  it('counts the £2.1m as spending (contract v1.1 §5.4): the cost line "Allocation pot" in Projection and in Total cost', () => {
    expect(projectionRow(projection, 'Allocation pot')).toMatchObject(Object.fromEntries(years.map((y) => [y, pot])));
    expect(summary.projection.map((p) => p.cost)).toEqual(years.map(() => pot));
    // Nothing in this workbook funds it: the area councils' budget is a gap to fund, not a surplus.
    expect(summary.projection.map((p) => p.shortfall)).toEqual(years.map(() => pot));
    expect(summary.allocation.every((a) => a.line === 'Allocation pot')).toBe(true);
  });

  it.each(years)('adds up to £2,100,000.00 exactly in %s', (year) => {
    const pence = summary.allocation.filter((a) => a.year === year).reduce((a, b) => a + Math.round(b.amount * 100), 0);
    expect(pence).toBe(pot * 100);
  });

  it('writes each council\'s amount and a total of £2,100,000 on the Allocation sheet', () => {
    const header = allocation.findIndex((r) => r[0] === 'Locality');
    expect(allocation[header]).toEqual(['Locality', 'District', 'Wards', 'Share', ...years, 'Total']);
    const central = allocation.find((r) => r[0] === 'Central')!;
    expect(central[2]).toBe(5);
    expect(central[3]).toBeCloseTo(5 / 21, 9);
    expect(central.slice(4)).toEqual([500_000, 500_000, 500_000, 1_500_000]);
    const total = allocation.find((r) => r[0] === 'Total')!;
    expect(total.slice(4)).toEqual([pot, pot, pot, pot * years.length]);
  });
});
