import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import type { ChartPlan, OutputCell } from '../../src/engine';
import {
  CHART_CONTENT_TYPE,
  CHART_REL_TYPE,
  ChartPlanError,
  DRAWING_CONTENT_TYPE,
  DRAWING_REL_TYPE,
  chartPartPath,
  chartPartXml,
  contentTypeOverrideXml,
  drawingPartPath,
  drawingPartXml,
  drawingRelsPath,
  drawingRelsXml,
  sheetChartParts,
} from '../../src/xlsx/chartXml';

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PR = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Parses strictly: any XML error or warning fails the test. */
function parse(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(xml, 'application/xml');
}

function all(node: Document | Element, ns: string, name: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(ns, name));
}

function one(node: Document | Element, ns: string, name: string): Element {
  const found = all(node, ns, name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0];
}

/** Direct children only, so a series' `c:tx` is not confused with a title's. */
function child(node: Element, ns: string, name: string): Element | undefined {
  return Array.from(node.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === name && (n as Element).namespaceURI === ns);
}

function val(node: Element, ns: string, name: string): string | null {
  return child(node, ns, name)?.getAttribute('val') ?? null;
}

function formula(ref: Element): string {
  return one(ref, C, 'f').textContent ?? '';
}

function cache(ref: Element): { count: number; points: Record<number, string> } {
  const count = Number(one(ref, C, 'ptCount').getAttribute('val'));
  const points: Record<number, string> = {};
  for (const pt of all(ref, C, 'pt')) points[Number(pt.getAttribute('idx'))] = one(pt, C, 'v').textContent ?? '';
  return { count, points };
}

/**
 * A Projection-like sheet: the chart's data block starts at B3 (row 2, column 1), a header
 * row over four years, three series (two cost lines as bars, funding as a line).
 */
const projectionCells: OutputCell[][] = [
  ['Projection'],
  [],
  [null, 'Year', 'Staff', 'Running costs', 'Total funding'],
  [null, '2009/10', 520000, 200400, 720400],
  [null, '2010/11', 535000, 210000, 745000],
  [null, '2011/12', 550000, null, 429600],
  [null, '2012/13', 566000.5, 'n/a', 0],
];

const costChart: ChartPlan = {
  name: 'LP_CostFunding',
  title: 'Cost against funding',
  altText: 'Funding falls short from 2011/12.',
  type: 'column-stacked',
  data: { row: 2, column: 1, rows: 5, columns: 4 },
  series: [
    { column: 1, color: '#1f4e79', as: 'bars' },
    { column: 3, color: '#C00000', as: 'line', marker: 'circle', dash: 'solid' },
    { column: 2, color: '#9DC3E6', as: 'bars' },
  ],
  anchor: { from: { row: 9, column: 1 }, to: { row: 28, column: 9 } },
  valueAxis: { title: 'Pounds', numberFormat: 'money' },
  categoryAxis: { title: 'Financial year', reversed: false, valueAxisCrosses: 'automatic' }, legend: 'bottom',
};

const needCells: OutputCell[][] = [
  ['Locality', 'Selected', 'Not selected'],
  ['Tamworth 007D', 99.8, null],
  ['Cannock Chase 012A', 97.1, null],
  ['Lichfield 003B', null, 40.2],
];

const needChart: ChartPlan = {
  name: 'LP_NeedRanking',
  title: 'Need ranking',
  altText: 'Tamworth 007D is most in need.',
  type: 'bar-stacked',
  data: { row: 0, column: 0, rows: 4, columns: 3 },
  series: [
    { column: 1, color: '#2E75B6', as: 'bars' },
    { column: 2, color: '#BFBFBF', as: 'bars' },
  ],
  anchor: { from: { row: 0, column: 4 }, to: { row: 30, column: 12 } },
  valueAxis: { title: 'Need score', numberFormat: 'score' },
  categoryAxis: { title: '', reversed: true, valueAxisCrosses: 'at-last-category' }, legend: 'bottom',
};

