import { type Pence, pence, toPounds } from '../money';
import type { PlanResults } from '../results';
import { yearLabel } from '../years';
import { decimalToNumber } from '../whatIf/project';
import type { Moved, SensitivityRow } from '../whatIf/sensitivity';
import { amountFormats, amountText } from './amounts';
import { counted, spanOf } from './findings';
import { HEADER_RULE } from './rules';
import { type PrintRequest, SheetBuilder, rect } from './sheetBuilder';
import type { NumberFormatName, SheetPlan } from './types';

/** How many of the largest swings the tornado chart draws (contract v1.1 §6.4). */
export const TORNADO_INPUTS = 15;

const HEADER_FILL = '#DDEBF7';
/** Each case's line on the chart, in case order: Okabe and Ito's, then Tol's, as the other charts. */
const caseColours = ['#404040', '#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#332288', '#117733', '#999933', '#88CCEE', '#44AA99'];
/** The tornado's two sides: lower value, higher value. */
const tornadoColours = { low: '#56B4E9', high: '#D55E00' } as const;
const CHART_ROWS = 20;

/**
 * The Scenarios sheet (contract v1.1 §6.4): one row per case (Base first, then the
 * scenarios in column order, then Confirmed funding only) with its localities selected,
 * total cost, funding and shortfall, first year with a shortfall and the shortfall in
 * each year; a native chart of shortfall by year, one line per case; then the
 * affordability answers, each as a sentence and a figure. Revenue figures throughout.
 */
