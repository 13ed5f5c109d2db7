import type { CellAddress } from './address';
import { type CellValue, isBlank } from './cells';
import type { InputTableName, SourceTable } from './input';
import { type Issue, type LocalitiesReason, issueAt } from './issues';
import { type Decimal, type Pence, ZERO, formatPounds } from './money';
import { didYouMean, normalizeWord } from './names';
import type { NumberFormatName, OutputCell } from './plan/types';
import { TableReader } from './read/table';
import { methodName, readMethod } from './read/method';
import { type Reading, bad, ok, readAmount, readChoice, readDecimal, readName, readRate, readWhole, readYearCell } from './read/values';
import { MAX_PREFIX, prefixProblem } from './plan/names';
import { type Staged, type Usable, all, unusable, usable } from './stage';
import { type FinancialYear, LATEST_YEAR, nextYear, yearLabel } from './years';

/**
 * How a devolved budget is shared among localities (contract §2, v1.1 §5.4): equally, by
 * Wards, by Population, by need score, or in proportion to a numeric Localities column
 * named after `Per` (`Per Councillors`), as written.
 */
export type AllocationMethod =
  | { readonly kind: 'equal' }
  | { readonly kind: 'per-ward' }
  | { readonly kind: 'per-head' }
  | { readonly kind: 'need-weighted' }
  | { readonly kind: 'per-column'; readonly header: string };

/** How amounts are shown (contract §5.7): `£` whole pounds, `£.p` pounds and pence, `£k` thousands. */
export type AmountsShown = 'pounds' | 'pounds-pence' | 'thousands';

/** The Parameters table with defaults filled in (contract §2). Each field's entry in `parameterTable` below says how it is read, shown and checked. */
export interface Parameters {
  readonly firstYear: FinancialYear;
  readonly years: number;
  readonly perDistrict: number;
  readonly additional: number;
  readonly costPerLocality: Pence;
  readonly programmeMultiplier: Decimal;
  readonly payInflation: Decimal;
  readonly nonPayInflation: Decimal;
  readonly shortfallTolerance: Pence;
  readonly allocationPot: Pence | null;
  readonly allocationMethod: AllocationMethod;
  readonly allocateTo: 'selected' | 'all';
  /** Contract v1.1 §5.6: an Include takes one of its district's Per district places. */
  readonly overridesCountTowardsQuotas: boolean;
  readonly showAmountsIn: AmountsShown;
  /** Put before every output sheet's and table's name; empty for none. */
  readonly outputSheetPrefix: string;
  /** Contract v1.1 §6.2: how far sensitivity moves each rate, down and up (a fraction: 0.01 is one percentage point). */
  readonly sensitivityStepForRates: Decimal;
  /** Contract v1.1 §6.2: how far sensitivity moves every amount and the Programme multiplier, as a share of its value (0.1 is 10%). */
  readonly sensitivityStepForAmounts: Decimal;
}

export type ParameterKey = keyof Parameters;

/** A cell of the Parameters table. */
export interface ParameterCell {
  readonly cell: CellAddress;
  readonly sheet: string;
}

/** Where each parameter's value came from, for Run info: a cell, the default, or worked out from Costs and Funding. */
export type ParameterSources = Readonly<Record<ParameterKey, ParameterCell | 'default' | 'derived'>>;

/** What a parameter's value needs elsewhere in the workbook. */
export type Requirement =
  | { readonly kind: 'localities'; readonly reason: LocalitiesReason }
  | { readonly kind: 'indicator'; readonly by: 'quotas' | 'need-weighted' }
  | { readonly kind: 'column'; readonly field: 'district' | 'wards' | 'population'; readonly by: 'per-district' | 'per-ward' | 'per-head' }
  /** A `Per <column>` method: a Localities column with that header. */
  | { readonly kind: 'basis-column'; readonly header: string; readonly parameter: ParameterKey };

