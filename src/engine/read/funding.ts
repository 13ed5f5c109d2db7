import { type CellValue, isBlank } from '../cells';
import type { SourceTable } from '../input';
import type { FundingStatus, FundingStream } from '../model';
import { type Pence, ZERO } from '../money';
import type { YearsNamed } from '../parameters';
import { type Staged, type Usable, unusable, usable } from '../stage';
import type { FinancialYear } from '../years';
import { readInflation } from './costs';
import { TableReader } from './table';
import { readFromTo, readYearAmounts } from './yearRange';
import { type Reading, bad, isTotalRowName, readAmount, readChoice, readName } from './values';

const fields = [
  { key: 'source', name: 'Source', aliases: ['Funding source', 'Funding', 'Name'] },
  { key: 'kind', name: 'Kind', aliases: ['Type'] },
  { key: 'annual', name: 'Annual amount', aliases: ['Annual', 'Amount per year'] },
  // Not `Total`: budget tables often carry a Total column summing the year columns, which is not a pot
  // (contract §1 keeps unknown columns).
  { key: 'pot', name: 'Pot', aliases: ['Pot amount'] },
  { key: 'from', name: 'From', aliases: ['Start'] },
  { key: 'to', name: 'To', aliases: ['End', 'Until'] },
  { key: 'status', name: 'Status' },
  { key: 'inflation', name: 'Inflation', aliases: ['Uplift'] },
] as const;
type FundingField = (typeof fields)[number]['key'];

/** The Funding fields and the headers that may stand for them, for a scenario naming a column. */
export const fundingFields = fields;

const kindChoices = [
  ['Recurring', 'recurring'],
  ['One-off', 'one-off'],
  ['Capital', 'capital'],
  ['Reserve', 'reserve'],
  ['Oneoff', 'one-off'],
  ['One off', 'one-off'],
  ['Capital allocation', 'capital'],
  ['Reserves', 'reserve'],
] as const satisfies readonly (readonly [string, FundingStream['kind']])[];

/** How the kinds drawn as needed are named in messages. */
const balanceWord = { 'one-off': 'One-off', reserve: 'Reserve' } as const;
const statusChoices = [
  ['Confirmed', 'confirmed'],
  ['Expected', 'expected'],
  ['At risk', 'at-risk'],
] as const satisfies readonly (readonly [string, FundingStatus])[];

const fundingAmount = (v: CellValue): Reading<Pence> => {
  const r = readAmount(v);
  return r.ok && r.value < 0 ? bad({ code: 'NEGATIVE', found: v, rule: 'funding' }) : r;
};

/** What Funding gave: its streams (usable when every row read cleanly) and the years it names. */
export interface FundingRead {
  readonly streams: Usable<readonly FundingStream[]>;
  readonly years: YearsNamed;
}

/**
 * Reads Funding (contract §2, v1.1 §5.3, §5.5): Recurring money paid each year From..To,
 * Capital allocations likewise (both with an optional Inflation), One-off pots usable
 * From..To and drawn only as needed, and Reserves: a balance drawn last. Every cell of
 * every row is read, whatever else is wrong: an unknown Kind still has its amounts
 * checked. A cell that means nothing for its Kind (a year amount on a pot, an Inflation
 * on a balance, a To on a reserve) is noted, never silently dropped.
 */
