import { type CellValue, isBlank } from '../cells';
import type { SourceTable } from '../input';
import type { Issue } from '../issues';
import type { FundingStatus, FundingStream } from '../model';
import { type Pence, ZERO } from '../money';
import { yearLabel } from '../years';
import { TableReader } from './table';
import { readFromTo, readYearAmounts } from './yearRange';
import { readAmount, readChoice, type Reading } from './values';

const fields = [
  { key: 'source', name: 'Source', aliases: ['Funding source', 'Funding', 'Name'] },
  { key: 'kind', name: 'Kind', aliases: ['Type'] },
  { key: 'annual', name: 'Annual amount', aliases: ['Annual', 'Amount per year'] },
  { key: 'pot', name: 'Pot', aliases: ['Total', 'Pot amount'] },
  { key: 'from', name: 'From', aliases: ['Start'] },
  { key: 'to', name: 'To', aliases: ['End', 'Until'] },
  { key: 'status', name: 'Status' },
] as const;
type FundingField = (typeof fields)[number]['key'];

const kindChoices = [
  ['Recurring', 'recurring'],
  ['One-off', 'one-off'],
  ['Oneoff', 'one-off'],
  ['One off', 'one-off'],
] as const;
const statusChoices = [
  ['Confirmed', 'confirmed'],
  ['Expected', 'expected'],
  ['At risk', 'at-risk'],
] as const satisfies readonly (readonly [string, FundingStatus])[];

const fundingAmount = (v: CellValue): Reading<Pence> => {
  const r = readAmount(v);
  if (!r.ok) return r;
  return r.value < 0 ? { ok: false, problem: 'cannot be negative: funding is money coming in (put a saving in Costs as a negative line)' } : r;
};

/**
 * Reads Funding (contract §2): recurring money paid each year From..To, or one-off pots
 * usable From..To and drawn only as needed.
 */
export function readFunding(table: SourceTable | undefined, issues: Issue[]): FundingStream[] {
  if (!table) return [];
  const reader = new TableReader<FundingField>(table, 'Funding', fields, issues, { yearColumns: true });
  if (!reader.requireColumn('source', 'Source')) return [];
  const streams: FundingStream[] = [];
  for (const r of reader.rowIndexes) {
    const nameCell = reader.cell(r, 'source');
    if (isBlank(nameCell) || (typeof nameCell !== 'string' && typeof nameCell !== 'number')) {
      reader.issue('REQUIRED', 'error', reader.columns.source!, r, `Source should name the funding, e.g. "LPSA reward grant"; found ${reader.describe(r, 'source')}.`);
      continue;
    }
    const name = String(nameCell).trim();
    const kind = reader.read(r, 'kind', 'Kind', (v) => readChoice(v, kindChoices)) ?? (isBlank(reader.cell(r, 'kind')) ? 'recurring' : undefined);
    const status = reader.read(r, 'status', 'Status', (v) => readChoice(v, statusChoices)) ?? (isBlank(reader.cell(r, 'status')) ? 'confirmed' : undefined);
    const { from, to } = readFromTo(reader, r);
    if (kind === undefined || status === undefined) continue;
    if (kind === 'recurring') {
      const annualCell = reader.cell(r, 'annual');
      const annual = reader.read(r, 'annual', 'Annual amount', fundingAmount);
      const explicit = readYearAmounts(reader, r, fundingAmount);
      if (annual === undefined && !isBlank(annualCell)) continue;
      if (annual === undefined && explicit.size === 0) {
        reader.issue('REQUIRED', 'error', reader.has('annual') ? reader.columns.annual! : reader.columns.source!, r,
          `${name} is recurring but has no Annual amount and no year amounts; give what it pays each year${!isBlank(reader.cell(r, 'pot')) ? ', or set Kind to One-off if it is a pot' : ''}.`);
        continue;
      }
      streams.push({ kind: 'recurring', name, annual: annual ?? ZERO, from, to, explicit, status, index: streams.length, toCell: reader.address(r, reader.columns.to ?? reader.columns.source!) });
    } else {
      const potCell = reader.cell(r, 'pot');
      const pot = reader.read(r, 'pot', 'Pot', fundingAmount);
      if (pot === undefined) {
        if (isBlank(potCell)) {
          reader.issue('REQUIRED', 'error', reader.has('pot') ? reader.columns.pot! : reader.columns.source!, r, `${name} is One-off but has no Pot; give the total available.`);
        }
        continue;
      }
      for (const { column, year } of reader.yearColumns) {
        if (!isBlank(reader.cellAt(r, column))) {
          reader.issue('NOT_APPLIED', 'warning', column, r, `the ${yearLabel(year)} amount is ignored: ${name} is a one-off pot, drawn only as needed. Use From and To for when it can be used.`);
        }
      }
      streams.push({ kind: 'one-off', name, pot, from, to, status, index: streams.length });
    }
  }
  return streams;
}