/** One parameter, declared once: its name, how it is read, its default, what it needs, how Run info shows it, and its starter-table example. */
export interface ParameterSpec<T> {
  /** The name users write (matched ignoring case, spaces and punctuation), as Run info shows it. */
  readonly name: string;
  /** Other names users may write for it. */
  readonly aliases?: readonly string[];
  readonly read: (value: CellValue) => Reading<T>;
  /**
   * The value when the table gives none, or worked out from the years Costs and Funding
   * name: the earliest (First year), or the span from First year to the latest (Years).
   */
  readonly default: { readonly value: T } | { readonly derive: 'earliest-year' } | { readonly derive: 'span-to-latest-year'; readonly otherwise: T };
  /** What the value needs elsewhere; `all` gives the other parameters, where they could be read. */
  readonly requires?: (value: T, all: Partial<Parameters>) => readonly Requirement[];
  /** The value as Run info shows it. */
  readonly show: (value: T) => string;
  /** The example in the starter Parameters table, with its number format. */
  readonly example?: { readonly value: OutputCell; readonly format?: NumberFormatName };
}

const zeroOrMore = (v: CellValue): Reading<number> => {
  const r = readWhole(v);
  return r.ok && r.value < 0 ? bad({ code: 'NEGATIVE', found: v, rule: 'zero-or-more' }) : r;
};

const notNegativeAmount = (v: CellValue): Reading<Pence> => {
  const r = readAmount(v);
  return r.ok && r.value < 0 ? bad({ code: 'NEGATIVE', found: v, rule: 'not-negative' }) : r;
};

const allocateToChoices = [['Selected', 'selected'], ['All', 'all']] as const satisfies readonly (readonly [string, Parameters['allocateTo']])[];

/** The symbols as the contract writes them, and words a user may write instead. */
const amountsSymbols = { '£': 'pounds', '£.p': 'pounds-pence', '£p': 'pounds-pence', '£k': 'thousands', '£000': 'thousands', "£000's": 'thousands', '£000s': 'thousands' } as const satisfies Record<string, AmountsShown>;
const amountsChoices = [
  ['£', 'pounds'],
  ['£.p', 'pounds-pence'],
  ['£k', 'thousands'],
  ['Pounds', 'pounds'],
  ['Whole pounds', 'pounds'],
  ['Pounds and pence', 'pounds-pence'],
  ['Pence', 'pounds-pence'],
  ['Thousands', 'thousands'],
] as const satisfies readonly (readonly [string, AmountsShown])[];
const amountsWords = { pounds: '£', 'pounds-pence': '£.p', thousands: '£k' } as const satisfies Record<AmountsShown, string>;

/** `£`, `£.p` or `£k` (spaces and case aside), or one of the words for them. */
function readAmountsShown(v: CellValue): Reading<AmountsShown> {
  if (typeof v === 'string') {
    const symbol = amountsSymbols[v.replace(/\s+/g, '').toLowerCase() as keyof typeof amountsSymbols];
    if (symbol) return ok(symbol);
    // A word with no letters or digits (a stray "-") must not match the bare "£".
    if (normalizeWord(v) === '') return bad({ code: 'BAD_CHOICE', choices: ['£', '£.p', '£k'], found: v });
  }
  return readChoice(v, amountsChoices);
}

/** Text put before the output names; refused where Excel would refuse the sheet names it makes. */
function readPrefix(v: CellValue): Reading<string> {
  // A number (a year such as 2026) is its digits; anything else but text is refused as a name would be.
  if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) return readName(v, 'prefix');
  const prefix = String(v).trim();
  const problem = prefixProblem(prefix);
  return problem ? bad({ code: 'BAD_PREFIX', found: v, why: problem, longest: MAX_PREFIX }) : ok(prefix);
}

const asPercent = (d: Decimal): string => `${((Number(d.digits) / 10 ** d.scale) * 100).toFixed(3).replace(/\.?0+$/, '')}%`;
const asNumber = (d: Decimal): string => String(Number(d.digits) / 10 ** d.scale);

