import { type Pence, formatPounds, toPounds } from '../money';
import { type ParameterKey, type ParameterSpec, parameterKeys, parameterTable } from '../parameters';
import type { PlanResults } from '../results';
import { yearLabel } from '../years';
import { chartsSheet } from './charts';
import { OWNERSHIP_SHEET, OWNERSHIP_TITLE, type OwnedItem, type PlannedNames, ownershipHeader } from './ownership';
import { HEADER_RULE, TOTAL_RULE } from './rules';
import { SheetBuilder, rect } from './sheetBuilder';
import type { OutputCell, OutputPlan, SheetPlan } from './types';

/** The sheets a run owns, by the names users see. */
const outputSheetNames = {
  priorities: 'Priorities',
  projection: 'Projection',
  allocation: 'Allocation',
  warnings: 'Warnings',
  charts: 'Charts',
  runInfo: 'Run info',
} as const;

/** The output tables' names (workbook-wide, always `LP_…`). */
const TABLE_NAMES = { priorities: 'LP_Priorities', allocation: 'LP_Allocation', warnings: 'LP_Warnings' } as const;

const HEADER_FILL = '#DDEBF7';
const SHORTFALL_FILL = '#FFC7CE';
const SHORTFALL_FONT = '#9C0006';
const money = (p: Pence | null): OutputCell => (p === null ? null : toPounds(p));

/** Every locality with its need score, rank, selection and reason (contract §3). */
function prioritiesSheet(r: PlanResults): SheetPlan {
  const s = new SheetBuilder(outputSheetNames.priorities, '#2E75B6');
  const selected = r.priorities.filter((p) => p.selected).length;
  const firstYear = yearLabel(r.years[0]);
  s.title('Priorities', `${selected} of ${r.priorities.length} localities selected. Need score: 100 = most deprived, 0 = least. Annual cost at ${firstYear} prices.`);
  s.blank();
  const headerRow = s.add(['Rank', 'Locality', 'District', 'Need score', 'Rank in district', 'Selected', 'Reason', `Annual cost ${firstYear}`]);
  const ordered = [...r.priorities].sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.locality.index - b.locality.index);
  for (const p of ordered) {
    s.add([p.rank, p.locality.name, p.locality.district, p.needScore, p.districtRank, p.selected ? 'Yes' : 'No', p.reasonText, money(r.costs.firstYearByLocality[p.locality.index])]);
  }
  const rows = Math.max(ordered.length, 1);
  if (ordered.length === 0) s.add([null, 'No localities were read.']);
  s.tables.push({ name: TABLE_NAMES.priorities, range: rect(headerRow, 0, rows + 1, 8), style: 'TableStyleMedium2', showBandedRows: true });
  s.format(rect(headerRow, 0, 1, 8), 'text');
  s.format(rect(headerRow + 1, 0, rows, 1), 'whole');
  s.format(rect(headerRow + 1, 1, rows, 2), 'text');
  s.format(rect(headerRow + 1, 3, rows, 1), 'score');
  s.format(rect(headerRow + 1, 4, rows, 1), 'whole');
  s.format(rect(headerRow + 1, 5, rows, 2), 'text');
  s.format(rect(headerRow + 1, 7, rows, 1), 'money');
  if (r.priorities.some((p) => p.needScore !== null)) {
    s.conditionalFormats.push({ kind: 'data-bar', range: rect(headerRow + 1, 3, rows, 1), color: '#5B9BD5', min: 0, max: 100 });
  }
  s.columnWidths = [7, 30, 24, 11, 10, 9, 62, 18];
  s.freeze = { rows: headerRow + 1, columns: 0 };
  return s.build();
}