export function scenariosSheet(r: PlanResults, name: string, print: Omit<PrintRequest, 'onePage'>): SheetPlan {
  const s = new SheetBuilder(name, '#BF8F00');
  const shown = r.parameters.showAmountsIn;
  const formats = amountFormats[shown];
  const { cases, analysis } = r.whatIf;
  const n = r.years.length;
  s.title('Scenarios', `Each case planned in full, ${spanOf(r.years)}: Base (the inputs as they are), each scenario of the Scenarios table, and Confirmed funding only when any funding is Expected or At risk. Revenue figures.`);
  s.blank();
  const header = s.add(['Case', 'Localities selected', 'Total cost', 'Total funding', 'Total shortfall', 'First year with a shortfall', ...r.years.map((y) => `Shortfall ${yearLabel(y)}`)]);
  const width = 6 + n;
  s.format(rect(header, 0, 1, width), 'text');
  s.style(rect(header, 0, 1, width), { bold: true, fill: HEADER_FILL, border: HEADER_RULE, wrap: true });
  for (const c of cases) {
    s.add([c.name, c.selected, toPounds(c.totalCost), toPounds(c.totalFunding), toPounds(c.totalShortfall), c.firstShortfallYear === null ? 'None' : yearLabel(c.firstShortfallYear), ...c.byYear.map((y) => toPounds(y.shortfall))]);
  }
  const first = header + 1;
  s.format(rect(first, 0, cases.length, 1), 'text');
  s.format(rect(first, 1, cases.length, 1), 'whole');
  s.format(rect(first, 2, cases.length, 3), formats.cell);
  s.format(rect(first, 5, cases.length, 1), 'text');
  s.format(rect(first, 6, cases.length, n), formats.cell);
  s.style(rect(first, 0, 1, width), { bold: true });
  s.titleRow = header;
  s.freeze = { rows: header + 1, columns: 1 };
  s.keepRows(header, Math.min(cases.length + 1, 12));
  s.blank();

  const affordRow = s.add(['What the funding affords', 'Figure']);
  s.format(rect(affordRow, 0, 1, 2), 'text');
  s.style(rect(affordRow, 0, 1, 2), { bold: true, fill: HEADER_FILL, border: HEADER_RULE });
  if (analysis === null) {
    s.add(['Not worked out in this run.']);
  } else {
    const a = analysis.affordability;
    const answers: { text: string; figure: number | null; format: NumberFormatName }[] = [
      { text: analysis.sentences.localities, figure: a.localities.kind === 'affordable' ? a.localities.selected : null, format: 'whole' },
      { text: analysis.sentences.costPerLocality, figure: a.costPerLocality.kind === 'affordable' ? toPounds(a.costPerLocality.amount) : null, format: 'pence' },
      { text: analysis.sentences.newRecurringFunding, figure: a.newRecurringFunding.kind === 'needed' ? toPounds(a.newRecurringFunding.amount) : a.newRecurringFunding.kind === 'none-needed' ? 0 : null, format: 'pence' },
    ];
    for (const answer of answers) {
      const row = s.add([answer.text, answer.figure]);
      s.format(rect(row, 0, 1, 1), 'text');
      s.format(rect(row, 1, 1, 1), answer.format);
      s.style(rect(row, 0, 1, 1), { wrap: true });
    }
  }
  s.keepRows(affordRow, 4);
  s.blank();

  // The chart's figures: years down, one column per case.
  const blockTitle = s.add(['Shortfall by year, each case']);
  s.style(rect(blockTitle, 0, 1, 1), { bold: true, fontColor: '#1F4E78' });
  const dataHeader = s.add(['Year', ...cases.map((c) => c.name)]);
  s.format(rect(dataHeader, 0, 1, cases.length + 1), 'text');
  s.style(rect(dataHeader, 0, 1, cases.length + 1), { bold: true, fill: HEADER_FILL, border: HEADER_RULE, wrap: true });
  r.years.forEach((year, y) => s.add([yearLabel(year), ...cases.map((c) => toPounds(c.byYear[y].shortfall))]));
  s.format(rect(dataHeader + 1, 0, n, 1), 'text');
  s.format(rect(dataHeader + 1, 1, n, cases.length), formats.cell);
  s.keepRows(blockTitle, Math.min(n + 2, 8));
  s.blank();
  const top = s.row;
  while (s.row < top + CHART_ROWS) s.blank();
  s.keepRows(top, CHART_ROWS);
  const worst = [...cases].sort((a, b) => b.totalShortfall - a.totalShortfall)[0];
  const lastColumn = Math.max(7, Math.min(width - 1, 12));
  s.charts.push({
    name: 'LP_Chart_Scenarios',
    title: 'Shortfall by year, each case',
    altText:
      `${counted(cases.length, 'case')} planned. Base is ${amountText(cases[0].totalShortfall, shown)} short over ${spanOf(r.years)}` +
      `${cases.length > 1 ? `; the largest shortfall is ${worst.name}'s, ${amountText(worst.totalShortfall, shown)}` : ''}.`,
    type: 'line',
    data: rect(dataHeader, 0, n + 1, cases.length + 1),
    series: cases.map((c, i) => ({ column: i + 1, color: caseColours[i % caseColours.length], as: 'line' as const, marker: 'circle' as const, dash: i % 2 === 1 ? ('dash' as const) : ('solid' as const) })),
    anchor: { from: { row: top, column: 0 }, to: { row: top + CHART_ROWS - 1, column: lastColumn } },
    valueAxis: { title: 'Shortfall (pounds)', numberFormat: formats.axis },
    categoryAxis: { title: 'Financial year', reversed: false, valueAxisCrosses: 'automatic' },
    legend: 'bottom',
  });
  s.columnWidths = [44, 16, ...Array.from({ length: width - 2 }, () => 15)];
  s.fitHeaders(header, true);
  s.print = { ...print, onePage: false };
  return s.build();
}

/** A moved value as its cell holds it: a rate as a fraction, a number, or pounds. */
const valueOf = (m: Moved, which: 'base' | 'low' | 'high'): number => (m.kind === 'amount' ? toPounds(m[which]) : decimalToNumber(m[which]));
const formatOf = (m: Moved, money: NumberFormatName): NumberFormatName => (m.kind === 'amount' ? money : m.kind === 'rate' ? 'rate' : 'number');

/**
 * The Sensitivity sheet (contract v1.1 §6.4): the ranked table of §6.2 (each input, its
 * place, its base, low and high values, the total revenue shortfall at each, and the
 * swing), largest swing first; and a native tornado chart of the 15 largest swings: for
 * each, the change in total shortfall from Base's at the low value and at the high value,
 * as bars either side of zero.
 */