/** What sharing by a method needs of Localities; `parameter` is where a `Per <column>` is written, for the message. */
export function methodNeeds(method: AllocationMethod, parameter: ParameterKey): readonly Requirement[] {
  switch (method.kind) {
    case 'equal':
      return [];
    case 'per-ward':
      return [{ kind: 'column', field: 'wards', by: 'per-ward' }];
    case 'per-head':
      return [{ kind: 'column', field: 'population', by: 'per-head' }];
    case 'need-weighted':
      return [{ kind: 'indicator', by: 'need-weighted' }];
    case 'per-column':
      return [{ kind: 'basis-column', header: method.header, parameter }];
    default: {
      const never: never = method;
      return never;
    }
  }
}

const yesNoChoices = [['No', false], ['Yes', true], ['N', false], ['Y', true], ['False', false], ['True', true]] as const satisfies readonly (readonly [string, boolean])[];

/** Yes or No, as words or as TRUE/FALSE. */
const readYesNo = (v: CellValue): Reading<boolean> => (typeof v === 'boolean' ? { ok: true, value: v } : readChoice(v, yesNoChoices));

/** A step for sensitivity: a rate above zero and below 100% (`1%`, `0.1`). */
const positiveRate = (v: CellValue): Reading<Decimal> => {
  const r = readRate(v);
  return r.ok && r.value.digits <= 0n ? bad({ code: 'OUT_OF_RANGE', found: v, rule: 'more-than-zero' }) : r;
};

const quotaNeeds: readonly Requirement[] = [{ kind: 'localities', reason: 'quotas' }, { kind: 'indicator', by: 'quotas' }];

/**
 * Every parameter of contract §2, in the order Run info and the starter table list
 * them. Adding a parameter is one entry here (and its type in `Parameters` above): the
 * reader, the default, what it requires, Run info and the starter example follow.
 */
