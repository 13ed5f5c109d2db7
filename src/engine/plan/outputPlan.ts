import { type Bound, boundLabel, shareLabel } from '../bounds';
import type { FundingStream } from '../model';
import { type Pence, type Ratio, sumPence, toPounds } from '../money';
import { type ParameterKey, type ParameterSpec, parameterKeys, parameterTable } from '../parameters';
import type { PlanResults } from '../results';
import { inRankOrder } from '../prioritise';
import { type FinancialYear, yearLabel } from '../years';
import { allocationSheet } from './allocationSheet';
import { amountFormats } from './amounts';
import { chartsSheet } from './charts';
import { scenariosSheet, sensitivitySheet } from './whatIfSheets';
import { type OutputNames, outputNames } from './names';
import type { DraftPlan, PlannedNames } from './ownership';
import { printedBy } from './print';
import { addRunHistory } from './runHistory';
import { HEADER_RULE, TOTAL_RULE } from './rules';
import { type PrintRequest, SheetBuilder, rect } from './sheetBuilder';
import { summarySheet } from './summarySheet';
import type { NumberFormatName, OutputCell, SheetPlan } from './types';

const HEADER_FILL = '#DDEBF7';
const SHORTFALL_FILL = '#FFC7CE';
const SHORTFALL_FONT = '#9C0006';
const money = (p: Pence | null): OutputCell => (p === null ? null : toPounds(p));
/** The number format of every amount cell, as `Show amounts in` asks (contract §5.7). */
const amountsIn = (r: PlanResults): NumberFormatName => amountFormats[r.parameters.showAmountsIn].cell;

/** A sheet's print request: every sheet but the Summary prints as many pages down as it needs. */
type Print = Omit<PrintRequest, 'onePage'>;
const pages = (print: Print): PrintRequest => ({ ...print, onePage: false });

/** `2012/13 to 2016/17`, or one year's label: the years a total covers. */
const spanLabel = (years: readonly FinancialYear[]): string => (years.length === 1 ? yearLabel(years[0]) : `${yearLabel(years[0])} to ${yearLabel(years[years.length - 1])}`);

/** Every locality with its need score, rank, selection and reason (contract §3). */
function prioritiesSheet(r: PlanResults, names: OutputNames, print: Print): SheetPlan {
  const s = new SheetBuilder(names.sheet.priorities, '#2E75B6');
  const selected = r.priorities.filter((p) => p.selected).length;
  const span = spanLabel(r.years);
  s.title('Priorities', `${selected} of ${r.priorities.length} localities selected. Need score: 100 = most deprived, 0 = least. Cost: each locality's own lines and its share of devolved budgets, revenue and capital, ${span}.`);
  s.blank();
  const headerRow = s.add(['Rank', 'Locality', 'District', 'Need score', 'Rank in district', 'Selected', 'Reason', `Cost ${span}`]);
  const ordered = inRankOrder(r.priorities);
  for (const p of ordered) {
    s.add([p.rank, p.locality.name, p.locality.district, p.needScore, p.districtRank, p.selected ? 'Yes' : 'No', p.reasonText, money(r.localityCosts[p.locality.index])]);
  }
  const rows = Math.max(ordered.length, 1);
  if (ordered.length === 0) s.add([null, 'No localities were read.']);
  s.tables.push({ name: names.table.priorities, range: rect(headerRow, 0, rows + 1, 8), style: 'TableStyleMedium2', showBandedRows: true });
  s.format(rect(headerRow, 0, 1, 8), 'text');
  s.format(rect(headerRow + 1, 0, rows, 1), 'whole');
  s.format(rect(headerRow + 1, 1, rows, 2), 'text');
  s.format(rect(headerRow + 1, 3, rows, 1), 'score');
  s.format(rect(headerRow + 1, 4, rows, 1), 'whole');
  s.format(rect(headerRow + 1, 5, rows, 2), 'text');
  s.format(rect(headerRow + 1, 7, rows, 1), amountsIn(r));
  if (r.priorities.some((p) => p.needScore !== null)) {
    s.conditionalFormats.push({ kind: 'data-bar', range: rect(headerRow + 1, 3, rows, 1), color: '#5B9BD5', min: 0, max: 100 });
  }
  s.columnWidths = [7, 30, 24, 11, 10, 9, 62, 18];
  s.fitHeaders(headerRow, true);
  s.freeze = { rows: headerRow + 1, columns: 0 };
  s.titleRow = headerRow;
  s.keepRows(headerRow, 4);
  s.print = pages(print);
  return s.build();
}

