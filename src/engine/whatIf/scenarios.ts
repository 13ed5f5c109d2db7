import { type CellAddress, cellAddress } from '../address';
import { type CellValue, isBlank } from '../cells';
import type { SourceTable } from '../input';
import type { Issue, ScenarioTable } from '../issues';
import { didYouMean, nameKey, normalizeWord } from '../names';
import { parameterFields, parameterKeyOf, parameterKeys, parameterTable } from '../parameters';
import { costFields } from '../read/costs';
import { fundingFields } from '../read/funding';
import { localityFields } from '../read/localityFields';
import { type FieldSpec, TableReader, matchColumns, visibleHeader } from '../read/table';
import { readChoice, readName } from '../read/values';
import type { Staged } from '../stage';
import { type FinancialYear, yearLabel, yearOfHeader } from '../years';

/** The names of the cases every run plans besides the scenarios (contract v1.1 §6.1). */
export const BASE_CASE = 'Base';
export const CONFIRMED_ONLY_CASE = 'Confirmed funding only';

/** Where a change lands in its table: a cell the table has, or one past its edge (a parameter or a column the table lacks). */
export interface ChangeTarget {
  readonly table: ScenarioTable;
  /** A data row of that table, or a parameter not in Parameters, added as a row. */
  readonly row: { readonly kind: 'row'; readonly index: number } | { readonly kind: 'new-parameter'; readonly name: string };
  /** A column of that table, or one it lacks, added with this header. */
  readonly column: { readonly kind: 'column'; readonly index: number } | { readonly kind: 'new-column'; readonly header: string };
}

/** One changed value of one scenario: what it changes, the value written, and its Scenarios cell. */
export interface ScenarioChange {
  readonly target: ChangeTarget;
  readonly value: CellValue;
  readonly at: CellAddress;
}

/** A column of the Scenarios table: a scenario, its name and its changes in row order. */
export interface Scenario {
  readonly name: string;
  /** Its header cell. */
  readonly at: CellAddress;
  readonly changes: readonly ScenarioChange[];
}

/** The Scenarios table as read: its sheet (for issues) and its scenarios in column order. */
export interface ScenariosRead {
  readonly sheet: string | undefined;
  readonly scenarios: readonly Scenario[];
}

/** The Scenarios table's fixed columns (contract v1.1 §6.1); every column after them is a scenario. */
export const scenarioFields = [
  { key: 'table', name: 'Table' },
  { key: 'item', name: 'Item', aliases: ['Name'] },
  { key: 'field', name: 'Field', aliases: ['Column'] },
] as const;
type ScenarioField = (typeof scenarioFields)[number]['key'];

const tableChoices = [['Parameters', 'Parameters'], ['Costs', 'Costs'], ['Funding', 'Funding'], ['Localities', 'Localities']] as const satisfies readonly (readonly [string, ScenarioTable])[];

/** Tables in the order an item's name is looked for. */
const searchOrder: readonly ScenarioTable[] = ['Parameters', 'Costs', 'Funding', 'Localities'];

/** Each table's name column: the field a scenario's Item is matched against. */
const nameField: Record<Exclude<ScenarioTable, 'Parameters'>, { readonly fields: readonly FieldSpec[]; readonly key: string }> = {
  Costs: { fields: costFields, key: 'line' },
  Funding: { fields: fundingFields, key: 'source' },
  Localities: { fields: localityFields, key: 'locality' },
};

type Tables = { readonly [N in ScenarioTable]?: SourceTable };

/** The data rows of `table` whose name column holds `item`, by name key (contract §1). */
function rowsNamed(table: SourceTable | undefined, which: ScenarioTable, item: string): number[] {
  if (!table) return [];
  if (which === 'Parameters') {
    const key = parameterKeyOf(item);
    if (key === undefined) return [];
    const column = matchColumns(visibleHeader(table), parameterFields).columns.parameter;
    if (column === undefined) return [];
    return table.rows.flatMap((row, i) => (typeof row[column] === 'string' && parameterKeyOf(row[column]) === key ? [i] : []));
  }
  const { fields, key } = nameField[which];
  const column = (matchColumns(visibleHeader(table), fields).columns as Record<string, number | undefined>)[key];
  if (column === undefined) return [];
  const wanted = nameKey(item);
  return table.rows.flatMap((row, i) => {
    const v = row[column];
    return (typeof v === 'string' || typeof v === 'number') && nameKey(String(v)) === wanted ? [i] : [];
  });
}