/** Lines down, years across, as in a budget report (contract §3). */
function projectionSheet(r: PlanResults): SheetPlan {
  const s = new SheetBuilder(outputSheetNames.projection, '#548235');
  const n = r.years.length;
  s.title('Projection', `Costs and funding by financial year, ${yearLabel(r.years[0])} to ${yearLabel(r.years[n - 1])}. Amounts in pounds; negatives in brackets.`);
  s.blank();
  const headerRow = s.add([null, ...r.years.map(yearLabel), 'Total']);
  s.format(rect(headerRow, 0, 1, n + 2), 'text');
  s.style(rect(headerRow, 0, 1, n + 2), { bold: true, fill: HEADER_FILL, border: HEADER_RULE, horizontalAlignment: 'right' });
  const line = (label: string, amounts: readonly (Pence | null)[], total: Pence | null): number => s.add([label, ...amounts.map(money), money(total)]);
  const section = (label: string): void => {
    const row = s.add([label]);
    s.style(rect(row, 0, 1, 1), { bold: true, fontColor: '#1F4E78' });
  };
  const totalRow = (row: number): void => s.style(rect(row, 0, 1, n + 2), { bold: true, border: TOTAL_RULE });
  const first = s.row;
  section('Costs');
  for (const c of r.costs.lines) line(`  ${c.label}`, c.amounts, c.total);
  if (r.costs.lines.length === 0) s.add(['  (no cost lines)']);
  totalRow(line('Total cost', r.costs.total, r.costs.grandTotal));
  s.blank();
  section('Funding');
  for (const f of r.funding.recurring) line(`  ${f.stream.name}${f.stream.status === 'at-risk' ? ' (at risk)' : f.stream.status === 'expected' ? ' (expected)' : ''}`, f.amounts, f.total);
  for (const p of r.funding.pots) line(`  Drawn from ${p.stream.name}`, p.drawdown, p.totalDrawdown);
  if (r.funding.recurring.length + r.funding.pots.length === 0) s.add(['  (no funding)']);
  totalRow(line('Total funding', r.funding.byYear.map((y) => y.funding), r.funding.totals.funding));
  s.blank();
  const shortfallRow = line('Shortfall', r.funding.byYear.map((y) => y.shortfall), r.funding.totals.shortfall);
  s.style(rect(shortfallRow, 0, 1, 1), { bold: true, fontColor: SHORTFALL_FONT });
  s.conditionalFormats.push({ kind: 'cell-value', range: rect(shortfallRow, 1, 1, n + 1), greaterThan: 0, fill: SHORTFALL_FILL, fontColor: SHORTFALL_FONT });
  line('Surplus', r.funding.byYear.map((y) => y.surplus), r.funding.totals.surplus);
  if (r.funding.pots.length > 0) {
    s.blank();
    section('Pot balances at year end');
    for (const p of r.funding.pots) line(`  ${p.stream.name}`, p.balance, null);
  }
  s.format(rect(first, 0, s.row - first, 1), 'text');
  s.format(rect(first, 1, s.row - first, n + 1), 'money');
  s.columnWidths = [48, ...r.years.map(() => 16), 18];
  s.freeze = { rows: headerRow + 1, columns: 1 };
  return s.build();
}

const methodWords = { equal: 'equally', 'per-ward': 'per ward', 'per-head': 'per head of population', 'need-weighted': 'in proportion to need score' } as const;
const basisHeader = { equal: 'Basis', 'per-ward': 'Wards', 'per-head': 'Population', 'need-weighted': 'Need score' } as const;

/** Each locality's share of the Allocation pot, adding up to the pot exactly (contract §3). */
function allocationSheet(r: PlanResults): SheetPlan {
  const s = new SheetBuilder(outputSheetNames.allocation, '#BF8F00');
  const a = r.allocation;
  if (!a) {
    s.title('Allocation', 'No Allocation pot is set in Parameters, so nothing is shared out.');
    s.columnWidths = [80];
    return s.build();
  }
  const n = r.years.length;
  s.title('Allocation', `${formatPounds(a.pot)} a year shared ${methodWords[a.method]} among ${a.to === 'all' ? 'all' : 'the selected'} localities (${a.shares.length}). Each year adds up to the pot to the penny.`);
  s.blank();
  const headerRow = s.add(['Locality', 'District', basisHeader[a.method], 'Share', ...r.years.map(yearLabel)]);
  for (const share of a.shares) {
    s.add([share.priority.locality.name, share.priority.locality.district, share.basis, share.share, ...share.amounts.map(money)]);
  }
  const rows = a.shares.length;
  s.tables.push({ name: TABLE_NAMES.allocation, range: rect(headerRow, 0, rows + 1, n + 4), style: 'TableStyleMedium7', showBandedRows: true });
  const total = s.add(['Total', null, null, 1, ...r.years.map(() => money(a.pot))]);
  s.style(rect(total, 0, 1, n + 4), { bold: true, border: TOTAL_RULE });
  s.format(rect(headerRow, 0, 1, n + 4), 'text');
  s.format(rect(headerRow + 1, 0, rows + 1, 2), 'text');
  s.format(rect(headerRow + 1, 2, rows, 1), a.method === 'need-weighted' ? 'score' : 'whole');
  s.format(rect(headerRow + 1, 3, rows + 1, 1), 'percent');
  s.format(rect(headerRow + 1, 4, rows + 1, n), 'money');
  s.columnWidths = [30, 24, 12, 10, ...r.years.map(() => 16)];
  s.freeze = { rows: headerRow + 1, columns: 1 };
  return s.build();
}

