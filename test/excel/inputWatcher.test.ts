import type { CellAddress, Issue } from '../../src/engine';
import { RELIST_AFTER_MS } from '../../src/excel/inputWatcher';
import { createOfficeHost } from '../../src/excel/officeHost';
import { FakeExcel } from '../fakes/fakeExcel';

const settle = () => new Promise((resolve) => setTimeout(resolve, RELIST_AFTER_MS + 100));
const hostOver = (fake: FakeExcel) =>
  createOfficeHost(fake.run, { now: () => new Date('2026-11-23T14:32:00Z'), isSetSupported: (n, v) => fake.isSetSupported(n, v), yieldToPaint: async () => undefined });

const workbook = () =>
  new FakeExcel({
    sheets: [
      { name: 'Notes', cells: [['Our notes']] },
      { name: 'Localities', cells: [['Locality', 'IMD Score'], ['Alderbrook 001A', 41.2], ['Castlemere 001A', 22.9]] },
      { name: 'Parameters', cells: [['Parameter', 'Value'], ['First year', '2025/26']], numberFormats: { B2: '@' } },
      { name: 'Costs', cells: [['Cost line', 'Unit cost'], ['Locality Manager', 48000]] },
    ],
  });

describe('watching the inputs', () => {
  it('hears an edit on an input sheet, and not one on the user\u2019s other sheets or the planner\u2019s own results', async () => {
    const fake = workbook();
    const host = hostOver(fake);
    let changes = 0;
    const stop = await host.watchInputs(() => changes++);
    await fake.userTypes('Notes', 'A2', [['more notes']]);
    expect(changes).toBe(0);
    await host.run(() => undefined);
    await settle();
    expect(changes).toBe(0);
    await fake.userTypes('Costs', 'B2', [[50000]]);
    expect(changes).toBe(1);
    stop();
    await settle();
    await fake.userTypes('Costs', 'B2', [[52000]]);
    expect(changes).toBe(1);
  });

  it('looks at the sheets at most twice for the burst of sheets a run adds, instead of once a sheet', async () => {
    const quiet = workbook();
    await hostOver(quiet).run(() => undefined);
    const watched = workbook();
    const host = hostOver(watched);
    await host.watchInputs(() => undefined);
    watched.resetCounters();
    await host.run(() => undefined);
    await settle();
    expect(watched.syncCount - quiet.syncCount).toBeGreaterThan(0);
    expect(watched.syncCount - quiet.syncCount).toBeLessThanOrEqual(2);
  });

  it('hears starter tables being inserted, since they are new inputs', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Sheet1' }] });
    const host = hostOver(fake);
    let changes = 0;
    await host.watchInputs(() => changes++);
    await host.insertStarterTables();
    await settle();
    expect(changes).toBeGreaterThan(0);
  });

  it('hears an input sheet being deleted', async () => {
    const fake = workbook();
    const host = hostOver(fake);
    let changes = 0;
    await host.watchInputs(() => changes++);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Costs').delete();
      await context.sync();
    });
    await settle();
    expect(changes).toBe(1);
  });
});

describe('writing the issues to a sheet', () => {
  const issues: Issue[] = [
    { code: 'BAD_AMOUNT', field: 'Annual amount', found: 'tbc', severity: 'error', table: 'Funding', sheet: 'Funding', cell: 'C4' as CellAddress, message: 'Annual amount must be an amount such as £75,000; found "tbc".' },
    { code: 'HIDDEN_ROWS', name: 'Localities', severity: 'warning', table: 'Localities', sheet: 'Localities', message: 'Localities has hidden or filtered rows; they are still read and used.' },
    { code: 'BAD_AMOUNT', field: 'Unit cost', found: '=HYPERLINK("x")', severity: 'error', table: 'Costs', sheet: 'Costs', cell: 'D2' as CellAddress, message: '=HYPERLINK("x") is not an amount.' },
  ];

  it('writes one row an issue on a new sheet, text as text, and shows it', async () => {
    const fake = workbook();
    const { sheet } = await hostOver(fake).writeIssuesSheet(issues);
    expect(sheet).toBe('Input problems');
    expect(fake.values(sheet, 'A2:E5')).toEqual([
      ['What to do', 'Table', 'Sheet', 'Cell', 'Problem'],
      ['Must fix', 'Funding', 'Funding', 'C4', 'Annual amount must be an amount such as £75,000; found "tbc".'],
      ['Check', 'Localities', 'Localities', null, 'Localities has hidden or filtered rows; they are still read and used.'],
      ['Must fix', 'Costs', 'Costs', 'D2', '=HYPERLINK("x") is not an amount.'],
    ]);
    expect(fake.cell(sheet, 'E5')!.formula).toBeUndefined();
    expect(String(fake.values(sheet, 'A1')[0][0])).toContain('23 November 2026');
    expect(fake.model.active?.name).toBe(sheet);
  });

  it('never writes over an existing sheet: each time gets a new one', async () => {
    const fake = workbook();
    const host = hostOver(fake);
    await host.writeIssuesSheet(issues);
    await fake.userTypes('Input problems', 'F3', [['done']]);
    const second = await host.writeIssuesSheet(issues.slice(0, 1));
    expect(second.sheet).toBe('Input problems 2');
    expect(fake.values('Input problems', 'F3')).toEqual([['done']]);
  });
});