export function sensitivitySheet(r: PlanResults, name: string, print: Omit<PrintRequest, 'onePage'>): SheetPlan {
  const s = new SheetBuilder(name, '#833C0B');
  const shown = r.parameters.showAmountsIn;
  const formats = amountFormats[shown];
  const analysis = r.whatIf.analysis;
  const rows: readonly SensitivityRow[] = analysis?.sensitivity.rows ?? [];
  const base: Pence = analysis?.sensitivity.baseShortfall ?? r.funding.totals.shortfall;
  const p = r.parameters;
  s.title(
    'Sensitivity',
    `Base's total revenue shortfall, ${spanOf(r.years)}, is ${amountText(base, shown)}. Each input is moved down and up, one at a time: rates by ${decimalToNumber(p.sensitivityStepForRates) * 100} percentage point${decimalToNumber(p.sensitivityStepForRates) === 0.01 ? '' : 's'}, amounts by ${decimalToNumber(p.sensitivityStepForAmounts) * 100}%. Largest swing first.`,
  );
  s.blank();
  const header = s.add(['Input', 'Table', 'Cell', 'Base value', 'Low value', 'High value', 'Shortfall at low', 'Shortfall at high', 'Swing']);
  s.format(rect(header, 0, 1, 9), 'text');
  s.style(rect(header, 0, 1, 9), { bold: true, fill: HEADER_FILL, border: HEADER_RULE, wrap: true });
  if (rows.length === 0) {
    s.add([analysis === null ? 'Not worked out in this run.' : 'Nothing to move: no rate or amount the plan uses changes the shortfall.']);
  }
  for (const row of rows) {
    const at = s.add([row.input, row.table, row.at === null ? 'default' : `${row.at.sheet}!${row.at.cell}`, valueOf(row.moved, 'base'), valueOf(row.moved, 'low'), valueOf(row.moved, 'high'), toPounds(row.shortfallLow), toPounds(row.shortfallHigh), toPounds(row.swing)]);
    s.format(rect(at, 3, 1, 3), formatOf(row.moved, formats.cell));
  }
  const body = Math.max(rows.length, 1);
  s.format(rect(header + 1, 0, body, 3), 'text');
  s.format(rect(header + 1, 6, rows.length, 3), formats.cell);
  s.titleRow = header;
  s.freeze = { rows: header + 1, columns: 1 };
  s.blank();

  if (rows.length > 0) {
    const drawn = rows.slice(0, TORNADO_INPUTS);
    const blockTitle = s.add([`Change in total shortfall, the ${counted(drawn.length, 'largest swing')}`]);
    s.style(rect(blockTitle, 0, 1, 1), { bold: true, fontColor: '#1F4E78' });
    const dataHeader = s.add(['Input', 'At the low value', 'At the high value']);
    s.format(rect(dataHeader, 0, 1, 3), 'text');
    s.style(rect(dataHeader, 0, 1, 3), { bold: true, fill: HEADER_FILL, border: HEADER_RULE });
    for (const row of drawn) s.add([row.input, toPounds(pence(row.shortfallLow - base)), toPounds(pence(row.shortfallHigh - base))]);
    s.format(rect(dataHeader + 1, 0, drawn.length, 1), 'text');
    s.format(rect(dataHeader + 1, 1, drawn.length, 2), formats.cell);
    s.keepRows(blockTitle, Math.min(drawn.length + 2, 8));
    s.blank();
    const chartRows = Math.max(CHART_ROWS, drawn.length + 4);
    const top = s.row;
    while (s.row < top + chartRows) s.blank();
    s.keepRows(top, chartRows);
    const largest = drawn[0];
    s.charts.push({
      name: 'LP_Chart_Tornado',
      title: 'What moves the shortfall most',
      altText:
        `Base's total shortfall is ${amountText(base, shown)}. The largest swing is ${largest.input}: from ${amountText(largest.shortfallLow, shown)} at the low value to ${amountText(largest.shortfallHigh, shown)} at the high value` +
        `${drawn.length > 1 ? `; then ${drawn.slice(1, 3).map((d) => d.input).join(' and ')}` : ''}.`,
      // Stacked bars with one side below zero and the other above draw each input's two changes either side of the zero line.
      type: 'bar-stacked',
      data: rect(dataHeader, 0, drawn.length + 1, 3),
      series: [
        { column: 1, color: tornadoColours.low, as: 'bars' },
        { column: 2, color: tornadoColours.high, as: 'bars' },
      ],
      anchor: { from: { row: top, column: 0 }, to: { row: top + chartRows - 1, column: 8 } },
      valueAxis: { title: 'Change in total shortfall (pounds)', numberFormat: formats.axis },
      categoryAxis: { title: '', reversed: true, valueAxisCrosses: 'at-last-category' },
      legend: 'bottom',
    });
  }
  s.columnWidths = [40, 11, 16, 14, 14, 14, 17, 17, 15];
  s.fitHeaders(header, true);
  s.print = { ...print, onePage: false };
  return s.build();
}