/**
 * Lines down, years across, as in a budget report (contract §3, v1.1 §5.3, §5.5): the
 * revenue account first (cost lines, Total cost, funding, Shortfall, Cumulative
 * shortfall, Surplus and what a reserve takes of it, pot and reserve balances), then,
 * when there is any capital, the capital account on its own.
 */
function projectionSheet(r: PlanResults, names: OutputNames, print: Print): SheetPlan {
  const s = new SheetBuilder(names.sheet.projection, '#548235');
  const n = r.years.length;
  const shownIn = { pounds: 'in pounds', 'pounds-pence': 'in pounds and pence', thousands: 'in thousands of pounds (£k)' }[r.parameters.showAmountsIn];
  s.title('Projection', `Costs and funding by financial year, ${yearLabel(r.years[0])} to ${yearLabel(r.years[n - 1])}. Amounts ${shownIn}; negatives in brackets, nothing as a dash.`);
  s.blank();
  const headerRow = s.add([null, ...r.years.map(yearLabel), 'Total']);
  s.format(rect(headerRow, 0, 1, n + 2), 'text');
  s.style(rect(headerRow, 0, 1, n + 2), { bold: true, fill: HEADER_FILL, border: HEADER_RULE, horizontalAlignment: 'right' });
  const line = (label: string, amounts: readonly (Pence | null)[], total: Pence | null): number => s.add([label, ...amounts.map(money), money(total)]);
  const section = (label: string): void => {
    const row = s.add([label]);
    s.style(rect(row, 0, 1, 1), { bold: true, fontColor: '#1F4E78' });
    // A section's heading never ends a page without its first lines.
    s.keepRows(row, 3);
  };
  const totalRow = (row: number): void => s.style(rect(row, 0, 1, n + 2), { bold: true, border: TOTAL_RULE });
  const shortfallRow = (row: number): void => {
    s.style(rect(row, 0, 1, 1), { bold: true, fontColor: SHORTFALL_FONT });
    s.conditionalFormats.push({ kind: 'cell-value', range: rect(row, 1, 1, n + 1), greaterThan: 0, fill: SHORTFALL_FILL, fontColor: SHORTFALL_FONT });
  };
  const status = (st: FundingStream['status']): string => (st === 'at-risk' ? ' (at risk)' : st === 'expected' ? ' (expected)' : '');
  const revenueLines = r.costs.lines.filter((c) => c.type === 'revenue');
  const capitalLines = r.costs.lines.filter((c) => c.type === 'capital');
  const f = r.funding;
  const first = s.row;
  section('Costs');
  for (const c of revenueLines) line(`  ${c.label}`, c.amounts, c.total);
  if (revenueLines.length === 0) s.add(['  (no cost lines)']);
  totalRow(line('Total cost', r.costs.total, r.costs.grandTotal));
  s.blank();
  section('Funding');
  for (const x of f.recurring) line(`  ${x.stream.name}${status(x.stream.status)}`, x.amounts, x.total);
  for (const p of f.pots) line(`  Drawn from ${p.stream.name}`, p.drawdown, p.totalDrawdown);
  for (const v of f.reserves) line(`  Drawn from ${v.stream.name}`, v.drawdown, v.totalDrawdown);
  if (f.recurring.length + f.pots.length + f.reserves.length === 0) s.add(['  (no funding)']);
  totalRow(line('Total funding', f.byYear.map((y) => y.funding), f.totals.funding));
  s.blank();
  const shortfall = line('Shortfall', f.byYear.map((y) => y.shortfall), f.totals.shortfall);
  shortfallRow(shortfall);
  // Shortfall prints on the page with its running total.
  s.keepRows(shortfall, 2);
  // A running total: its Total column would add the totals up again, so it is left blank.
  line('Cumulative shortfall', f.byYear.map((y) => y.cumulativeShortfall), null);
  line('Surplus', f.byYear.map((y) => y.surplus), f.totals.surplus);
  for (const v of f.reserves) {
    if (v.added.some((a) => a > 0)) line(`  Added to ${v.stream.name}`, v.added, sumPence(v.added));
  }
  if (f.pots.length + f.reserves.length > 0) {
    s.blank();
    section(f.reserves.length > 0 ? 'Pot and reserve balances at year end' : 'Pot balances at year end');
    for (const p of f.pots) line(`  ${p.stream.name}`, p.balance, null);
    for (const v of f.reserves) line(`  ${v.stream.name}`, v.balance, null);
  }
  const c = r.capital;
  if (capitalLines.length > 0 || c.allocations.length > 0) {
    s.blank();
    section('Capital costs');
    for (const x of capitalLines) line(`  ${x.label}`, x.amounts, x.total);
    if (capitalLines.length === 0) s.add(['  (no capital cost lines)']);
    totalRow(line('Total capital cost', r.costs.capitalTotal, r.costs.capitalGrandTotal));
    s.blank();
    section('Capital funding');
    for (const a of c.allocations) line(`  ${a.stream.name}${status(a.stream.status)}`, a.amounts, a.total);
    if (c.allocations.length === 0) s.add(['  (no capital funding)']);
    totalRow(line('Total capital funding', c.byYear.map((y) => y.funding), c.totals.funding));
    line('Brought forward from the year before', c.byYear.map((y) => y.broughtForward), null);
    line('Capital used', c.byYear.map((y) => y.used), c.totals.used);
    line('Carried forward (slippage)', c.byYear.map((y) => y.carriedForward), null);
    if (c.byYear.some((y) => y.lapsed > 0)) line('Capital lapsed', c.byYear.map((y) => y.lapsed), sumPence(c.byYear.map((y) => y.lapsed)));
    s.blank();
    shortfallRow(line('Capital shortfall', c.byYear.map((y) => y.shortfall), c.totals.shortfall));
  }
  s.format(rect(first, 0, s.row - first, 1), 'text');
  s.format(rect(first, 1, s.row - first, n + 1), amountsIn(r));
  s.columnWidths = [48, ...r.years.map(() => 16), 18];
  s.fitHeaders(headerRow, false);
  s.freeze = { rows: headerRow + 1, columns: 1 };
  s.titleRow = headerRow;
  s.print = pages(print);
  return s.build();
}