describe('chartPartXml', () => {
  const doc = parse(chartPartXml(costChart, 'Projection', projectionCells));
  const barChart = one(doc, C, 'barChart');
  const lineChart = one(doc, C, 'lineChart');
  const barSeries = all(barChart, C, 'ser');
  const lineSeries = all(lineChart, C, 'ser');

  it('writes a chartSpace root in the chart namespace with the drawing and relationship namespaces declared', () => {
    expect(doc.documentElement!.localName).toBe('chartSpace');
    expect(doc.documentElement!.namespaceURI).toBe(C);
    expect(doc.documentElement!.getAttribute('xmlns:a')).toBe(A);
    expect(doc.documentElement!.getAttribute('xmlns:r')).toBe(R);
  });

  it('draws the bar series as stacked columns that overlap fully', () => {
    expect(val(barChart, C, 'barDir')).toBe('col');
    expect(val(barChart, C, 'grouping')).toBe('stacked');
    expect(val(barChart, C, 'overlap')).toBe('100');
  });

  it('keeps the plan order of the bars and puts the line series in a line chart after them', () => {
    expect(barSeries.map((s) => formula(child(s, C, 'tx')!))).toEqual(['Projection!$C$3', 'Projection!$D$3']);
    expect(lineSeries.map((s) => formula(child(s, C, 'tx')!))).toEqual(['Projection!$E$3']);
    expect([...barSeries, ...lineSeries].map((s) => [val(s, C, 'idx'), val(s, C, 'order')])).toEqual([
      ['0', '0'],
      ['1', '1'],
      ['2', '2'],
    ]);
    expect(val(lineChart, C, 'grouping')).toBe('standard');
  });

  it('puts the bars and the line on the same pair of axes', () => {
    const ids = (node: Element): string[] => all(node, C, 'axId').filter((n) => n.parentNode === node).map((n) => n.getAttribute('val')!);
    const catId = val(one(doc, C, 'catAx'), C, 'axId');
    const valId = val(one(doc, C, 'valAx'), C, 'axId');
    expect(catId).not.toBe(valId);
    expect(ids(barChart)).toEqual([catId, valId]);
    expect(ids(lineChart)).toEqual([catId, valId]);
    expect(val(one(doc, C, 'catAx'), C, 'crossAx')).toBe(valId);
    expect(val(one(doc, C, 'valAx'), C, 'crossAx')).toBe(catId);
  });

  it('caches each series name from its header cell', () => {
    expect([...barSeries, ...lineSeries].map((s) => cache(one(child(s, C, 'tx')!, C, 'strRef')).points[0])).toEqual([
      'Staff',
      'Running costs',
      'Total funding',
    ]);
  });

  it('refers to the categories and values with absolute ranges below the header', () => {
    const staff = barSeries[0];
    expect(formula(child(staff, C, 'cat')!)).toBe('Projection!$B$4:$B$7');
    expect(formula(child(staff, C, 'val')!)).toBe('Projection!$C$4:$C$7');
    expect(formula(child(lineSeries[0], C, 'val')!)).toBe('Projection!$E$4:$E$7');
  });

  it('caches the categories as text and the numbers as they are', () => {
    expect(cache(one(child(barSeries[0], C, 'cat')!, C, 'strCache'))).toEqual({
      count: 4,
      points: { 0: '2009/10', 1: '2010/11', 2: '2011/12', 3: '2012/13' },
    });
    expect(cache(one(child(barSeries[0], C, 'val')!, C, 'numCache'))).toEqual({
      count: 4,
      points: { 0: '520000', 1: '535000', 2: '550000', 3: '566000.5' },
    });
  });

  it('leaves blanks and text out of the value cache, so they are gaps and not zeros', () => {
    expect(cache(one(child(barSeries[1], C, 'val')!, C, 'numCache'))).toEqual({ count: 4, points: { 0: '200400', 1: '210000' } });
    expect(cache(one(child(lineSeries[0], C, 'val')!, C, 'numCache')).points[3]).toBe('0');
  });

  it('fills each bar with its solid colour and strokes the line in its colour', () => {
    const fill = (s: Element): string => one(one(child(s, C, 'spPr')!, A, 'solidFill'), A, 'srgbClr').getAttribute('val')!;
    expect(barSeries.map(fill)).toEqual(['1F4E79', '9DC3E6']);
    const stroke = one(child(lineSeries[0], C, 'spPr')!, A, 'ln');
    expect(one(stroke, A, 'srgbClr').getAttribute('val')).toBe('C00000');
  });

  it('formats the value axis with the plan number format, not the source cells', () => {
    const numFmt = child(one(doc, C, 'valAx'), C, 'numFmt')!;
    expect(numFmt.getAttribute('formatCode')).toBe('"£"#,##0.00;[Red]("£"#,##0.00);"£"0.00');
    expect(numFmt.getAttribute('sourceLinked')).toBe('0');
  });

  it('titles the chart and both axes, and puts the legend at the bottom', () => {
    const chart = one(doc, C, 'chart');
    expect(child(child(chart, C, 'title')!, C, 'tx')!.textContent).toBe('Cost against funding');
    expect(child(one(doc, C, 'catAx'), C, 'title')!.textContent).toBe('Financial year');
    expect(child(one(doc, C, 'valAx'), C, 'title')!.textContent).toBe('Pounds');
    expect(val(one(doc, C, 'legend'), C, 'legendPos')).toBe('b');
  });

  it('leaves the value axis scale automatic unless the plan fixes its top, and then writes it after the orientation', () => {
    expect(child(one(one(doc, C, 'valAx'), C, 'scaling'), C, 'max')).toBeUndefined();
    const fixed = parse(chartPartXml({ ...needChart, valueAxis: { ...needChart.valueAxis, maximum: 100 } }, 'Charts', needCells));
    const scaling = one(one(fixed, C, 'valAx'), C, 'scaling');
    expect(Array.from(scaling.childNodes).filter((n) => n.nodeType === 1).map((n) => (n as Element).localName)).toEqual(['orientation', 'max']);
    expect(val(scaling, C, 'max')).toBe('100');
  });

  it('keeps the category axis in order and along the bottom of a column chart', () => {
    const catAx = one(doc, C, 'catAx');
    expect(val(one(catAx, C, 'scaling'), C, 'orientation')).toBe('minMax');
    expect(val(catAx, C, 'axPos')).toBe('b');
    expect(val(one(doc, C, 'valAx'), C, 'crosses')).toBe('autoZero');
  });

  it('writes the elements of each block in the order the schema requires', () => {
    const names = (node: Element): string[] =>
      Array.from(node.childNodes)
        .filter((n): n is Element => n.nodeType === 1)
        .map((n) => n.localName!);
    expect(names(barSeries[0])).toEqual(['idx', 'order', 'tx', 'spPr', 'invertIfNegative', 'cat', 'val']);
    expect(names(lineSeries[0])).toEqual(['idx', 'order', 'tx', 'spPr', 'marker', 'cat', 'val', 'smooth']);
    expect(names(one(doc, C, 'plotArea'))).toEqual(['layout', 'barChart', 'lineChart', 'catAx', 'valAx', 'spPr']);
    expect(names(one(doc, C, 'chart'))).toEqual(['title', 'autoTitleDeleted', 'plotArea', 'legend', 'plotVisOnly', 'dispBlanksAs']);
    expect(names(one(doc, C, 'valAx'))).toEqual([
      'axId', 'scaling', 'delete', 'axPos', 'majorGridlines', 'title', 'numFmt', 'majorTickMark', 'minorTickMark',
      'tickLblPos', 'spPr', 'crossAx', 'crosses', 'crossBetween',
    ]);
  });
});

