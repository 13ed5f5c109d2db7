import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { rangeAddress, OWNERSHIP_SHEET } from '../../src/engine';
import { createOfficeHost } from '../../src/excel/officeHost';
import { FakeExcel, type SheetSpec } from '../fakes/fakeExcel';
import { asExcelValue, sampleTables, sheetOf } from '../../scripts/sample/sampleWorkbook';
import { writeInputWorkbook } from '../cli/workbookFiles';

const now = () => new Date('2026-11-23T09:00:00Z');
const sample = path.resolve(__dirname, '../../assets/sample-workbook.xlsx');
const outputSheets = ['Summary', 'Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Scenarios', 'Sensitivity', 'Run info', OWNERSHIP_SHEET];
/** The sheets that print: every output sheet but the hidden record. */
const printedSheets = outputSheets.filter((name) => name !== OWNERSHIP_SHEET);

/** The sample workbook as a user's Excel holds it: each input an Excel table from A1. */
function sampleInExcel(): FakeExcel {
  const sheets: SheetSpec[] = sampleTables.map((t) => ({
    name: sheetOf(t),
    cells: [t.header, ...t.rows.map((row) => row.map(asExcelValue))],
    tables: [{ name: t.name, range: rangeAddress(0, 0, t.rows.length + 1, t.header.length) }],
    numberFormats: Object.fromEntries(Object.entries(t.formats ?? {}).map(([c, f]) => [rangeAddress(1, Number(c), t.rows.length, 1), f])),
  }));
  return new FakeExcel({ sheets: [{ name: 'About', cells: [['Kestrelshire locality working plan (sample)']] }, ...sheets] });
}

type Grid = Map<string, { value: string | number | boolean | null; format: string }>;

/** A cell's look, as both hosts can report it: only what differs from Excel's default. */
interface Look {
  bold?: true;
  italic?: true;
  fontColor?: string;
  fontSize?: number;
  fill?: string;
  align?: string;
  wrap?: true;
  top?: string;
  bottom?: string;
}

const colour = (c: string | undefined | null): string | undefined => (c ? `#${c.replace(/^#|^FF(?=[0-9A-F]{6}$)/gi, '').toUpperCase()}` : undefined);
const compact = (look: Look): Look => Object.fromEntries(Object.entries(look).filter(([, v]) => v !== undefined)) as Look;

/** Every styled cell of a sheet in the fake, by address. */
function fakeLooks(fake: FakeExcel, name: string): Map<string, Look> {
  const sheet = fake.model.sheets.find((s) => !s.deleted && s.name === name)!;
  const looks = new Map<string, Look>();
  for (const [row, columns] of sheet.cells) {
    for (const [column, cell] of columns) {
      const st = cell.style ?? {};
      const edge = (e: string) => { const b = st.borders?.[e]; return b && b.style !== 'None' ? `${b.style === 'Continuous' ? 'thin' : b.style} ${colour(b.color)}` : undefined; };
      const look = compact({
        bold: st.bold ? true : undefined, italic: st.italic ? true : undefined, fontColor: colour(st.fontColor), fontSize: st.fontSize, fill: colour(st.fill),
        align: st.horizontalAlignment?.toLowerCase(), wrap: st.wrapText ? true : undefined, top: edge('EdgeTop'), bottom: edge('EdgeBottom'),
      });
      if (Object.keys(look).length > 0) looks.set(rangeAddress(row, column, 1, 1), look);
    }
  }
  return looks;
}

/** Every styled cell of a sheet in the CLI's results workbook, by address. */
function fileLooks(ws: ExcelJS.Worksheet): Map<string, Look> {
  const looks = new Map<string, Look>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const f = cell.font ?? {};
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      const edge = (b: Partial<ExcelJS.Border> | undefined) => (b?.style ? `${b.style} ${colour(b.color?.argb)}` : undefined);
      const look = compact({
        bold: f.bold ? true : undefined, italic: f.italic ? true : undefined, fontColor: colour(f.color?.argb), fontSize: f.size !== undefined && f.size !== 11 ? f.size : undefined,
        fill: fill?.type === 'pattern' && fill.pattern === 'solid' ? colour(fill.fgColor?.argb) : undefined,
        align: cell.alignment?.horizontal, wrap: cell.alignment?.wrapText ? true : undefined, top: edge(cell.border?.top), bottom: edge(cell.border?.bottom),
      });
      if (Object.keys(look).length > 0) looks.set(cell.address, look);
    }),
  );
  return looks;
}

