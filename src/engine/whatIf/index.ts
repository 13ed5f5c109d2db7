import { type CellAddress, cellAddress, parseCellAddress } from '../address';
import type { CostProjection } from '../cost';
import type { YearFunding } from '../fund';
import { type Issue, type ScenarioTable, issueAt } from '../issues';
import type { CellRef } from '../model';
import type { Pence } from '../money';
import { type ParameterSources, type ParametersRead, type Settled, parameterKeys, parametersFor, readParameters, settleParameters } from '../parameters';
import { type Priority, selectLocalities } from '../prioritise';
import { type CostsRead, costFields, readCosts } from '../read/costs';
import { type FundingRead, fundingFields, readFunding } from '../read/funding';
import { type IndicatorsRead, readIndicators } from '../read/indicators';
import { type LocalitiesRead, readLocalities } from '../read/localities';
import { matchColumns, visibleHeader } from '../read/table';
import type { FoundTables } from '../read/tables';
import { checkRequirements } from '../requirements';
import { type Staged, type Usable, all, usable } from '../stage';
import type { FinancialYear } from '../years';
import { type Affordability, type AffordabilitySentences, affordability, affordabilitySentences } from './affordability';
import { type CaseInputs, type Revenue, planRevenue } from './project';
import { BASE_CASE, CONFIRMED_ONLY_CASE, type Scenario, applyScenario, issueKey, readScenarios } from './scenarios';
import { type FieldCell, type Sensitivity, sensitivity } from './sensitivity';

export { BASE_CASE, CONFIRMED_ONLY_CASE } from './scenarios';

/** One planned case (contract v1.1 §6.1): Base, a scenario, or Confirmed funding only, with its revenue figures. */
export interface CaseResult {
  readonly name: string;
  readonly kind: 'base' | 'scenario' | 'confirmed-only';
  /** How many localities it selects. */
  readonly selected: number;
  readonly byYear: readonly YearFunding[];
  readonly totalCost: Pence;
  readonly totalFunding: Pence;
  readonly totalShortfall: Pence;
  /** The first year with a revenue shortfall, or null. */
  readonly firstShortfallYear: FinancialYear | null;
}

/** Everything contract v1.1 §6 works out: the cases, sensitivity and affordability. */
export interface WhatIf {
  readonly cases: readonly CaseResult[];
  /** Base's sensitivity and affordability; null when the host asked for the cases alone (`RunContext.whatIf`). */
  readonly analysis: {
    readonly sensitivity: Sensitivity;
    readonly affordability: Affordability;
    /** The affordability answers as sentences a member would read (Scenarios sheet, task pane). */
    readonly sentences: AffordabilitySentences;
  } | null;
}

/** The base run's stages, as the door ran them: a scenario re-runs only those its changes reach. */
export interface BaseStages {
  readonly tables: FoundTables['tables'];
  readonly parametersRead: Staged<Usable<ParametersRead>>;
  readonly indicators: Staged<IndicatorsRead>;
  readonly localities: Staged<LocalitiesRead>;
  readonly costs: Staged<CostsRead>;
  readonly funding: Staged<FundingRead>;
  readonly settled: Staged<Settled>;
  readonly selection: Staged<Usable<readonly Priority[]>>;
  readonly costsByYear: Staged<Usable<CostProjection>>;
}

/** A scenario read and checked: its issues, and its plan when it has no error. */
export interface ScenarioPlan {
  readonly scenario: Scenario;
  readonly issues: readonly Issue[];
  readonly planned: { readonly inputs: CaseInputs; readonly revenue: Revenue } | null;
}

/** What the Scenarios table gives a run: each scenario checked and planned, and every issue found. */
export interface ScenariosPlanned {
  readonly plans: readonly ScenarioPlan[];
  readonly issues: readonly Issue[];
}

/** The parameters choosing localities: a scenario changing none of them (nor Localities) keeps Base's choice. */
const selectionKeys = ['perDistrict', 'additional', 'overridesCountTowardsQuotas'] as const;

/** Where Cost per locality and Allocation pot were given, for their lines. */
function parameterCells(settled: Settled): CaseInputs['cells'] {
  const cellOf = (key: 'costPerLocality' | 'allocationPot'): CellRef | null => {
    const at = settled.sources[key];
    return typeof at === 'object' ? at : null;
  };
  return { costPerLocality: cellOf('costPerLocality'), allocationPot: cellOf('allocationPot') };
}

