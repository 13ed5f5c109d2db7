import type ExcelJS from 'exceljs';
import path from 'node:path';
import { OWNERSHIP_SHEET, rangeAddress } from '../../src/engine';
import { main } from '../../src/cli/main';
import { createOfficeHost } from '../../src/excel/officeHost';
import { FakeExcel } from '../fakes/fakeExcel';
import { type Cell, type InputSpec, readWorkbook, tempFolder, writeInputWorkbook } from './workbookFiles';

/**
 * The run history on the command line (issue 14, part 5): each run that writes results
 * adds a row to Run info's Run history, from the record the workbook keeps, whichever
 * host made the run before; stdout says what changed since.
 */

const inputs = (unitCost: string): InputSpec[] => [
  { name: 'Localities', rows: [['Locality', 'District', 'IMD Rank'], ['Hillside', 'North', 120], ['Riverside', 'North', 40], ['Quayside', 'South', 15], ['Moorside', 'South', 300]] },
  { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2009/10'], ['Years', 3], ['Per district', 1]] },
  { name: 'Costs', rows: [['Cost line', 'Unit cost', 'Inflation'], ['Team manager', unitCost, 'None']] },
  { name: 'Funding', rows: [['Source', 'Kind', 'Annual amount'], ['Mainstream', 'Recurring', '£60,000']] },
];

const folder = tempFolder('lp-history-');
afterAll(() => folder.remove());

async function cli(argv: readonly string[], at: string): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => out.push(t) }, () => new Date(at));
  return { code, out: out.join('\n') };
}

/** The Run history table's rows on Run info, below its header: when (a real date, as ExcelJS reads it), run by, total cost, total shortfall. */
function historyRows(wb: ExcelJS.Workbook): Cell[][] {
  const ws = wb.getWorksheet('Run info')!;
  let header = 1;
  while (header <= ws.rowCount && ws.getCell(header, 1).value !== 'Run at (UTC)') header++;
  const rows: Cell[][] = [];
  for (let r = header + 1; r <= ws.rowCount && ws.getCell(r, 1).value !== null; r++) rows.push([1, 3, 5, 6].map((c) => ws.getCell(r, c).value as Cell));
  return rows;
}

describe('the run history on the command line', () => {
  it('adds a row each run and says what changed: a second run on an edited copy holds two rows', async () => {
    const file = folder.file('twice.xlsx');
    await writeInputWorkbook(file, inputs('£50,000'));
    const first = await cli(['run', file, '--in-place'], '2026-12-01T14:03:00Z');
    expect(first.code).toBe(0);
    expect(first.out).toContain('First run in this workbook: nothing to compare.');
    // A user raises the cost in the refreshed workbook, as another spreadsheet program would.
    const wb = await readWorkbook(file);
    wb.getWorksheet('Costs')!.getCell('B2').value = '£62,400';
    await wb.xlsx.writeFile(file);
    const second = await cli(['run', file, '--in-place'], '2026-12-02T09:30:00Z');
    expect(second.code).toBe(0);
    expect(second.out).toContain('Since the last run (1 Dec 2026 14:03 UTC, command-line tool): shortfall up £7,200.00; cost up £37,200.00; the same localities; 3 new warnings.');
    const rows = historyRows(await readWorkbook(file));
    expect(rows).toEqual([
      [new Date('2026-12-01T14:03:00Z'), 'command-line tool', 150_000, 0],
      [new Date('2026-12-02T09:30:00Z'), 'command-line tool', 187_200, 7_200],
    ]);
  });

  it('keeps one history when the add-in refreshed the workbook before the command-line tool', async () => {
    // The add-in runs on a fake Excel holding the inputs as tables.
    const fake = new FakeExcel({
      sheets: inputs('£50,000').map((i) => ({ name: i.name, cells: i.rows.map((r) => r.map((c) => c as string | number)), tables: [{ name: i.name, range: rangeAddress(0, 0, i.rows.length, i.rows[0].length) }] })),
    });
    const report = await createOfficeHost((batch) => batch(fake.context), { now: () => new Date('2026-12-01T10:00:00Z') }).run(() => undefined);
    expect(report.ok && report.changes).toEqual({ kind: 'first-run', restarted: false });
    // The same workbook saved and opened by the command-line tool: its inputs, and the record the add-in wrote.
    const file = folder.file('both.xlsx');
    const record = fake.values(OWNERSHIP_SHEET).map((r) => r.map((c) => (c === '' ? null : (c as Cell))));
    await writeInputWorkbook(file, inputs('£50,000'), [{ name: OWNERSHIP_SHEET, rows: record }]);
    const run = await cli(['run', file, '--in-place'], '2026-12-01T16:45:00Z');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Since the last run (1 Dec 2026 10:00 UTC, Excel add-in), on the same inputs: shortfall unchanged; the same localities; no new warnings.');
    expect(historyRows(await readWorkbook(file)).map((r) => r[1])).toEqual(['Excel add-in', 'command-line tool']);
  });

  it('prints nothing of it with --quiet, and a run stopped by input errors adds no row', async () => {
    const file = folder.file('quiet.xlsx');
    await writeInputWorkbook(file, inputs('£50,000'));
    const first = await cli(['run', file, '--in-place', '--quiet'], '2026-12-01T14:03:00Z');
    expect(first).toEqual({ code: 0, out: '' });
    const wb = await readWorkbook(file);
    wb.getWorksheet('Costs')!.getCell('B2').value = 'tbc';
    await wb.xlsx.writeFile(file);
    expect((await cli(['run', file, '--in-place'], '2026-12-01T15:00:00Z')).code).toBe(1);
    wb.getWorksheet('Costs')!.getCell('B2').value = '£50,000';
    await wb.xlsx.writeFile(file);
    const third = await cli(['run', file, '--in-place'], '2026-12-01T16:00:00Z');
    expect(third.out).toContain('Since the last run (1 Dec 2026 14:03 UTC, command-line tool), on the same inputs:');
    expect(historyRows(await readWorkbook(file))).toHaveLength(2);
  });

  it('gives a --results-only copy the Run history on Run info, and no record', async () => {
    const file = folder.file('copy.xlsx');
    await writeInputWorkbook(file, inputs('£50,000'));
    expect((await cli(['run', file, '--in-place'], '2026-12-01T14:03:00Z')).code).toBe(0);
    const copy = path.join(folder.dir, 'copy.results-only.xlsx');
    expect((await cli(['run', file, '--results-only', '--out', copy], '2026-12-01T15:00:00Z')).code).toBe(0);
    const wb = await readWorkbook(copy);
    expect(historyRows(wb).map((r) => r[0])).toEqual([new Date('2026-12-01T14:03:00Z'), new Date('2026-12-01T15:00:00Z')]);
    expect(wb.getWorksheet(OWNERSHIP_SHEET)).toBeUndefined();
  });
});