describe('chartPartXml for horizontal bars', () => {
  const doc = parse(chartPartXml(needChart, 'Priorities', needCells));

  it('draws stacked horizontal bars with no line chart', () => {
    expect(val(one(doc, C, 'barChart'), C, 'barDir')).toBe('bar');
    expect(all(doc, C, 'lineChart')).toHaveLength(0);
    expect(all(doc, C, 'ser')).toHaveLength(2);
  });

  it('reverses the category axis so the first locality is at the top, keeping the values along the bottom', () => {
    const catAx = one(doc, C, 'catAx');
    expect(val(one(catAx, C, 'scaling'), C, 'orientation')).toBe('maxMin');
    expect(val(catAx, C, 'axPos')).toBe('l');
    expect(val(one(doc, C, 'valAx'), C, 'axPos')).toBe('b');
    expect(val(one(doc, C, 'valAx'), C, 'crosses')).toBe('max');
  });

  it('writes no title element for an empty axis title', () => {
    expect(child(one(doc, C, 'catAx'), C, 'title')).toBeUndefined();
    expect(child(one(doc, C, 'valAx'), C, 'title')!.textContent).toBe('Need score');
  });

  it('uses the score format on the value axis', () => {
    expect(child(one(doc, C, 'valAx'), C, 'numFmt')!.getAttribute('formatCode')).toBe('0.0');
  });

  it('refers to a block at A1 with the right ranges', () => {
    const [selected, other] = all(doc, C, 'ser');
    expect(formula(child(selected, C, 'cat')!)).toBe('Priorities!$A$2:$A$4');
    expect(formula(child(other, C, 'val')!)).toBe('Priorities!$C$2:$C$4');
    expect(cache(one(child(other, C, 'val')!, C, 'numCache')).points).toEqual({ 2: '40.2' });
  });
});

