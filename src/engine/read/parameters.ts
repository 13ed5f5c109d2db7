import { type CellAddress } from '../address';
import { type CellValue, describeCell, isBlank } from '../cells';
import type { SourceTable } from '../input';
import type { Issue } from '../issues';
import type { AllocationMethod, ParameterKey } from '../model';
import { type Decimal, type Pence } from '../money';
import type { FinancialYear } from '../years';
import { TableReader } from './table';
import { yearReader } from './yearRange';
import { didYouMean, normalizeWord, type Reading, readAmount, readChoice, readDecimal, readRate, readWhole } from './values';

/** What the Parameters table said, before defaults: each value with the cell it came from. */
export interface ParametersRead {
  readonly values: Partial<{
    firstYear: FinancialYear;
    years: number;
    perDistrict: number;
    additional: number;
    costPerLocality: Pence;
    programmeMultiplier: Decimal;
    payInflation: Decimal;
    nonPayInflation: Decimal;
    shortfallTolerance: Pence;
    allocationPot: Pence;
    allocationMethod: AllocationMethod;
    allocateTo: 'selected' | 'all';
  }>;
  readonly cells: Partial<Record<ParameterKey, { cell: CellAddress; sheet: string }>>;
}


const nonNegativeWhole = (v: CellValue): Reading<number> => {
  const r = readWhole(v);
  if (!r.ok) return r;
  return r.value < 0 ? { ok: false, problem: `should be 0 or more; found ${r.value}` } : r;
};

const nonNegativeAmount = (v: CellValue): Reading<Pence> => {
  const r = readAmount(v);
  if (!r.ok) return r;
  return r.value < 0 ? { ok: false, problem: `cannot be negative; found ${describeCell(v)}` } : r;
};

const methodChoices = [
  ['Equal', 'equal'],
  ['Per ward', 'per-ward'],
  ['Per head', 'per-head'],
  ['Need weighted', 'need-weighted'],
  ['By wards', 'per-ward'],
  ['Per capita', 'per-head'],
  ['By need', 'need-weighted'],
] as const satisfies readonly (readonly [string, AllocationMethod])[];

/** Each parameter: its name as users write it, and how its value is read. */
const specs: { readonly [K in ParameterKey]: { readonly name: string; readonly read: (v: CellValue) => Reading<NonNullable<ParametersRead['values'][K]>> } } = {
  firstYear: { name: 'First year', read: yearReader },
  years: {
    name: 'Years',
    read: (v) => {
      const r = readWhole(v);
      if (!r.ok) return r;
      return r.value < 1 || r.value > 50 ? { ok: false, problem: `should be a number of years from 1 to 50; found ${r.value}` } : r;
    },
  },
  perDistrict: { name: 'Per district', read: nonNegativeWhole },
  additional: { name: 'Additional', read: nonNegativeWhole },
  costPerLocality: { name: 'Cost per locality', read: nonNegativeAmount },
  programmeMultiplier: {
    name: 'Programme multiplier',
    read: (v) => {
      const r = readDecimal(v);
      if (!r.ok) return r;
      return r.value.digits < 0n ? { ok: false, problem: 'cannot be negative' } : r;
    },
  },
  payInflation: { name: 'Pay inflation', read: readRate },
  nonPayInflation: { name: 'Non-pay inflation', read: readRate },
  shortfallTolerance: { name: 'Shortfall tolerance', read: nonNegativeAmount },
  allocationPot: { name: 'Allocation pot', read: nonNegativeAmount },
  allocationMethod: { name: 'Allocation method', read: (v) => readChoice(v, methodChoices) },
  allocateTo: { name: 'Allocate to', read: (v) => readChoice(v, [['Selected', 'selected'], ['All', 'all']] as const) },
};

/** The names users write, for messages and Run info. */
export const parameterNames: Readonly<Record<ParameterKey, string>> = Object.fromEntries(
  Object.entries(specs).map(([k, s]) => [k, s.name]),
) as Record<ParameterKey, string>;

const fields = [
  { key: 'parameter', name: 'Parameter', aliases: ['Name', 'Setting'] },
  { key: 'value', name: 'Value', aliases: ['Amount', 'Setting value'] },
] as const;

/** Reads the two-column Parameters table (contract §2). Unknown names are warned about, repeats refused. */
export function readParameters(table: SourceTable | undefined, issues: Issue[]): ParametersRead {
  const values: Record<string, unknown> = {};
  const cells: ParametersRead['cells'] = {};
  if (!table) return { values, cells };
  const reader = new TableReader(table, 'Parameters', fields, issues);
  if (!reader.requireColumn('parameter', 'Parameter') || !reader.requireColumn('value', 'Value')) return { values, cells };
  const byName = new Map(Object.entries(specs).map(([key, spec]) => [normalizeWord(spec.name), key as ParameterKey]));
  for (const r of reader.rowIndexes) {
    const nameCell = reader.cell(r, 'parameter');
    if (typeof nameCell !== 'string' || isBlank(nameCell)) {
      reader.issue('REQUIRED', 'error', reader.columns.parameter!, r, `Parameter should be a name such as "First year"; found ${reader.describe(r, 'parameter')}.`);
      continue;
    }
    const key = byName.get(normalizeWord(nameCell));
    if (!key) {
      const guess = didYouMean(nameCell, Object.values(parameterNames));
      reader.issue('UNKNOWN_PARAMETER', 'warning', reader.columns.parameter!, r, `"${nameCell.trim()}" is not a parameter the planner knows, so it is ignored${guess ? ` (did you mean "${guess}"?)` : ''}.`);
      continue;
    }
    if (cells[key]) {
      reader.issue('DUPLICATE', 'error', reader.columns.parameter!, r, `${parameterNames[key]} is set twice (first at ${cells[key]!.cell}); keep one.`);
      continue;
    }
    cells[key] = { cell: reader.address(r, reader.columns.value!), sheet: table.sheet };
    if (isBlank(reader.cell(r, 'value'))) continue; // blank means "use the default"
    const value = reader.read(r, 'value', parameterNames[key], specs[key].read as (v: CellValue) => Reading<unknown>);
    if (value !== undefined) values[key] = value;
  }
  return { values, cells };
}
