import { type Pence, ZERO, groupThousands, sumPence, toPounds } from '../money';
import { parameterTable } from '../parameters';
import type { PlanResults } from '../results';
import { yearLabel } from '../years';
import { amountFormats, amountText } from './amounts';
import { counted, endings, firstGap, listed, reserveUse, spanOf } from './findings';
import { fundingCliffChart, fundingCliffColumns } from './fundingCliff';
import { dayOf } from './print';
import { HEADER_RULE } from './rules';
import { type PrintRequest, SheetBuilder, rect } from './sheetBuilder';
import type { OutputCell, SheetPlan } from './types';

/** How many warnings the Summary lists; the rest are on the Warnings sheet. */
const TOP_WARNINGS = 5;
/** How many selected localities the headline names before "and N more". */
const NAMED_LOCALITIES = 5;
/** How many endings the headline names, so its sentence fits the page's width. */
const MAX_ENDINGS = 3;
/** Rows the chart covers, beside the key figures and assumptions. */
const CHART_ROWS = 20;

/** Columns: labels, values, a gutter, then one wide column for the chart and the warnings' messages. */
const LABELS = 0;
const VALUES = 1;
const WIDE = 3;
/** The chart's figures sit to the right of what prints, from this column. */
const FIGURES = 5;
const WIDTHS = [30, 26, 2, 100, 3];

const SECTION = { bold: true, fontColor: '#1F4E78' } as const;

/**
 * The Summary (contract §5.7): the headline on one printed A4 landscape page, first
 * among the outputs and the sheet the results open on. In sentences and figures: the
 * localities selected; total cost, funding and shortfall over the projection; the first
 * year with a gap; what funding ends when; the funding-cliff chart; the top warnings;
 * the key assumptions; and when, with what and from which inputs it was produced.
 * Amounts are shown as `Show amounts in` asks, in the sentences as in the cells.
 */
