import { type CellValue, type Issue, type PlannerOutcome, type SheetPlan, type WorkbookInput, excelDate, runPlanner } from '../../src/engine';
import { table, testContext, workbook } from './tables';

export type Rows = (readonly CellValue[])[];
export type Planned = Extract<PlannerOutcome, { ok: true }>;

/** The tables of a workbook to plan; Parameters gets First year 2012/13 (and Years 3) unless given. */
export interface PlanInputs {
  readonly parameters?: Rows;
  readonly costs?: Rows;
  readonly funding?: Rows;
  readonly localities?: Rows;
  readonly indicators?: Rows;
  /** Contract v1.1 §6.1: Table, Item, Field and one column per scenario. */
  readonly scenarios?: Rows;
}

/** Runs the engine on the tables as a user would fill them in. */
export function outcomeOf(inputs: PlanInputs): PlannerOutcome {
  return runPlanner(workbookOfPlan(inputs), testContext);
}

/** The workbook a user would have filled in: the tables given, Parameters with First year 2012/13 and Years 3 unless given. */
export function workbookOfPlan(inputs: PlanInputs): WorkbookInput {
  const given = inputs.parameters ?? [];
  const has = (name: string) => given.some((p) => p[0] === name);
  const tables = [
    table('Parameters', [['Parameter', 'Value'], ...(has('First year') ? [] : [['First year', '2012/13']]), ...(has('Years') ? [] : [['Years', 3]]), ...given]),
  ];
  if (inputs.costs) tables.push(table('Costs', inputs.costs));
  if (inputs.funding) tables.push(table('Funding', inputs.funding));
  if (inputs.localities) tables.push(table('Localities', inputs.localities));
  if (inputs.indicators) tables.push(table('Indicators', inputs.indicators));
  // On a sheet of its own name: a run writes a Scenarios sheet (contract v1.1 §6.4).
  if (inputs.scenarios) tables.push(table('Scenarios', inputs.scenarios, { sheet: 'What if' }));
  return workbook(...tables);
}

/** Runs the engine and insists the run went through. */
export function planOf(inputs: PlanInputs): Planned {
  const o = outcomeOf(inputs);
  if (!o.ok) throw new Error(o.issues.map((i) => `${i.table}!${i.cell ?? ''}: ${i.message}`).join('\n'));
  return o;
}

/** The issues of a run that stopped, as `Table!Cell CODE`. */
export function refusals(o: PlannerOutcome): string[] {
  return o.issues.filter((i: Issue) => i.severity === 'error').map((i) => `${i.sheet ?? i.table}!${i.cell ?? ''} ${i.code}`);
}

/** An Excel date cell for a calendar day. */
export function date(year: number, month: number, day: number): CellValue {
  return excelDate(Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000));
}

/** A sheet of the plan, by name. */
export function sheetOf(o: Planned, name: string): SheetPlan {
  const sheet = o.plan.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`No ${name} sheet in the plan`);
  return sheet;
}

/** A row of a plan sheet by its first cell (trimmed), as label → the rest of the row. */
export function rowOf(sheet: SheetPlan, label: string): readonly (string | number | boolean | null)[] | undefined {
  return sheet.cells.find((r) => typeof r[0] === 'string' && r[0].trim() === label)?.slice(1);
}

/** Pounds as whole pence, for comparing summary figures exactly. */
export const pennies = (pounds: number): number => Math.round(pounds * 100);
