/**
 * The chart parts of a results workbook, written as DrawingML by hand because ExcelJS
 * cannot write charts (contract section 3: "native Excel charts, readable without the
 * add-in"). Everything here is a pure function from the output plan to XML text; the
 * workbook writer puts the text into the package and does the bookkeeping described on
 * {@link chartPartPath}, {@link drawingPartPath} and the constants below.
 */
import { type ChartPlan, type ChartSeriesPlan, type OutputCell, type SheetPlan, columnLetters, numberFormats, quoteSheetName } from '../engine';
import { escapeAttr as escapeXml } from './xml';

/** Content type of a chart part (`xl/charts/chartN.xml`), for an `<Override>` in `[Content_Types].xml`. */
export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
/** Content type of a drawing part (`xl/drawings/drawingN.xml`), for an `<Override>` in `[Content_Types].xml`. */
export const DRAWING_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
/** Relationship type from a drawing part to each of its charts. */
export const CHART_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
/** Relationship type from a worksheet to its (single) drawing part. */
export const DRAWING_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
/** Namespace of the `r:` prefix, needed on the worksheet root for `<drawing r:id="…"/>`. */
export const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const NS_PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A chart plan that cannot be drawn as asked; a bug in the plan, not an input issue. */
export class ChartPlanError extends Error {
  override name = 'ChartPlanError';
}

/** Path of the Nth chart part in the package (N counts from 1 across the workbook). */
export function chartPartPath(n: number): string {
  return `xl/charts/chart${n}.xml`;
}

/**
 * Path of the Nth drawing part (one per worksheet that has charts). Its relationships live in
 * `xl/drawings/_rels/drawingN.xml.rels` ({@link drawingRelsPath}); the worksheet reaches it
 * through a {@link DRAWING_REL_TYPE} relationship with target `../drawings/drawingN.xml`.
 */
export function drawingPartPath(n: number): string {
  return `xl/drawings/drawing${n}.xml`;
}

/** Path of the relationships part of the Nth drawing. */
export function drawingRelsPath(n: number): string {
  return `xl/drawings/_rels/drawing${n}.xml.rels`;
}

/** `<Override>` for `[Content_Types].xml`; `partPath` as in the zip (no leading slash). */
export function contentTypeOverrideXml(partPath: string, contentType: string): string {
  return `<Override PartName="/${escapeXml(partPath.replace(/^\//, ''))}" ContentType="${escapeXml(contentType)}"/>`;
}

/**
 * The relationships part of a drawing: one {@link CHART_REL_TYPE} relationship per chart.
 * Targets are relative to `xl/drawings/`, so `../charts/chart1.xml`.
 */
export function drawingRelsXml(targets: readonly { readonly relId: string; readonly target: string }[]): string {
  const rels = targets
    .map(({ relId, target }) => `<Relationship Id="${escapeXml(relId)}" Type="${CHART_REL_TYPE}" Target="${escapeXml(target)}"/>`)
    .join('');
  return `${XML_DECLARATION}<Relationships xmlns="${NS_PACKAGE_RELS}">${rels}</Relationships>`;
}

/**
 * The drawing part of one worksheet: a two-cell anchor holding a graphic frame for each
 * chart. The frame is named after the chart (`LP_…`), which is how a re-run finds the chart
 * it made, and carries the chart's alternative text (`descr`, with the chart's title as its
 * `title`), which Excel shows under Alt Text and screen readers read. `relId` is the chart's relationship id in this drawing's rels; `id` is unique
 * within the drawing and at least 1.
 *
 * The plan's anchor names the top-left and bottom-right cells the chart covers, as
 * Office.js `setPosition(start, end)` does, so the drawing's `to` marker is the top-left
 * corner of the cell after the bottom-right one.
 */
