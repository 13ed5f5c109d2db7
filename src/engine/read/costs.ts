import { type CellValue, isBlank, isUnsavedFormula } from '../cells';
import type { SourceTable } from '../input';
import type { AllocationMethod, AppliesTo, CellRef, CostLine, CostType, Inflation } from '../model';
import { type Decimal, ZERO } from '../money';
import { didYouMean, nameKey, normalizeWord } from '../names';
import type { YearsNamed } from '../parameters';
import { type Staged, type Usable, unusable, usable } from '../stage';
import type { FinancialYear } from '../years';
import type { LocalitiesRead } from './localities';
import { guessMethod, methodName, readMethod } from './method';
import { TableReader } from './table';
import { readFromTo, readYearAmounts } from './yearRange';
import { type Reading, bad, isTotalRowName, ok, readAmount, readChoice, readDecimal, readName, readRate } from './values';

const fields = [
  { key: 'line', name: 'Cost line', aliases: ['Line', 'Cost', 'Item', 'Description'] },
  { key: 'appliesTo', name: 'Applies to' },
  // Not `Number`: a column of that name usually numbers the lines, and read as Quantity it would
  // multiply each line's cost by its position without a word (contract §1 keeps unknown columns).
  { key: 'quantity', name: 'Quantity', aliases: ['FTE', 'Qty'] },
  { key: 'unitCost', name: 'Unit cost', aliases: ['Annual cost', 'Cost each'] },
  { key: 'inflation', name: 'Inflation', aliases: ['Uplift'] },
  { key: 'from', name: 'From', aliases: ['Start'] },
  { key: 'to', name: 'To', aliases: ['End', 'Until'] },
  { key: 'type', name: 'Type', aliases: ['Revenue or capital', 'Capital or revenue'] },
  { key: 'method', name: 'Method', aliases: ['Shared by', 'Allocation method'] },
] as const;
type CostField = (typeof fields)[number]['key'];

/** The Costs fields and the headers that may stand for them, for a scenario naming a column. */
export const costFields = fields;

const ONE_QUANTITY: Decimal = { digits: 1n, scale: 0 };

const typeChoices = [['Revenue', 'revenue'], ['Capital', 'capital']] as const satisfies readonly (readonly [string, CostType])[];

/** An Inflation cell (a cost line's, or a Recurring or Capital funding line's): `Pay`, `Non-pay`, `None`, or a rate such as 3.8%. */
export function readInflation(value: CellValue): Reading<Inflation> {
  if (typeof value === 'string') {
    const key = normalizeWord(value);
    if (key === 'pay') return ok({ kind: 'pay' });
    if (key === 'nonpay') return ok({ kind: 'non-pay' });
    if (key === 'none' || key === 'nil' || key === 'no') return ok({ kind: 'none' });
    if (!/\d/.test(value)) {
      const guess = didYouMean(value, ['Pay', 'Non-pay', 'None']);
      return bad({ code: 'BAD_RATE', orWords: true, found: value, ...(guess ? { guess } : {}) });
    }
  }
  const rate = readRate(value, true);
  return rate.ok ? ok({ kind: 'rate', rate: rate.value }) : rate;
}

/** What Costs gave: its lines (usable when every row read cleanly), the years it names, and what its lines need of Localities. */
export interface CostsRead {
  readonly lines: Usable<readonly CostLine[]>;
  readonly years: YearsNamed;
  readonly eachLocality: boolean;
  /** The methods of its Shared out lines (null: the Allocation method parameter), each with the cell that gave it. */
  readonly sharedOut: readonly { readonly method: AllocationMethod | null; readonly at: CellRef }[];
}

/** The Localities a Costs reader checks names and `Per <column>` methods against. */
export type LocalitiesForCosts = Pick<LocalitiesRead, 'names' | 'present' | 'columnNamed' | 'headers'>;

/**
 * Reads Costs (contract §2): what each line applies to, quantity, unit cost at
 * First-year prices, how it inflates, when it runs, and explicit year amounts. Every cell
 * of every row is read, whatever else is wrong with the row. Negative unit costs are
 * allowed: a vacancy factor is a saving line.
 */
