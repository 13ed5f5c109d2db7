import type { ChartPlan, OutputPlan, PagePlan, SheetPlan } from '../../src/engine';
import { applyPlan } from '../../src/excel/applyPlan';
import { readWorkbook } from '../../src/excel/readWorkbook';
import { ExcelSession } from '../../src/excel/session';
import { FakeExcel } from '../fakes/fakeExcel';

/**
 * What the add-in writes for printing and reading a results sheet: the page layout
 * (ExcelApi 1.9), row heights for wrapped text, and each chart's alternative text,
 * shortfall labels and dashed line, with the fake Excel refusing what Excel refuses.
 */

const page: PagePlan = {
  orientation: 'landscape',
  paper: 'A4',
  margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  fitTo: { across: 1, down: null },
  printArea: { row: 0, column: 0, rows: 40, columns: 5 },
  titleRows: { first: 2, last: 2 },
  breaksBefore: [25],
  header: { left: '&F', center: '&A', right: 'Page &P of &N' },
  footer: { left: 'Prepared with Locality Planner 1.0 on 1 April 2026', center: '', right: '' },
};

const cliff: ChartPlan = {
  name: 'LP_Chart_FundingCliff',
  title: 'Cost against funding by year',
  altText: 'Funding falls short from 2012/13; £139,400 over two years.',
  type: 'column-stacked',
  data: { row: 2, column: 0, rows: 3, columns: 5 },
  series: [
    { column: 1, color: '#0072B2', as: 'bars' },
    { column: 2, color: '#D55E00', as: 'bars', labels: { numberFormat: 'poundsLabel' } },
    { column: 3, color: '#404040', as: 'line', marker: 'circle', dash: 'solid' },
    { column: 4, color: '#CC79A7', as: 'line', marker: 'none', dash: 'dash' },
  ],
  anchor: { from: { row: 6, column: 0 }, to: { row: 24, column: 6 } },
  valueAxis: { title: 'Pounds', numberFormat: 'poundsAxis' },
  categoryAxis: { title: 'Financial year', reversed: false, valueAxisCrosses: 'automatic' },
  legend: 'bottom',
};

function summary(more: Partial<SheetPlan> = {}): SheetPlan {
  return {
    name: 'Summary',
    visibility: 'visible',
    cells: [
      ['Summary'],
      [],
      ['Year', 'Funding', 'Shortfall', 'Total cost', 'Cumulative shortfall'],
      ['2011/12', 629800, 0, 629800, 0],
      ['2012/13', 580400, 139400, 719800, 139400],
    ],
    columnWidths: [20, 14, 14, 14, 14],
    rowHeights: [{ row: 2, points: 30 }],
    numberFormats: [],
    styles: [],
    tables: [],
    conditionalFormats: [],
    charts: [cliff],
    freeze: { rows: 0, columns: 0 },
    page,
    ...more,
  };
}

function plan(sheet: SheetPlan): OutputPlan {
  const ownership: SheetPlan = { ...summary(), name: '_LocalityPlanner', visibility: 'very-hidden', cells: [['Locality Planner ownership record'], ['Record version', '1'], ['Kind', 'Name', 'Sheet'], ['sheet', sheet.name, sheet.name]], rowHeights: [], charts: [], page: null };
  return { sheets: [sheet], ownership, activeSheet: sheet.name };
}

async function apply(fake: FakeExcel, p: OutputPlan): Promise<void> {
  const listing = await readWorkbook(new ExcelSession(fake.context));
  await applyPlan(new ExcelSession(fake.context), p, listing);
}

describe('the page layout the add-in writes', () => {
  it('prints the sheet as the plan says: A4 landscape, one page wide, its area, titles, header, footer and breaks', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan(summary()));
    expect(fake.sheet('Summary').page).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      margins: { left: 50.4, right: 50.4, top: 54, bottom: 54, header: 21.6, footer: 21.6 },
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printArea: { row: 0, column: 0, rows: 40, columns: 5 },
      printTitleRows: { first: 2, last: 2 },
      headersFooters: { leftHeader: '&F', centerHeader: '&A', rightHeader: 'Page &P of &N', leftFooter: 'Prepared with Locality Planner 1.0 on 1 April 2026', centerFooter: '', rightFooter: '' },
      breaks: [25],
    });
  });

  it('leaves the hidden record’s page layout to Excel', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan(summary()));
    expect(fake.sheet('_LocalityPlanner').page).toMatchObject({ orientation: 'Portrait', printArea: null, breaks: [] });
  });

  it('sets the heights of rows with wrapped text', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan(summary()));
    expect([...fake.sheet('Summary').rowHeights]).toEqual([[2, 30]]);
  });

  it('on a re-run, drops the last run’s page breaks and row heights before setting the new ones', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan(summary({ page: { ...page, breaksBefore: [10, 20] }, rowHeights: [{ row: 4, points: 45 }] })));
    await apply(fake, plan(summary()));
    expect(fake.sheet('Summary').page.breaks).toEqual([25]);
    expect([...fake.sheet('Summary').rowHeights]).toEqual([[2, 30]]);
  });

  it('gives the chart its alternative text, labels the shortfall and dashes the cumulative line', async () => {
    const fake = new FakeExcel();
    await apply(fake, plan(summary()));
    const [chart] = fake.charts('Summary');
    expect(chart.altText).toEqual({ title: 'Cost against funding by year', description: 'Funding falls short from 2012/13; £139,400 over two years.' });
    expect(chart.series.map((s) => [s.name, s.hasDataLabels, s.format.line.lineStyle])).toEqual([
      ['Funding', false, 'Continuous'],
      ['Shortfall', true, 'Continuous'],
      ['Total cost', false, 'Continuous'],
      ['Cumulative shortfall', false, 'Dash'],
    ]);
    expect(chart.series[1].dataLabels).toEqual({ showValue: true, numberFormat: '"£"#,##0;("£"#,##0);;', position: 'Center', format: { font: { bold: true, size: 9, color: '#000000' } } });
  });
});

