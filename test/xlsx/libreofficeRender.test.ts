import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { type ChartPlan, type OutputCell, type SheetPlan, runPlanner } from '../../src/engine';
import { RELATIONSHIPS_NS, sheetChartParts } from '../../src/xlsx/chartXml';
import { readWorkbookFile } from '../../src/xlsx/readWorkbook';
import {
  convertToPdf,
  convertWith,
  countPixelsNear,
  countSolidPixelsNear,
  crop,
  pdfLines,
  pdfPageCount,
  pdfPageSizes,
  pdfText,
  pdfToPngs,
  readPng,
  readPngFile,
  removeLibreOfficeProfile,
} from '../support/libreoffice';
import { describeWith } from '../support/requires';

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';

/** A sheet to write, with the charts planned on it. */
interface TestSheet {
  readonly name: string;
  readonly cells: OutputCell[][];
  readonly charts: ChartPlan[];
}

const projection: TestSheet = {
  name: 'Projection',
  cells: [
    ['Year', 'Staff', 'Running costs', 'Total funding'],
    ['2009/10', 520000, 200400, 720400],
    ['2010/11', 535000, 210000, 745000],
    ['2011/12', 550000, 215000, 429600],
    ['2012/13', 566000, 220000, 429600],
  ],
  charts: [
    {
      name: 'LP_CostFunding',
      title: 'Cost against funding by year',
      altText: 'Funding falls short from 2011/12.',
      type: 'column-stacked',
      data: { row: 0, column: 0, rows: 5, columns: 4 },
      series: [
        { column: 1, color: '#1F4E79', as: 'bars' },
        { column: 2, color: '#ED7D31', as: 'bars' },
        { column: 3, color: '#404040', as: 'line', marker: 'circle', dash: 'solid' },
      ],
      anchor: { from: { row: 6, column: 0 }, to: { row: 24, column: 7 } },
      valueAxis: { title: 'Pounds', numberFormat: 'money' },
      categoryAxis: { title: 'Financial year', reversed: false, valueAxisCrosses: 'automatic' }, legend: 'bottom',
    },
  ],
};

/** An awkward sheet name: the chart's references must quote it and double the apostrophe. */
const priorities: TestSheet = {
  name: "St Mary's & Priorities",
  cells: [
    ['Locality', 'Selected', 'Not selected'],
    ['Tamworth 007D', 99.8, null],
    ['Cannock Chase 012A', 91.4, null],
    ['Lichfield 003B', null, 60.2],
    ['Stafford 011C', null, 35.5],
  ],
  charts: [
    {
      name: 'LP_NeedRanking',
      title: 'Need ranking',
      altText: 'Tamworth 007D is most in need.',
      type: 'bar-stacked',
      data: { row: 0, column: 0, rows: 5, columns: 3 },
      series: [
        { column: 1, color: '#2E75B6', as: 'bars' },
        { column: 2, color: '#70AD47', as: 'bars' },
      ],
      anchor: { from: { row: 0, column: 4 }, to: { row: 20, column: 11 } },
      valueAxis: { title: 'Need score', numberFormat: 'score' },
      categoryAxis: { title: 'Locality', reversed: true, valueAxisCrosses: 'at-last-category' }, legend: 'bottom',
    },
  ],
};

/**
 * Writes the sheets' cells with ExcelJS, then adds the chart parts to the package the way
 * the results writer must: a drawing per sheet with its rels, a drawing relationship and a
 * `<drawing r:id>` in the sheet, and content-type overrides for every new part.
 */