export function drawingPartXml(charts: readonly { readonly chart: ChartPlan; readonly relId: string; readonly id: number }[]): string {
  const anchors = charts.map(({ chart, relId, id }) => {
    const { from, to } = chart.anchor;
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      marker('from', from.row, from.column) +
      marker('to', to.row + 1, to.column + 1) +
      '<xdr:graphicFrame macro="">' +
      `<xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXml(chart.name)}" descr="${escapeXml(chart.altText)}" title="${escapeXml(chart.title)}"/><xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${RELATIONSHIPS_NS}" r:id="${escapeXml(relId)}"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
    );
  });
  return `${XML_DECLARATION}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors.join('')}</xdr:wsDr>`;
}

function marker(kind: 'from' | 'to', row: number, column: number): string {
  return `<xdr:${kind}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${kind}>`;
}

/** Everything one worksheet's charts add to the package; see {@link sheetChartParts}. */
export interface SheetChartParts {
  /** New parts, by path inside the zip (no leading slash), as XML text. */
  readonly parts: Readonly<Record<string, string>>;
  /** The content type of every new part except the rels, for `[Content_Types].xml` overrides. */
  readonly contentTypes: readonly { readonly part: string; readonly contentType: string }[];
  /** The same as ready-made `<Override>` elements. */
  readonly contentTypeOverrides: readonly string[];
  /**
   * The worksheet's relationship to its drawing, for `xl/worksheets/_rels/sheetN.xml.rels`;
   * the target is relative to `xl/worksheets/`. The sheet then needs `<drawing r:id="…"/>`
   * with that relationship's id, after `pageSetup`/`headerFooter` and before `legacyDrawing`,
   * `tableParts` and `extLst` (the schema's order), and `xmlns:r` on its root.
   */
  readonly drawingRelationship: { readonly type: string; readonly target: string };
}

/**
 * The parts for all the charts planned on one sheet: a drawing (number `drawing`), its
 * rels, and one chart part each, numbered from `firstChart` in plan order. The caller picks
 * numbers no existing part uses (an input workbook may have charts of its own).
 */
export function sheetChartParts(
  sheet: Pick<SheetPlan, 'name' | 'cells' | 'charts'>,
  numbers: { readonly drawing: number; readonly firstChart: number },
): SheetChartParts {
  const parts: Record<string, string> = {};
  const contentTypes: { part: string; contentType: string }[] = [];
  const frames = sheet.charts.map((chart, i) => {
    const n = numbers.firstChart + i;
    parts[chartPartPath(n)] = chartPartXml(chart, sheet.name, sheet.cells);
    contentTypes.push({ part: chartPartPath(n), contentType: CHART_CONTENT_TYPE });
    // cNvPr id 1 is conventionally the drawing itself, so frames start at 2, as Excel's do.
    return { chart, relId: `rId${i + 1}`, id: i + 2, target: `../charts/chart${n}.xml` };
  });
  parts[drawingPartPath(numbers.drawing)] = drawingPartXml(frames);
  parts[drawingRelsPath(numbers.drawing)] = drawingRelsXml(frames);
  contentTypes.push({ part: drawingPartPath(numbers.drawing), contentType: DRAWING_CONTENT_TYPE });
  return {
    parts,
    contentTypes,
    contentTypeOverrides: contentTypes.map((t) => contentTypeOverrideXml(t.part, t.contentType)),
    drawingRelationship: { type: DRAWING_REL_TYPE, target: `../drawings/drawing${numbers.drawing}.xml` },
  };
}

/** The plan's legend positions and axis crossings in DrawingML's words. */
const legendPositions = { bottom: 'b', right: 'r', top: 't', left: 'l' } as const satisfies Record<ChartPlan['legend'], string>;
const crossings = { automatic: 'autoZero', 'at-last-category': 'max' } as const satisfies Record<ChartPlan['categoryAxis']['valueAxisCrosses'], string>;

/** Axis ids shared by the bar and line groups, so lines are drawn on the bars' axes. */
const CATEGORY_AXIS_ID = 500000001;
const VALUE_AXIS_ID = 500000002;

/**
 * A complete chart part (`c:chartSpace`) for one planned chart on sheet `sheetName`.
 *
 * Series refer to the data block on the sheet with absolute references
 * (`'Sheet name'!$B$4:$B$9`), and carry cached values taken from `cells` (the sheet plan's
 * rows from A1), so Excel and LibreOffice draw the chart straight away, before any
 * recalculation. Bar series form one stacked `c:barChart`; series drawn `as: 'line'` form a
 * `c:lineChart` on the same axes, in plan order after the bars.
 *
 * Throws {@link ChartPlanError} when the plan cannot be drawn: no categories, no series, a
 * series outside its data block, a colour that is not `#RRGGBB`, or a line over horizontal
 * bars (Excel cannot combine those on one pair of axes).
 */
export function chartPartXml(chart: ChartPlan, sheetName: string, cells: readonly (readonly OutputCell[])[]): string {
  checkPlan(chart);
  const horizontal = chart.type === 'bar-stacked';
  const bars = chart.series.filter((s) => s.as === 'bars');
  const lines = chart.series.filter((s) => s.as === 'line');
  const formatCode = numberFormats[chart.valueAxis.numberFormat];
  const block = dataBlock(chart, sheetName, cells);
  // idx/order run through bars then lines: they must be unique across the whole chart.
  const serXml = (s: ChartSeriesPlan, i: number): string => seriesXml(s, i, block, formatCode);

  const barChart =
    bars.length === 0
      ? ''
      : '<c:barChart>' +
        `<c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="stacked"/><c:varyColors val="0"/>` +
        bars.map((s, i) => serXml(s, i)).join('') +
        `<c:gapWidth val="${horizontal ? 40 : 60}"/><c:overlap val="100"/>` +
        `<c:axId val="${CATEGORY_AXIS_ID}"/><c:axId val="${VALUE_AXIS_ID}"/>` +
        '</c:barChart>';
  const lineChart =
    lines.length === 0
      ? ''
      : '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
        lines.map((s, i) => serXml(s, bars.length + i)).join('') +
        `<c:marker val="${lines.some((s) => s.as === 'line' && s.marker !== 'none') ? 1 : 0}"/><c:axId val="${CATEGORY_AXIS_ID}"/><c:axId val="${VALUE_AXIS_ID}"/>` +
        '</c:lineChart>';

  const reversed = chart.categoryAxis.reversed;
  const catAx =
    '<c:catAx>' +
    `<c:axId val="${CATEGORY_AXIS_ID}"/>` +
    `<c:scaling><c:orientation val="${reversed ? 'maxMin' : 'minMax'}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? 'l' : 'b'}"/>` +
    titleXml(chart.categoryAxis.title, 1000, horizontal) +
    '<c:numFmt formatCode="General" sourceLinked="1"/>' +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>' +
    lineShape('A6A6A6') +
    `<c:crossAx val="${VALUE_AXIS_ID}"/><c:crosses val="autoZero"/>` +
    '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>' +
    // Long locality names: show every label rather than letting Excel skip alternate ones.
    (horizontal ? '<c:tickLblSkip val="1"/>' : '') +
    '<c:noMultiLvlLbl val="0"/>' +
    '</c:catAx>';
  const valAx =
    '<c:valAx>' +
    `<c:axId val="${VALUE_AXIS_ID}"/>` +
    `<c:scaling><c:orientation val="minMax"/>${chart.valueAxis.maximum === undefined ? '' : `<c:max val="${chart.valueAxis.maximum}"/>`}</c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? 'b' : 'l'}"/>` +
    `<c:majorGridlines>${lineShape('D9D9D9')}</c:majorGridlines>` +
    titleXml(chart.valueAxis.title, 1000, !horizontal) +
    `<c:numFmt formatCode="${escapeXml(formatCode)}" sourceLinked="0"/>` +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    lineShape('A6A6A6') +
    `<c:crossAx val="${CATEGORY_AXIS_ID}"/>` +
    `<c:crosses val="${crossings[chart.categoryAxis.valueAxisCrosses]}"/>` +
    '<c:crossBetween val="between"/>' +
    '</c:valAx>';

  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${RELATIONSHIPS_NS}">` +
    '<c:date1904 val="0"/><c:lang val="en-GB"/><c:roundedCorners val="0"/>' +
    '<c:chart>' +
    titleXml(chart.title, 1400, false) +
    '<c:autoTitleDeleted val="0"/>' +
    '<c:plotArea><c:layout/>' +
    barChart +
    lineChart +
    catAx +
    valAx +
    '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' +
    '</c:plotArea>' +
    `<c:legend><c:legendPos val="${legendPositions[chart.legend]}"/><c:overlay val="0"/></c:legend>` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    '</c:chart>' +
    '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>' +
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>' +
    '<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings>' +
    '</c:chartSpace>'
  );
}

function checkPlan(chart: ChartPlan): void {
  const problem = (what: string): ChartPlanError => new ChartPlanError(`Chart ${chart.name}: ${what}`);
  if (chart.data.rows < 2) throw problem('its data block has no category rows under the header');
  if (chart.series.length === 0) throw problem('it has no series');
  for (const s of chart.series) {
    if (!Number.isInteger(s.column) || s.column < 1 || s.column >= chart.data.columns) {
      throw problem(`series column ${s.column} is outside its data block of ${chart.data.columns} columns`);
    }
    if (!/^#[0-9A-Fa-f]{6}$/.test(s.color)) throw problem(`series colour ${JSON.stringify(s.color)} is not #RRGGBB`);
  }
  if (chart.type === 'line' && chart.series.some((s) => s.as === 'bars')) throw problem('a line chart draws every series as a line');
  if (chart.type === 'bar-stacked' && chart.series.some((s) => s.as === 'line')) {
    throw problem('Excel cannot draw a line over horizontal bars; use column-stacked or draw the series as bars');
  }
}

interface DataBlock {
  /** `'Sheet'!$C$3` for a series' header cell. */
  headerRef(column: number): string;
  /** `'Sheet'!$C$4:$C$9` for a column's values (column offset within the block). */
  valuesRef(column: number): string;
  cell(rowOffset: number, column: number): OutputCell;
  readonly categories: number;
}

function dataBlock(chart: ChartPlan, sheetName: string, cells: readonly (readonly OutputCell[])[]): DataBlock {
  const { row, column, rows } = chart.data;
  const sheet = quoteSheetName(sheetName);
  const abs = (r: number, c: number): string => `$${columnLetters(c)}$${r + 1}`;
  const first = row + 1;
  const last = row + rows - 1;
  return {
    headerRef: (offset) => `${sheet}!${abs(row, column + offset)}`,
    valuesRef: (offset) =>
      first === last ? `${sheet}!${abs(first, column + offset)}` : `${sheet}!${abs(first, column + offset)}:${abs(last, column + offset)}`,
    cell: (rowOffset, offset) => cells[row + rowOffset]?.[column + offset] ?? null,
    categories: rows - 1,
  };
}

function seriesXml(s: ChartSeriesPlan, index: number, block: DataBlock, formatCode: string): string {
  const asLine = s.as === 'line';
  const colour = s.color.slice(1).toUpperCase();
  const name = cellText(block.cell(0, s.column));
  const categoryPoints: string[] = [];
  const valuePoints: string[] = [];
  for (let i = 0; i < block.categories; i++) {
    const category = block.cell(i + 1, 0);
    // A blank category is left out of the cache, as Excel does; its bar is still drawn.
    if (category !== null && category !== '') categoryPoints.push(point(i, cellText(category)));
    const value = block.cell(i + 1, s.column);
    // Only real numbers are cached: text or blanks are gaps, never zeros.
    if (typeof value === 'number' && Number.isFinite(value)) valuePoints.push(point(i, String(value)));
  }
  const marker = s.as === 'line' && s.marker === 'circle'
    ? `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:ln></c:spPr></c:marker>`
    : '<c:marker><c:symbol val="none"/></c:marker>';
  const dash = s.as === 'line' && s.dash === 'dash' ? '<a:prstDash val="dash"/>' : '';
  const shape = asLine
    ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill>${dash}<a:round/></a:ln></c:spPr>` + marker
    : `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/>` + (s.as === 'bars' && s.labels ? labelsXml(numberFormats[s.labels.numberFormat]) : '');
  return (
    '<c:ser>' +
    `<c:idx val="${index}"/><c:order val="${index}"/>` +
    `<c:tx><c:strRef><c:f>${escapeXml(block.headerRef(s.column))}</c:f><c:strCache><c:ptCount val="1"/>${point(0, name)}</c:strCache></c:strRef></c:tx>` +
    shape +
    `<c:cat><c:strRef><c:f>${escapeXml(block.valuesRef(0))}</c:f><c:strCache><c:ptCount val="${block.categories}"/>${categoryPoints.join('')}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeXml(block.valuesRef(s.column))}</c:f><c:numCache><c:formatCode>${escapeXml(formatCode)}</c:formatCode><c:ptCount val="${block.categories}"/>${valuePoints.join('')}</c:numCache></c:numRef></c:val>` +
    (asLine ? '<c:smooth val="0"/>' : '') +
    '</c:ser>'
  );
}

/**
 * Each bar's value as a label in the middle of the bar, in bold, in the label format
 * (which shows nothing for zero): the shortfall told by its figure, not its colour alone.
 */
function labelsXml(formatCode: string): string {
  return (
    '<c:dLbls>' +
    `<c:numFmt formatCode="${escapeXml(formatCode)}" sourceLinked="0"/>` +
    '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' +
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="1"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>' +
    '<c:dLblPos val="ctr"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>' +
    '</c:dLbls>'
  );
}

function point(index: number, text: string): string {
  return `<c:pt idx="${index}"><c:v>${escapeXml(text)}</c:v></c:pt>`;
}

function cellText(value: OutputCell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function lineShape(colour: string): string {
  return `<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:ln></c:spPr>`;
}

/** A chart or axis title; nothing at all for an empty title, so Excel shows no default "Axis Title" text. */
function titleXml(text: string, size: number, vertical: boolean): string {
  if (text.trim() === '') return '';
  const bodyPr = vertical ? '<a:bodyPr rot="-5400000" vert="horz"/>' : '<a:bodyPr/>';
  const bold = size >= 1400 ? '1' : '0';
  return (
    '<c:title><c:tx><c:rich>' +
    bodyPr +
    '<a:lstStyle/>' +
    `<a:p><a:pPr><a:defRPr sz="${size}" b="${bold}"/></a:pPr><a:r><a:rPr lang="en-GB" sz="${size}" b="${bold}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p>` +
    '</c:rich></c:tx><c:overlay val="0"/></c:title>'
  );
}