/** Every name an item could have been in a table, for "did you mean". */
function namesIn(table: SourceTable | undefined, which: ScenarioTable): string[] {
  if (which === 'Parameters') return parameterKeys.map((k) => parameterTable[k].name);
  if (!table) return [];
  const { fields, key } = nameField[which];
  const column = (matchColumns(visibleHeader(table), fields).columns as Record<string, number | undefined>)[key];
  return column === undefined ? [] : table.rows.flatMap((row) => (typeof row[column] === 'string' ? [row[column]] : []));
}

/** The columns a scenario may change in a Costs or Funding row: every field but the name, and year columns. */
function changeableFields(which: 'Costs' | 'Funding'): readonly FieldSpec[] {
  const { fields, key } = nameField[which];
  return fields.filter((f) => f.key !== key);
}

/**
 * The column a Field names in a table: a contract field (by its name or an alias, as
 * headers match), or a financial year (a year column); one the table lacks is added.
 */
function columnFor(table: SourceTable | undefined, which: ScenarioTable, field: string): ChangeTarget['column'] | { readonly kind: 'bad'; readonly allowed: string } {
  const header = table ? visibleHeader(table) : [];
  if (which === 'Parameters') {
    if (field !== '' && normalizeWord(field) !== 'value') return { kind: 'bad', allowed: 'leave Field blank for a parameter' };
    const column = table ? matchColumns(header, parameterFields).columns.value : undefined;
    return column === undefined ? { kind: 'new-column', header: 'Value' } : { kind: 'column', index: column };
  }
  if (which === 'Localities') {
    const override = localityFields.find((f) => f.key === 'override')!;
    if (![override.name, ...override.aliases].some((n) => normalizeWord(n) === normalizeWord(field))) return { kind: 'bad', allowed: 'only Override can be changed for a locality' };
    const column = matchColumns(header, localityFields).columns.override;
    return column === undefined ? { kind: 'new-column', header: 'Override' } : { kind: 'column', index: column };
  }
  const fields = nameField[which].fields;
  const allowedFields = changeableFields(which);
  const allowed = `one of ${allowedFields.map((f) => `"${f.name}"`).join(', ')}, or a year such as 2012/13`;
  if (field === '') return { kind: 'bad', allowed };
  const wanted = normalizeWord(field);
  const spec = allowedFields.find((f) => [f.name, ...(f.aliases ?? [])].some((n) => normalizeWord(n) === wanted));
  if (spec) {
    const column = (matchColumns(header, fields).columns as Record<string, number | undefined>)[spec.key];
    return column === undefined ? { kind: 'new-column', header: spec.name } : { kind: 'column', index: column };
  }
  const year: FinancialYear | undefined = yearOfHeader(field);
  if (year !== undefined) {
    const { used } = matchColumns(header, fields);
    const column = header.findIndex((h, i) => !used.has(i) && yearOfHeader(h) === year);
    return column < 0 ? { kind: 'new-column', header: yearLabel(year) } : { kind: 'column', index: column };
  }
  return { kind: 'bad', allowed };
}

/**
 * Why a scenario cannot be called `name` (contract v1.1 §6.1), or null when it can: a name
 * must not be blank, must not be a case every run plans (Base, Confirmed funding only), and
 * must not be one `taken` already has. Names compare as names do (contract §1: case and
 * spacing aside). The run's reader and the pane's Save as scenario both ask this.
 */
export function scenarioNameProblem(name: string, taken: readonly string[]): 'blank' | 'reserved' | 'repeated' | null {
  if (name.trim() === '') return 'blank';
  const key = nameKey(name.trim());
  if (key === nameKey(BASE_CASE) || key === nameKey(CONFIRMED_ONLY_CASE)) return 'reserved';
  return taken.some((t) => nameKey(t.trim()) === key) ? 'repeated' : null;
}

/** A key for "the same cell" within one scenario. */
const targetKey = (t: ChangeTarget): string =>
  `${t.table}|${t.row.kind === 'row' ? t.row.index : `+${normalizeWord(t.row.name)}`}|${t.column.kind === 'column' ? t.column.index : `+${normalizeWord(t.column.header)}`}`;

