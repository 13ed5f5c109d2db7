import { type OutputCell, type OutputPlan, type SheetPlan, numberFormats } from '../../src/engine';
import { applyPlan, charactersToPoints } from '../../src/excel/applyPlan';
import { readWorkbook } from '../../src/excel/readWorkbook';
import { ExcelSession } from '../../src/excel/session';
import { FakeExcel } from '../fakes/fakeExcel';

const empty = { columnWidths: [], rowHeights: [], numberFormats: [], styles: [], tables: [], conditionalFormats: [], charts: [], freeze: { rows: 0, columns: 0 }, page: null } as const;

function sheet(name: string, cells: readonly (readonly OutputCell[])[], more: Partial<SheetPlan> = {}): SheetPlan {
  return { name, visibility: 'visible', cells, ...empty, ...more };
}

/** A small plan shaped like the engine's: a Projection with a chart, and the ownership record. */
function plan(extra: readonly SheetPlan[] = []): OutputPlan {
  const projection = sheet(
    'Projection',
    [
      ['Projection'],
      [],
      ['Year', 'Recurring funding', 'Drawn from pots', 'Shortfall', 'Total cost'],
      ['2011/12', 429600, 200200, 0, 629800],
      ['2012/13', 429600, 150800, 139400, 719800],
    ],
    {
      columnWidths: [30, 14, 14, 14, 14],
      // As the engine plans it: every text cell formatted as Text.
      numberFormats: [
        { range: { row: 3, column: 1, rows: 2, columns: 4 }, numberFormat: 'money' },
        { range: { row: 0, column: 0, rows: 5, columns: 1 }, numberFormat: 'text' },
        { range: { row: 2, column: 1, rows: 1, columns: 4 }, numberFormat: 'text' },
      ],
      styles: [
        { range: { row: 0, column: 0, rows: 1, columns: 1 }, bold: true, fontSize: 14, fontColor: '#1F4E78' },
        { range: { row: 2, column: 0, rows: 1, columns: 5 }, fill: '#DDEBF7', border: { edge: 'bottom', color: '#7F7F7F' }, horizontalAlignment: 'center', wrap: true },
      ],
      tables: [{ name: 'LP_Projection', range: { row: 2, column: 0, rows: 3, columns: 5 }, style: 'TableStyleMedium2', showBandedRows: false }],
      conditionalFormats: [
        { kind: 'cell-value', range: { row: 3, column: 3, rows: 2, columns: 1 }, greaterThan: 0, fill: '#FFC7CE', fontColor: '#9C0006' },
        { kind: 'data-bar', range: { row: 3, column: 4, rows: 2, columns: 1 }, color: '#5B9BD5', min: 0, max: 720000 },
      ],
      charts: [
        {
          name: 'LP_Chart_CostFunding',
          title: 'Cost against funding by year',
          altText: 'Funding falls short from 2012/13; £139,400 over two years.',
          type: 'column-stacked',
          data: { row: 2, column: 0, rows: 3, columns: 5 },
          series: [
            { column: 1, color: '#2E75B6', as: 'bars' },
            { column: 2, color: '#FFC000', as: 'bars' },
            { column: 3, color: '#C00000', as: 'bars' },
            { column: 4, color: '#404040', as: 'line', marker: 'circle', dash: 'solid' },
          ],
          anchor: { from: { row: 0, column: 6 }, to: { row: 20, column: 14 } },
          valueAxis: { title: 'Pounds', numberFormat: 'whole' },
          categoryAxis: { title: 'Financial year', reversed: true, valueAxisCrosses: 'at-last-category' }, legend: 'bottom',
        },
      ],
      freeze: { rows: 3, columns: 1 },
      tabColor: '#548235',
    },
  );
  const sheets = [projection, ...extra];
  const ownership = sheet(
    '_LocalityPlanner',
    [['Locality Planner ownership record'], ['Record version', '1'], ['Kind', 'Name', 'Sheet'], ...sheets.map((s) => ['sheet', s.name, s.name])],
    { visibility: 'very-hidden', numberFormats: [{ range: { row: 0, column: 0, rows: 3 + sheets.length, columns: 3 }, numberFormat: 'text' }] },
  );
  return { sheets, ownership, activeSheet: 'Projection' };
}

async function apply(fake: FakeExcel, outputPlan: OutputPlan, budgetBytes?: number): Promise<ExcelSession> {
  const listing = await readWorkbook(new ExcelSession(fake.context));
  fake.resetCounters();
  const session = new ExcelSession(fake.context, { budgetBytes });
  await applyPlan(session, outputPlan, listing);
  return session;
}

const userSheet = { name: 'My notes', cells: [['Keep me', 1]] };