describe('the fake Excel refuses page layouts and charts as Excel does', () => {
  /** Runs one batch against a one-sheet workbook and gives the error code, or 'ok'. */
  async function attempt(queue: (sheet: Excel.Worksheet) => void): Promise<string> {
    const fake = new FakeExcel({ sheets: [{ name: 'Summary', cells: [['Year', 'Funding', 'Shortfall'], ['2011/12', 1, 2], ['2012/13', 3, 4]] }] });
    const context = fake.context;
    const sheet = context.workbook.worksheets.getItem('Summary');
    queue(sheet);
    try {
      await context.sync();
      return 'ok';
    } catch (e) {
      return (e as { code: string }).code;
    }
  }

  it.each`
    what                                              | queue                                                                                                               | code
    ${'print titles that are not whole rows'}         | ${(s: Excel.Worksheet) => s.pageLayout.setPrintTitleRows('A3:C3')}                                                   | ${'InvalidArgument'}
    ${'print titles as whole rows'}                   | ${(s: Excel.Worksheet) => s.pageLayout.setPrintTitleRows('$3:$3')}                                                   | ${'ok'}
    ${'a scale and fitting to pages together'}        | ${(s: Excel.Worksheet) => (s.pageLayout.zoom = { scale: 80, horizontalFitToPages: 1 })}                              | ${'InvalidArgument'}
    ${'a paper size Excel does not know'}             | ${(s: Excel.Worksheet) => (s.pageLayout.paperSize = 'A7' as Excel.PaperType)}                                        | ${'InvalidArgument'}
    ${'a header section past 255 characters'}         | ${(s: Excel.Worksheet) => (s.pageLayout.headersFooters.defaultForAllPages.leftHeader = 'x'.repeat(256))}            | ${'InvalidArgument'}
    ${'a page break above the first row'}             | ${(s: Excel.Worksheet) => s.horizontalPageBreaks.add(s.getRange('A1'))}                                              | ${'InvalidArgument'}
    ${'a print area on another sheet'}                | ${(s: Excel.Worksheet) => s.pageLayout.setPrintArea("'Other'!A1:B2")}                                                | ${'InvalidArgument'}
    ${'a row taller than Excel allows'}               | ${(s: Excel.Worksheet) => (s.getRange('A2').format.rowHeight = 500)}                                                 | ${'InvalidArgument'}
    ${'a shape that is not there'}                    | ${(s: Excel.Worksheet) => (s.shapes.getItem('LP_Chart_Missing').altTextDescription = 'x')}                          | ${'ItemNotFound'}
  `('refuses $what with $code', async ({ queue, code }) => {
    expect(await attempt(queue)).toBe(code);
  });

  it.each`
    what                                         | queue                                                                                                 | code
    ${'a label outside the end of a stacked bar'} | ${(c: Excel.Chart) => (c.series.getItemAt(1).dataLabels.position = 'OutsideEnd')}                      | ${'InvalidArgument'}
    ${'a label in the middle of a stacked bar'}   | ${(c: Excel.Chart) => (c.series.getItemAt(1).dataLabels.position = 'Center')}                          | ${'ok'}
    ${'a line style Excel does not know'}         | ${(c: Excel.Chart) => (c.series.getItemAt(0).format.line.lineStyle = 'Dashed' as Excel.ChartLineStyle)} | ${'InvalidArgument'}
    ${'alt text on the chart’s shape, by name'}   | ${(c: Excel.Chart, s: Excel.Worksheet) => (s.shapes.getItem('Mine').altTextDescription = 'Shortfall grows')} | ${'ok'}
  `('on a chart, refuses or takes $what: $code', async ({ queue, code }) => {
    const result = await attempt((s) => {
      const chart = s.charts.add('ColumnStacked', s.getRange('A1:C3'), 'Columns');
      chart.name = 'Mine';
      queue(chart, s);
    });
    expect(result).toBe(code);
  });
});