/** A case's inputs from its stages, when every one is usable. */
export function caseInputs(settled: Settled, costs: CostsRead, funding: FundingRead, selection: Usable<readonly Priority[]>): CaseInputs | null {
  const parts = all(parametersFor(settled, ...parameterKeys), settled.years, costs.lines, funding.streams, selection);
  if (!parts.usable) return null;
  const [parameters, years, lines, streams, priorities] = parts.value;
  return { parameters, years, lines, streams, selection: priorities, cells: parameterCells(settled) };
}

/**
 * Reads the Scenarios table and checks and plans each scenario in the same pass as every
 * other input (contract v1.1 §6.1): the scenario's values are written into copies of
 * their tables, as if typed there, and read by those tables' own readers, so a value is
 * refused exactly as it would be in its own cell. A problem at a changed cell is an
 * input issue at its Scenarios cell; any other error the changes cause (one Base does not
 * have) is an issue at the scenario's name, saying where. Only the stages a scenario's
 * changes reach are run again: a scenario that changes no selection parameter and not
 * Localities keeps Base's choice of localities, and one that changes only Funding keeps
 * Base's costs.
 */
export function planScenarios(base: BaseStages, baseIssues: readonly Issue[]): ScenariosPlanned {
  const read = readScenarios(base.tables.Scenarios, base.tables);
  const known = new Set(baseIssues.map(issueKey));
  const sheet = read.value.sheet ?? 'Scenarios';
  const plans = read.value.scenarios.map((s) => planScenario(s, base, known, sheet));
  // In the order a user reads the Scenarios table: row by row, left to right.
  const place = (i: Issue): number => {
    const at = i.cell === undefined ? undefined : parseCellAddress(i.cell);
    return at === undefined ? -1 : at.row * 16_384 + at.column;
  };
  const issues = [...read.issues, ...plans.flatMap((p) => p.issues)].sort((a, b) => place(a) - place(b));
  return { plans, issues };
}

function planScenario(scenario: Scenario, base: BaseStages, known: ReadonlySet<string>, sheet: string): ScenarioPlan {
  const changed = applyScenario(scenario, base.tables, sheet);
  const tables = { ...base.tables, ...Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v.table])) };
  const stages: Staged<unknown>[] = [];
  const run = <T>(s: Staged<T>): Staged<T> => (stages.push(s), s);
  const parametersRead = changed.Parameters ? run(readParameters(tables.Parameters)) : base.parametersRead;
  const indicators = changed.Localities ? run(readIndicators(tables.Indicators, tables.Localities)) : base.indicators;
  const localities = changed.Localities ? run(readLocalities(tables.Localities, indicators.value)) : base.localities;
  const costs = changed.Costs || changed.Localities ? run(readCosts(tables.Costs, localities.value)) : base.costs;
  const funding = changed.Funding ? run(readFunding(tables.Funding)) : base.funding;
  const settled = changed.Parameters || changed.Costs || changed.Funding ? run(settleParameters(parametersRead.value, [costs.value.years, funding.value.years], tables.Parameters?.sheet)) : base.settled;
  run(checkRequirements(settled.value, tables.Localities, localities.value, indicators.value, costs.value, tables.Parameters?.sheet));
  const sameChoice = !changed.Localities && selectionKeys.every((k) => JSON.stringify(settled.value.values[k]) === JSON.stringify(base.settled.value.values[k]));
  const selection = sameChoice ? base.selection : run(selectLocalities(localities.value, indicators.value, parametersFor(settled.value, ...selectionKeys)));

  const issues: Issue[] = [];
  for (const issue of stages.flatMap((s) => s.issues)) {
    if (known.has(issueKey(issue))) continue;
    const landed = issue.cell === undefined ? undefined : changed[issue.table as ScenarioTable]?.landed.get(issue.cell);
    const where = issue.cell === undefined ? null : `${issue.sheet ?? issue.table}!${issue.cell}`;
    if (landed !== undefined) issues.push(issueAt({ code: issue.severity === 'error' ? 'SCENARIO_VALUE' : 'SCENARIO_NOTE', scenario: scenario.name, inner: issue.message, where: null }, { table: 'Scenarios', sheet, cell: landed }));
    // A warning elsewhere (a quota a scenario cannot fill, say) is the scenario's own result, not a problem with its inputs.
    else if (issue.severity === 'error') issues.push(issueAt({ code: 'SCENARIO_VALUE', scenario: scenario.name, inner: issue.message, where: where ?? issue.table }, { table: 'Scenarios', sheet, cell: scenario.at }));
  }
  if (issues.some((i) => i.severity === 'error')) return { scenario, issues, planned: null };
  const inputs = caseInputs(settled.value, costs.value, funding.value, selection.value);
  // Base's costs stand when nothing costing reads has changed.
  const reuseCosts = !changed.Parameters && !changed.Costs && !changed.Localities && base.costsByYear.value.usable ? base.costsByYear.value.value : undefined;
  const revenue = inputs ? planRevenue(inputs, reuseCosts) : undefined;
  if (!inputs || !revenue) {
    issues.push(issueAt({ code: 'SCENARIO_VALUE', scenario: scenario.name, inner: 'its amounts come to more than the planner holds to the penny (about £90 trillion).', where: null }, { table: 'Scenarios', sheet, cell: scenario.at }));
    return { scenario, issues, planned: null };
  }
  return { scenario, issues, planned: { inputs, revenue } };
}

