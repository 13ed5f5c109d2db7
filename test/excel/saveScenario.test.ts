import { type TriedChange, type WorkbookInput, changeChoices, tryChanges } from '../../src/engine';
import type { RunReport } from '../../src/excel/host';
import { createOfficeHost } from '../../src/excel/officeHost';
import { FakeExcel, type SheetSpec } from '../fakes/fakeExcel';

/**
 * Save as scenario in the Office.js adapter (issue 12, contract v1.1 §6.1), on the fake
 * Excel: the tried changes become a column of the Scenarios table, the table is made when
 * the workbook has none, nothing else changes, and the next run plans the saved scenario
 * to the same figures Try a change showed.
 */
const fixedNow = () => new Date('2026-03-31T09:00:00Z');
const hostOver = (fake: FakeExcel) => createOfficeHost(fake.run, { now: fixedNow, isSetSupported: (name, version) => fake.isSetSupported(name, version), yieldToPaint: async () => undefined });

type Finished = Extract<RunReport, { ok: true }>;

async function runOk(fake: FakeExcel): Promise<Finished> {
  const report = await hostOver(fake).run(() => undefined);
  if (!report.ok) throw new Error(report.issues.map((i) => `${i.sheet ?? i.table}!${i.cell ?? ''}: ${i.message}`).join('\n'));
  return report;
}

/** The starter tables made by the add-in's own button, plus any sheets given, and one run (so the output Scenarios sheet exists). */
async function workbookAfterARun(extra: SheetSpec[] = []): Promise<{ fake: FakeExcel; report: Finished }> {
  const fake = new FakeExcel({ sheets: [{ name: 'Sheet1' }, ...extra] });
  await hostOver(fake).insertStarterTables();
  const report = await runOk(fake);
  fake.resetCounters();
  return { fake, report };
}

/** Two changes a user might try: a parameter and a funding line's status (from the engine's own choices). */
function twoChanges(input: WorkbookInput): TriedChange[] {
  const choices = changeChoices(input);
  const pay = choices.find((c) => c.label === 'Pay inflation')!;
  const status = choices.find((c) => c.group === 'Funding' && c.label.endsWith(': Status'))!;
  return [
    { ...pay.change, value: '5%' },
    { ...status.change, value: 'At risk' },
  ];
}

/** Every sheet's cells and every table, but the named sheets. */
const everythingBut = (fake: FakeExcel, ...sheets: string[]) => ({
  cells: fake.sheetNames().filter((s) => !sheets.includes(s)).map((s) => [s, fake.values(s)]),
  tables: fake.tables().filter((t) => !sheets.includes(t.sheet)),
});