async function workbookWithCharts(sheets: readonly TestSheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    // One page wide, so each chart prints whole and its labels reach the PDF text.
    const ws = workbook.addWorksheet(sheet.name, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    sheet.cells.forEach((row) => ws.addRow(row));
    ws.columns.forEach((c) => (c.width = 18));
  }
  const files = unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
  let chartNumber = 1;
  const overrides: string[] = [];
  sheets.forEach((sheet, i) => {
    // ExcelJS numbers its worksheet parts in the order the sheets were added.
    const sheetPath = `xl/worksheets/sheet${i + 1}.xml`;
    const relsPath = `xl/worksheets/_rels/sheet${i + 1}.xml.rels`;
    const added = sheetChartParts(sheet, { drawing: i + 1, firstChart: chartNumber });
    chartNumber += sheet.charts.length;
    for (const [name, xml] of Object.entries(added.parts)) files[name] = strToU8(xml);
    overrides.push(...added.contentTypeOverrides);

    const rel = `<Relationship Id="rIdLpDrawing" Type="${added.drawingRelationship.type}" Target="${added.drawingRelationship.target}"/>`;
    files[relsPath] = strToU8(
      files[relsPath]
        ? strFromU8(files[relsPath]).replace('</Relationships>', `${rel}</Relationships>`)
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
    );
    let xml = strFromU8(files[sheetPath]);
    if (!/<worksheet[^>]*xmlns:r=/.test(xml)) xml = xml.replace('<worksheet ', `<worksheet xmlns:r="${RELATIONSHIPS_NS}" `);
    // CT_Worksheet order: <drawing> comes after the page setup and before legacy drawings,
    // table parts and extensions.
    const before = ['<legacyDrawing', '<tableParts', '<extLst', '</worksheet>'].map((t) => xml.indexOf(t)).filter((n) => n >= 0);
    const at = Math.min(...before);
    files[sheetPath] = strToU8(`${xml.slice(0, at)}<drawing r:id="rIdLpDrawing"/>${xml.slice(at)}`);
  });
  files['[Content_Types].xml'] = strToU8(strFromU8(files['[Content_Types].xml']).replace('</Types>', `${overrides.join('')}</Types>`));
  return zipSync(files);
}

