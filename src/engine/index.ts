/**
 * Locality Planner's engine: its one public door. Tables of cell values with their
 * addresses go in; typed results, issues and an output plan come out. No host, no
 * files: the Excel add-in and the command-line tool both call `runPlanner`, find their
 * inputs with `locateInputs`, and apply the plan as it stands. Nothing outside
 * `src/engine` imports anything else from it (ESLint enforces it).
 */
import { type Allocation, localityTotals, shareOut } from './allocate';
import { fundCapital } from './capital';
import { projectCosts } from './cost';
import { fingerprint } from './fingerprint';
import { drawFromPots } from './fund';
import type { RunContext, WorkbookInput } from './input';
import { type Issue, hasErrors, issueAt } from './issues';
import { MoneyOverflowError } from './money';
import { notWorkedOut } from './notChecked';
import type { PlannerOutcome } from './outcome';
import { parameterKeys, parametersFor, readParameters, settleParameters } from './parameters';
import { buildOutputPlan, namesBeforePlanning, plannedNames } from './plan/outputPlan';
import { claimOutputs, findOwnershipSheet, isOwnershipRecord, newMark, ownsSheet, placeOutputs } from './plan/ownership';
import { buildSummary } from './plan/summary';
import { selectLocalities } from './prioritise';
import { readCosts } from './read/costs';
import { readFunding } from './read/funding';
import { readIndicators } from './read/indicators';
import { type LocalitiesRead, readLocalities } from './read/localities';
import { readTables } from './read/tables';
import { appendRun, changesSince, historyRows, readRunHistory, thisRun } from './runHistory';
import { checkRequirements } from './requirements';
import { all } from './stage';
import { collectWarnings } from './warnings';
import { analyse, caseInputs, planScenarios } from './whatIf';
import { type TriedChange, type TryOutcome, tryChanges as tryChangesWith } from './whatIf/tryChange';

// Running the planner.
export type { PlannerOutcome } from './outcome';
export type { WorkbookInput, SourceTable, RunContext, InputTableName, OtherSheetKind } from './input';
export { inputTableNames, planningTableNames } from './input';
export type { PlanResults, InputRead } from './results';
export type { Summary } from './summary';
export { summaryIssues } from './plan/summary';
export { headlineOf, type Headline } from './plan/headline';
export { formatPoundsAmount } from './money';
export { amountText, poundsAsShown, differenceAsShown } from './plan/amounts';
export type { AmountsShown } from './parameters';
export type { WhatIf, CaseResult } from './whatIf';
export type { AffordabilitySentences } from './whatIf/affordability';
export { type TriedChange, type TryOutcome, type CaseSummary, type ChangeChoice, TRIED_CASE, triedScenariosTable, changeChoices, type SavedColumn, savedScenarioColumn, scenarioRowOf } from './whatIf/tryChange';
export { scenarioNameProblem } from './whatIf/scenarios';
export { ownsSheet } from './plan/ownership';
export { type ChangesSinceLastRun, type TotalChange, type RunEntry, type RunHistory, MAX_RUNS, changesInWords, changeInWords, runTimeInWords, warningInWords } from './runHistory';
export type { ScenarioTable } from './issues';

// Cell values, as hosts hand them over.
export type { CellValue, ExcelDate, ExcelError, UnsavedFormula } from './cells';
export { excelDate, excelError, unsavedFormula, excelErrorCodes } from './cells';

// Finding the inputs and the ownership record, the same way in both hosts.
export { locateInputs, type LocatedInput } from './read/tables';
export { OWNERSHIP_SHEET, MARK_NAME, findOwnershipSheet, sheetsToProveByOpening, isMark, stringConstant } from './plan/ownership';
export { columnsNeeded } from './columns';

// Issues.
export type { Issue, IssueCode, IssueSeverity, IssueTable, IssueDetail } from './issues';
export { formatIssue, hasErrors, issuesInOrder } from './issues';