/** What a chart shows, in words both hosts' charts can be read back into. */
interface ChartSettings {
  type: string;
  title: string;
  altText: { title: string; description: string };
  series: string[];
  valueAxis: { title: string; numberFormat: string; maximum: number | null };
  categoryAxis: { title: string; reversed: boolean; valueAxisAtLast: boolean };
  legend: string;
}

/** `Sheet!LP_Chart_…`: chart names are unique on a sheet, not across the workbook. */
function fakeCharts(fake: FakeExcel): Record<string, ChartSettings> {
  return Object.fromEntries(fake.model.sheets.filter((s) => !s.deleted).flatMap((s) => s.charts.filter((c) => !c.deleted).map((c) => [`${s.name}!${c.name}`, {
    type: c.chartType,
    title: c.title.text,
    altText: { ...c.altText },
    series: c.series.map((x) =>
      x.chartType.startsWith('Line')
        ? `line ${colour(x.format.line.color)}${x.chartType === 'LineMarkers' ? ' with markers' : ''}${x.format.line.lineStyle === 'Dash' ? ' dashed' : ''}`
        : `bars ${colour(x.format.fill.color)}${x.hasDataLabels && x.dataLabels.showValue ? ` labelled ${x.dataLabels.numberFormat} ${x.dataLabels.position.toLowerCase()}` : ''}`,
    ),
    valueAxis: { title: c.axes.valueAxis.title.text, numberFormat: c.axes.valueAxis.numberFormat, maximum: c.axes.valueAxis.maximum },
    categoryAxis: { title: c.axes.categoryAxis.title.text, reversed: c.axes.categoryAxis.reversePlotOrder, valueAxisAtLast: c.axes.categoryAxis.position === 'Maximum' },
    legend: c.legend.visible ? c.legend.position.toLowerCase() : 'none',
  }])));
}

/** Each worksheet part of the results file by sheet name, from the workbook part and its relationships. */
function sheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const wb = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(rels)![1];
    out.set(m[1].replace(/&apos;/g, "'").replace(/&amp;/g, '&'), `xl/${target.replace(/^\/?xl\//, '')}`);
  }
  return out;
}