/** Chart parts in a package, by path, as text. */
function chartParts(xlsx: Uint8Array): Record<string, string> {
  const files = unzipSync(xlsx, { filter: (f) => /^xl\/charts\/chart\d+\.xml$/.test(f.name) });
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** What a chart part says, whoever wrote it: enough to tell that a chart survived a re-save. */
function describeChart(xml: string): { title: string; groups: string[]; reversed: boolean; series: { values: string; colour: string }[] } {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const byName = (node: Document | Element, name: string): Element[] => Array.from(node.getElementsByTagNameNS(C, name));
  const plotArea = byName(doc, 'plotArea')[0];
  const groups = Array.from(plotArea.childNodes)
    .filter((n): n is Element => n.nodeType === 1 && /Chart$/.test((n as Element).localName!))
    .map((g) => (g.localName === 'barChart' ? `bar:${byName(g, 'barDir')[0].getAttribute('val')}` : g.localName!.replace(/Chart$/, '')));
  const series = byName(doc, 'ser').map((ser) => {
    const spPr = Array.from(ser.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === 'spPr')!;
    return {
      values: byName(byName(ser, 'val')[0], 'f')[0].textContent ?? '',
      colour: (spPr.getElementsByTagNameNS(A, 'srgbClr')[0]?.getAttribute('val') ?? '').toUpperCase(),
    };
  });
  const title = Array.from(byName(doc, 'chart')[0].childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === 'title');
  return {
    title: title?.textContent ?? '',
    groups,
    reversed: byName(byName(doc, 'catAx')[0], 'orientation')[0].getAttribute('val') === 'maxMin',
    series,
  };
}

describeWith(['libreoffice', 'pdftoppm'], 'chart parts in a workbook built with ExcelJS, rendered by LibreOffice', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-render-'));
  const xlsxPath = path.join(dir, 'charts.xlsx');
  let text = '';
  let pages: string[] = [];

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removeLibreOfficeProfile();
  });

  beforeAll(async () => {
    writeFileSync(xlsxPath, await workbookWithCharts([projection, priorities]));
    const pdf = await convertToPdf(xlsxPath, dir);
    text = await pdfText(pdf);
    pages = await pdfToPngs(pdf);
  });

  it('prints the data blocks and the chart titles', () => {
    for (const word of ['2011/12', '429600', 'Tamworth 007D', '99.8', 'Cost against funding by year', 'Need ranking', 'Financial year', '£800,000.00']) {
      expect(text).toContain(word);
    }
  });

  it('draws every series in its own colour', () => {
    const images = pages.map(readPngFile);
    const colours = [...projection.charts, ...priorities.charts].flatMap((c) => c.series.map((s) => s.color));
    const counts = Object.fromEntries(colours.map((colour) => [colour, images.reduce((n, image) => n + countSolidPixelsNear(image, colour), 0)]));
    // At 60 dpi a bar is hundreds of solid pixels and the line (with its markers) well over
    // fifty; listing the faint colours makes a failure say which series went missing.
    expect(colours.filter((colour) => counts[colour] <= 50).map((colour) => `${colour}: ${counts[colour]} pixels`)).toEqual([]);
  });

  it('draws nothing solid in colours no series uses, not even the greys of anti-aliased text', () => {
    const images = pages.map(readPngFile);
    // A few squares of mid-grey can appear where the anti-aliased line bends; far fewer than
    // the fifty a series must fill.
    const stray = ['#7030A0', '#5A5A5A', '#808080', '#202020'].map((colour) => images.reduce((n, image) => n + countSolidPixelsNear(image, colour), 0));
    expect(stray.filter((n) => n > 10)).toEqual([]);
  });

  it('keeps both charts, their series and their references when LibreOffice saves the workbook again', async () => {
    const outDir = mkdtempSync(path.join(dir, 'resaved-'));
    const resaved = await convertWith(xlsxPath, outDir, 'xlsx:Calc MS Excel 2007 XML', 'xlsx');
    const charts = Object.values(chartParts(new Uint8Array(readFileSync(resaved)))).map(describeChart);
    expect(charts.sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      {
        title: 'Cost against funding by year',
        groups: ['bar:col', 'line'],
        reversed: false,
        series: [
          { values: 'Projection!$B$2:$B$5', colour: '1F4E79' },
          { values: 'Projection!$C$2:$C$5', colour: 'ED7D31' },
          { values: 'Projection!$D$2:$D$5', colour: '404040' },
        ],
      },
      {
        title: 'Need ranking',
        groups: ['bar:bar'],
        reversed: true,
        series: [
          { values: "'St Mary''s & Priorities'!$B$2:$B$5", colour: '2E75B6' },
          { values: "'St Mary''s & Priorities'!$C$2:$C$5", colour: '70AD47' },
        ],
      },
    ]);
  });
});

const root = path.resolve(__dirname, '../..');
const sampleWorkbook = path.join(root, 'assets/sample-workbook.xlsx');
/** Rendered for the README when LP_WRITE_DOC_IMAGES=1; otherwise the test leaves the repo alone. */
const docImage = path.join(root, 'docs/images/results-page.png');
const DPI = 60;

/** Runs the command-line tool as a user would, from the checkout. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin/locality-planner.js'), ...args], { cwd: root, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The JSON summary fields this test reads (contract section 4). */
interface SummaryJson {
  readonly years: string[];
  readonly selected: { locality: string }[];
  readonly projection: { year: string; cost: number; recurringFunding: number; drawdown: number; shortfall: number; capitalCost: number }[];
  readonly allocation: { year: string; locality: string; amount: number }[];
  readonly sensitivity: { input: string }[];
}

/** Pounds as the default format shows them, in whole pounds rounded half away from zero: `£1,069,128`. */
const money = (pounds: number): string => `£${Math.round(pounds).toLocaleString('en-GB')}`;

