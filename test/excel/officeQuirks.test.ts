import type { OutputPlan, SheetPlan } from '../../src/engine';
import { applyPlan } from '../../src/excel/applyPlan';
import { createOfficeHost } from '../../src/excel/officeHost';
import { readWorkbook } from '../../src/excel/readWorkbook';
import { ExcelSession } from '../../src/excel/session';
import { FakeExcel, type SheetSpec } from '../fakes/fakeExcel';

/**
 * The adapter against the Office.js behaviours real Excel is known for (issue 14), each
 * modelled by the fake (test/fakes/fakeExcel.ts, with its source there): the adapter passes
 * under every one of them. What only real Excel can show is in docs/verify-in-excel.md.
 */

const hostOver = (fake: FakeExcel) =>
  createOfficeHost(fake.run, { now: () => new Date('2026-03-31T09:00:00Z'), isSetSupported: (n, v) => fake.isSetSupported(n, v), yieldToPaint: async () => undefined });

/** Three localities, every one selected (no quotas), so the need-ranking chart's "Not selected" series is blank. */
const everyLocalitySelected: SheetSpec[] = [
  { name: 'Notes', cells: [['The council\u2019s own notes']] },
  { name: 'Localities', cells: [['Locality', 'District', 'IMD Score'], ['Alderbrook 001A', 'Alderbrook', 41.2], ['Alderbrook 002B', 'Alderbrook', 30.5], ['Castlemere 001A', 'Castlemere', 22.9]] },
  { name: 'Parameters', cells: [['Parameter', 'Value'], ['First year', '2025/26'], ['Years', 3], ['Cost per locality', 75000]], numberFormats: { B2: '@' } },
  { name: 'Funding', cells: [['Source', 'Annual amount'], ['Mainstream budget', 150000]] },
];

async function run(fake: FakeExcel) {
  const report = await hostOver(fake).run(() => undefined);
  if (!report.ok) throw new Error(report.issues.map((i) => i.message).join(' | '));
  return report;
}

/** Every operation of the write requests that touched the very hidden record sheet. */
function recordOperations(fake: FakeExcel): string[] {
  return fake.syncLog.flatMap((s) => (s.wire ?? []).map((w) => JSON.stringify(w))).filter((w) => w.includes('_LocalityPlanner'));
}