export const parameterTable: { readonly [K in ParameterKey]: ParameterSpec<Parameters[K]> } = {
  firstYear: { name: 'First year', read: readYearCell, default: { derive: 'earliest-year' }, show: yearLabel, example: { value: '2012/13' } },
  years: {
    name: 'Years',
    read: (v) => {
      const r = readWhole(v);
      return r.ok && (r.value < 1 || r.value > 50) ? bad({ code: 'OUT_OF_RANGE', found: v, rule: 'years-1-to-50' }) : r;
    },
    // Contract v1.1 §5.6: from First year to the latest year Costs or Funding name, or 5.
    default: { derive: 'span-to-latest-year', otherwise: 5 },
    show: String,
    example: { value: 5, format: 'whole' },
  },
  perDistrict: {
    name: 'Per district',
    read: zeroOrMore,
    default: { value: 0 },
    requires: (n) => (n > 0 ? [...quotaNeeds, { kind: 'column', field: 'district', by: 'per-district' }] : []),
    show: String,
    example: { value: 1, format: 'whole' },
  },
  additional: { name: 'Additional', read: zeroOrMore, default: { value: 0 }, requires: (n) => (n > 0 ? quotaNeeds : []), show: String, example: { value: 1, format: 'whole' } },
  costPerLocality: {
    name: 'Cost per locality',
    read: notNegativeAmount,
    default: { value: ZERO },
    requires: (p) => (p > 0 ? [{ kind: 'localities', reason: 'cost-per-locality' }] : []),
    show: formatPounds,
    example: { value: 75000, format: 'money' },
  },
  programmeMultiplier: {
    name: 'Programme multiplier',
    read: (v) => {
      const r = readDecimal(v);
      return r.ok && r.value.digits < 0n ? bad({ code: 'NEGATIVE', found: v, rule: 'not-negative' }) : r;
    },
    default: { value: { digits: 1n, scale: 0 } },
    show: asNumber,
    example: { value: 1, format: 'number' },
  },
  payInflation: { name: 'Pay inflation', read: (v) => readRate(v), default: { value: { digits: 0n, scale: 0 } }, show: asPercent, example: { value: 0.03816, format: 'rate' } },
  nonPayInflation: { name: 'Non-pay inflation', read: (v) => readRate(v), default: { value: { digits: 0n, scale: 0 } }, show: asPercent, example: { value: 0.02, format: 'percent' } },
  shortfallTolerance: { name: 'Shortfall tolerance', read: notNegativeAmount, default: { value: ZERO }, show: formatPounds, example: { value: 0, format: 'money' } },
  allocationPot: {
    name: 'Allocation pot',
    read: notNegativeAmount,
    default: { value: null },
    requires: (pot, others) => (pot === null ? [] : [{ kind: 'localities', reason: 'allocation-pot' }, ...(others.allocationMethod ? methodNeeds(others.allocationMethod, 'allocationMethod') : [])]),
    show: (pot) => (pot === null ? 'none' : formatPounds(pot)),
  },
  allocationMethod: { name: 'Allocation method', read: readMethod, default: { value: { kind: 'equal' } }, show: methodName },
  allocateTo: { name: 'Allocate to', read: (v) => readChoice(v, allocateToChoices), default: { value: 'selected' }, show: (t) => (t === 'all' ? 'All' : 'Selected') },
  overridesCountTowardsQuotas: {
    name: 'Overrides count towards quotas',
    read: readYesNo,
    default: { value: false },
    show: (yes) => (yes ? 'Yes' : 'No'),
    example: { value: 'No' },
  },
  showAmountsIn: { name: 'Show amounts in', read: readAmountsShown, default: { value: 'pounds' }, show: (a) => amountsWords[a] },
  outputSheetPrefix: { name: 'Output sheet prefix', aliases: ['Sheet prefix'], read: readPrefix, default: { value: '' }, show: (p) => (p === '' ? 'none' : `"${p}"`) },
  sensitivityStepForRates: { name: 'Sensitivity step for rates', read: positiveRate, default: { value: { digits: 1n, scale: 2 } }, show: asPercent },
  sensitivityStepForAmounts: { name: 'Sensitivity step for amounts', read: positiveRate, default: { value: { digits: 1n, scale: 1 } }, show: asPercent },
};

export const parameterKeys = Object.keys(parameterTable) as ParameterKey[];

/** What the Parameters table says about one parameter, before defaults. */
export type ParameterReading<T> =
  | { readonly state: 'given'; readonly value: T; readonly at: ParameterCell }
  /** A row with a blank Value: the default applies. */
  | { readonly state: 'blank'; readonly at: ParameterCell }
  | { readonly state: 'absent' }
  | { readonly state: 'unreadable'; readonly at: ParameterCell };

export type ParametersRead = { readonly [K in ParameterKey]: ParameterReading<Parameters[K]> };

const fields = [
  { key: 'parameter', name: 'Parameter', aliases: ['Name', 'Setting'] },
  { key: 'value', name: 'Value', aliases: ['Amount', 'Setting value'] },
] as const;

const byWord = new Map<string, ParameterKey>(parameterKeys.flatMap((k) => [parameterTable[k].name, ...(parameterTable[k].aliases ?? [])].map((n) => [normalizeWord(n), k] as const)));

/** The parameter a name (or alias) stands for, matched ignoring case, spaces and punctuation. */
export const parameterKeyOf = (name: string): ParameterKey | undefined => byWord.get(normalizeWord(name));

/** The Parameters table's two columns and the headers that may stand for them. */
export const parameterFields = fields;

/** A parameter name: text, never a number. */
function readParameterName(v: CellValue): Reading<string> {
  return typeof v === 'number' ? bad({ code: 'BAD_NAME', of: 'parameter', found: v }) : readName(v, 'parameter');
}

/**
 * Reads the two-column Parameters table (contract §2). Unknown names are noted, a name
 * given twice is an error, and every Value cell is checked, repeats included.
 */
