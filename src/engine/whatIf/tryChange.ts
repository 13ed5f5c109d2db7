import type { CellValue } from '../cells';
import type { RunContext, SourceTable, WorkbookInput } from '../input';
import type { Issue, ScenarioTable } from '../issues';
import type { PlannerOutcome } from '../outcome';
import type { Summary } from '../summary';
import { parameterFields, parameterKeyOf, parameterKeys, parameterTable } from '../parameters';
import { costFields } from '../read/costs';
import { fundingFields } from '../read/funding';
import { type FieldSpec, matchColumns, visibleHeader } from '../read/table';
import { isBlank } from '../cells';
import { nameKey, normalizeWord } from '../names';
import { scenarioFields, scenarioNameProblem } from './scenarios';

/** One change a user tries in the pane: a Scenarios row (contract v1.1 §6.1) with its value. */
export interface TriedChange {
  /** Which table the item is in; null to let the planner find it (as a blank Table cell). */
  readonly table: ScenarioTable | null;
  /** A parameter name, a cost line, a funding source or a locality. */
  readonly item: string;
  /** The column to change; null for a parameter. */
  readonly field: string | null;
  /** Written as in the input table (`3%`, `£40k`, `At risk`). */
  readonly value: CellValue;
}

/** The name a tried change is planned under, and the sheet its rows are said to be on. */
export const TRIED_CASE = 'Tried change';
const TRIED_SHEET = 'Try a change';

/** A case's figures as the JSON summary gives them (contract v1.1 §6.4). */
export type CaseSummary = Summary['scenarios'][number];

export type TryOutcome =
  | { readonly ok: true; readonly base: CaseSummary; readonly tried: CaseSummary }
  /** The inputs or the changes have errors: each change's own, by its index in the list, and any other. */
  | { readonly ok: false; readonly byChange: readonly (readonly Issue[])[]; readonly other: readonly Issue[] };

/** A tried change as its Scenarios row (contract v1.1 §6.1): Table, Item, Field; its value goes in the scenario's column. */
export function scenarioRowOf(change: TriedChange): [ScenarioTable | null, string, string | null] {
  return [change.table, change.item, change.field];
}

/** How "Save as scenario" adds a scenario to a Scenarios table, or why it cannot. */
export type SavedColumn =
  | {
      readonly ok: true;
      /** The new column's value on each existing data row, in order (null where the scenario leaves the input). */
      readonly existing: readonly CellValue[];
      /** Whole rows to add, one per change no row has yet: the table's width plus the new column. */
      readonly added: readonly (readonly CellValue[])[];
    }
  | { readonly ok: false; readonly why: 'blank' | 'reserved' | 'repeated' | 'no-item-column' | 'no-changes' };

/**
 * The column "Save as scenario" adds to the workbook's Scenarios table (issue 12): the
 * scenario's name as its header (refused when the run would refuse it, see
 * `scenarioNameProblem`), each change's value on the row with the same Table, Item and
 * Field (names compared as the reader compares them), and a new row for each change no
 * row has yet. A table without a Table column gets rows without it: the run finds the
 * item by name, and says so if the name is in two tables. `header` and `rows` are the
 * table as it is; with no table, pass the header `Table, Item, Field` and no rows.
 */
export function savedScenarioColumn(header: readonly CellValue[], rows: readonly (readonly CellValue[])[], name: string, changes: readonly TriedChange[]): SavedColumn {
  if (changes.length === 0) return { ok: false, why: 'no-changes' };
  const { columns } = matchColumns(header, scenarioFields);
  if (columns.item === undefined) return { ok: false, why: 'no-item-column' };
  const fixed = new Set(Object.values(columns) as number[]);
  const taken = header.flatMap((h, i) => (fixed.has(i) || isBlank(h) ? [] : [String(h)]));
  const problem = scenarioNameProblem(name, taken);
  if (problem !== null) return { ok: false, why: problem };
  const word = (v: CellValue | undefined): string => (typeof v === 'string' || typeof v === 'number' ? normalizeWord(String(v)) : '');
  const existing: CellValue[] = rows.map(() => null);
  const added: CellValue[][] = [];
  for (const change of changes) {
    const [table, item, field] = scenarioRowOf(change);
    const at = rows.findIndex(
      (row) =>
        (columns.table === undefined || word(row[columns.table]) === word(table)) &&
        (typeof row[columns.item!] === 'string' || typeof row[columns.item!] === 'number') &&
        nameKey(String(row[columns.item!])) === nameKey(item) &&
        word(columns.field === undefined ? null : row[columns.field]) === word(field),
    );
    if (at >= 0) {
      existing[at] = change.value;
      continue;
    }
    const row: CellValue[] = [...header.map(() => null), change.value];
    if (columns.table !== undefined) row[columns.table] = table;
    row[columns.item] = item;
    if (columns.field !== undefined) row[columns.field] = field;
    added.push(row);
  }
  return { ok: true, existing, added };
}