describe('the adapter on the Excel users may have', () => {
  it('re-runs without unfreezing, clearing formats of, or unhiding rows on the very hidden record sheet (office-js #1463)', async () => {
    const fake = new FakeExcel({ sheets: everyLocalitySelected });
    await run(fake);
    fake.keepOperations = true;
    fake.resetCounters();
    await run(fake);
    const record = recordOperations(fake);
    expect(record.length).toBeGreaterThan(0);
    expect(record.filter((w) => /unfreeze|freeze|rowHidden|"clear","a":\["(All|Formats)"\]/.test(w))).toEqual([]);
    expect(record.some((w) => w.includes('"clear","a":["Contents"]'))).toBe(true);
    expect(fake.sheet('_LocalityPlanner').visibility).toBe('VeryHidden');
  });

  it('makes a results sheet a user hid visible before unfreezing it, so the re-run succeeds on builds that refuse hidden sheets', async () => {
    const fake = new FakeExcel({ sheets: everyLocalitySelected });
    await run(fake);
    fake.sheet('Priorities').visibility = 'Hidden';
    fake.sheet('Priorities').freeze = { rows: 4, columns: 1 };
    await run(fake);
    expect(fake.sheet('Priorities').visibility).toBe('Visible');
  });

  it('waits while a cell is being edited, then runs (Excel.run with delayForCellEdit), instead of failing', async () => {
    const fake = new FakeExcel({ sheets: everyLocalitySelected });
    fake.enterCellEditMode();
    let finished = false;
    const running = run(fake).then(() => {
      finished = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(finished).toBe(false);
    fake.exitCellEditMode();
    await running;
    expect(fake.sheetNames()).toContain('Projection');
  });

  it('asks Excel.run to delay for cell edit on every batch when running in the add-in', async () => {
    const fake = new FakeExcel({ sheets: everyLocalitySelected });
    const calls: Excel.RunOptions[] = [];
    const global = globalThis as { Excel?: unknown };
    global.Excel = {
      run: (options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<unknown>) => {
        calls.push(options);
        return fake.run(batch, options);
      },
    };
    try {
      await createOfficeHost(undefined, { isSetSupported: () => false, yieldToPaint: async () => undefined }).findInputs();
      expect(calls).toEqual([{ delayForCellEdit: true }]);
    } finally {
      delete global.Excel;
    }
  });

  it('leaves a chart series with no values out of the chart instead of formatting it (EmptyChartSeries), and hides an empty axis title', async () => {
    const fake = new FakeExcel({ sheets: everyLocalitySelected });
    await run(fake);
    const need = fake.charts('Charts').find((c) => c.name === 'LP_Chart_NeedRanking')!;
    expect(need.series.map((s) => [s.name, s.format.fill.color])).toEqual([['Selected', '#332288']]);
    expect(need.axes.categoryAxis.title).toEqual({ text: '', visible: false });
    expect(need.axes.valueAxis.title.text).toBe('Need score (100 = most deprived)');
  });

  it('adds the tables on their own sheet whichever sheet the user is looking at', async () => {
    const fake = new FakeExcel({ sheets: everyLocalitySelected, active: 'Notes' });
    await run(fake);
    expect(fake.tables().filter((t) => t.name.startsWith('LP_')).every((t) => t.sheet !== 'Notes')).toBe(true);
    expect(fake.tables().find((t) => t.name === 'LP_Priorities')?.sheet).toBe('Priorities');
  });

  it('fails with a plain message when Excel refuses a small request, rather than sending it again', async () => {
    const fake = new FakeExcel({ sheets: everyLocalitySelected });
    fake.failSync('GeneralException', { sync: 3 });
    await expect(run(fake)).rejects.toMatchObject({ code: 'GeneralException', message: expect.stringContaining('internal error') });
    expect(fake.syncLog.filter((s) => s.error === 'GeneralException')).toHaveLength(1);
  });
});

const empty = { columnWidths: [], rowHeights: [], numberFormats: [], styles: [], tables: [], conditionalFormats: [], charts: [], freeze: { rows: 0, columns: 0 }, page: null } as const;

/** A plan whose sheet and record hold every kind of text Excel would take for something else. */
function textPlan(text: string): OutputPlan {
  // As the engine plans it: its text cells formatted as Text.
  const notes: SheetPlan = { name: 'Warnings', visibility: 'visible', cells: [['Message'], [text], ['plain'], [42]], ...empty, numberFormats: [{ range: { row: 0, column: 0, rows: 3, columns: 1 }, numberFormat: 'text' }] };
  const ownership: SheetPlan = { name: '_LocalityPlanner', visibility: 'very-hidden', cells: [['Record'], ['sheet', text]], ...empty, numberFormats: [{ range: { row: 0, column: 0, rows: 2, columns: 2 }, numberFormat: 'text' }] };
  return { sheets: [notes], ownership, activeSheet: 'Warnings' };
}

async function applyTwice(fake: FakeExcel, plan: OutputPlan): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const listing = await readWorkbook(new ExcelSession(fake.context));
    await applyPlan(new ExcelSession(fake.context), plan, listing);
  }
}

describe('text written through Office.js', () => {
  const cases = ['=HYPERLINK("http://evil.example","click")', '+44 1827 709709', '-£5,000 cut', '@SUM(A1)', '=', "'quoted already", '007', '2012/13', 'TRUE', '1/4'];
  const hosts = [
    ['keeps what it is given in a Text cell', true],
    ['parses a Text cell like any other', false],
  ] as const;

  it.each(hosts.flatMap(([label, keeps]) => cases.map((text) => [text, label, keeps] as const)))(
    'stays the text %s, on the results and the very hidden record, first run and re-run, where Excel %s',
    async (text, _label, keeps) => {
      const fake = new FakeExcel({ sheets: [{ name: 'Inputs' }] });
      fake.quirks.textFormatKeepsTyping = keeps;
      await applyTwice(fake, textPlan(text));
      for (const [sheet, address] of [['Warnings', 'A2'], ['_LocalityPlanner', 'B2']]) {
        const cell = fake.cell(sheet, address)!;
        expect({ sheet, value: cell.value, formula: cell.formula }).toEqual({ sheet, value: text, formula: undefined });
      }
      expect(fake.cell('Warnings', 'A2')!.numberFormat).toBe('@');
      expect(fake.cell('Warnings', 'A4')!.value).toBe(42);
    },
  );
});