/** A case's row of the Scenarios sheet, from its revenue plan. */
export function caseResult(name: string, kind: CaseResult['kind'], inputs: CaseInputs, revenue: Revenue): CaseResult {
  const byYear = revenue.funding.byYear;
  return {
    name,
    kind,
    selected: inputs.selection.filter((p) => p.selected).length,
    byYear,
    totalCost: revenue.costs.grandTotal,
    totalFunding: revenue.funding.totals.funding,
    totalShortfall: revenue.funding.totals.shortfall,
    firstShortfallYear: byYear.find((y) => y.shortfall > 0)?.year ?? null,
  };
}

/**
 * The what-if analysis of a run with no input error (contract v1.1 §6): Base, each
 * scenario in column order, then Confirmed funding only when any funding is Expected or
 * At risk (the inputs without those lines, Base's costs unchanged); sensitivity and
 * affordability for Base.
 */
export function analyse(
  base: { readonly inputs: CaseInputs; readonly revenue: Revenue; readonly sources: ParameterSources; readonly localities: LocalitiesRead; readonly indicators: IndicatorsRead; readonly tables: FoundTables['tables'] },
  scenarios: readonly ScenarioPlan[],
  extent: 'full' | 'cases',
): WhatIf {
  const cases: CaseResult[] = [caseResult(BASE_CASE, 'base', base.inputs, base.revenue)];
  for (const plan of scenarios) if (plan.planned) cases.push(caseResult(plan.scenario.name, 'scenario', plan.planned.inputs, plan.planned.revenue));
  if (base.inputs.streams.some((s) => s.status !== 'confirmed')) {
    const confirmed = { ...base.inputs, streams: base.inputs.streams.filter((s) => s.status === 'confirmed') };
    const revenue = planRevenue(confirmed, base.revenue.costs);
    if (revenue) cases.push(caseResult(CONFIRMED_ONLY_CASE, 'confirmed-only', confirmed, revenue));
  }
  if (extent === 'cases') return { cases, analysis: null };
  const rules = base.inputs.parameters;
  const selectWith = (additional: number): readonly Priority[] | undefined => {
    const chosen = selectLocalities(base.localities, base.indicators, usable({ perDistrict: rules.perDistrict, additional, overridesCountTowardsQuotas: rules.overridesCountTowardsQuotas })).value;
    return chosen.usable ? chosen.value : undefined;
  };
  const answers = affordability(base.inputs, base.revenue, selectWith);
  return {
    cases,
    analysis: {
      sensitivity: sensitivity(base.inputs, base.revenue, base.sources, fieldCellIn(base.tables)),
      affordability: answers,
      sentences: affordabilitySentences(answers, { additional: rules.additional, costPerLocality: rules.costPerLocality, years: base.inputs.years }),
    },
  };
}

/** The cell of a Costs or Funding field on a line's row (the row of its name cell). */
function fieldCellIn(tables: FoundTables['tables']): FieldCell {
  return (line, table, field) => {
    const source = tables[table];
    if (!line.at || !source || line.source === 'Parameters') return null;
    const fields = table === 'Costs' ? costFields : fundingFields;
    const column = (matchColumns(visibleHeader(source), fields).columns as Record<string, number | undefined>)[field];
    const at = parseCellAddress(line.at.cell);
    if (column === undefined || !at) return null;
    return { sheet: line.at.sheet, cell: cellAddress(at.row, source.origin.column + column) as CellAddress };
  };
}