/**
 * Reads the Scenarios table (contract v1.1 §6.1): Table (optional), Item, Field, then one
 * column per scenario headed with its name. Each row is resolved against the input
 * tables as they are: the item must be in exactly one table (or the one Table names) on
 * exactly one row, and Field must be a column a scenario can change there. A blank value
 * leaves the input as it is. Whether each value is right for its cell is checked later,
 * by that table's own reader (see `applyScenario`).
 */
export function readScenarios(table: SourceTable | undefined, tables: Tables): Staged<ScenariosRead> {
  if (!table) return { value: { sheet: undefined, scenarios: [] }, issues: [] };
  const reader = new TableReader<ScenarioField>(table, 'Scenarios', scenarioFields);
  const hasItem = reader.requireColumn('item', 'Item');
  const fixed = new Set(Object.values(reader.columns) as number[]);
  const scenarioColumns = reader.header.flatMap((h, i) => (fixed.has(i) || (isBlank(h) && table.rows.every((row) => isBlank(row[i] ?? null))) ? [] : [i]));
  const names = new Map<string, number>();
  const scenarios: { name: string; at: CellAddress; column: number; changes: ScenarioChange[]; seen: Map<string, CellAddress> }[] = [];
  for (const column of scenarioColumns) {
    const h = reader.header[column];
    const name = typeof h === 'string' ? h.trim() : typeof h === 'number' ? String(h) : '';
    const at = reader.address(-1, column);
    if (name === '') {
      // A column a user left unheaded with values under it; TableReader has already flagged an unheaded column.
      reader.issue({ code: 'SCENARIO_NAME', found: h, why: 'blank' }, -1, column);
      continue;
    }
    const problem = scenarioNameProblem(name, [...names.keys()]);
    if (problem !== null) {
      reader.issue({ code: 'SCENARIO_NAME', found: h, why: problem }, -1, column);
      continue;
    }
    names.set(nameKey(name), column);
    scenarios.push({ name, at, column, changes: [], seen: new Map() });
  }
  if (!hasItem) return { value: { sheet: table.sheet, scenarios: [] }, issues: reader.issues };
  for (const r of reader.rowIndexes) {
    const values = scenarios.map((s) => reader.cellAt(r, s.column));
    if (values.every(isBlank)) continue;
    const which = reader.read(r, 'table', 'Table', (v) => readChoice(v, tableChoices));
    if (which === undefined && !isBlank(reader.cell(r, 'table'))) continue;
    const item = reader.read(r, 'item', 'Item', (v) => readName(typeof v === 'number' ? String(v) : v, 'parameter'));
    if (item === undefined) {
      if (isBlank(reader.cell(r, 'item'))) reader.issue({ code: 'BAD_NAME', field: 'Item', of: 'parameter', found: null }, r, reader.columns.item!);
      continue;
    }
    const itemCell = reader.columns.item!;
    const found = (which ? [which] : searchOrder).map((t) => ({ table: t, rows: rowsNamed(tables[t], t, item) })).filter((f) => f.rows.length > 0);
    // A parameter the table does not list can still be changed: it is added as a row.
    if (found.length === 0 && (which === undefined || which === 'Parameters') && parameterKeyOf(item) !== undefined) found.push({ table: 'Parameters', rows: [] });
    if (found.length === 0) {
      const options = (which ? [which] : searchOrder).flatMap((t) => namesIn(tables[t], t));
      reader.issue({ code: 'SCENARIO_UNKNOWN_ITEM', item, table: which ?? null, guess: didYouMean(item, options) ?? null }, r, itemCell);
      continue;
    }
    if (found.length > 1) {
      reader.issue({ code: 'SCENARIO_AMBIGUOUS_ITEM', item, tables: found.map((f) => f.table) }, r, itemCell);
      continue;
    }
    const [{ table: target, rows }] = found;
    const origin = tables[target]?.origin.row ?? 0;
    if (rows.length > 1) {
      reader.issue({ code: 'SCENARIO_REPEATED_ITEM', item, table: target, rows: rows.map((i) => origin + 2 + i) }, r, itemCell);
      continue;
    }
    const fieldCell = reader.cell(r, 'field');
    const field = typeof fieldCell === 'string' ? fieldCell.trim() : typeof fieldCell === 'number' ? String(fieldCell) : '';
    const column = columnFor(tables[target], target, field);
    if (column.kind === 'bad') {
      reader.issue({ code: 'SCENARIO_BAD_FIELD', item, table: target, field, allowed: column.allowed }, r, reader.columns.field ?? itemCell);
      continue;
    }
    const row: ChangeTarget['row'] = rows.length === 1 ? { kind: 'row', index: rows[0] } : { kind: 'new-parameter', name: parameterTable[parameterKeyOf(item)!].name };
    const changeTarget: ChangeTarget = { table: target, row, column };
    scenarios.forEach((s, k) => {
      const value = values[k];
      if (isBlank(value)) return;
      const at = reader.address(r, s.column);
      const key = targetKey(changeTarget);
      const first = s.seen.get(key);
      if (first !== undefined) {
        reader.issue({ code: 'SCENARIO_CHANGED_TWICE', scenario: s.name, first }, r, s.column);
        return;
      }
      s.seen.set(key, at);
      s.changes.push({ target: changeTarget, value, at });
    });
  }
  return { value: { sheet: table.sheet, scenarios: scenarios.map(({ name, at, changes }) => ({ name, at, changes })) }, issues: reader.issues };
}