describe('chartPartXml escaping', () => {
  const awkward: ChartPlan = {
    ...needChart,
    title: 'Costs & funding <draft> "A"',
    valueAxis: { title: "Pounds (£) & pence", numberFormat: 'money' },
  };
  const cells: OutputCell[][] = [
    ['Locality', 'Selected & ranked', 'Not <selected>'],
    ["St John's & St Mary's", 1, 2],
    ['Bad\u0001char', 3, 4],
  ];
  const xml = chartPartXml({ ...awkward, data: { row: 0, column: 0, rows: 3, columns: 3 } }, "Bob's & Alice's plan", cells);
  const doc = parse(xml);

  it('quotes a sheet name with an apostrophe and an ampersand, doubling the apostrophes', () => {
    expect(formula(child(all(doc, C, 'ser')[0], C, 'val')!)).toBe("'Bob''s & Alice''s plan'!$B$2:$B$3");
  });

  it('round-trips titles, series names and categories with markup characters', () => {
    expect(child(one(doc, C, 'chart'), C, 'title')!.textContent).toBe('Costs & funding <draft> "A"');
    expect(child(one(doc, C, 'valAx'), C, 'title')!.textContent).toBe('Pounds (£) & pence');
    expect(all(doc, C, 'ser').map((s) => cache(one(child(s, C, 'tx')!, C, 'strRef')).points[0])).toEqual(['Selected & ranked', 'Not <selected>']);
    expect(cache(one(child(all(doc, C, 'ser')[0], C, 'cat')!, C, 'strCache')).points[0]).toBe("St John's & St Mary's");
  });

  it('drops characters XML cannot hold rather than writing a part Excel would refuse', () => {
    expect(cache(one(child(all(doc, C, 'ser')[0], C, 'cat')!, C, 'strCache')).points[1]).toBe('Badchar');
  });

  it('writes a single-category range as one cell', () => {
    const single = chartPartXml({ ...needChart, data: { row: 0, column: 0, rows: 2, columns: 3 } }, 'Priorities', needCells);
    expect(formula(child(all(parse(single), C, 'ser')[0], C, 'val')!)).toBe('Priorities!$B$2');
  });
});

describe('chartPartXml refuses plans it cannot draw', () => {
  it.each`
    what                             | plan
    ${'no category rows'}            | ${{ ...costChart, data: { ...costChart.data, rows: 1 } }}
    ${'no series'}                   | ${{ ...costChart, series: [] }}
    ${'the category column as data'} | ${{ ...costChart, series: [{ column: 0, color: '#000000', as: 'bars' }] }}
    ${'a column past the block'}     | ${{ ...costChart, series: [{ column: 4, color: '#000000', as: 'bars' }] }}
    ${'a colour name'}               | ${{ ...costChart, series: [{ column: 1, color: 'red', as: 'bars' }] }}
    ${'a line over horizontal bars'} | ${{ ...needChart, series: [{ column: 1, color: '#000000', as: 'line', marker: 'circle', dash: 'solid' }] }}
  `('throws a ChartPlanError for $what', ({ plan }: { plan: ChartPlan }) => {
    expect(() => chartPartXml(plan, 'Projection', projectionCells)).toThrow(ChartPlanError);
  });

  it('names the chart in the message', () => {
    expect(() => chartPartXml({ ...costChart, series: [] }, 'Projection', projectionCells)).toThrow(/LP_CostFunding/);
  });
});