/** Warnings, most severe first (contract §3). */
function warningsSheet(r: PlanResults, names: OutputNames, print: Print): SheetPlan {
  const s = new SheetBuilder(names.sheet.warnings, '#C00000');
  const count = (sev: string) => r.warnings.filter((w) => w.severity === sev).length;
  s.title('Warnings', r.warnings.length === 0 ? 'No warnings: every year is funded and the inputs read cleanly.' : `${r.warnings.length} warnings: ${count('High')} high, ${count('Medium')} medium, ${count('Low')} low.`);
  s.blank();
  if (r.warnings.length > 0) {
    const headerRow = s.add(['Severity', 'Year', 'Code', 'Message', 'Amount']);
    for (const w of r.warnings) s.add([w.severity, w.year === null ? null : yearLabel(w.year), w.code, w.message, money(w.amount)]);
    const rows = r.warnings.length;
    s.tables.push({ name: names.table.warnings, range: rect(headerRow, 0, rows + 1, 5), style: 'TableStyleMedium3', showBandedRows: true });
    s.format(rect(headerRow, 0, rows + 1, 4), 'text');
    s.format(rect(headerRow, 4, 1, 1), 'text');
    s.format(rect(headerRow + 1, 4, rows, 1), amountsIn(r));
    s.style(rect(headerRow + 1, 3, rows, 1), { wrap: true });
    s.freeze = { rows: headerRow + 1, columns: 0 };
    s.titleRow = headerRow;
    s.columnWidths = [10, 10, 18, 90, 16];
    s.fitHeaders(headerRow, true);
  } else {
    s.columnWidths = [10, 10, 18, 90, 16];
  }
  s.print = pages(print);
  return s.build();
}

const derivedFrom = { firstYear: 'earliest year in Costs/Funding', years: 'First year to the latest year in Costs/Funding' } as const;

/** Every line covering part of a year, each such year with its share: cost lines, then funding in table order. */
function partYearLines(r: PlanResults): { line: string; year: FinancialYear; share: Ratio; from: string | null; to: string | null }[] {
  const bound = (b: Bound | null): string | null => (b === null ? null : boundLabel(b));
  const funding = [...r.funding.recurring, ...r.capital.allocations].sort((a, b) => a.stream.index - b.stream.index);
  return [
    ...r.costs.lines.flatMap((c) => c.partYears.map((p) => ({ line: `${c.name} (Costs)`, year: p.year, share: p.share, from: bound(c.line.from), to: bound(c.line.to) }))),
    ...funding.flatMap((f) => f.partYears.map((p) => ({ line: `${f.stream.name} (Funding)`, year: p.year, share: p.share, from: bound(f.stream.from), to: bound(f.stream.to) }))),
  ];
}