describeWith(['libreoffice', 'pdftoppm'], 'the sample results workbook rendered by LibreOffice', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-sample-render-'));
  const resultsPath = path.join(dir, 'results.xlsx');
  let summary: SummaryJson;
  /** The Charts sheet, as the engine planned it: what the writer was asked to draw. */
  let chartsSheet: SheetPlan;
  let text = '';
  let chartsPage: { png: string; lines: Awaited<ReturnType<typeof pdfLines>> };
  /** The Sensitivity sheet's page and the tornado chart the engine planned for it (contract v1.1 §6.4). */
  let tornadoPage: { png: string; lines: Awaited<ReturnType<typeof pdfLines>> } | undefined;
  let tornado: SheetPlan['charts'][number];
  let whatIfCharts: SheetPlan['charts'][number][];

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removeLibreOfficeProfile();
  });

  beforeAll(async () => {
    const jsonPath = path.join(dir, 'summary.json');
    const cli = await runCli(['run', sampleWorkbook, '--out', resultsPath, '--json', jsonPath]);
    if (cli.code !== 0) throw new Error(`the CLI exited ${cli.code}:\n${cli.stdout}\n${cli.stderr}`);
    summary = JSON.parse(readFileSync(jsonPath, 'utf8')) as SummaryJson;

    const outcome = runPlanner(await readWorkbookFile(new Uint8Array(readFileSync(sampleWorkbook))), { now: new Date(), toolVersion: 'test', host: 'test' });
    if (!outcome.ok) throw new Error(`the sample workbook has input errors: ${outcome.issues.map((i) => i.message).join('; ')}`);
    chartsSheet = outcome.plan.sheets.find((sheet) => sheet.name === 'Charts')!;
    whatIfCharts = outcome.plan.sheets.filter((sheet) => sheet.name === 'Scenarios' || sheet.name === 'Sensitivity').flatMap((sheet) => sheet.charts);
    tornado = whatIfCharts.find((chart) => chart.name === 'LP_Chart_Tornado')!;

    // One page per sheet, so the charts sheet is one image and its titles have one position each.
    const pdf = await convertToPdf(resultsPath, dir, { singlePageSheets: true });
    text = await pdfText(pdf);
    const pages = await pdfPageCount(pdf);
    for (let page = 1; page <= pages; page++) {
      const lines = await pdfLines(pdf, page);
      if (chartsSheet.charts.every((chart) => lines.some((line) => line.text === chart.title))) {
        chartsPage = { png: (await pdfToPngs(pdf, { dpi: DPI, page }))[0], lines };
      }
      if (lines.some((line) => line.text === tornado.title)) tornadoPage = { png: (await pdfToPngs(pdf, { dpi: DPI, page }))[0], lines };
    }
    if (!chartsPage) throw new Error('no page shows every chart title');
  });

  it('plans the three charts of the contract on the Charts sheet: cost against funding (the funding cliff), need ranking and allocation', () => {
    expect(chartsSheet.charts.map((chart) => chart.type)).toEqual(['column-stacked', 'bar-stacked', 'bar-stacked']);
  });

  it("prints each year's cost and shortfall from the JSON summary", () => {
    for (const year of summary.projection) {
      expect(text).toContain(year.year);
      expect(text).toContain(money(year.cost));
      if (year.shortfall > 0) expect(text).toContain(money(year.shortfall));
    }
  });

  it('labels the need ranking with the selected localities and the allocation with their amounts', () => {
    const onChartsPage = chartsPage.lines.map((line) => line.text).join('\n');
    // The allocation chart shows each locality's total across every Shared out line (contract v1.1 §5.4), in the first year.
    const firstYear = new Map<string, number>();
    for (const a of summary.allocation.filter((x) => x.year === summary.years[0])) firstYear.set(a.locality, (firstYear.get(a.locality) ?? 0) + Math.round(a.amount * 100));
    expect(firstYear.size).toBeGreaterThan(0);
    for (const [locality, pence] of firstYear) {
      expect(onChartsPage).toContain(locality);
      expect(onChartsPage).toContain(money(pence / 100));
    }
    for (const { locality } of summary.selected) expect(onChartsPage).toContain(locality);
  });

  it('draws, within each chart, every series that has figures, in its own colour', () => {
    const image = readPngFile(chartsPage.png);
    const scale = DPI / 72;
    // Each chart's title is its top; the next chart's title is its bottom. The chart title is
    // the right-most line with that text (the cost chart's data block has the same heading).
    const tops = chartsSheet.charts.map((chart) => Math.max(...chartsPage.lines.filter((l) => l.text === chart.title).map((l) => l.yMin)));
    const problems: string[] = [];
    chartsSheet.charts.forEach((chart, i) => {
      const top = tops[i] * scale;
      const bottom = i + 1 < tops.length ? tops[i + 1] * scale : image.height;
      expect(bottom).toBeGreaterThan(top);
      const band = crop(image, { x: 0, y: top, width: image.width, height: bottom - top });
      const own = new Set<string>();
      for (const series of chart.series) {
        const values = chartsSheet.cells.slice(chart.data.row + 1, chart.data.row + chart.data.rows).map((row) => row[chart.data.column + series.column]);
        // A series whose figures are all zero or blank draws nothing, so it cannot be checked.
        if (!values.some((v) => typeof v === 'number' && v > 0)) continue;
        own.add(series.color);
        const solid = countSolidPixelsNear(band, series.color);
        if (solid <= 50) problems.push(`${chart.name}: ${series.color} drew ${solid} solid pixels`);
      }
      // The other charts' colours must not turn up here, or the bands are not the charts.
      const others = chartsSheet.charts.flatMap((c) => c.series.map((s) => s.color)).filter((c) => !own.has(c));
      for (const colour of new Set(others)) {
        const solid = countSolidPixelsNear(band, colour);
        if (solid > 10) problems.push(`${chart.name}: ${colour}, not one of its series, drew ${solid} solid pixels`);
      }
      expect(own.size).toBeGreaterThan(0);
    });
    expect(problems).toEqual([]);
  });

  it('draws the tornado on the Sensitivity sheet (contract v1.1 §6.4): both sides in their colours, the inputs named, either side of zero', () => {
    expect(tornadoPage).toBeDefined();
    const image = readPngFile(tornadoPage!.png);
    for (const series of tornado.series) expect([series.color, countSolidPixelsNear(image, series.color) > 50]).toEqual([series.color, true]);
    const words = tornadoPage!.lines.map((l) => l.text);
    // The largest swing's input labels its bar, and the value axis runs through zero with brackets on the left.
    expect(words).toContain(summary.sensitivity[0].input);
    expect(words.some((w) => /^\(£[\d,]+\)/.test(w))).toBe(true);
    expect(words.some((w) => /(^| )£0( |$)/.test(w))).toBe(true);
  });

  it('keeps every chart, the Summary’s funding cliff and the three of the Charts sheet, when LibreOffice saves the results again', async () => {
    const outDir = mkdtempSync(path.join(dir, 'resaved-'));
    const resaved = await convertWith(resultsPath, outDir, 'xlsx:Calc MS Excel 2007 XML', 'xlsx');
    const charts = Object.values(chartParts(new Uint8Array(readFileSync(resaved)))).map(describeChart);
    expect(charts.map((c) => c.title).sort()).toEqual([chartsSheet.charts[0].title, ...chartsSheet.charts.map((c) => c.title), ...whatIfCharts.map((c) => c.title)].sort());
    for (const chart of [...chartsSheet.charts, ...whatIfCharts]) {
      const saved = charts.find((c) => c.title === chart.title)!;
      expect(saved.series.map((s) => s.colour)).toEqual(chart.series.map((s) => s.color.slice(1).toUpperCase()));
      expect(saved.reversed).toBe(chart.categoryAxis.reversed);
    }
  });
});