describe('drawingPartXml', () => {
  const doc = parse(
    drawingPartXml([
      { chart: costChart, relId: 'rId1', id: 2 },
      { chart: { ...needChart, name: 'LP_A&B' }, relId: 'rId2', id: 3 },
    ]),
  );
  const anchors = all(doc, XDR, 'twoCellAnchor');

  it('writes one two-cell anchor with a graphic frame per chart', () => {
    expect(doc.documentElement!.localName).toBe('wsDr');
    expect(anchors).toHaveLength(2);
    expect(anchors.map((a) => all(a, XDR, 'graphicFrame').length)).toEqual([1, 1]);
  });

  it('names each frame after its chart so a re-run can find it', () => {
    expect(all(doc, XDR, 'cNvPr').map((n) => [n.getAttribute('id'), n.getAttribute('name')])).toEqual([
      ['2', 'LP_CostFunding'],
      ['3', 'LP_A&B'],
    ]);
  });

  it('gives each frame the chart’s alternative text as its description, and the chart’s title as its title', () => {
    expect(all(doc, XDR, 'cNvPr').map((n) => [n.getAttribute('descr'), n.getAttribute('title')])).toEqual([
      [costChart.altText, costChart.title],
      [needChart.altText, needChart.title],
    ]);
  });

  it('points each frame at its chart relationship', () => {
    expect(all(doc, C, 'chart').map((n) => n.getAttributeNS(R, 'id'))).toEqual(['rId1', 'rId2']);
    expect(all(doc, A, 'graphicData').map((n) => n.getAttribute('uri'))).toEqual([C, C]);
  });

  it('covers the anchor cells inclusively, ending at the corner after the bottom-right cell', () => {
    const corner = (a: Element, which: string): number[] => {
      const m = one(a, XDR, which);
      return ['col', 'colOff', 'row', 'rowOff'].map((n) => Number(one(m, XDR, n).textContent));
    };
    expect(corner(anchors[0], 'from')).toEqual([1, 0, 9, 0]);
    expect(corner(anchors[0], 'to')).toEqual([10, 0, 29, 0]);
    expect(child(anchors[0], XDR, 'clientData')).toBeDefined();
  });
});