/** When, with what, and with which parameters the run was made (contract §3). */
function runInfoSheet(r: PlanResults, names: OutputNames, print: Print): SheetPlan {
  const s = new SheetBuilder(names.sheet.runInfo, '#7F7F7F');
  s.title('Run info', 'What this run read and the values it used.');
  s.blank();
  const at = r.runAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const kv = (k: string, v: OutputCell) => {
    const row = s.add([k, v]);
    s.style(rect(row, 0, 1, 1), { bold: true });
    return row;
  };
  kv('Run at', at);
  kv('Tool', `Locality Planner ${r.toolVersion} (${r.host})`);
  kv('Inputs fingerprint (SHA-256)', r.fingerprint);
  kv('Years projected', `${yearLabel(r.years[0])} to ${yearLabel(r.years[r.years.length - 1])}`);
  s.blank();
  const inputsHeader = s.add(['Input', 'Found as', 'Sheet', 'Rows']);
  s.style(rect(inputsHeader, 0, 1, 4), { bold: true, fill: HEADER_FILL, border: HEADER_RULE });
  s.keepRows(inputsHeader, 3);
  for (const i of r.inputs) s.add([i.name, i.source === 'table' ? 'Excel table' : 'Sheet', i.sheet, i.rows]);
  if (r.inputs.length === 0) s.add(['(none)']);
  s.blank();
  const paramsHeader = s.add(['Parameter', 'Value', 'From']);
  s.style(rect(paramsHeader, 0, 1, 3), { bold: true, fill: HEADER_FILL, border: HEADER_RULE });
  s.keepRows(paramsHeader, 4);
  for (const key of parameterKeys) {
    const spec = parameterTable[key] as ParameterSpec<unknown>;
    const source = r.parameterSources[key];
    s.add([spec.name, spec.show(r.parameters[key as ParameterKey]), source === 'default' ? 'default' : source === 'derived' ? derivedFrom[key === 'years' ? 'years' : 'firstYear'] : `${source.sheet}!${source.cell}`]);
  }
  // Contract v1.1 §5.2: each line that covers only part of a year, with the share it counts.
  const parts = partYearLines(r);
  if (parts.length > 0) {
    s.blank();
    const partsHeader = s.add(['Part year', 'Year', 'Share of the year', 'From', 'To']);
    s.style(rect(partsHeader, 0, 1, 5), { bold: true, fill: HEADER_FILL, border: HEADER_RULE });
    s.keepRows(partsHeader, 3);
    for (const p of parts) s.add([p.line, yearLabel(p.year), shareLabel(p.share), p.from, p.to]);
  }
  s.format(rect(0, 0, s.row, 3), 'text');
  s.format(rect(inputsHeader + 1, 3, Math.max(r.inputs.length, 1), 1), 'whole');
  s.columnWidths = [30, 70, 32, 10];
  s.fitHeaders(inputsHeader, false);
  s.fitHeaders(paramsHeader, false);
  addRunHistory(s, r, names);
  s.print = pages(print);
  return s.build();
}

/**
 * The whole output plan, before it is placed (plan/ownership.ts says which sheet each
 * output goes into, and writes the record): the same for both hosts, so they write the
 * same cells. The sheets are named under the Output sheet prefix, the Summary first and
 * the one the results open on.
 */
export function buildOutputPlan(results: PlanResults): DraftPlan {
  const names = outputNames(results.parameters.outputSheetPrefix, results.scenariosInputSheet);
  const print = printedBy(results.toolVersion, results.runAt);
  const sheets = [
    summarySheet(results, names.sheet.summary, print),
    projectionSheet(results, names, print),
    prioritiesSheet(results, names, print),
    allocationSheet(results, names, print),
    warningsSheet(results, names, print),
    chartsSheet(results, names.sheet.charts, print),
    scenariosSheet(results, names.sheet.scenarios, print),
    sensitivitySheet(results, names.sheet.sensitivity, print),
    runInfoSheet(results, names, print),
  ];
  return { sheets, activeSheet: names.sheet.summary };
}

const namesOf = (sheets: readonly SheetPlan[]): PlannedNames => ({ sheets: sheets.map((s) => s.name), tables: sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name, sheet: s.name }))) });

/** What a plan makes, for the ownership check. */
export function plannedNames(plan: DraftPlan): PlannedNames {
  return namesOf(plan.sheets);
}

/**
 * What a run will surely make, known before planning: every output sheet, the
 * Priorities table, and the Allocation table when something is shared out, under the
 * Output sheet prefix. (The Warnings table is made only when there are warnings, so it
 * is checked with the plan.) Nothing, when the prefix could not be read: its own error
 * says so, and the names are checked once it can be.
 */
export function namesBeforePlanning(allocationPotSet: boolean, prefix: string | null, scenariosInputSheet?: string): PlannedNames {
  if (prefix === null) return { sheets: [], tables: [] };
  const names = outputNames(prefix, scenariosInputSheet);
  return {
    sheets: Object.values(names.sheet),
    tables: [{ name: names.table.priorities, sheet: names.sheet.priorities }, ...(allocationPotSet ? [{ name: names.table.allocation, sheet: names.sheet.allocation }] : [])],
  };
}