/** A table with a scenario's changes written in, and where each change landed (its address in the changed table → its Scenarios cell). */
export interface ChangedTable {
  readonly table: SourceTable;
  readonly landed: ReadonlyMap<string, CellAddress>;
}

/**
 * The inputs a scenario plans: each table it changes, copied with its values written in
 * as if typed into the table (a parameter the table lacks becomes a row, a column it
 * lacks becomes a column). Tables it does not change are not copied. A Parameters table
 * the workbook lacks is made, on the Scenarios sheet, for the parameters a scenario sets.
 */
export function applyScenario(scenario: Scenario, tables: Tables, scenariosSheet: string): Partial<Record<ScenarioTable, ChangedTable>> {
  const out: Partial<Record<ScenarioTable, ChangedTable>> = {};
  for (const which of searchOrder) {
    const changes = scenario.changes.filter((c) => c.target.table === which);
    if (changes.length === 0) continue;
    const base: SourceTable = tables[which] ?? { name: which, source: 'sheet', sheet: scenariosSheet, origin: { row: 0, column: 0 }, header: ['Parameter', 'Value'], rows: [] };
    const header = [...base.header];
    const rows = base.rows.map((row) => [...row]);
    const width = () => header.length;
    const columnOf = (c: ChangeTarget['column']): number => {
      if (c.kind === 'column') return c.index;
      const existing = header.findIndex((h, i) => i >= base.header.length && h === c.header);
      if (existing >= 0) return existing;
      header.push(c.header);
      return width() - 1;
    };
    const parameterColumns = matchColumns(visibleHeader({ ...base, header }), parameterFields).columns;
    const newRows = new Map<string, number>();
    const rowOf = (r: ChangeTarget['row']): number => {
      if (r.kind === 'row') return r.index;
      const key = normalizeWord(r.name);
      const existing = newRows.get(key);
      if (existing !== undefined) return existing;
      const row: CellValue[] = [];
      row[parameterColumns.parameter ?? 0] = r.name;
      rows.push(row);
      newRows.set(key, rows.length - 1);
      return rows.length - 1;
    };
    const landed = new Map<string, CellAddress>();
    for (const change of changes) {
      const row = rowOf(change.target.row);
      const column = columnOf(change.target.column);
      rows[row][column] = change.value;
      landed.set(cellAddress(base.origin.row + 1 + row, base.origin.column + column), change.at);
    }
    const filled = rows.map((row) => Array.from({ length: width() }, (_, i) => row[i] ?? null));
    // Merged areas are the base table's; a changed copy keeps them so its reading matches the base's.
    out[which] = { table: { ...base, header, rows: filled }, landed };
  }
  return out;
}

/** An issue's identity, to tell a scenario's own issues from those Base already reports. */
export const issueKey = (i: Issue): string => `${i.code}|${i.table}|${i.sheet ?? ''}|${i.cell ?? ''}|${i.message}`;