export function readCosts(table: SourceTable | undefined, localities: LocalitiesForCosts): Staged<CostsRead> {
  if (!table) return { value: { lines: usable([]), years: { starts: [], all: [], unreadableIn: [] }, eachLocality: false, sharedOut: [] }, issues: [] };
  const reader = new TableReader<CostField>(table, 'Costs', fields, { yearColumns: true });
  let usableColumns = reader.requireColumn('line', 'Cost line');
  if (!reader.has('unitCost') && reader.yearColumns.length === 0) usableColumns = reader.requireColumn('unitCost', 'Unit cost', 'or-year-columns') && usableColumns;
  const lines: CostLine[] = [];
  const starts: FinancialYear[] = [];
  const named: FinancialYear[] = [];
  let yearsUnreadable = false;
  let eachLocality = false;
  const sharedOut: CostsRead['sharedOut'][number][] = [];
  /** Whether a line comes before this row: a `Total` row under lines is refused (see isTotalRowName). */
  let namedAbove = false;
  for (const r of reader.rowIndexes) {
    const errorsBefore = reader.issues.filter((i) => i.severity === 'error').length;
    const nameCell = reader.cell(r, 'line');
    const name = reader.read(r, 'line', 'Cost line', (v) => readName(v, 'cost line'));
    if (name === undefined && reader.has('line') && isBlank(nameCell)) reader.issue({ code: 'BAD_NAME', field: 'Cost line', of: 'cost line', found: nameCell }, r, reader.columns.line!);
    if (name !== undefined && namedAbove && isTotalRowName(name)) reader.issue({ code: 'TOTAL_ROW', name, of: 'cost line' }, r, reader.columns.line!);
    if (name !== undefined) namedAbove = true;
    const label = name ?? `The line on row ${reader.sheetRow(r)}`;
    const applies = readAppliesTo(reader, r, localities);
    if (applies?.kind === 'each-locality') eachLocality = true;
    const method = readLineMethod(reader, r, label, applies, localities);
    const appliesTo: AppliesTo | undefined = applies?.kind === 'shared-out' ? (method === undefined ? undefined : { kind: 'shared-out', method: method.method, methodAt: method.at }) : applies;
    if (appliesTo?.kind === 'shared-out') sharedOut.push({ method: appliesTo.method, at: appliesTo.methodAt ?? { sheet: table.sheet, cell: reader.address(r, reader.columns.appliesTo!) } });
    const type = reader.read(r, 'type', 'Type', (v) => readChoice(v, typeChoices));
    const quantity = reader.read(r, 'quantity', 'Quantity', (v) => {
      const q = readDecimal(v);
      return q.ok && q.value.digits < 0n ? bad({ code: 'NEGATIVE', found: v, rule: 'quantity' }) : q;
    });
    const unitCostBlank = isBlank(reader.cell(r, 'unitCost'));
    const unitCost = reader.read(r, 'unitCost', 'Unit cost', readAmount);
    const explicit = readYearAmounts(reader, r, readAmount);
    if (unitCostBlank && explicit.amounts.size === 0 && !explicit.unreadable) {
      reader.issue({ code: 'AMOUNT_NEEDED', line: label, what: 'unit-cost', hasPot: false }, r, reader.has('unitCost') ? reader.columns.unitCost! : (reader.columns.line ?? 0));
    }
    const inflation = reader.read(r, 'inflation', 'Inflation', readInflation);
    const { from, to, unreadable } = readFromTo(reader, r);
    if (unreadable || explicit.unreadable) yearsUnreadable = true;
    if (from !== null) starts.push(from.year);
    starts.push(...explicit.named);
    named.push(...[from, to].flatMap((b) => (b === null ? [] : [b.year])), ...explicit.named);
    const clean = reader.issues.filter((i) => i.severity === 'error').length === errorsBefore;
    if (!clean || name === undefined || appliesTo === undefined) continue;
    lines.push({
      name,
      appliesTo,
      type: type ?? 'revenue',
      quantity: quantity ?? ONE_QUANTITY,
      unitCost: unitCost ?? ZERO,
      inflation: inflation ?? { kind: 'pay' },
      from,
      to,
      explicit: explicit.amounts,
      at: { sheet: table.sheet, cell: reader.address(r, reader.columns.line!) },
      source: 'Costs',
    });
  }
  const broken = !usableColumns || reader.issues.some((i) => i.severity === 'error');
  return {
    value: { lines: broken ? unusable('Costs') : usable(lines), years: { starts, all: named, unreadableIn: yearsUnreadable ? ['Costs'] : [] }, eachLocality, sharedOut },
    issues: reader.issues,
  };
}