describe('Save as scenario in the Office host', () => {
  it('creates a Scenarios table on a new sheet "What if" when the workbook has none, in two syncs, changing nothing else', async () => {
    const { fake, report } = await workbookAfterARun();
    const before = everythingBut(fake, 'What if');
    const changes = twoChanges(report.input);
    const saved = await hostOver(fake).saveScenario('Pay rises', changes, report.input);
    expect(saved).toEqual({ ok: true, name: 'Pay rises', sheet: 'What if', created: true, rowsAdded: 2, rowsReused: 0 });
    expect(fake.syncCount).toBe(2);
    expect(fake.tables().find((t) => t.name === 'Scenarios')).toMatchObject({ sheet: 'What if', address: 'A1:D3' });
    expect(fake.values('What if')).toEqual([
      ['Table', 'Item', 'Field', 'Pay rises'],
      ['Parameters', 'Pay inflation', null, '5%'],
      ['Funding', changes[1].item, 'Status', 'At risk'],
    ]);
    expect(everythingBut(fake, 'What if')).toEqual(before);
  });

  it('adds a column to the Scenarios table there is, reusing a row it has and adding one it lacks, in three syncs', async () => {
    const { fake, report } = await workbookAfterARun([
      { name: 'My cases', cells: [['Table', 'Item', 'Field', 'Low'], ['Parameters', 'Pay inflation', null, '1%'], ['Parameters', 'Non-pay inflation', null, '0%']], tables: [{ name: 'Scenarios', range: 'A1:D3' }] },
      { name: 'Notes', cells: [['Keep me']] },
    ]);
    const before = everythingBut(fake, 'My cases');
    const changes = twoChanges(report.input);
    const saved = await hostOver(fake).saveScenario('Pay rises', changes, report.input);
    expect(saved).toEqual({ ok: true, name: 'Pay rises', sheet: 'My cases', created: false, rowsAdded: 1, rowsReused: 1 });
    expect(fake.syncCount).toBe(3);
    expect(fake.tables().find((t) => t.name === 'Scenarios')).toMatchObject({ sheet: 'My cases', address: 'A1:E4' });
    expect(fake.values('My cases')).toEqual([
      ['Table', 'Item', 'Field', 'Low', 'Pay rises'],
      ['Parameters', 'Pay inflation', null, '1%', '5%'],
      ['Parameters', 'Non-pay inflation', null, '0%', null],
      ['Funding', changes[1].item, 'Status', null, 'At risk'],
    ]);
    expect(everythingBut(fake, 'My cases')).toEqual(before);
  });

  it.each([
    ['a name the table has, in other case', 'low', 'already has a scenario of that name'],
    ['a case every run plans', 'Base', 'cases every run plans'],
    ['a blank name', '   ', 'Give the scenario a name'],
  ])('refuses %s with a plain message and writes nothing', async (_, name, message) => {
    const { fake, report } = await workbookAfterARun([{ name: 'My cases', cells: [['Table', 'Item', 'Field', 'Low'], ['Parameters', 'Pay inflation', null, '1%']], tables: [{ name: 'Scenarios', range: 'A1:D2' }] }]);
    const before = everythingBut(fake);
    const saved = await hostOver(fake).saveScenario(name, twoChanges(report.input), report.input);
    expect(saved.ok).toBe(false);
    expect(!saved.ok && saved.message).toContain(message);
    expect(everythingBut(fake)).toEqual(before);
  });

  it('is planned by the next run to the figures Try a change showed', async () => {
    const { fake, report } = await workbookAfterARun();
    const changes = twoChanges(report.input);
    const tried = tryChanges(report.input, changes, { now: fixedNow(), toolVersion: 'test', host: 'Excel add-in' });
    if (!tried.ok) throw new Error('the tried changes should plan');
    await hostOver(fake).saveScenario('Pay rises', changes, report.input);
    const next = await runOk(fake);
    const planned = next.summary.scenarios.find((c) => c.name === 'Pay rises');
    expect(planned).toEqual({ ...tried.tried, name: 'Pay rises' });
    // Saved twice: the second scenario is a column of the table the first one made.
    await hostOver(fake).saveScenario('Pay rises again', changes, next.input);
    const third = await runOk(fake);
    expect(third.summary.scenarios.find((c) => c.name === 'Pay rises again')).toEqual({ ...tried.tried, name: 'Pay rises again' });
  });
});

describe('the fake Excel table columns and rows', () => {
  it('refuses a column name the table already has, as Excel does', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'S', cells: [['Item', 'Low'], ['Pay', 1]], tables: [{ name: 'T', range: 'A1:B2' }] }] });
    await expect(fake.run(async (context) => {
      context.workbook.tables.getItem('T').columns.add(undefined, [['low'], [2]]);
      await context.sync();
    }, {})).rejects.toThrow('already has a column named');
    expect(fake.values('S')).toEqual([['Item', 'Low'], ['Pay', 1]]);
  });

  it('refuses to grow a table over cells that are not empty (Excel would shift them; the fake does not)', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'S', cells: [['Item', 'Low'], ['Pay', 1], ['Below', null]], tables: [{ name: 'T', range: 'A1:B2' }] }] });
    await expect(fake.run(async (context) => {
      context.workbook.tables.getItem('T').rows.add(undefined, [['Non-pay', 2]]);
      await context.sync();
    }, {})).rejects.toThrow('not empty');
  });
});
