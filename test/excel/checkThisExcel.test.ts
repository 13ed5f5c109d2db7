import { PROBE_SHEET } from '../../src/excel/compatibilityProbe';
import { createOfficeHost } from '../../src/excel/officeHost';
import { BUDGET_SETTING, DEFAULT_REQUEST_BUDGET_BYTES, MIN_REQUEST_BUDGET_BYTES } from '../../src/excel/requestBudget';
import { FakeExcel } from '../fakes/fakeExcel';

/**
 * "Check this Excel" (About in the pane) on the fake Excel set up as different builds would
 * behave. What it finds on a real Excel can only be seen there: docs/verify-in-excel.md.
 */

const userSheets = [{ name: 'Budget 2025', cells: [['Keep me', 1]] }];
const check = (fake: FakeExcel) => createOfficeHost(fake.run, { isSetSupported: (n, v) => fake.isSetSupported(n, v), yieldToPaint: async () => undefined }).checkExcel();
const verdicts = (report: Awaited<ReturnType<typeof check>>) => Object.fromEntries(report.checks.map((c) => [c.id, c.passed]));

describe('Check this Excel', () => {
  it('on an Excel without the known faults, passes every check, keeps the default budget in the workbook and removes its sheet', async () => {
    const fake = new FakeExcel({ sheets: userSheets });
    fake.quirks.unfreezeOnHiddenSheetThrows = false;
    fake.quirks.emptyChartSeriesRefused = false;
    const report = await check(fake);
    expect(verdicts(report)).toEqual({ text: true, 'chart-axes': true, 'unfreeze-hidden': true, 'blank-series': true, 'print-and-alt-text': true, 'sheet-mark': true, payload: true });
    expect(report.requestBudgetBytes).toBe(DEFAULT_REQUEST_BUDGET_BYTES);
    expect(fake.model.settings).toEqual([{ key: BUDGET_SETTING, value: DEFAULT_REQUEST_BUDGET_BYTES }]);
    expect(fake.sheetNames()).toEqual(['Budget 2025']);
    expect(fake.values('Budget 2025')).toEqual([['Keep me', 1]]);
  });

  it('reports the faults of an older build, saying the planner avoids them', async () => {
    const fake = new FakeExcel({ sheets: userSheets });
    const report = await check(fake);
    const unfreeze = report.checks.find((c) => c.id === 'unfreeze-hidden')!;
    const blank = report.checks.find((c) => c.id === 'blank-series')!;
    expect([unfreeze.passed, blank.passed]).toEqual([false, false]);
    expect(unfreeze.detail).toMatch(/GeneralException.*office-js #1463.*not affected/);
    expect(blank.detail).toMatch(/EmptyChartSeries.*not affected/);
    expect(fake.sheetNames()).toEqual(['Budget 2025']);
  });

  it.each`
    keeps
    ${true}
    ${false}
  `('finds formula-like text kept as text whether or not a Text cell keeps typing ($keeps)', async ({ keeps }) => {
    const fake = new FakeExcel({ sheets: userSheets });
    fake.quirks.textFormatKeepsTyping = keeps;
    expect(verdicts(await check(fake)).text).toBe(true);
  });

  it.each`
    limit        | budget
    ${5_000_000} | ${DEFAULT_REQUEST_BUDGET_BYTES}
    ${1_500_000} | ${900_000}
    ${600_000}   | ${Math.floor(256 * 1024 * 0.9)}
    ${100_000}   | ${MIN_REQUEST_BUDGET_BYTES}
  `('calibrates the budget on an Excel that refuses requests over $limit bytes: $budget', async ({ limit, budget }) => {
    const fake = new FakeExcel({ sheets: userSheets });
    fake.requestLimitBytes = limit;
    fake.quirks.oversizeError = 'GeneralException';
    const report = await check(fake);
    expect(report.requestBudgetBytes).toBe(budget);
    expect(fake.model.settings).toEqual([{ key: BUDGET_SETTING, value: budget }]);
    expect(report.checks.find((c) => c.id === 'payload')!.passed).toBe(limit > 300_000);
    expect(fake.sheetNames()).toEqual(['Budget 2025']);
  });

  it('removes a check sheet an interrupted check left behind, and never leaves its own', async () => {
    const fake = new FakeExcel({ sheets: [...userSheets, { name: PROBE_SHEET, visibility: 'VeryHidden', cells: [['old']] }] });
    await check(fake);
    expect(fake.sheetNames()).toEqual(['Budget 2025']);
  });

  it('runs the next run within the budget it kept', async () => {
    const fake = new FakeExcel({ sheets: userSheets });
    fake.requestLimitBytes = 600_000;
    await check(fake);
    const kept = fake.model.settings[0].value as number;
    fake.requestLimitBytes = 5_000_000;
    const host = createOfficeHost(fake.run, { yieldToPaint: async () => undefined });
    await host.insertStarterTables();
    fake.resetCounters();
    const report = await host.run(() => undefined);
    expect(report.ok).toBe(true);
    expect(kept).toBeLessThan(300_000);
    expect(fake.largestRequestBytes).toBeLessThanOrEqual(kept);
  });
});