export function readFunding(table: SourceTable | undefined): Staged<FundingRead> {
  if (!table) return { value: { streams: usable([]), years: { starts: [], all: [], unreadableIn: [] } }, issues: [] };
  const reader = new TableReader<FundingField>(table, 'Funding', fields, { yearColumns: true });
  const hasSource = reader.requireColumn('source', 'Source');
  const streams: FundingStream[] = [];
  const starts: FinancialYear[] = [];
  const named: FinancialYear[] = [];
  let yearsUnreadable = false;
  /** Whether a line comes before this row: a `Total` row under lines is refused (see isTotalRowName). */
  let namedAbove = false;
  for (const r of reader.rowIndexes) {
    const errorsBefore = reader.issues.filter((i) => i.severity === 'error').length;
    const nameCell = reader.cell(r, 'source');
    const name = reader.read(r, 'source', 'Source', (v) => readName(v, 'source'));
    if (name === undefined && hasSource && isBlank(nameCell)) reader.issue({ code: 'BAD_NAME', field: 'Source', of: 'source', found: nameCell }, r, reader.columns.source!);
    if (name !== undefined && namedAbove && isTotalRowName(name)) reader.issue({ code: 'TOTAL_ROW', name, of: 'funding source' }, r, reader.columns.source!);
    if (name !== undefined) namedAbove = true;
    const label = name ?? `The line on row ${reader.sheetRow(r)}`;
    const kind = reader.read(r, 'kind', 'Kind', (v) => readChoice(v, kindChoices)) ?? (isBlank(reader.cell(r, 'kind')) ? 'recurring' : undefined);
    const status = reader.read(r, 'status', 'Status', (v) => readChoice(v, statusChoices)) ?? (isBlank(reader.cell(r, 'status')) ? 'confirmed' : undefined);
    const { from, to, unreadable } = readFromTo(reader, r);
    if (unreadable) yearsUnreadable = true;
    if (from !== null) starts.push(from.year);
    if (from !== null) named.push(from.year);
    const annualBlank = isBlank(reader.cell(r, 'annual'));
    const potBlank = isBlank(reader.cell(r, 'pot'));
    const annual = reader.read(r, 'annual', 'Annual amount', fundingAmount);
    const pot = reader.read(r, 'pot', 'Pot', fundingAmount);
    const inflationCell = reader.cell(r, 'inflation');
    const inflation = reader.read(r, 'inflation', 'Inflation', readInflation);
    let explicit = new Map<FinancialYear, Pence>();
    if (kind === 'one-off' || kind === 'reserve') {
      for (const { column, year } of reader.yearColumns) {
        if (!isBlank(reader.cellAt(r, column))) reader.issue({ code: 'NOT_APPLIED', line: label, reason: { kind: 'one-off-year', year, pot: balanceWord[kind] } }, r, column);
      }
      if (inflation !== undefined && inflation.kind !== 'none') reader.issue({ code: 'NOT_APPLIED', line: label, reason: { kind: 'inflation-on-balance', pot: balanceWord[kind] } }, r, reader.columns.inflation!);
      if (kind === 'reserve' && to !== null) reader.issue({ code: 'NOT_APPLIED', line: label, reason: { kind: 'reserve-to' } }, r, reader.columns.to!);
      else if (to !== null) named.push(to.year);
      if (potBlank) reader.issue({ code: 'AMOUNT_NEEDED', line: label, what: kind === 'reserve' ? 'reserve' : 'pot', hasPot: false }, r, reader.has('pot') ? reader.columns.pot! : (reader.columns.source ?? 0));
    } else {
      // Recurring, Capital, or a Kind that could not be read: its year amounts are checked either way.
      const amounts = readYearAmounts(reader, r, fundingAmount);
      explicit = amounts.amounts;
      if (amounts.unreadable) yearsUnreadable = true;
      if (kind !== undefined) {
        starts.push(...amounts.named);
        named.push(...amounts.named, ...(to === null ? [] : [to.year]));
      }
      if (kind !== undefined && annualBlank && explicit.size === 0 && !amounts.unreadable) {
        reader.issue({ code: 'AMOUNT_NEEDED', line: label, what: kind === 'capital' ? 'capital' : 'annual', hasPot: !potBlank }, r, reader.has('annual') ? reader.columns.annual! : (reader.columns.source ?? 0));
      }
    }
    const clean = reader.issues.filter((i) => i.severity === 'error').length === errorsBefore;
    if (!clean || name === undefined || kind === undefined || status === undefined) continue;
    const at = { sheet: table.sheet, cell: reader.address(r, reader.columns.source!) };
    const index = streams.length;
    switch (kind) {
      case 'recurring':
      case 'capital': {
        const toAt = { sheet: table.sheet, cell: reader.address(r, reader.columns.to ?? reader.columns.source!) };
        streams.push({ kind, name, annual: annual ?? ZERO, from, to, explicit, inflation: isBlank(inflationCell) ? { kind: 'none' } : inflation!, status, index, at, toAt });
        break;
      }
      case 'one-off':
        streams.push({ kind, name, pot: pot ?? ZERO, from, to, status, index, at });
        break;
      case 'reserve':
        streams.push({ kind, name, pot: pot ?? ZERO, from, status, index, at });
        break;
      default: {
        const never: never = kind;
        return never;
      }
    }
  }
  const broken = !hasSource || reader.issues.some((i) => i.severity === 'error');
  return { value: { streams: broken ? unusable('Funding') : usable(streams), years: { starts, all: named, unreadableIn: yearsUnreadable ? ['Funding'] : [] } }, issues: reader.issues };
}