const unescapeXml = (text: string): string => text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function fileCharts(files: Record<string, Uint8Array>): Record<string, ChartSettings> {
  const drawingOf = new Map<string, string>();
  for (const [sheet, part] of sheetParts(files)) {
    const rels = files[part.replace('worksheets/', 'worksheets/_rels/') + '.rels'];
    const target = rels && /Target="\.\.\/drawings\/([^"]+)"/.exec(strFromU8(rels))?.[1];
    if (target) drawingOf.set(`xl/drawings/${target}`, sheet);
  }
  const drawings = Object.entries(files).filter(([p]) => /^xl\/drawings\/drawing\d+\.xml$/.test(p));
  const out: Record<string, ChartSettings> = {};
  for (const [drawingPath, drawingBytes] of drawings) {
    const sheet = drawingOf.get(drawingPath) ?? '?';
    const rels = strFromU8(files[drawingPath.replace('drawings/', 'drawings/_rels/') + '.rels']);
    for (const frame of strFromU8(drawingBytes).matchAll(/name="(LP_[^"]+)" descr="([^"]*)" title="([^"]*)"[\s\S]*?r:id="([^"]+)"/g)) {
      const target = new RegExp(`Id="${frame[4]}"[^>]*Target="\\.\\./charts/([^"]+)"`).exec(rels)![1];
      const x = strFromU8(files[`xl/charts/${target}`]);
      const text = (xml: string) => /<a:t>([^<]*)<\/a:t>/.exec(xml)?.[1] ?? '';
      const plot = /<c:plotArea>([\s\S]*)<\/c:plotArea>/.exec(x)![1];
      const catAx = /<c:catAx>[\s\S]*?<\/c:catAx>/.exec(plot)![0];
      const valAx = /<c:valAx>[\s\S]*?<\/c:valAx>/.exec(plot)![0];
      const barDir = /<c:barDir val="(\w+)"/.exec(plot)?.[1];
      const series = [...plot.matchAll(/<c:(barChart|lineChart)>([\s\S]*?)<\/c:\1>/g)].flatMap((group) =>
        [...group[2].matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((ser) => {
          if (group[1] !== 'barChart') return `line #${/<a:ln[^>]*><a:solidFill><a:srgbClr val="(\w+)"/.exec(ser[1])![1]}${/<c:symbol val="none"/.test(ser[1]) ? '' : ' with markers'}${/<a:prstDash val="dash"\/>/.test(ser[1]) ? ' dashed' : ''}`;
          const labels = /<c:dLbls><c:numFmt formatCode="([^"]*)"[\s\S]*?<c:dLblPos val="(\w+)"\/>[\s\S]*?<c:showVal val="1"\/>/.exec(ser[1]);
          const positions: Record<string, string> = { ctr: 'center', inEnd: 'insideend', inBase: 'insidebase' };
          return `bars #${/<a:solidFill><a:srgbClr val="(\w+)"/.exec(ser[1])![1]}${labels ? ` labelled ${unescapeXml(labels[1])} ${positions[labels[2]]}` : ''}`;
        }),
      );
      out[`${sheet}!${frame[1]}`] = {
        // A chart of lines alone has no bar group: Excel's LineMarkers (contract v1.1 §6.4, shortfall by case).
        type: !plot.includes('<c:barChart>') ? 'LineMarkers' : `${barDir === 'bar' ? 'Bar' : 'Column'}${/<c:grouping val="stacked"/.test(plot) ? 'Stacked' : 'Clustered'}`,
        title: text(/<c:chart>[\s\S]*?<c:title>([\s\S]*?)<\/c:title>/.exec(x)?.[1] ?? ''),
        altText: { title: unescapeXml(frame[3]), description: unescapeXml(frame[2]) },
        series,
        valueAxis: { title: text(/<c:title>([\s\S]*?)<\/c:title>/.exec(valAx)?.[1] ?? ''), numberFormat: /<c:numFmt formatCode="([^"]*)"/.exec(valAx)![1].replace(/&quot;/g, '"'), maximum: /<c:max val="([^"]+)"/.test(valAx) ? Number(/<c:max val="([^"]+)"/.exec(valAx)![1]) : null },
        categoryAxis: { title: text(/<c:title>([\s\S]*?)<\/c:title>/.exec(catAx)?.[1] ?? ''), reversed: /<c:orientation val="maxMin"/.test(catAx), valueAxisAtLast: /<c:crosses val="max"/.test(valAx) },
        legend: ({ b: 'bottom', r: 'right', t: 'top', l: 'left' } as Record<string, string>)[/<c:legendPos val="(\w)"/.exec(x)?.[1] ?? ''] ?? 'none',
      };
    }
  }
  return out;
}

/** Every non-empty cell of a sheet in the fake, by address. */
function fakeGrid(fake: FakeExcel, name: string): Grid {
  const sheet = fake.model.sheets.find((s) => !s.deleted && s.name === name)!;
  const grid: Grid = new Map();
  for (const [row, columns] of sheet.cells) {
    for (const [column, cell] of columns) {
      const value = cell.value === '' ? null : cell.value;
      const format = cell.numberFormat ?? 'General';
      if (value === null && format === 'General') continue;
      grid.set(rangeAddress(row, column, 1, 1), { value, format });
    }
  }
  return grid;
}

/** Every non-empty cell of a sheet in the CLI's results workbook, by address. */
function fileGrid(ws: ExcelJS.Worksheet): Grid {
  const grid: Grid = new Map();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const v = cell.value as ExcelJS.CellValue;
      // ExcelJS gives a date-formatted number (the run history's times) as a Date: back to Excel's serial, as the fake holds it.
      const value = v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : v === undefined || v === '' ? null : (v as string | number | boolean | null);
      const format = cell.numFmt ?? 'General';
      if (value === null && format === 'General') return;
      grid.set(cell.address, { value, format });
    }),
  );
  return grid;
}

/**
 * The cells meant to differ: which host made the run, on Run info (`Locality Planner 0.1.0
 * (command-line tool)`) and in the run history's Run by column, on Run info and in the
 * record (`command-line tool`). Each must say `Excel add-in` in the fake where the file
 * says `command-line tool`; then both are set aside.
 */