describeWith(['libreoffice', 'pdftoppm'], 'the sample results printed by LibreOffice, page by page', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-sample-print-'));
  const resultsPath = path.join(dir, 'results.xlsx');
  const outputs = ['Summary', 'Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Scenarios', 'Sensitivity', 'Run info'];
  /** Each printed page: the sheet its header names, its size in points, its lines of text. */
  let pages: { sheet: string | undefined; size: { width: number; height: number }; lines: Awaited<ReturnType<typeof pdfLines>> }[] = [];
  let pdf = '';
  let summarySheet: SheetPlan;
  let summary: SummaryJson;
  let fingerprint = '';

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removeLibreOfficeProfile();
  });

  beforeAll(async () => {
    const jsonPath = path.join(dir, 'summary.json');
    const cli = await runCli(['run', sampleWorkbook, '--out', resultsPath, '--json', jsonPath]);
    if (cli.code !== 0) throw new Error(`the CLI exited ${cli.code}:\n${cli.stdout}\n${cli.stderr}`);
    summary = JSON.parse(readFileSync(jsonPath, 'utf8')) as SummaryJson;
    const outcome = runPlanner(await readWorkbookFile(new Uint8Array(readFileSync(sampleWorkbook))), { now: new Date(), toolVersion: 'test', host: 'test' });
    if (!outcome.ok) throw new Error('the sample workbook has input errors');
    summarySheet = outcome.plan.sheets[0];
    fingerprint = outcome.results.fingerprint;
    // Printed as a user prints the whole workbook: each sheet as its page set-up says.
    pdf = await convertToPdf(resultsPath, dir);
    const sizes = await pdfPageSizes(pdf);
    for (let page = 1; page <= sizes.length; page++) {
      const lines = await pdfLines(pdf, page);
      // The header sits in the top margin (0.75"): its centre section is the sheet's name.
      const header = lines.filter((l) => l.yMax < 54).map((l) => l.text);
      pages.push({ sheet: outputs.find((name) => header.includes(name)), size: sizes[page - 1], lines });
    }
    pages = pages.filter((p) => p.sheet !== undefined);
    if (process.env.LP_WRITE_DOC_IMAGES === '1') {
      const summaryPage = (await pdfPageCount(pdf)) - pages.length + 1;
      mkdirSync(path.dirname(docImage), { recursive: true });
      copyFileSync((await pdfToPngs(pdf, { dpi: 80, page: summaryPage }))[0], docImage);
    }
  });

  it('prints every output sheet, in order, on A4 landscape pages with the sheet, page number and who prepared it', () => {
    expect([...new Set(pages.map((p) => p.sheet))]).toEqual(outputs);
    for (const p of pages) {
      expect([p.sheet, Math.round(p.size.width), Math.round(p.size.height)]).toEqual([p.sheet, 842, 595]);
      const text = p.lines.map((l) => l.text).join('\n');
      expect(text).toMatch(/Page \d+ of \d+/);
      expect(text).toMatch(/Prepared with Locality Planner \S+ on \d{1,2} \w+ \d{4}/);
    }
  });

  it('prints the Run history on Run info with its header and its run on one page, the fingerprint whole (issue 14, part 5)', async () => {
    const index = pages.findIndex((p) => p.sheet === 'Run info' && p.lines.some((l) => l.text === 'Run history'));
    expect(index).toBeGreaterThanOrEqual(0);
    const text = pages[index].lines.map((l) => l.text).join('\n');
    for (const header of ['Run at (UTC)', 'Inputs fingerprint (SHA-256)', 'Run by', 'Version', 'Total cost', 'Total shortfall']) expect(text).toContain(header);
    expect(text).toContain(fingerprint);
    expect(text).toContain('command-line tool');
    expect(text).toMatch(/\d{1,2} \w{3} \d{4} \d\d:\d\d/);
    if (process.env.LP_KEEP_RENDERS) {
      const first = (await pdfPageCount(pdf)) - pages.length + 1;
      copyFileSync((await pdfToPngs(pdf, { dpi: 80, page: first + index }))[0], process.env.LP_KEEP_RENDERS);
    }
  });

  it('prints the Summary on one page: the headline in sentences and figures, the top warnings, and when it was produced', () => {
    const summaryPages = pages.filter((p) => p.sheet === 'Summary');
    expect(summaryPages).toHaveLength(1);
    const text = summaryPages[0].lines.map((l) => l.text).join('\n');
    // The headline's figures are the JSON summary's: revenue, with capital told apart (contract v1.1 §5.3).
    const shortfall = summary.projection.reduce((sum, y) => sum + Math.round(y.shortfall * 100), 0) / 100;
    const firstGap = summary.projection.find((y) => y.shortfall > 0)!;
    const capital = summary.projection.reduce((sum, y) => sum + Math.round(y.capitalCost * 100), 0) / 100;
    expect(capital).toBeGreaterThan(0);
    for (const words of [
      `${summary.selected.length} of 56 localities are selected`,
      `in revenue; funding covers`,
      `leaving a shortfall of ${money(shortfall)}`,
      `Capital is funded apart: ${money(capital)} of capital costs`,
      `Funding first falls short in ${firstGap.year} (${money(firstGap.shortfall)})`,
      'What ends when: ',
      'Key figures',
      'Drawn from reserves',
      'Key assumptions',
      'Top warnings',
      'Produced on',
    ]) {
      expect(text).toContain(words);
    }
    // The figures the chart draws stay off the printed page.
    expect(text).not.toContain('The figures the chart draws');
  });

  it("prints the sample's two Shared out lines with Allocation's header at the top of every page, each later table whole on its page", () => {
    /** A page's printed rows, top to bottom: the cells' words at one height, left to right. */
    const rowsOf = (lines: (typeof pages)[number]['lines']): string[] => {
      const byHeight = new Map<number, { x: number; text: string }[]>();
      for (const l of lines) byHeight.set(Math.round(l.yMin), [...(byHeight.get(Math.round(l.yMin)) ?? []), { x: l.xMin, text: l.text }]);
      return [...byHeight].sort((a, b) => a[0] - b[0]).map(([, cells]) => cells.sort((a, b) => a.x - b.x).map((c) => c.text).join(' '));
    };
    const allocation = pages.filter((p) => p.sheet === 'Allocation').map((p) => rowsOf(p.lines));
    const header = `Locality District Basis Share ${summary.years.join(' ')} Total`;
    expect(allocation.length).toBeGreaterThan(1);
    // Under the page header (file, sheet, page), a later page starts with the repeated header row.
    for (const [i, rows] of allocation.entries()) if (i > 0) expect([i, rows[1]]).toEqual([i, header]);
    // Every table's heading is on the page with its header and its Total row.
    for (const rows of allocation) {
      rows.forEach((row, k) => {
        if (!/: shared |^Each locality across every line/.test(row)) return;
        expect([row, rows[k + 1], rows.slice(k + 2).some((r) => r.startsWith('Total '))]).toEqual([row, header, true]);
      });
    }
    expect(allocation.flat().filter((r) => /: shared |^Each locality across every line/.test(r))).toHaveLength(3);
  });

  it('draws the funding cliff on the Summary: every source in its colour, the shortfall labelled with its figure', async () => {
    const summaryPage = pages.findIndex((p) => p.sheet === 'Summary');
    const page = (await pdfPageCount(pdf)) - pages.length + summaryPage + 1;
    const image = readPngFile((await pdfToPngs(pdf, { dpi: 100, page }))[0]);
    const chart = summarySheet.charts[0];
    const figures = summarySheet.cells.slice(chart.data.row + 1, chart.data.row + chart.data.rows).map((r) => r.slice(chart.data.column));
    const faint = chart.series
      .filter((x) => figures.some((row) => typeof row[x.column] === 'number' && (row[x.column] as number) > 0))
      .map((x) => `${x.color}: ${countSolidPixelsNear(image, x.color)}`)
      .filter((entry) => Number(entry.split(': ')[1]) <= 50);
    expect(faint).toEqual([]);
    // Each year's shortfall is printed on its bar as a figure, not told by colour alone.
    const words = pages[summaryPage].lines.flatMap((l) => l.text.split(' '));
    for (const row of figures) {
      const shortfall = row[chart.series.find((x) => x.as === 'bars' && x.labels)!.column] as number;
      if (shortfall > 0) expect(words).toContain(money(shortfall));
    }
  });
});