// The output plan, which both adapters apply as it stands.
export type { OutputPlan, SheetPlan, OutputCell, Rect, RangeFormat, RangeStyle, TablePlan, ConditionalFormatPlan, ChartPlan, ChartSeriesPlan, NumberFormatName, PagePlan, HeaderFooterPlan } from './plan/types';
export { numberFormats } from './plan/types';
export { starterTables, starterSheetPlan, type StarterTable } from './plan/starterTables';

// Cell addresses as Excel writes them.
export type { CellAddress } from './address';
export { cellAddress, rangeAddress, columnLetters, parseCellAddress, quoteSheetName } from './address';

/**
 * Runs the planner on a workbook's tables (contract §2–3). Every stage runs on what it
 * is given, whatever is wrong elsewhere, so one run reports every problem; a stage that
 * lacks an unusable input is named in one note instead of reporting knock-on errors.
 * With any error the outcome holds only the issues and a host writes nothing. No
 * exception escapes for any input.
 */
export function runPlanner(input: WorkbookInput, context: RunContext): PlannerOutcome {
  try {
    return plan(input, context);
  } catch (e) {
    // Every stage turns money past what pence hold into an issue at its place; this is the last guard.
    if (!(e instanceof MoneyOverflowError)) throw e;
    return { ok: false, issues: [issueAt({ code: 'TOTAL_TOO_LARGE', where: { kind: 'somewhere' } }, { table: 'Costs' })] };
  }
}