export function summarySheet(r: PlanResults, name: string, print: Omit<PrintRequest, 'onePage' | 'printedRows' | 'printedColumns'>): SheetPlan {
  const s = new SheetBuilder(name, '#1F4E78');
  const shown = r.parameters.showAmountsIn;
  const formats = amountFormats[shown];
  const money = (p: Pence): OutputCell => toPounds(p);
  const say = (p: Pence): string => amountText(p, shown);
  const section = (title: string): number => {
    const row = s.add([title]);
    s.style(rect(row, LABELS, 1, 1), SECTION);
    return row;
  };

  s.title('Summary', `The plan for ${spanOf(r.years)} on one page: the headline, cost against funding, what to watch and what it assumes.`);
  s.blank();

  // The headline, in sentences.
  section('The headline');
  const selected = r.priorities.filter((p) => p.selected).sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.locality.index - b.locality.index);
  const named = selected.slice(0, NAMED_LOCALITIES).map((p) => p.locality.name);
  const more = selected.length - named.length;
  s.add([
    r.priorities.length === 0
      ? 'The plan names no localities (it has no Localities table).'
      : selected.length === 0
      ? `No locality is selected, of ${r.priorities.length}.`
      : `${selected.length} of ${r.priorities.length} localities are selected${r.priorities.some((p) => p.rank !== null) ? ', most in need first' : ''}: ${more > 0 ? `${named.join(', ')} and ${more} more` : listed(named)}.`,
  ]);
  // The headline is revenue, as Shortfall and SHORTFALL are (contract v1.1 §5.3); capital is told beside it, never added in.
  const cost = sumPence(r.funding.byYear.map((y) => y.cost));
  const { funding, shortfall, surplus } = r.funding.totals;
  const drawn = reserveUse(r);
  const capitalCost = r.costs.capitalGrandTotal;
  const capital = r.capital.totals;
  const hasCapital = capitalCost > 0 || capital.funding > 0;
  const revenue = hasCapital ? ' in revenue' : '';
  const fromReserves = drawn > 0 ? ` (${say(drawn)} of it drawn from reserves)` : '';
  s.add([
    shortfall > 0
      ? `Over ${counted(r.years.length, 'year')} the programme costs ${say(cost)}${revenue}; funding covers ${say(funding)}${fromReserves}, leaving a shortfall of ${say(shortfall)}.`
      : `Over ${counted(r.years.length, 'year')} the programme costs ${say(cost)}${revenue} and funding covers all of it${fromReserves}${surplus > 0 ? `, with ${say(surplus)} to spare` : ''}.`,
  ]);
  if (hasCapital) {
    s.add([
      capitalCost === 0
        ? `Capital is funded apart: no capital costs are planned, so ${say(capital.funding)} of capital allocations goes unused.`
        : `Capital is funded apart: ${say(capitalCost)} of capital costs, of which capital funding meets ${say(capital.used)}${capital.shortfall > 0 ? `, leaving a capital shortfall of ${say(capital.shortfall)}` : ''}.`,
    ]);
  }
  const gap = firstGap(r);
  const gapYears = r.funding.byYear.filter((y) => y.shortfall > 0);
  s.add([
    gap
      ? `Funding first falls short in ${yearLabel(gap.year)} (${say(gap.shortfall)})${gapYears.length > 1 ? `; ${counted(gapYears.length, 'year')} have a gap` : ''}.`
      : 'No year has a shortfall.',
  ]);
  const ends = endings(r);
  const endWords = ends.slice(0, MAX_ENDINGS).map((e) => e.words);
  if (ends.length > MAX_ENDINGS) endWords.push(`${ends.length - MAX_ENDINGS} more (see Warnings)`);
  s.add([ends.length > 0 ? `What ends when: ${endWords.join('; ')}.` : 'No funding ends within the projection.']);
  s.blank();

  // Key figures and assumptions on the left, the funding cliff on the right.
  const chartTop = section('Key figures');
  const figure = (label: string, value: OutputCell): number => {
    const row = s.add([label, value]);
    s.style(rect(row, LABELS, 1, 1), { bold: true });
    return row;
  };
  figure('Localities selected', selected.length);
  s.format(rect(s.row - 1, VALUES, 1, 1), 'whole');
  const amount = (label: string, value: Pence): void => {
    const row = figure(label, money(value));
    s.format(rect(row, VALUES, 1, 1), formats.cell);
  };
  amount('Total cost', cost);
  amount('Total funding', funding);
  if (r.funding.reserves.length > 0) amount('Drawn from reserves', drawn);
  amount('Total shortfall', shortfall);
  const largest = r.funding.byYear.reduce((m, y) => (y.shortfall > m ? y.shortfall : m), ZERO);
  amount('Largest gap in a year', largest);
  figure('First year with a gap', gap ? yearLabel(gap.year) : 'None');
  if (hasCapital) {
    amount('Capital cost', capitalCost);
    amount('Capital shortfall', capital.shortfall);
  }
  s.style(rect(chartTop + 1, VALUES, s.row - chartTop - 1, 1), { horizontalAlignment: 'right' });
  s.blank();
  section('Key assumptions');
  const p = r.parameters;
  const assumption = (label: string, value: string) => {
    const row = figure(label, value);
    s.style(rect(row, VALUES, 1, 1), { horizontalAlignment: 'right' });
  };
  assumption('Years projected', spanOf(r.years));
  assumption(parameterTable.payInflation.name, parameterTable.payInflation.show(p.payInflation));
  assumption(parameterTable.nonPayInflation.name, parameterTable.nonPayInflation.show(p.nonPayInflation));
  assumption(parameterTable.costPerLocality.name, say(p.costPerLocality));
  assumption(parameterTable.programmeMultiplier.name, parameterTable.programmeMultiplier.show(p.programmeMultiplier));
  assumption('Selection', p.perDistrict === 0 && p.additional === 0 ? 'every locality not excluded' : `${p.perDistrict} per district, then ${p.additional} more`);
  assumption(parameterTable.shortfallTolerance.name, say(p.shortfallTolerance));
  assumption(parameterTable.allocationPot.name, p.allocationPot === null ? 'none' : `${say(p.allocationPot)} a year`);
  // The chart's rows, beside the figures and assumptions; the chart itself is placed last.
  while (s.row < chartTop + CHART_ROWS + 1) s.blank();

  // The top warnings, most severe first.
  section(r.warnings.length === 0 ? 'Warnings' : `Top warnings (${Math.min(TOP_WARNINGS, r.warnings.length)} of ${r.warnings.length})`);
  if (r.warnings.length === 0) {
    s.add(['None: every year is funded and the inputs read cleanly.']);
  } else {
    const head = s.add(['Severity', 'Year', null, 'What to watch']);
    s.style(rect(head, LABELS, 1, WIDE + 1), { bold: true, fill: '#DDEBF7', border: HEADER_RULE });
    for (const w of r.warnings.slice(0, TOP_WARNINGS)) s.add([w.severity, w.year === null ? null : yearLabel(w.year), null, w.message]);
    // Wrapped, so a message running to two lines keeps its severity and year beside its first line.
    s.style(rect(head + 1, LABELS, Math.min(TOP_WARNINGS, r.warnings.length), WIDE + 1), { wrap: true });
    if (r.warnings.length > TOP_WARNINGS) s.add([`… and ${r.warnings.length - TOP_WARNINGS} more on the Warnings sheet.`]);
  }
  s.blank();

  // When, with what and from which inputs.
  const at = r.runAt.toISOString().slice(11, 16);
  const inputs = r.inputs.map((i) => `${i.name} (${groupThousands(i.rows)} ${i.rows === 1 ? 'row' : 'rows'})`);
  const producedAt = s.add([`Produced on ${dayOf(r.runAt)} at ${at} UTC with Locality Planner ${r.toolVersion}; inputs fingerprint ${r.fingerprint.slice(0, 16)}.`]);
  const produced = s.add([`From ${inputs.length > 0 ? listed(inputs) : 'no input tables'}.`]);
  s.style(rect(producedAt, LABELS, 2, 1), { italic: true, fontColor: '#595959' });

  // The funding cliff, and to the right of the printed page the figures it draws: written last,
  // so however many years they run to, they never push the sections above down the page.
  const cliff = fundingCliffChart(s, r, 'LP_Chart_FundingCliff', { row: chartTop, column: FIGURES });
  s.charts.push({ ...cliff, anchor: { from: { row: chartTop, column: WIDE }, to: { row: chartTop + CHART_ROWS - 1, column: WIDE } } });
  s.put(chartTop - 1, FIGURES, ['The figures the chart draws (not printed):']);
  s.style(rect(chartTop - 1, FIGURES, 1, 1), { italic: true, fontColor: '#595959' });

  s.columnWidths = [...WIDTHS, ...Array.from({ length: fundingCliffColumns(r) }, () => 13)];
  s.columnWidths[FIGURES] = 10;
  s.print = { ...print, onePage: true, printedRows: produced + 1, printedColumns: WIDE + 1 };
  return s.build();
}