function setHostCellsAside(inFake: Grid, inFile: Grid): void {
  for (const [address, cell] of inFile) {
    if (typeof cell.value === 'string' && (cell.value === 'command-line tool' || (cell.value.startsWith('Locality Planner ') && cell.value.endsWith('(command-line tool)')))) {
      expect(inFake.get(address)?.value).toBe(cell.value.replace('command-line tool', 'Excel add-in'));
      inFake.delete(address);
      inFile.delete(address);
    }
  }
}

describe('the add-in and the command-line tool write the same cells', () => {
  let fake: FakeExcel;
  let results: ExcelJS.Workbook;
  let files: Record<string, Uint8Array>;

  beforeAll(async () => {
    fake = sampleInExcel();
    const report = await createOfficeHost((batch) => batch(fake.context), { now }).run(() => undefined);
    expect(report.ok).toBe(true);
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'lp-parity-')), 'sample.results.xlsx');
    expect(await main(['run', sample, '--out', out], { out: () => undefined, err: () => undefined }, now)).toBe(0);
    results = new ExcelJS.Workbook();
    await results.xlsx.readFile(out);
    files = unzipSync(readFileSync(out));
  });

  it.each(outputSheets)('writes %s cell for cell: the same values and number formats', (name) => {
    const inFake = fakeGrid(fake, name);
    const inFile = fileGrid(results.getWorksheet(name)!);
    expect(inFake.size).toBeGreaterThan(0);
    setHostCellsAside(inFake, inFile);
    expect(Object.fromEntries(inFake)).toEqual(Object.fromEntries(inFile));
  });

  it.each(outputSheets)('styles %s cell for cell: the same bold, italic, colours, sizes, fills, alignment, wrapping and rules', (name) => {
    const inFake = fakeLooks(fake, name);
    expect(Object.fromEntries(inFake)).toEqual(Object.fromEntries(fileLooks(results.getWorksheet(name)!)));
  });

  it.each(outputSheets)('gives %s the same tab colour and frozen panes', (name) => {
    const sheet = fake.model.sheets.find((s) => !s.deleted && s.name === name)!;
    const ws = results.getWorksheet(name)!;
    const view = ws.views[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    expect({ tab: colour(sheet.tabColor) ?? null, freeze: sheet.freeze }).toEqual({
      tab: colour((ws.properties.tabColor as { argb?: string } | undefined)?.argb) ?? null,
      freeze: view?.state === 'frozen' ? { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 } : { rows: 0, columns: 0 },
    });
  });

  it('draws every chart with the same settings: type, title, alternative text, series colours, labels and lines, axes, legend', () => {
    const fromFake = fakeCharts(fake);
    expect(Object.keys(fromFake).sort()).toEqual([
      'Charts!LP_Chart_Allocation',
      'Charts!LP_Chart_FundingCliff',
      'Charts!LP_Chart_NeedRanking',
      'Scenarios!LP_Chart_Scenarios',
      'Sensitivity!LP_Chart_Tornado',
      'Summary!LP_Chart_FundingCliff',
    ]);
    expect(fromFake).toEqual(fileCharts(files));
    // Contract v1.1 §6.4: one line per case (Base, Low, High, Grant continues, Confirmed funding only); the tornado's two sides as bars.
    expect(fromFake['Scenarios!LP_Chart_Scenarios'].series).toHaveLength(5);
    expect(fromFake['Scenarios!LP_Chart_Scenarios'].series.every((x) => x.startsWith('line'))).toBe(true);
    expect(fromFake['Sensitivity!LP_Chart_Tornado'].series).toHaveLength(2);
    expect(fromFake['Sensitivity!LP_Chart_Tornado'].series.every((x) => x.startsWith('bars'))).toBe(true);
    // The funding cliff states its finding in its alternative text, and labels the shortfall.
    // Its words are Projection's figures: the first year Shortfall is above zero, and the Total shortfall in whole pounds.
    const projection = results.getWorksheet('Projection')!;
    const rowOf = (label: string) => (projection.getSheetValues() as unknown[][]).find((r) => r?.[1] === label)!;
    const years = (projection.getSheetValues() as unknown[][]).find((r) => /^\d{4}\/\d{2}$/.test(String(r?.[2])))!;
    const shortfall = rowOf('Shortfall');
    const firstGap = shortfall.findIndex((v, i) => i >= 2 && typeof v === 'number' && v > 0);
    const total = shortfall[shortfall.length - 1] as number;
    expect(firstGap).toBeGreaterThan(2);
    expect(fromFake['Summary!LP_Chart_FundingCliff'].altText.description).toMatch(
      new RegExp(`^Funding falls short from ${String(years[firstGap]).replace('/', '\\/')}; £${Math.round(total).toLocaleString('en-GB')} over five years`),
    );
    expect(fromFake['Summary!LP_Chart_FundingCliff'].series.filter((x) => x.includes('labelled'))).toEqual(['bars #D55E00 labelled "£"#,##0;("£"#,##0);; center']);
  });

  it.each(printedSheets)('prints %s the same way: A4 landscape, fitted to the width, its print area, repeated header rows, header and footer, page breaks', (name) => {
    const page = fake.sheet(name).page;
    const xml = strFromU8(files[sheetParts(files).get(name)!]);
    const attr = (el: string, a: string) => new RegExp(`<${el}\\b[^>]*\\s${a}="([^"]*)"`).exec(xml)?.[1];
    const workbook = strFromU8(files['xl/workbook.xml']);
    const index = [...workbook.matchAll(/<sheet\b[^>]*name="([^"]+)"/g)].findIndex((m) => m[1] === name);
    const definedName = (n: string) => new RegExp(`<definedName name="${n}" localSheetId="${index}">([^<]*)</definedName>`).exec(workbook)?.[1]?.replace(/^[^!]*!/, '') ?? null;
    const sections = (code: 'oddHeader' | 'oddFooter'): string[] => {
      const raw = unescapeXml(new RegExp(`<${code}>([^<]*)</${code}>`).exec(xml)?.[1] ?? '');
      const out: Record<string, string> = { L: '', C: '', R: '' };
      let current = 'C';
      for (let i = 0; i < raw.length; i++) {
        if (raw[i] === '&' && 'LCR'.includes(raw[i + 1] ?? '')) current = raw[++i];
        else if (raw[i] === '&' && raw[i + 1] === '&') out[current] += raw[i] + raw[++i];
        else out[current] += raw[i];
      }
      return [out.L, out.C, out.R];
    };
    const absolute = (r: { row: number; column: number; rows: number; columns: number }) => rangeAddress(r.row, r.column, r.rows, r.columns).split(':').map((c) => c.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2')).join(':');
    const inFake = {
      orientation: page.orientation.toLowerCase(),
      paper: page.paperSize,
      fit: [page.zoom.horizontalFitToPages, page.zoom.verticalFitToPages],
      margins: Object.values(page.margins).map((pt) => Math.round((pt / 72) * 10_000) / 10_000),
      printArea: page.printArea ? absolute(page.printArea) : null,
      titleRows: page.printTitleRows ? `$${page.printTitleRows.first + 1}:$${page.printTitleRows.last + 1}` : null,
      header: [page.headersFooters.leftHeader, page.headersFooters.centerHeader, page.headersFooters.rightHeader],
      footer: [page.headersFooters.leftFooter, page.headersFooters.centerFooter, page.headersFooters.rightFooter],
      breaks: page.breaks,
    };
    expect(inFake).toEqual({
      orientation: attr('pageSetup', 'orientation'),
      paper: attr('pageSetup', 'paperSize') === '9' ? 'A4' : attr('pageSetup', 'paperSize'),
      fit: [Number(attr('pageSetup', 'fitToWidth')), Number(attr('pageSetup', 'fitToHeight'))],
      margins: ['left', 'right', 'top', 'bottom', 'header', 'footer'].map((m) => Number(attr('pageMargins', m))),
      printArea: definedName('_xlnm.Print_Area'),
      titleRows: definedName('_xlnm.Print_Titles'),
      header: sections('oddHeader'),
      footer: sections('oddFooter'),
      breaks: [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1])),
    });
    expect(inFake).toMatchObject({ orientation: 'landscape', paper: 'A4', fit: [1, name === 'Summary' ? 1 : 0] });
    expect(inFake.header).toEqual(['&F', '&A', 'Page &P of &N']);
    expect(inFake.footer[0]).toBe('Prepared with Locality Planner 0.1.0 on 23 November 2026');
    expect(/<pageSetUpPr fitToPage="1"\/>/.test(xml)).toBe(true);
    // Every sheet holding a table repeats a header row. The sample's Allocation has two
    // Shared out lines: every table there has the first one's header, so it is the band.
    if (name === 'Allocation') {
      const first = fake.model.tables.find((t) => !t.deleted && t.name === 'LP_Allocation')!.rect.row;
      expect(inFake.titleRows).toBe(`$${first + 1}:$${first + 1}`);
    }
    // Each chart of the Charts sheet starts a page; the one-page Summary has no breaks.
    if (name === 'Charts') expect(inFake.breaks.length).toBeGreaterThanOrEqual(2);
    if (name === 'Summary') expect(inFake.breaks).toEqual([]);
  });

  it.each(outputSheets)('gives %s the same row heights', (name) => {
    const xml = strFromU8(files[sheetParts(files).get(name)!]);
    const fromFile = [...xml.matchAll(/<row r="(\d+)" ht="([^"]+)" customHeight="1"/g)].map((m) => [Number(m[1]) - 1, Number(m[2])]);
    expect([...fake.sheet(name).rowHeights].sort((a, b) => a[0] - b[0])).toEqual(fromFile);
    // The charts' data blocks have wrapped headers, so those sheets do set heights.
    if (name === 'Charts' || name === 'Summary') expect(fromFile.length).toBeGreaterThan(0);
  });

  it('opens on the Summary in both: the active sheet, and the only selected tab', () => {
    expect(fake.model.active?.name).toBe('Summary');
    const workbook = strFromU8(files['xl/workbook.xml']);
    const names = [...workbook.matchAll(/<sheet\b[^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(names[Number(/<workbookView\b[^>]*activeTab="(\d+)"/.exec(workbook)![1])]).toBe('Summary');
    const selected = [...sheetParts(files)].filter(([, part]) => /<sheetView\b[^>]*tabSelected="1"/.test(strFromU8(files[part]))).map(([n]) => n);
    expect(selected).toEqual(['Summary']);
  });

  it('makes the same tables, with the same names and ranges', () => {
    const fromFake = fake.model.tables.filter((t) => !t.deleted && outputSheets.includes(t.sheet.name)).map((t) => `${t.sheet.name}!${t.name}:${rangeAddress(t.rect.row, t.rect.column, t.rect.rows, t.rect.columns)}`).sort();
    const fromFile = Object.entries(files)
      .filter(([p]) => /^xl\/tables\/table\d+\.xml$/.test(p))
      .map(([, x]) => /name="([^"]+)"[^>]*ref="([^"]+)"/.exec(strFromU8(x))!)
      .filter((m) => m[1].startsWith('LP_'))
      .map((m) => `${results.worksheets.find((ws) => ws.getTable(m[1]))?.name}!${m[1]}:${m[2]}`)
      .sort();
    expect(fromFake).toEqual(fromFile);
    // Two Shared out lines (the locality action fund and the Allocation pot) make a table each, and one of each locality's total.
    expect(fromFake.map((t) => t.replace(/:.*$/, ''))).toEqual(['Allocation!LP_Allocation', 'Allocation!LP_Allocation_2', 'Allocation!LP_Allocation_Total', 'Priorities!LP_Priorities', 'Run info!LP_RunHistory', 'Warnings!LP_Warnings']);
  });

  it('draws the same charts', () => {
    const fromFake = fake.model.sheets.filter((s) => !s.deleted).flatMap((s) => s.charts.filter((c) => !c.deleted).map((c) => `${s.name}!${c.name}:${c.series.length}`)).sort();
    const drawings = Object.entries(files).filter(([p]) => /^xl\/drawings\/drawing\d+\.xml$/.test(p)).map(([, x]) => strFromU8(x));
    const names = drawings.flatMap((x) => [...x.matchAll(/<xdr:cNvPr id="\d+" name="(LP_[^"]+)"/g)].map((m) => m[1]));
    const charts = Object.entries(files).filter(([p]) => /^xl\/charts\/chart\d+\.xml$/.test(p)).map(([, x]) => strFromU8(x));
    const seriesCounts = charts.map((x) => (x.match(/<c:ser>/g) ?? []).length);
    expect(fromFake.map((c) => c.split(':')[0].split('!')[1]).sort()).toEqual(names.sort());
    expect(fromFake.map((c) => Number(c.split(':')[1])).sort()).toEqual(seriesCounts.sort());
    // The need ranking's scale ends at 100 in both: need scores run from 0 to 100.
    const need = fake.model.sheets.flatMap((s) => s.charts).find((c) => c.name === 'LP_Chart_NeedRanking' && !c.deleted)!;
    expect(need.axes.valueAxis.maximum).toBe(100);
    expect(charts.filter((x) => x.includes('<c:max val="100"/>'))).toHaveLength(1);
  });
});

/**
 * Every row, sheet and format contract v1.1 §5 adds, in one workbook both hosts plan: a
 * post from a date and a grant to a date (part years in Run info), a pot usable from a
 * date, an uplifted budget, savings larger than the costs in a year (an INPUT note, a
 * surplus a reserve takes), a reserve drawn, capital short in one year and lapsing in the
 * next, the Allocation pot and a Shared out line Per Councillors (a table each and one of
 * totals), and an indicator whose direction is assumed.
 */
const v11Tables: readonly { name: string; rows: (string | number | Date | null)[][]; dateColumns?: readonly number[] }[] = [
  {
    name: 'Localities',
    rows: [
      ['Locality', 'District', 'IMD Decile (where 1 is most deprived 10% of LSOAs)', 'Wards', 'Population', 'Councillors'],
      ['Abbey', 'North', 1, 2, 1000, 3], ['Bridge', 'North', 4, 1, 2000, 2], ['Castle', 'South', 2, 3, 1500, 1], ['Dale', 'South', 9, 1, 800, 1],
    ],
  },
  { name: 'Indicators', rows: [['Indicator', 'Weight', 'Direction'], ['IMD Decile (where 1 is most deprived 10% of LSOAs)', 1, null]] },
  { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 3], ['Per district', 1], ['Allocation pot', '£20k'], ['Allocation method', 'Per ward'], ['Pay inflation', '3.816%'], ['Non-pay inflation', '2%']] },
  {
    name: 'Costs',
    rows: [
      ['Cost line', 'Applies to', 'Type', 'Quantity', 'Unit cost', 'Inflation', 'From', 'To', 'Method', '2012/13', '2013/14', '2014/15'],
      ['Community Development Officer', 'Programme', 'Revenue', 1, 34587, 'Pay', new Date(Date.UTC(2012, 10, 1)), null, null, null, null, null],
      ['Building sale saving', 'Programme', 'Revenue', 1, null, 'None', null, null, null, null, -200000, null],
      ['Hub refurbishment', 'Programme', 'Capital', 1, null, 'None', null, null, null, 10000, 5000, 0],
      ['Ward budgets', 'Shared out', 'Revenue', 1, '£12k', 'Non-pay', null, null, 'Per Councillors', null, null, null],
    ],
    dateColumns: [6],
  },
  {
    name: 'Funding',
    rows: [
      ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status', 'Inflation'],
      ['Mainstream budget', 'Recurring', 40000, null, null, null, 'Confirmed', '2%'],
      ['Neighbourhood grant', 'Recurring', 24000, null, null, new Date(Date.UTC(2012, 9, 31)), 'At risk', null],
      ['LPSA pot', 'One-off', null, 15000, new Date(Date.UTC(2012, 9, 1)), '2013/14', 'Confirmed', null],
      ['Capital allocation', 'Capital', 8000, null, null, '2013/14', 'Confirmed', null],
      ['Locality reserve', 'Reserve', null, 5000, null, null, 'Confirmed', null],
    ],
    dateColumns: [4, 5],
  },
];