/** The changes as a Scenarios table of one scenario, on a sheet of its own (row i + 2 is change i). */
export function triedScenariosTable(changes: readonly TriedChange[], name = TRIED_CASE): SourceTable {
  return {
    name: 'Scenarios',
    source: 'table',
    sheet: TRIED_SHEET,
    origin: { row: 0, column: 0 },
    header: ['Table', 'Item', 'Field', name],
    rows: changes.map((c) => [...scenarioRowOf(c), c.value]),
  };
}

/**
 * Plans the inputs with a few changes, exactly as a run would plan them as a scenario
 * (contract v1.1 §6.1), without writing anything: the changes become the only column of
 * a Scenarios table in place of the workbook's own, and the engine plans Base and that
 * case (sensitivity and affordability are not worked out: the pane shows the shortfall).
 * A change its own table would refuse comes back against that change.
 */
export function tryChanges(input: WorkbookInput, changes: readonly TriedChange[], context: RunContext, plan: (input: WorkbookInput, context: RunContext) => PlannerOutcome): TryOutcome {
  const tables = [...input.tables.filter((t) => t.name.toLowerCase() !== 'scenarios'), triedScenariosTable(changes)];
  const outcome = plan({ ...input, tables }, { ...context, whatIf: 'cases' });
  if (!outcome.ok) {
    const errors = outcome.issues.filter((i) => i.severity === 'error');
    const rowOf = (i: Issue): number => (i.table === 'Scenarios' && i.sheet === TRIED_SHEET && i.cell ? Number(/\d+$/.exec(i.cell)?.[0] ?? 0) - 2 : -1);
    return {
      ok: false,
      byChange: changes.map((_, k) => errors.filter((i) => rowOf(i) === k)),
      other: errors.filter((i) => rowOf(i) < 0 || rowOf(i) >= changes.length),
    };
  }
  const [base, tried] = outcome.summary.scenarios;
  return { ok: true, base, tried };
}

/** Something the pane offers to change, with its value in the inputs now. */
export interface ChangeChoice {
  /** The heading the pane groups it under. */
  readonly group: 'Parameters' | 'Costs' | 'Funding';
  /** In the users' words: `Pay inflation`, `Locality Manager: Quantity`, `LPSA reward grant: Status`. */
  readonly label: string;
  readonly change: Omit<TriedChange, 'value'>;
  /** As the input table holds it; null when blank or not there. */
  readonly current: CellValue;
}

/**
 * What the pane's Try a change offers (contract v1.1 §6.1, issue 12): every parameter,
 * each cost line's Quantity, and each funding line's amount (Annual amount, or Pot for a
 * One-off pot or Reserve) and Status, each with its value in the inputs now.
 */
export function changeChoices(input: WorkbookInput): ChangeChoice[] {
  const find = (name: string) => input.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  const columnOf = (table: SourceTable, fields: readonly FieldSpec[], key: string): number | undefined => (matchColumns(visibleHeader(table), fields).columns as Record<string, number | undefined>)[key];
  const text = (v: CellValue | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);
  const choices: ChangeChoice[] = [];
  const parameters = find('Parameters');
  const nameAt = parameters ? columnOf(parameters, parameterFields, 'parameter') : undefined;
  const valueAt = parameters ? columnOf(parameters, parameterFields, 'value') : undefined;
  for (const key of parameterKeys) {
    const name = parameterTable[key].name;
    const row = parameters && nameAt !== undefined ? parameters.rows.find((r) => { const n = text(r[nameAt]); return n !== null && parameterKeyOf(n) === key; }) : undefined;
    choices.push({ group: 'Parameters', label: name, change: { table: 'Parameters', item: name, field: null }, current: row && valueAt !== undefined ? (row[valueAt] ?? null) : null });
  }
  const costs = find('Costs');
  if (costs) {
    const [line, quantity] = [columnOf(costs, costFields, 'line'), columnOf(costs, costFields, 'quantity')];
    for (const row of costs.rows) {
      const name = line === undefined ? null : text(row[line]);
      if (name !== null) choices.push({ group: 'Costs', label: `${name}: Quantity`, change: { table: 'Costs', item: name, field: 'Quantity' }, current: quantity === undefined ? null : (row[quantity] ?? null) });
    }
  }
  const funding = find('Funding');
  if (funding) {
    const at = (key: string) => columnOf(funding, fundingFields, key);
    const [source, kind, annual, pot, status] = [at('source'), at('kind'), at('annual'), at('pot'), at('status')];
    for (const row of funding.rows) {
      const name = source === undefined ? null : text(row[source]);
      if (name === null) continue;
      const balance = /^(one|reserve)/i.test(text(kind === undefined ? null : row[kind]) ?? '');
      const [field, column] = balance ? ['Pot', pot] : ['Annual amount', annual];
      choices.push({ group: 'Funding', label: `${name}: ${field}`, change: { table: 'Funding', item: name, field }, current: column === undefined ? null : (row[column] ?? null) });
      choices.push({ group: 'Funding', label: `${name}: Status`, change: { table: 'Funding', item: name, field: 'Status' }, current: status === undefined ? null : (row[status] ?? null) });
    }
  }
  return choices;
}