describe('writing the output plan', () => {
  it('writes values, number formats, styles, widths and freeze panes', async () => {
    const fake = new FakeExcel({ sheets: [userSheet] });
    await apply(fake, plan());
    expect(fake.values('Projection', 'A3:E5')).toEqual([
      ['Year', 'Recurring funding', 'Drawn from pots', 'Shortfall', 'Total cost'],
      ['2011/12', 429600, 200200, 0, 629800],
      ['2012/13', 429600, 150800, 139400, 719800],
    ]);
    expect(fake.cell('Projection', 'E5')!.numberFormat).toBe(numberFormats.money);
    expect(fake.cell('Projection', 'A1')!.style).toMatchObject({ bold: true, fontSize: 14, fontColor: '#1F4E78' });
    expect(fake.cell('Projection', 'C3')!.style).toMatchObject({ fill: '#DDEBF7', horizontalAlignment: 'Center', wrapText: true, borders: { EdgeBottom: { style: 'Continuous', color: '#7F7F7F' } } });
    expect(fake.sheet('Projection').columnWidths.get(0)).toBe(charactersToPoints(30));
    expect(fake.sheet('Projection').freeze).toEqual({ rows: 3, columns: 1 });
    expect(fake.sheet('Projection').tabColor).toBe('#548235');
    expect(fake.values('My notes')).toEqual([['Keep me', 1]]);
  });

  it('formats the text cells the plan marks as Text once their values are in, so year labels stay text', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan());
    expect(fake.cell('Projection', 'A4')).toMatchObject({ value: '2011/12', numberFormat: '@' });
    expect(fake.cell('_LocalityPlanner', 'B2')!.value).toBe('1');
  });

  it('adds tables over the written values, then names and styles them', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan());
    expect(fake.tables()).toEqual([{ name: 'LP_Projection', sheet: 'Projection', address: 'A3:E5', style: 'TableStyleMedium2', showBandedRows: false }]);
  });

  it('adds conditional formats with explicit data-bar bounds', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan());
    const [cellValue, dataBar] = fake.conditionalFormats('Projection');
    expect(cellValue).toMatchObject({
      type: 'CellValue',
      rect: { row: 3, column: 3, rows: 2, columns: 1 },
      cellValue: { rule: { formula1: '=0', operator: 'GreaterThan' }, format: { fill: { color: '#FFC7CE' }, font: { color: '#9C0006' } } },
    });
    expect(dataBar).toMatchObject({
      type: 'DataBar',
      dataBar: { lowerBoundRule: { type: 'Number', formula: '=0' }, upperBoundRule: { type: 'Number', formula: '=720000' }, positiveFormat: { fillColor: '#5B9BD5' } },
    });
  });

  it('draws native charts with series by columns, the cost as a line, colours, titles and axes', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan());
    const [chart] = fake.charts('Projection');
    expect(chart).toMatchObject({
      name: 'LP_Chart_CostFunding',
      chartType: 'ColumnStacked',
      seriesBy: 'Columns',
      source: { row: 2, column: 0, rows: 3, columns: 5 },
      title: { text: 'Cost against funding by year' },
      position: { from: 'G1', to: 'O21' },
      axes: { valueAxis: { numberFormat: numberFormats.whole, title: { text: 'Pounds' } }, categoryAxis: { reversePlotOrder: true, position: 'Maximum', title: { text: 'Financial year' } } },
    });
    expect(chart.series.map((s) => [s.name, s.chartType, s.format.fill.color, s.format.line.color])).toEqual([
      ['Recurring funding', '', '#2E75B6', null],
      ['Drawn from pots', '', '#FFC000', null],
      ['Shortfall', '', '#C00000', null],
      ['Total cost', 'LineMarkers', null, '#404040'],
    ]);
  });

  it('builds a chart from the series with values when one between them is blank, never adding or formatting the blank one', async () => {
    const fake = new FakeExcel();
    const base = plan();
    const projection = base.sheets[0];
    // "Drawn from pots" blank in every year: no pots.
    const cells = projection.cells.map((row, r) => (r >= 3 ? row.map((v, c) => (c === 2 ? null : v)) : row));
    await apply(fake, { ...base, sheets: [{ ...projection, cells }] });
    const [chart] = fake.charts('Projection');
    expect(chart.series.map((s) => [s.name, s.chartType, s.format.fill.color, s.format.line.color])).toEqual([
      ['Recurring funding', '', '#2E75B6', null],
      ['Shortfall', '', '#C00000', null],
      ['Total cost', 'LineMarkers', null, '#404040'],
    ]);
    expect(chart.series.map((s) => s.categories)).toEqual([3, 3, 3].map(() => ({ row: 3, column: 0, rows: 2, columns: 1 })));
    expect(chart.series.map((s) => s.values?.column)).toEqual([1, 3, 4]);
  });

  it('records ownership on a very hidden sheet, and shows the active sheet', async () => {
    const fake = new FakeExcel({ sheets: [userSheet] });
    await apply(fake, plan());
    expect(fake.sheetNames()).toEqual(['My notes', '_LocalityPlanner', 'Projection']);
    expect(fake.sheet('_LocalityPlanner').visibility).toBe('VeryHidden');
    expect(fake.values('_LocalityPlanner', 'A4:C4')).toEqual([['sheet', 'Projection', 'Projection']]);
    expect(fake.model.active?.name).toBe('Projection');
  });

  it('replaces its own sheets in place on a re-run: no duplicate sheets, tables or charts, nothing stale', async () => {
    const fake = new FakeExcel({ sheets: [userSheet] });
    const big = sheet('Warnings', [['Severity', 'Message'], ...Array.from({ length: 30 }, (_, i) => ['High', `warning ${i}`])]);
    await apply(fake, plan([big]));
    await apply(fake, plan([sheet('Warnings', [['Severity', 'Message'], ['Low', 'only one']])]));
    expect(fake.sheetNames()).toEqual(['My notes', '_LocalityPlanner', 'Projection', 'Warnings']);
    expect(fake.tables().map((t) => t.name)).toEqual(['LP_Projection']);
    expect(fake.charts('Projection').map((c) => c.name)).toEqual(['LP_Chart_CostFunding']);
    expect(fake.conditionalFormats('Projection')).toHaveLength(2);
    expect(fake.values('Warnings')).toEqual([['Severity', 'Message'], ['Low', 'only one']]);
    expect(fake.sheet('_LocalityPlanner').visibility).toBe('VeryHidden');
  });

  it('unhides rows a user hid on a results sheet', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan());
    fake.sheet('Projection').hiddenRows.add(3);
    await apply(fake, plan());
    expect(fake.sheet('Projection').hiddenRows.size).toBe(0);
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")'],
    ['+44 1827 709709'],
    ['-£5,000 cut'],
    ['@SUM(A1)'],
    ["'quoted already"],
    ['007'],
    ['2012/13'],
    ['TRUE'],
    ['=1+1'],
  ])('writes the text %s as that text, never as a formula or number', async (text) => {
    const fake = new FakeExcel();
    // Column A is Text in the plan; column B mixes text and numbers and the plan leaves it General:
    // every string goes behind an apostrophe either way, so neither relies on the Text format.
    const fragmented = Array.from({ length: 40 }, (_, i) => ['x', i % 2 === 0 ? text : i]);
    const warnings = sheet('Warnings', [['Message', 'Mixed'], [text, 1], ...fragmented], { numberFormats: [{ range: { row: 0, column: 0, rows: 42, columns: 1 }, numberFormat: 'text' }] });
    await apply(fake, plan([warnings]));
    const plain = fake.cell('Warnings', 'A2')!;
    const quoted = fake.cell('Warnings', 'B3')!;
    expect([plain.value, plain.formula, plain.numberFormat]).toEqual([text, undefined, '@']);
    expect([quoted.value, quoted.formula]).toEqual([text, undefined]);
    expect(quoted.numberFormat).not.toBe('@');
  });

  it('suspends calculation and screen updating for every write request', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan());
    expect(fake.syncLog.length).toBeGreaterThan(0);
    expect(fake.syncLog.every((s) => s.calculationSuspended && s.screenUpdatingSuspended)).toBe(true);
  });

  it('writes an ordinary plan in one request', async () => {
    const fake = new FakeExcel();
    const session = await apply(fake, plan());
    expect(fake.syncCount).toBe(1);
    expect(session.syncs).toBe(1);
  });

  it('starts a new request only when the next block would cross the budget, and never sends one over it', async () => {
    const fake = new FakeExcel();
    const rows = Array.from({ length: 6000 }, (_, i) => [i + 1, `Locality ${i + 1}`, 'Tamworth', 'Yes', 'Selected as one of the most in need in its district']);
    const budget = 256 * 1024;
    const session = await apply(fake, plan([sheet('Priorities', [['Rank', 'Locality', 'District', 'Selected', 'Reason'], ...rows])]), budget);
    const total = fake.syncLog.reduce((sum, s) => sum + s.requestBytes, 0);
    expect(fake.syncCount).toBe(session.syncs);
    expect(fake.syncCount).toBeGreaterThan(1);
    // Packed, not split needlessly: about as many requests as the bytes need.
    expect(fake.syncCount).toBeLessThanOrEqual(Math.ceil(total / (budget * 0.5)));
    expect(fake.largestRequestBytes).toBeLessThanOrEqual(budget);
    // The adapter's estimate errs high, never low.
    expect(session.largestRequestBytes).toBeGreaterThanOrEqual(fake.largestRequestBytes);
    expect(fake.syncLog.every((s) => s.calculationSuspended && s.screenUpdatingSuspended)).toBe(true);
    expect(fake.values('Priorities', 'A6001:E6001')).toEqual([[6000, 'Locality 6000', 'Tamworth', 'Yes', 'Selected as one of the most in need in its district']]);
  });
});