describe('package bookkeeping', () => {
  it('lists the chart relationships of a drawing', () => {
    const doc = parse(drawingRelsXml([{ relId: 'rId1', target: '../charts/chart1.xml' }, { relId: 'rId2', target: '../charts/chart2.xml' }]));
    const rels = all(doc, PR, 'Relationship');
    expect(rels.map((r) => [r.getAttribute('Id'), r.getAttribute('Type'), r.getAttribute('Target')])).toEqual([
      ['rId1', CHART_REL_TYPE, '../charts/chart1.xml'],
      ['rId2', CHART_REL_TYPE, '../charts/chart2.xml'],
    ]);
  });

  it('uses the OOXML content types and relationship types', () => {
    expect(CHART_CONTENT_TYPE).toBe('application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
    expect(DRAWING_CONTENT_TYPE).toBe('application/vnd.openxmlformats-officedocument.drawing+xml');
    expect(CHART_REL_TYPE).toBe('http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart');
    expect(DRAWING_REL_TYPE).toBe('http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing');
  });

  it('names the parts where Excel puts them', () => {
    expect([chartPartPath(3), drawingPartPath(2), drawingRelsPath(2)]).toEqual(['xl/charts/chart3.xml', 'xl/drawings/drawing2.xml', 'xl/drawings/_rels/drawing2.xml.rels']);
    expect(contentTypeOverrideXml('xl/charts/chart3.xml', CHART_CONTENT_TYPE)).toBe(
      `<Override PartName="/xl/charts/chart3.xml" ContentType="${CHART_CONTENT_TYPE}"/>`,
    );
  });
});

describe('sheetChartParts', () => {
  const added = sheetChartParts(
    { name: 'Projection', cells: projectionCells, charts: [costChart, { ...costChart, name: 'LP_Second', series: [costChart.series[0]] }] },
    { drawing: 3, firstChart: 5 },
  );

  it('adds a drawing, its rels and one chart part per planned chart, numbered as asked', () => {
    expect(Object.keys(added.parts).sort()).toEqual([
      'xl/charts/chart5.xml',
      'xl/charts/chart6.xml',
      'xl/drawings/_rels/drawing3.xml.rels',
      'xl/drawings/drawing3.xml',
    ]);
    expect(added.drawingRelationship).toEqual({ type: DRAWING_REL_TYPE, target: '../drawings/drawing3.xml' });
  });

  it('links each frame in the drawing to the chart part written for it', () => {
    const rels = all(parse(added.parts['xl/drawings/_rels/drawing3.xml.rels']), PR, 'Relationship');
    const targetById = Object.fromEntries(rels.map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
    const drawing = parse(added.parts['xl/drawings/drawing3.xml']);
    const frames = all(drawing, XDR, 'graphicFrame').map((f) => [one(f, XDR, 'cNvPr').getAttribute('name'), targetById[one(f, C, 'chart').getAttributeNS(R, 'id')!]]);
    expect(frames).toEqual([
      ['LP_CostFunding', '../charts/chart5.xml'],
      ['LP_Second', '../charts/chart6.xml'],
    ]);
    expect(all(parse(added.parts['xl/charts/chart6.xml']), C, 'ser')).toHaveLength(1);
  });

  it('declares a content type for every new part except the rels', () => {
    expect(added.contentTypes).toEqual([
      { part: 'xl/charts/chart5.xml', contentType: CHART_CONTENT_TYPE },
      { part: 'xl/charts/chart6.xml', contentType: CHART_CONTENT_TYPE },
      { part: 'xl/drawings/drawing3.xml', contentType: DRAWING_CONTENT_TYPE },
    ]);
    expect(added.contentTypeOverrides).toEqual([
      contentTypeOverrideXml('xl/charts/chart5.xml', CHART_CONTENT_TYPE),
      contentTypeOverrideXml('xl/charts/chart6.xml', CHART_CONTENT_TYPE),
      contentTypeOverrideXml('xl/drawings/drawing3.xml', DRAWING_CONTENT_TYPE),
    ]);
  });
});

describe('chartPartXml: a shortfall told by more than its colour', () => {
  const labelled: ChartPlan = {
    ...costChart,
    series: [
      { column: 1, color: '#0072B2', as: 'bars' },
      { column: 2, color: '#D55E00', as: 'bars', labels: { numberFormat: 'poundsLabel' } },
      { column: 3, color: '#CC79A7', as: 'line', marker: 'none', dash: 'dash' },
    ],
  };
  const doc = parse(chartPartXml(labelled, 'Projection', projectionCells));
  const series = all(doc, C, 'ser');

  it('labels each bar of a labelled series with its value, in the plan’s label format, in the middle of the bar', () => {
    expect(series.map((s) => child(s, C, 'dLbls') !== undefined)).toEqual([false, true, false]);
    const labels = child(series[1], C, 'dLbls')!;
    expect(one(labels, C, 'numFmt').getAttribute('formatCode')).toBe('"£"#,##0;("£"#,##0);;');
    expect([val(labels, C, 'dLblPos'), val(labels, C, 'showVal'), val(labels, C, 'showSerName')]).toEqual(['ctr', '1', '0']);
  });

  it('puts the labels where the schema wants them: after invertIfNegative, before the categories', () => {
    const order = Array.from(series[1].childNodes).filter((n): n is Element => n.nodeType === 1).map((n) => n.localName);
    expect(order.indexOf('dLbls')).toBe(order.indexOf('invertIfNegative') + 1);
    expect(order.indexOf('dLbls')).toBeLessThan(order.indexOf('cat'));
  });

  it('dashes a dashed line, inside its line properties after the fill', () => {
    const ln = one(child(series[2], C, 'spPr')!, A, 'ln');
    const order = Array.from(ln.childNodes).filter((n): n is Element => n.nodeType === 1).map((n) => n.localName);
    expect(order).toEqual(['solidFill', 'prstDash', 'round']);
    expect(one(ln, A, 'prstDash').getAttribute('val')).toBe('dash');
    expect(all(parse(chartPartXml(costChart, 'Projection', projectionCells)), A, 'prstDash')).toHaveLength(0);
  });
});