describe.each`
  shown    | words
  ${null}  | ${'whole pounds, the default'}
  ${'£k'}  | ${'£k, as asked'}
`('the add-in and the command-line tool write the same cells for every v1.1 row (contract v1.1 §5), amounts in $words', ({ shown }: { shown: string | null }) => {
  let fake: FakeExcel;
  let results: ExcelJS.Workbook;
  // Show amounts in (contract §5.7) as a Parameters row, or left to its default.
  const tables = v11Tables.map((t) => (t.name === 'Parameters' && shown !== null ? { ...t, rows: [...t.rows, ['Show amounts in', shown]] } : t));

  beforeAll(async () => {
    fake = new FakeExcel({
      sheets: tables.map((t) => ({
        name: t.name,
        cells: t.rows.map((row) => row.map(asExcelValue)),
        tables: [{ name: t.name, range: rangeAddress(0, 0, t.rows.length, t.rows[0].length) }],
        numberFormats: Object.fromEntries((t.dateColumns ?? []).map((c) => [rangeAddress(1, c, t.rows.length - 1, 1), 'd mmm yyyy'])),
      })),
    });
    const report = await createOfficeHost((batch) => batch(fake.context), { now }).run(() => undefined);
    expect(report.ok).toBe(true);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-parity-v11-'));
    const input = path.join(dir, 'v11.xlsx');
    await writeInputWorkbook(input, tables.map((t) => ({ name: t.name, rows: t.rows })));
    const out = path.join(dir, 'v11.results.xlsx');
    expect(await main(['run', input, '--out', out], { out: () => undefined, err: () => undefined }, now)).toBe(0);
    results = new ExcelJS.Workbook();
    await results.xlsx.readFile(out);
  });

  it('formats every amount as asked, in both hosts, the cells holding exact pounds and pence', () => {
    const format = shown === '£k' ? '"£"#,##0.0,"k";[Red]("£"#,##0.0,"k");"–"' : '"£"#,##0;[Red]("£"#,##0);"–"';
    for (const [sheet, label] of [['Projection', 'Total cost'], ['Summary', 'Total shortfall'], ['Projection', 'Capital shortfall']]) {
      const inFile = fileGrid(results.getWorksheet(sheet)!);
      const inFake = fakeGrid(fake, sheet);
      const at = [...inFile].find(([, c]) => c.value === label)![0];
      const amount = at.replace(/^A/, 'B');
      expect([sheet, label, inFile.get(amount)?.format, inFake.get(amount)?.format]).toEqual([sheet, label, format, format]);
      expect(inFake.get(amount)?.value).toBe(inFile.get(amount)?.value);
    }
  });

  it('plans every v1.1 row, so the comparison covers them', () => {
    const labels = fileGrid(results.getWorksheet('Projection')!);
    const texts = new Set([...labels.values()].map((c) => (typeof c.value === 'string' ? c.value.trim() : '')));
    for (const row of ['Cumulative shortfall', 'Added to Locality reserve', 'Drawn from Locality reserve', 'Pot and reserve balances at year end', 'Capital costs', 'Total capital cost', 'Total capital funding',
      'Brought forward from the year before', 'Capital used', 'Carried forward (slippage)', 'Capital lapsed', 'Capital shortfall', 'Allocation pot', 'Ward budgets (shared out)']) {
      expect([row, texts.has(row)]).toEqual([row, true]);
    }
    const runInfo = [...fileGrid(results.getWorksheet('Run info')!).values()].map((c) => c.value);
    expect(runInfo).toEqual(expect.arrayContaining(['Part year', '5/12', '7/12', 'Overrides count towards quotas']));
    const warnings = [...fileGrid(results.getWorksheet('Warnings')!).values()].map((c) => c.value);
    expect(warnings).toEqual(expect.arrayContaining(['CAPITAL_SHORTFALL', 'POT_LAPSES', 'RESERVE_USED', 'FUNDING_ENDS', 'INPUT']));
    expect(results.getWorksheet('Allocation')!.getTables().map((t) => (t as unknown as { name: string }).name).sort()).toEqual(['LP_Allocation', 'LP_Allocation_2', 'LP_Allocation_Total']);
  });

  it.each(outputSheets)('writes %s cell for cell, and styles it alike', (name) => {
    const inFake = fakeGrid(fake, name);
    const inFile = fileGrid(results.getWorksheet(name)!);
    setHostCellsAside(inFake, inFile);
    expect(Object.fromEntries(inFake)).toEqual(Object.fromEntries(inFile));
    expect(Object.fromEntries(fakeLooks(fake, name))).toEqual(Object.fromEntries(fileLooks(results.getWorksheet(name)!)));
  });
});