export function readParameters(table: SourceTable | undefined): Staged<Usable<ParametersRead>> {
  const readings: { [K in ParameterKey]?: ParameterReading<Parameters[K]> } = {};
  const finish = (): ParametersRead => Object.fromEntries(parameterKeys.map((k) => [k, readings[k] ?? { state: 'absent' }])) as unknown as ParametersRead;
  if (!table) return { value: usable(finish()), issues: [] };
  const reader = new TableReader(table, 'Parameters', fields);
  const hasName = reader.requireColumn('parameter', 'Parameter');
  const hasValue = reader.requireColumn('value', 'Value');
  if (!hasName || !hasValue) return { value: unusable('the Parameters table'), issues: reader.issues };
  for (const r of reader.rowIndexes) {
    const name = reader.read(r, 'parameter', 'Parameter', readParameterName);
    if (name === undefined) {
      if (isBlank(reader.cell(r, 'parameter'))) reader.issue({ code: 'BAD_NAME', field: 'Parameter', of: 'parameter', found: reader.cell(r, 'parameter') }, r, reader.columns.parameter!);
      continue;
    }
    const key = byWord.get(normalizeWord(name));
    if (!key) {
      const guess = didYouMean(name, parameterKeys.map((k) => parameterTable[k].name));
      reader.issue({ code: 'UNKNOWN_PARAMETER', name, guess: guess ?? null }, r, reader.columns.parameter!);
      continue;
    }
    const spec = parameterTable[key] as ParameterSpec<unknown>;
    const at: ParameterCell = { cell: reader.address(r, reader.columns.value!), sheet: table.sheet };
    const before = reader.issues.length;
    // The Value is read even on a repeated row, so its own problems are reported too.
    const value = reader.read(r, 'value', spec.name, spec.read);
    const first = readings[key];
    if (first && first.state !== 'absent') {
      reader.issue({ code: 'DUPLICATE_PARAMETER', parameter: spec.name, first: first.at.cell }, r, reader.columns.parameter!);
      continue;
    }
    (readings as Record<string, ParameterReading<unknown>>)[key] =
      reader.issues.length > before ? { state: 'unreadable', at } : value === undefined ? { state: 'blank', at } : { state: 'given', value, at };
  }
  return { value: usable(finish()), issues: reader.issues };
}

/** The years Costs or Funding name, and the tables where such a cell could not be read. */
export interface YearsNamed {
  /** From years and year columns: the earliest is First year's default. */
  readonly starts: readonly FinancialYear[];
  /** From, To and year columns: the latest ends Years' default span (contract v1.1 §5.6). */
  readonly all: readonly FinancialYear[];
  readonly unreadableIn: readonly InputTableName[];
}

/** The parameters as the run uses them, each usable or not, with where each came from and the projected years. */
export interface Settled {
  readonly values: { readonly [K in ParameterKey]: Usable<Parameters[K]> };
  readonly sources: ParameterSources;
  /** The financial years projected, First year onwards. */
  readonly years: Usable<readonly FinancialYear[]>;
}

/**
 * Fills in defaults (contract §2) and works out the projected years: First year from
 * Parameters or, failing that, the earliest year Costs or Funding name; Years from
 * there, within the last year the planner handles. A parameter whose cell could not be
 * read is unusable, by name, for every stage that needs it.
 */
