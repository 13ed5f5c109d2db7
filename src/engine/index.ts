/**
 * Locality Planner's engine: the only public door. Tables of cell values with their
 * addresses go in; typed results, issues and an output plan come out. No host, no
 * files: the Excel add-in and the command-line tool both call `runPlanner`.
 */
import { isBlank } from './cells';
import type { CellValue } from './cells';
import { projectCosts } from './cost';
import { drawFromPots } from './fund';
import type { RunContext, SourceTable, WorkbookInput } from './input';
import { type Issue, hasErrors } from './issues';
import type { Parameters, ParameterKey, ParameterSources } from './model';
import type { PlannerOutcome } from './outcome';
import { checkOwnership } from './ownership';
import { buildOutputPlan } from './plan/outputPlan';
import { buildSummary } from './plan/summary';
import { prioritise, scoreNeed } from './prioritise';
import { allocatePot } from './allocate';
import { readCosts } from './read/costs';
import { readFunding } from './read/funding';
import { readIndicators } from './read/indicators';
import { type LocalitiesRead, localityFields, readLocalities } from './read/localities';
import { readParameters } from './read/parameters';
import { TableReader } from './read/table';
import { findTable, inputTableNames } from './read/tables';
import type { PlanResults } from './results';
import { Sha256 } from './sha256';
import { collectWarnings } from './warnings';
import { type FinancialYear, LATEST_YEAR, nextYear, yearLabel } from './years';
import { MoneyOverflowError, ZERO } from './money';

export type { PlannerOutcome } from './outcome';
export type { WorkbookInput, SourceTable, RunContext } from './input';
export type { Issue } from './issues';
export { OWNERSHIP_SHEET } from './ownership';
export { inputTableNames } from './read/tables';

const DEFAULT_YEARS = 5;

/**
 * Which Localities columns the engine reads, so a host can fetch only those from a very
 * large sheet: the contract's fields, the indicator columns, and blank-header columns
 * (to warn about data without a header). The rest never affect a result.
 */
export function columnsNeeded(localitiesHeader: readonly CellValue[], indicators: SourceTable | undefined): number[] {
  const probe: SourceTable = { name: 'Localities', source: 'table', sheet: '', origin: { row: 0, column: 0 }, header: localitiesHeader, rows: [] };
  const scratch: Issue[] = [];
  const reader = new TableReader(probe, 'Localities', localityFields, scratch);
  const columns = new Set<number>(Object.values(reader.columns).filter((c): c is number => c !== undefined));
  for (const indicator of readIndicators(indicators, { localities: [], reader }, scratch)) columns.add(indicator.column);
  localitiesHeader.forEach((h, i) => {
    if (isBlank(h)) columns.add(i);
  });
  return [...columns].sort((a, b) => a - b);
}

/** The values that feed a run, hashed in a stable text form: table by table, row by row. */
function fingerprintOf(input: WorkbookInput): string {
  const hash = new Sha256();
  for (const name of inputTableNames) {
    const table = findTable(input, name);
    if (!table) continue;
    const columns = name === 'Localities' ? columnsNeeded(table.header, findTable(input, 'Indicators')) : table.header.map((_, i) => i);
    hash.update(JSON.stringify([name, columns.map((c) => table.header[c] ?? null)]));
    let chunk = '';
    for (const row of table.rows) {
      chunk += '\n';
      for (const c of columns) chunk += fingerprintCell(row[c] ?? null);
      if (chunk.length > 65_536) {
        hash.update(chunk);
        chunk = '';
      }
    }
    hash.update(chunk + '\n');
  }
  return hash.hex();
}

/** A cell as unambiguous text: a type tag, then the value, then a unit separator. */
function fingerprintCell(v: CellValue): string {
  if (v === null) return '\u001f';
  switch (typeof v) {
    case 'string':
      return `s${v.length}:${v}\u001f`;
    case 'number':
      return `n${v}\u001f`;
    case 'boolean':
      return v ? 'T\u001f' : 'F\u001f';
    default:
      return v.kind === 'date' ? `d${v.serial}\u001f` : `e${v.code}\u001f`;
  }
}

/** Earliest year any cost or funding line mentions: the default First year. */
function earliestYear(costs: ReturnType<typeof readCosts>, funding: ReturnType<typeof readFunding>): FinancialYear | undefined {
  const years: FinancialYear[] = [];
  for (const c of costs) {
    if (c.from !== null) years.push(c.from);
    years.push(...c.explicit.keys());
  }
  for (const f of funding) {
    if (f.from !== null) years.push(f.from);
    if (f.kind === 'recurring') years.push(...f.explicit.keys());
  }
  return years.length > 0 ? (Math.min(...years) as FinancialYear) : undefined;
}