/** Applies to as read: Shared out waits for its Method. */
type AppliesRead = Exclude<AppliesTo, { kind: 'shared-out' }> | { readonly kind: 'shared-out' };

/**
 * A line's Method (contract v1.1 §5.4): for a Shared out line, how it is shared (blank:
 * the Allocation method parameter), with a `Per <column>` checked against the Localities
 * headers; on any other line a Method is not applied, and a note says so. Undefined when
 * the cell is refused.
 */
function readLineMethod(
  reader: TableReader<CostField>,
  r: number,
  line: string,
  applies: AppliesRead | undefined,
  localities: LocalitiesForCosts,
): { method: AllocationMethod | null; at: CellRef | null } | undefined {
  const column = reader.columns.method;
  const cell = reader.cell(r, 'method');
  if (applies !== undefined && applies.kind !== 'shared-out') {
    if (!isBlank(cell)) reader.issue({ code: 'NOT_APPLIED', line, reason: { kind: 'method-not-shared' } }, r, column!);
    return { method: null, at: null };
  }
  const method = reader.read(r, 'method', 'Method', readMethod);
  if (method === undefined) return isBlank(cell) ? { method: null, at: null } : undefined;
  const at = { sheet: reader.table.sheet, cell: reader.address(r, column!) };
  // Without a Localities table the missing table is the error; with one but no such column, the Method cell is.
  if (method.kind === 'per-column' && localities.present && localities.columnNamed(method.header) === undefined) {
    reader.issue({ code: 'UNKNOWN_BASIS', field: 'Method', method: methodName(method), header: method.header, guess: guessMethod(methodName(method), method.header, localities.headers) }, r, column!);
    return undefined;
  }
  return { method, at };
}

/** Applies to: `Programme` (default), `Each locality`, `Shared out`, or a locality's name, checked against Localities when its names are known. */
function readAppliesTo(reader: TableReader<CostField>, r: number, localities: LocalitiesForCosts): AppliesRead | undefined {
  const cell = reader.cell(r, 'appliesTo');
  if (isBlank(cell)) return { kind: 'programme' };
  const column = reader.columns.appliesTo!;
  if (isUnsavedFormula(cell)) {
    reader.issue({ code: 'UNSAVED_FORMULA', field: 'Applies to', formula: cell.formula }, r, column);
    return undefined;
  }
  if (typeof cell !== 'string' && typeof cell !== 'number') {
    reader.issue({ code: 'BAD_APPLIES_TO', found: cell }, r, column);
    return undefined;
  }
  const text = String(cell).trim();
  const key = normalizeWord(text);
  if (key === 'programme' || key === 'program') return { kind: 'programme' };
  if (key === 'eachlocality' || key === 'perlocality') return { kind: 'each-locality' };
  if (key === 'sharedout' || key === 'shared') return { kind: 'shared-out' };
  switch (localities.names.kind) {
    case 'no-table':
      reader.issue({ code: 'NO_LOCALITIES_TABLE', name: text }, r, column);
      return undefined;
    case 'unknown':
      // Localities has no Locality column (an error there): the name cannot be checked yet.
      return { kind: 'locality', locality: text, key: nameKey(text) };
    case 'known':
      if (!localities.names.keys.has(nameKey(text))) {
        reader.issue({ code: 'UNKNOWN_LOCALITY', name: text }, r, column);
        return undefined;
      }
      return { kind: 'locality', locality: text, key: nameKey(text) };
    default: {
      const never: never = localities.names;
      return never;
    }
  }
}