/** Warnings, most severe first (contract §3). */
function warningsSheet(r: PlanResults): SheetPlan {
  const s = new SheetBuilder(outputSheetNames.warnings, '#C00000');
  const count = (sev: string) => r.warnings.filter((w) => w.severity === sev).length;
  s.title('Warnings', r.warnings.length === 0 ? 'No warnings: every year is funded and the inputs read cleanly.' : `${r.warnings.length} warnings: ${count('High')} high, ${count('Medium')} medium, ${count('Low')} low.`);
  s.blank();
  if (r.warnings.length > 0) {
    const headerRow = s.add(['Severity', 'Year', 'Code', 'Message', 'Amount']);
    for (const w of r.warnings) s.add([w.severity, w.year === null ? null : yearLabel(w.year), w.code, w.message, money(w.amount)]);
    const rows = r.warnings.length;
    s.tables.push({ name: TABLE_NAMES.warnings, range: rect(headerRow, 0, rows + 1, 5), style: 'TableStyleMedium3', showBandedRows: true });
    s.format(rect(headerRow, 0, rows + 1, 4), 'text');
    s.format(rect(headerRow, 4, 1, 1), 'text');
    s.format(rect(headerRow + 1, 4, rows, 1), 'money');
    s.style(rect(headerRow + 1, 3, rows, 1), { wrap: true });
    s.freeze = { rows: headerRow + 1, columns: 0 };
  }
  s.columnWidths = [10, 10, 18, 90, 16];
  return s.build();
}

/** When, with what, and with which parameters the run was made (contract §3). */
function runInfoSheet(r: PlanResults): SheetPlan {
  const s = new SheetBuilder(outputSheetNames.runInfo, '#7F7F7F');
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
  for (const i of r.inputs) s.add([i.name, i.source === 'table' ? 'Excel table' : 'Sheet', i.sheet, i.rows]);
  if (r.inputs.length === 0) s.add(['(none)']);
  s.blank();
  const paramsHeader = s.add(['Parameter', 'Value', 'From']);
  s.style(rect(paramsHeader, 0, 1, 3), { bold: true, fill: HEADER_FILL, border: HEADER_RULE });
  for (const key of parameterKeys) {
    const spec = parameterTable[key] as ParameterSpec<unknown>;
    const source = r.parameterSources[key];
    s.add([spec.name, spec.show(r.parameters[key as ParameterKey]), source === 'default' ? 'default' : source === 'derived' ? 'earliest year in Costs/Funding' : `${source.sheet}!${source.cell}`]);
  }
  s.format(rect(0, 0, s.row, 3), 'text');
  s.format(rect(inputsHeader + 1, 3, Math.max(r.inputs.length, 1), 1), 'whole');
  s.columnWidths = [30, 70, 32, 10];
  return s.build();
}

/** Everything the sheets of a plan make, as the ownership record lists it. */
function ownedBy(sheets: readonly SheetPlan[]): OwnedItem[] {
  return sheets.flatMap((s) => [
    { kind: 'sheet' as const, name: s.name, sheet: s.name },
    ...s.tables.map((t) => ({ kind: 'table' as const, name: t.name, sheet: s.name })),
    ...s.charts.map((c) => ({ kind: 'chart' as const, name: c.name, sheet: s.name })),
  ]);
}

/** The very hidden record of what the tool owns, shared by the add-in and the CLI (contract §3). */
function ownershipSheet(sheets: readonly SheetPlan[]): SheetPlan {
  const s = new SheetBuilder(OWNERSHIP_SHEET);
  s.add([OWNERSHIP_TITLE, 'Lists what Locality Planner created, so a re-run replaces it. Do not edit.']);
  s.add(['Record version', '1']);
  s.add([...ownershipHeader]);
  for (const item of ownedBy(sheets)) s.add([item.kind, item.name, item.sheet]);
  s.format(rect(0, 0, s.row, 3), 'text');
  s.columnWidths = [20, 30, 20];
  return s.build('very-hidden');
}

/** The whole output plan: the same for both hosts, so they write the same cells. */
export function buildOutputPlan(results: PlanResults): OutputPlan {
  const sheets = [projectionSheet(results), prioritiesSheet(results), allocationSheet(results), warningsSheet(results), chartsSheet(results), runInfoSheet(results)];
  return { sheets, ownership: ownershipSheet(sheets), activeSheet: outputSheetNames.projection };
}

/** What a plan makes, for the ownership check. */
export function plannedNames(plan: OutputPlan): PlannedNames {
  return { sheets: plan.sheets.map((s) => s.name), tables: plan.sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name, sheet: s.name }))) };
}

/**
 * What a run will surely make, known before planning: every output sheet, the
 * Priorities table, and the Allocation table when an Allocation pot is set. (The
 * Warnings table is made only when there are warnings, so it is checked with the plan.)
 */
export function namesBeforePlanning(allocationPotSet: boolean): PlannedNames {
  return {
    sheets: Object.values(outputSheetNames),
    tables: [{ name: TABLE_NAMES.priorities, sheet: outputSheetNames.priorities }, ...(allocationPotSet ? [{ name: TABLE_NAMES.allocation, sheet: outputSheetNames.allocation }] : [])],
  };
}