export function settleParameters(read: Usable<ParametersRead>, named: readonly YearsNamed[], parametersSheet: string | undefined): Staged<Settled> {
  const issues: Issue[] = [];
  const values = {} as { [K in ParameterKey]: Usable<Parameters[K]> };
  const sources = {} as Record<ParameterKey, ParameterCell | 'default' | 'derived'>;
  const onSheet = parametersSheet === undefined ? {} : { sheet: parametersSheet };
  for (const key of parameterKeys) {
    const spec = parameterTable[key] as ParameterSpec<unknown>;
    const reading: ParameterReading<unknown> = read.usable ? read.value[key] : { state: 'absent' };
    sources[key] = reading.state === 'given' ? reading.at : 'default';
    let value: Usable<unknown>;
    if (!read.usable) value = unusable(...read.needs);
    else if (reading.state === 'unreadable') value = unusable(spec.name);
    else if (reading.state === 'given') value = usable(reading.value);
    else if ('value' in spec.default) value = usable(spec.default.value);
    else if (spec.default.derive === 'earliest-year') {
      const years = named.flatMap((n) => n.starts);
      const broken = named.flatMap((n) => n.unreadableIn);
      if (years.length > 0) {
        value = usable(years.reduce((a, b) => (b < a ? b : a)));
        sources[key] = 'derived';
      } else if (broken.length > 0) {
        // A year cell that could not be read may be the one that gives First year: its error says what to fix.
        value = unusable(...broken.map((t) => `the years in ${t}`));
      } else {
        issues.push(issueAt({ code: 'FIRST_YEAR_NEEDED' }, { table: 'Parameters', ...onSheet }));
        value = unusable('First year');
      }
    } else {
      // Years: worked out once First year is known, below.
      value = usable(spec.default.otherwise);
    }
    (values as Record<string, Usable<unknown>>)[key] = value;
  }
  if (sources.years === 'default') {
    // Contract v1.1 §5.6: Years runs from First year to the latest year Costs or Funding name (From, To or a year column), else 5.
    const broken = named.flatMap((n) => n.unreadableIn);
    if (broken.length > 0) values.years = unusable(...broken.map((t) => `the years in ${t}`));
    else if (values.firstYear.usable) {
      const first = values.firstYear.value;
      const latest = named.flatMap((n) => n.all).reduce<FinancialYear | null>((a, b) => (a === null || b > a ? b : a), null);
      if (latest !== null && latest >= first) {
        values.years = usable(latest - first + 1);
        sources.years = 'derived';
      }
    }
  }
  let years: Usable<readonly FinancialYear[]> = unusable();
  const span = all(values.firstYear, values.years);
  if (!span.usable) years = unusable(...span.needs);
  else {
    const [first, count] = span.value;
    if (first + count - 1 > LATEST_YEAR) {
      const at = read.usable ? [read.value.years, read.value.firstYear].find((r) => r.state === 'given') : undefined;
      issues.push(issueAt({ code: 'PAST_LAST_YEAR', years: count, firstYear: first }, at && at.state === 'given' ? { table: 'Parameters', sheet: at.at.sheet, cell: at.at.cell } : { table: 'Parameters', ...onSheet }));
      years = unusable('Years');
    } else {
      years = usable(Array.from({ length: count }, (_, i) => nextYear(first, i)));
    }
  }
  return { value: { values, sources, years }, issues };
}

/** The parameters a stage needs, together, or the names of those that could not be read. */
export function parametersFor<K extends ParameterKey>(settled: Settled, ...keys: K[]): Usable<Pick<Parameters, K>> {
  const needs = keys.flatMap((k) => (settled.values[k].usable ? [] : (settled.values[k] as { needs: readonly string[] }).needs));
  if (needs.length > 0) return unusable(...needs);
  return usable(Object.fromEntries(keys.map((k) => [k, (settled.values[k] as { value: unknown }).value])) as Pick<Parameters, K>);
}

/** What every readable parameter requires, each once, in table order. */
export function requirementsOf(settled: Settled): Requirement[] {
  const known: Partial<Parameters> = Object.fromEntries(parameterKeys.flatMap((k) => (settled.values[k].usable ? [[k, (settled.values[k] as { value: unknown }).value]] : [])));
  const out: Requirement[] = [];
  for (const key of parameterKeys) {
    const spec = parameterTable[key] as ParameterSpec<unknown>;
    const v = settled.values[key];
    if (!v.usable || !spec.requires) continue;
    for (const r of spec.requires(v.value, known)) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(r))) out.push(r);
  }
  return out;
}