/**
 * Encodes RGB pixels as a PNG, filtering row y with filters[y], so the reader is checked
 * against every filter type and not only the ones pdftoppm happens to choose. CRCs are left
 * zero: the reader does not check them.
 */
function encodePng(width: number, height: number, rgb: number[], filters: number[]): Uint8Array {
  const stride = width * 3;
  const raw: number[] = [];
  const at = (x: number, y: number): number => (x < 0 || y < 0 ? 0 : rgb[y * stride + x]);
  for (let y = 0; y < height; y++) {
    raw.push(filters[y]);
    for (let x = 0; x < stride; x++) {
      const [a, b, c] = [at(x - 3, y), at(x, y - 1), at(x - 3, y - 1)];
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, Math.floor((a + b) / 2), paeth][filters[y]];
      raw.push((at(x, y) - predictor + 256) & 0xff);
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(raw))), chunk('IEND', Buffer.alloc(0))]));
}

describe('readPng', () => {
  // Five rows, one per filter type, of pseudo-random colours so every predictor matters.
  const width = 7;
  const height = 5;
  const rgb = Array.from({ length: width * height * 3 }, (_, i) => (i * 97 + 31 * (i % 5) + 200) % 256);
  const image = readPng(encodePng(width, height, rgb, [0, 1, 2, 3, 4]));

  it('undoes filter types 0 to 4 and returns every pixel as opaque RGBA', () => {
    expect([image.width, image.height]).toEqual([width, height]);
    const expected = Array.from({ length: width * height }, (_, i) => [rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], 255]).flat();
    expect(Array.from(image.rgba)).toEqual(expected);
  });

  it('counts only the pixels within the tolerance of a colour', () => {
    const red = readPng(encodePng(2, 1, [200, 0, 0, 220, 10, 10], [0]));
    expect(countPixelsNear(red, '#C80000', 0)).toBe(1);
    expect(countPixelsNear(red, '#C80000', 20)).toBe(2);
    expect(countPixelsNear(red, '#0000C8', 20)).toBe(0);
  });

  it('counts solid squares of a colour but not one-pixel lines of it', () => {
    // 4×4: a one-pixel grey line along the top row, a 2×3 grey block below it on the left.
    const grey = [64, 64, 64];
    const white = [255, 255, 255];
    const rows = [
      [grey, grey, grey, grey],
      [grey, grey, white, white],
      [grey, grey, white, white],
      [grey, grey, white, white],
    ];
    const image = readPng(encodePng(4, 4, rows.flat(2), [0, 1, 2, 3]));
    expect(countPixelsNear(image, '#404040')).toBe(10);
    // Squares with top-left corners (0,0), (0,1) and (0,2): the top row adds none of its own.
    expect(countSolidPixelsNear(image, '#404040')).toBe(3);
    expect(countSolidPixelsNear(image, '#404040', 3)).toBe(0);
  });

  it('refuses bytes that are not a PNG', () => {
    expect(() => readPng(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow('not a PNG');
  });
});