/**
 * Runs the planner on a workbook's tables. Every input problem is collected before
 * anything is planned; with any error the outcome holds only the issues and a host
 * writes nothing.
 */
export function runPlanner(input: WorkbookInput, context: RunContext): PlannerOutcome {
  const issues: Issue[] = [];
  const tables = Object.fromEntries(inputTableNames.map((n) => [n, findTable(input, n)])) as Record<(typeof inputTableNames)[number], SourceTable | undefined>;
  if (inputTableNames.every((n) => tables[n] === undefined)) {
    issues.push({ code: 'NOT_FOUND', severity: 'error', table: 'Workbook',
      message: 'No input tables found. Locality Planner reads Excel tables (or sheets) named Localities, Indicators, Parameters, Costs and Funding; add at least Costs or Funding and a Parameters table with First year.' });
    return { ok: false, issues };
  }
  for (const name of inputTableNames) {
    const t = tables[name];
    if (t?.hasHiddenRows) {
      issues.push({ code: 'HIDDEN_ROWS', severity: 'warning', table: name, sheet: t.sheet,
        message: `${name} has hidden or filtered rows; they are still read and used. Delete rows you mean to leave out.` });
    }
  }
  const localities: LocalitiesRead | undefined = tables.Localities ? readLocalities(tables.Localities, issues) : undefined;
  const indicators = readIndicators(tables.Indicators, localities, issues);
  if (tables.Indicators && !tables.Localities) {
    issues.push({ code: 'NOT_FOUND', severity: 'error', table: 'Indicators', sheet: tables.Indicators.sheet, message: 'Indicators needs a Localities table whose columns it names.' });
  }
  const parametersRead = readParameters(tables.Parameters, issues);
  const localityNames = localities ? new Set(localities.localities.map((l) => l.name.toLowerCase())) : undefined;
  const costLines = readCosts(tables.Costs, localityNames, issues);
  const fundingStreams = readFunding(tables.Funding, issues);

  const v = parametersRead.values;
  const derivedFirst = earliestYear(costLines, fundingStreams);
  const firstYear = v.firstYear ?? derivedFirst;
  const sources = Object.fromEntries(
    (['firstYear', 'years', 'perDistrict', 'additional', 'costPerLocality', 'programmeMultiplier', 'payInflation', 'nonPayInflation', 'shortfallTolerance', 'allocationPot', 'allocationMethod', 'allocateTo'] as ParameterKey[])
      .map((k) => [k, v[k] !== undefined && parametersRead.cells[k] ? parametersRead.cells[k]! : 'default']),
  ) as Record<ParameterKey, ParameterSources[ParameterKey]>;
  if (v.firstYear === undefined && derivedFirst !== undefined) sources.firstYear = 'derived';
  const parametersTable = tables.Parameters?.sheet;
  const needParameter = (message: string) => issues.push({ code: 'NOT_FOUND', severity: 'error', table: 'Parameters', ...(parametersTable ? { sheet: parametersTable } : {}), message });
  if (firstYear === undefined) {
    if (!hasErrors(issues)) needParameter('First year is needed: set it in Parameters (e.g. 2012/13), or give From years or year columns in Costs or Funding.');
    return { ok: false, issues };
  }
  const parameters: Parameters = {
    firstYear,
    years: v.years ?? DEFAULT_YEARS,
    perDistrict: v.perDistrict ?? 0,
    additional: v.additional ?? 0,
    costPerLocality: v.costPerLocality ?? ZERO,
    programmeMultiplier: v.programmeMultiplier ?? { digits: 1n, scale: 0 },
    payInflation: v.payInflation ?? { digits: 0n, scale: 0 },
    nonPayInflation: v.nonPayInflation ?? { digits: 0n, scale: 0 },
    shortfallTolerance: v.shortfallTolerance ?? ZERO,
    allocationPot: v.allocationPot ?? null,
    allocationMethod: v.allocationMethod ?? 'equal',
    allocateTo: v.allocateTo ?? 'selected',
  };
  const quotas = parameters.perDistrict > 0 || parameters.additional > 0;
  const needsLocalities = [
    quotas ? 'Per district and Additional choose localities' : null,
    parameters.costPerLocality > 0 ? 'Cost per locality is paid for each selected locality' : null,
    parameters.allocationPot !== null ? 'Allocation pot is shared among localities' : null,
    costLines.some((c) => c.appliesTo.kind === 'each-locality') ? 'a cost line applies to Each locality' : null,
  ].filter((x): x is string => x !== null);
  if (!tables.Localities && needsLocalities.length > 0) {
    needParameter(`A Localities table is needed: ${needsLocalities.join('; ')}.`);
  }
  if (localities) {
    if (quotas && indicators.length === 0 && !tables.Indicators) {
      needParameter('Per district and Additional choose the localities most in need, which needs an indicator: add an IMD Score or IMD Rank column to Localities, or an Indicators table.');
    }
    if (parameters.allocationPot !== null && parameters.allocationMethod === 'need-weighted' && indicators.length === 0 && !tables.Indicators) {
      needParameter('Need weighted allocation needs an indicator: add an IMD Score or IMD Rank column to Localities, or an Indicators table.');
    }
    if (parameters.perDistrict > 0) localities.reader.requireColumn('district', 'District', ', which Per district needs');
    if (parameters.allocationPot !== null && parameters.allocationMethod === 'per-ward') localities.reader.requireColumn('wards', 'Wards', ', which Per ward allocation needs');
    if (parameters.allocationPot !== null && parameters.allocationMethod === 'per-head') localities.reader.requireColumn('population', 'Population', ', which Per head allocation needs');
  }
  if (firstYear + parameters.years - 1 > LATEST_YEAR) {
    const at = parametersRead.cells.years ?? parametersRead.cells.firstYear;
    if (at) issues.push({ code: 'OUT_OF_RANGE', severity: 'error', table: 'Parameters', sheet: at.sheet, cell: at.cell,
      message: `Years (${parameters.years}) from First year ${yearLabel(firstYear)} runs past ${yearLabel(LATEST_YEAR as FinancialYear)}, the last year the planner handles.` });
    else needParameter(`Years (${parameters.years}) from First year ${yearLabel(firstYear)} runs past ${yearLabel(LATEST_YEAR as FinancialYear)}, the last year the planner handles.`);
  }
  if (hasErrors(issues)) return { ok: false, issues };
  const years: FinancialYear[] = Array.from({ length: parameters.years }, (_, i) => nextYear(firstYear, i));

  const scores = localities ? scoreNeed(localities, indicators, issues) : [];
  const indicatorName = indicators.length === 1 ? indicators[0].header : indicators.length > 1 ? 'indicator' : null;
  const priorities = localities ? prioritise(localities, scores, parameters, indicatorName, issues) : [];
  const planWith = (): PlanResults | undefined => {
    const costs = projectCosts(costLines, parameters, years, priorities, issues);
    const funding = drawFromPots(fundingStreams, years, costs.total);
    const reader = localities?.reader;
    const allocation = allocatePot(parameters, priorities, years, issues, reader && {
      sheet: reader.table.sheet,
      cellOf: (row, field) => (reader.columns[field] === undefined ? undefined : reader.address(row, reader.columns[field]!)),
    });
    if (hasErrors(issues)) return undefined;

    for (const f of fundingStreams) {
      if (f.to !== null && f.to < firstYear) {
        issues.push({ code: 'NOT_APPLIED', severity: 'warning', table: 'Funding', sheet: tables.Funding?.sheet, ...(f.kind === 'recurring' && f.toCell ? { cell: f.toCell } : {}),
          message: `${f.name} ends in ${yearLabel(f.to)}, before the projection starts (${yearLabel(firstYear)}), so it pays nothing here.` });
      }
    }
    const warnings = collectWarnings(parameters, costs, funding, issues);
    return {
      years,
      parameters,
      parameterSources: sources,
      indicators,
      priorities,
      costs,
      funding,
      allocation,
      warnings,
      inputs: inputTableNames.flatMap((n) => {
        const t = tables[n];
        return t ? [{ name: n, source: t.source, sheet: t.sheet, rows: t.rows.filter((row) => row.some((c) => !isBlank(c ?? null))).length }] : [];
      }),
      fingerprint: fingerprintOf(input),
      runAt: context.now,
      toolVersion: context.toolVersion,
      host: context.host,
    };
  };
  let planned;
  try {
    planned = planWith();
  } catch (e) {
    if (!(e instanceof MoneyOverflowError)) throw e;
    issues.push({ code: 'OUT_OF_RANGE', severity: 'error', table: 'Costs',
      message: 'A year\'s costs or funding add up to more than the planner can hold to the penny (about £90 trillion); check Unit cost, Quantity, Inflation and Years for a mistyped figure.' });
    return { ok: false, issues };
  }
  if (!planned) return { ok: false, issues };
  const results = planned;
  const plan = buildOutputPlan(results);
  const ownershipIssues = checkOwnership(input, plan);
  if (ownershipIssues.length > 0) return { ok: false, issues: [...issues, ...ownershipIssues] };
  return { ok: true, issues, results, plan, summary: buildSummary(results, issues) };
}
