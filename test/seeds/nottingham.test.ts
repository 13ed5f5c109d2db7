import type ExcelJS from 'exceljs';
import type { Summary } from '../../src/engine';
import { type Cell, projectionRow, readSummary, readWorkbook, runCli, sheetRows, tempFolder, writeInputWorkbook } from '../cli/workbookFiles';

/**
 * Nottingham's Neighbourhood Action Teams (seed 002, NANM "Strategic locality working",
 * Neighbourhood action in Nottingham): "20 Neighbourhood Action Teams", each "led by a
 * Neighbourhood Development Officer", deliver "through annual ward budgets. The budgets
 * are agreed each year … and are approved by local councillors."
 *
 * The seed gives no figures, so these are a Nottingham-style plan's: the city's 20 wards
 * of the time, an officer for each at £38,000, and ward budgets of £30,000 a ward set as
 * the Allocation pot (£600,000, shared equally). The rule under test is contract v1.1
 * §5.4: the ward budgets are spending. They are a cost line in Projection and in Total
 * cost, and a budget that pays only for the officers leaves a £600,000 shortfall, never a
 * "surplus" with "every year is funded".
 */

const wards = [
  'Arboretum', 'Aspley', 'Basford', 'Berridge', 'Bestwood', 'Bilborough', 'Bridge', 'Bulwell', 'Bulwell Forest', 'Clifton North',
  'Clifton South', 'Dales', 'Dunkirk and Lenton', 'Leen Valley', 'Mapperley', 'Radford and Park', 'Sherwood', "St Ann's", 'Wollaton East and Lenton Abbey', 'Wollaton West',
];
const officer = 38_000;
const perWard = 30_000;
const wardBudgets = perWard * wards.length;
const years = ['2018/19', '2019/20'];

function inputs(budget: number) {
  return [
    { name: 'Localities', rows: [['Locality', 'Wards'], ...wards.map((w) => [w, 1])] as Cell[][] },
    { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', years[0]], ['Years', years.length], ['Allocation pot', '£600k'], ['Allocation method', 'Equal']] as Cell[][] },
    { name: 'Costs', rows: [['Cost line', 'Applies to', 'Unit cost', 'Inflation'], ['Neighbourhood Development Officer', 'Each locality', officer, 'None']] as Cell[][] },
    { name: 'Funding', rows: [['Source', 'Kind', 'Annual amount'], ['City council budget', 'Recurring', budget]] as Cell[][] },
  ];
}

describe('Nottingham-style ward budgets are spending (seed 002, contract v1.1 §5.4)', () => {
  const tmp = tempFolder('lp-nottingham-');
  const runs: Record<string, { code: number; summary: Summary; projection: ExcelJS.Worksheet; warnings: Cell[][] }> = {};

  beforeAll(async () => {
    for (const [name, budget] of [['officers only', officer * wards.length], ['officers and ward budgets', officer * wards.length + wardBudgets]] as const) {
      const input = tmp.file(`${name}.xlsx`);
      await writeInputWorkbook(input, inputs(budget));
      const run = await runCli(['run', input, '--json', tmp.file(`${name}.json`)]);
      const wb = await readWorkbook(tmp.file(`${name}.results.xlsx`));
      runs[name] = { code: run.code, summary: readSummary(tmp.file(`${name}.json`)), projection: wb.getWorksheet('Projection')!, warnings: sheetRows(wb.getWorksheet('Warnings')!) };
    }
  });
  afterAll(() => tmp.remove());

  it('puts the ward budgets in Projection as the cost line "Allocation pot", inside Total cost', () => {
    const { code, projection, summary } = runs['officers only'];
    expect(code).toBe(0);
    expect(projectionRow(projection, 'Allocation pot')).toMatchObject({ [years[0]]: wardBudgets, [years[1]]: wardBudgets });
    expect(projectionRow(projection, 'Total cost')).toMatchObject({ [years[0]]: officer * wards.length + wardBudgets });
    expect(summary.projection.map((p) => p.cost)).toEqual(years.map(() => officer * wards.length + wardBudgets));
  });

  it('shows a budget that pays only the officers £600,000 short each year, not £600,000 in surplus', () => {
    const { summary, warnings } = runs['officers only'];
    expect(summary.projection.map((p) => [p.shortfall, p.surplus])).toEqual(years.map(() => [wardBudgets, 0]));
    expect(summary.warnings.filter((w) => w.code === 'SHORTFALL').map((w) => [w.severity, w.year, w.amount])).toEqual(years.map((y) => ['High', y, wardBudgets]));
    expect(String(warnings[1][0])).not.toContain('every year is funded');
  });

  it('balances exactly when the budget covers the ward budgets too', () => {
    const { summary } = runs['officers and ward budgets'];
    expect(summary.projection.map((p) => [p.shortfall, p.surplus])).toEqual(years.map(() => [0, 0]));
    expect(summary.warnings).toEqual([]);
  });

  it('gives each of the 20 wards £30,000 a year, to the penny', () => {
    const { summary } = runs['officers only'];
    for (const year of years) {
      const rows = summary.allocation.filter((a) => a.year === year);
      expect(rows.map((a) => [a.line, a.locality, a.amount])).toEqual(wards.map((w) => ['Allocation pot', w, perWard]));
    }
  });
});