function plan(given: WorkbookInput, context: RunContext): PlannerOutcome {
  // An input found as a sheet the tool itself wrote (its own Scenarios sheet, on a re-run) is a result, not an input.
  const input = { ...given, tables: given.tables.filter((t) => !(t.source === 'sheet' && ownsSheet(given, t.sheet))) };
  const found = readTables(input);
  const { tables } = found.value;
  const parametersRead = readParameters(tables.Parameters);
  const indicators = readIndicators(tables.Indicators, tables.Localities);
  const localities = readLocalities(tables.Localities, indicators.value);
  const costs = readCosts(tables.Costs, localities.value);
  const funding = readFunding(tables.Funding);
  const settled = settleParameters(parametersRead.value, [costs.value.years, funding.value.years], tables.Parameters?.sheet);
  const parameters = settled.value;
  const required = checkRequirements(parameters, tables.Localities, localities.value, indicators.value, costs.value, tables.Parameters?.sheet);
  const selection = selectLocalities(localities.value, indicators.value, parametersFor(parameters, 'perDistrict', 'additional', 'overridesCountTowardsQuotas'));
  const cellOf = (key: 'costPerLocality' | 'allocationPot') => {
    const at = parameters.sources[key];
    return typeof at === 'object' ? at : null;
  };
  const costsByYear = projectCosts(
    costs.value.lines,
    parametersFor(parameters, 'costPerLocality', 'programmeMultiplier', 'payInflation', 'nonPayInflation', 'allocationPot'),
    parameters.years,
    selection.value,
    { costPerLocality: cellOf('costPerLocality'), allocationPot: cellOf('allocationPot') },
  );
  const rates = parametersFor(parameters, 'payInflation', 'nonPayInflation');
  const funded = drawFromPots(funding.value.streams, parameters.years, costsByYear.value, rates);
  const capital = fundCapital(funding.value.streams, parameters.years, costsByYear.value, rates);
  const allocation = shareOut(parametersFor(parameters, 'allocationPot', 'allocationMethod', 'allocateTo'), costs.value.lines, selection.value, costsByYear.value, localities.value);
  const sharesSomething = (parameters.values.allocationPot.usable && parameters.values.allocationPot.value !== null) || costs.value.sharedOut.length > 0;
  const prefix = parameters.values.outputSheetPrefix;
  const owners = claimOutputs(input, namesBeforePlanning(sharesSomething, prefix.usable ? prefix.value : null, tables.Scenarios?.sheet));
  // The history lives in the record, which follows the workbook and not a sheet's name; a user's sheet of the record's name holds none.
  const history = readRunHistory(isOwnershipRecord(input.ownershipRecord) ? input.ownershipRecord : undefined, findOwnershipSheet(input.sheetNames));
  const baseIssues: Issue[] = [found, parametersRead, indicators, localities, costs, funding, settled, required, selection, costsByYear, funded, capital, allocation, owners, history].flatMap((stage) => stage.issues);
  // Contract v1.1 §6.1: every scenario is checked in the same pass, by the same readers.
  const scenarios = planScenarios({ tables, parametersRead, indicators, localities, costs, funding, settled, selection, costsByYear }, baseIssues);
  const issues: Issue[] = [...baseIssues, ...scenarios.issues];
  if (hasErrors(issues)) {
    const note = notWorkedOut({ selection: selection.value, costs: costsByYear.value, funding: funded.value.usable ? capital.value : funded.value, allocation: allocation.value });
    return { ok: false, issues: [...issues, ...note.issues] };
  }

  const parts = all(parametersFor(parameters, ...parameterKeys), parameters.years, indicators.value.indicators, selection.value, costsByYear.value, funded.value, capital.value, allocation.value);
  if (!parts.usable) throw new Error(`A stage could not run, yet no input error says why: it needs ${parts.needs.join(', ')}`);
  const [allParameters, years, rankedBy, priorities, costsResult, fundingResult, capitalResult, allocationResult] = parts.value;
  const baseCase = caseInputs(settled.value, costs.value, funding.value, selection.value);
  if (!baseCase || !localities.value || !indicators.value) throw new Error('Base was planned, yet its inputs are not usable');
  const whatIf = analyse(
    { inputs: baseCase, revenue: { costs: costsResult, funding: fundingResult }, sources: parameters.sources, localities: localities.value, indicators: indicators.value, tables },
    scenarios.plans,
    context.whatIf ?? 'full',
  );
  const worked = {
    years,
    parameters: allParameters,
    parameterSources: parameters.sources,
    indicators: rankedBy,
    priorities,
    costs: costsResult,
    funding: fundingResult,
    capital: capitalResult,
    allocation: allocationResult,
    localityCosts: localityTotals(costsResult, allocationResult),
    whatIf,
    warnings: collectWarnings(allParameters, costsResult, fundingResult, capitalResult, issues),
    inputs: found.value.inputs,
    fingerprint: fingerprint(found.value, [...new Set([...localities.value.neededColumns, ...basisColumns(allocationResult, localities.value)])].sort((a, b) => a - b)),
    scenariosInputSheet: tables.Scenarios?.sheet,
    runAt: context.now,
    toolVersion: context.toolVersion,
    host: context.host,
  };
  const run = thisRun({ ...worked, runHistory: history.value });
  const results = { ...worked, runHistory: appendRun(history.value, run.entry, run.detail) };
  const drafted = buildOutputPlan(results);
  // Again with the plan's own names (the Warnings table is made only when there are warnings); its notes were made above.
  const claimed = claimOutputs(input, plannedNames(drafted));
  if (hasErrors(claimed.issues)) return { ok: false, issues: [...issues, ...claimed.issues.filter((i) => i.severity === 'error')] };
  const outputPlan = placeOutputs(drafted, claimed.value, (output) => newMark(results.runAt, results.fingerprint, output), historyRows(results.runHistory));
  const changes = changesSince(history.value, run.entry, run.detail, results.warnings);
  return { ok: true, issues, results, plan: outputPlan, summary: buildSummary(results, issues), changes };
}

/**
 * The task pane's Try a change (contract v1.1 §6.1): the inputs planned with a few
 * changes, as a scenario, writing nothing; the same figures a full run with those changes
 * gives as its Base.
 */
export function tryChanges(input: WorkbookInput, changes: readonly TriedChange[], context: RunContext): TryOutcome {
  return tryChangesWith(input, changes, context, runPlanner);
}

/** The Localities columns `Per <column>` methods read, so the fingerprint covers them. */
function basisColumns(allocation: Allocation | null, localities: LocalitiesRead): number[] {
  return (allocation?.lines ?? []).flatMap((l) => (l.method.kind === 'per-column' ? [localities.columnNamed(l.method.header)].filter((c): c is number => c !== undefined) : []));
}
