import { isBlank } from '../cells';
import type { SourceTable } from '../input';
import type { Issue } from '../issues';
import type { AppliesTo, CostLine, Inflation } from '../model';
import { type Decimal, ZERO } from '../money';
import { TableReader } from './table';
import { readFromTo, readYearAmounts } from './yearRange';
import { didYouMean, normalizeWord, readAmount, readDecimal, readRate, type Reading } from './values';

const fields = [
  { key: 'line', name: 'Cost line', aliases: ['Line', 'Cost', 'Item', 'Description'] },
  { key: 'appliesTo', name: 'Applies to' },
  { key: 'quantity', name: 'Quantity', aliases: ['FTE', 'Qty', 'Number'] },
  { key: 'unitCost', name: 'Unit cost', aliases: ['Annual cost', 'Cost each'] },
  { key: 'inflation', name: 'Inflation', aliases: ['Uplift'] },
  { key: 'from', name: 'From', aliases: ['Start'] },
  { key: 'to', name: 'To', aliases: ['End', 'Until'] },
] as const;
type CostField = (typeof fields)[number]['key'];

const ONE_QUANTITY: Decimal = { digits: 1n, scale: 0 };

function readInflation(value: Parameters<typeof readRate>[0]): Reading<Inflation> {
  if (typeof value === 'string') {
    const key = normalizeWord(value);
    if (key === 'pay') return { ok: true, value: { kind: 'pay' } };
    if (key === 'nonpay') return { ok: true, value: { kind: 'non-pay' } };
    if (key === 'none' || key === 'nil' || key === 'no') return { ok: true, value: { kind: 'none' } };
    if (!/\d/.test(value)) {
      const guess = didYouMean(value, ['Pay', 'Non-pay', 'None']);
      return { ok: false, problem: `should be "Pay", "Non-pay", "None" or a rate such as 3.8%; found "${value.trim()}"${guess ? ` (did you mean "${guess}"?)` : ''}` };
    }
  }
  const rate = readRate(value);
  return rate.ok ? { ok: true, value: { kind: 'rate', rate: rate.value } } : { ok: false, problem: rate.problem.replace('should be a rate such as 3.8%', 'should be "Pay", "Non-pay", "None" or a rate such as 3.8%') };
}

/**
 * Reads Costs (contract §2): what each line applies to, quantity, unit cost at
 * First-year prices, how it inflates, when it runs, and explicit year amounts.
 * Negative unit costs are allowed: a vacancy factor is a saving line.
 */
export function readCosts(table: SourceTable | undefined, localityNames: ReadonlySet<string> | undefined, issues: Issue[]): CostLine[] {
  if (!table) return [];
  const reader = new TableReader<CostField>(table, 'Costs', fields, issues, { yearColumns: true });
  if (!reader.requireColumn('line', 'Cost line')) return [];
  if (!reader.has('unitCost') && reader.yearColumns.length === 0) {
    reader.requireColumn('unitCost', 'Unit cost', ' (or year columns such as 2012/13 giving each year\'s amount)');
    return [];
  }
  const lines: CostLine[] = [];
  for (const r of reader.rowIndexes) {
    const nameCell = reader.cell(r, 'line');
    if (isBlank(nameCell) || (typeof nameCell !== 'string' && typeof nameCell !== 'number')) {
      reader.issue('REQUIRED', 'error', reader.columns.line!, r, `Cost line should name the cost, e.g. "Locality Manager"; found ${reader.describe(r, 'line')}.`);
      continue;
    }
    const name = String(nameCell).trim();
    let appliesTo: AppliesTo = { kind: 'programme' };
    const appliesCell = reader.cell(r, 'appliesTo');
    if (!isBlank(appliesCell)) {
      const text = String(typeof appliesCell === 'object' ? '' : appliesCell).trim();
      const key = normalizeWord(text);
      if (key === 'programme' || key === 'program') appliesTo = { kind: 'programme' };
      else if (key === 'eachlocality' || key === 'perlocality') appliesTo = { kind: 'each-locality' };
      else if (text === '') {
        reader.issue('BAD_CHOICE', 'error', reader.columns.appliesTo!, r, `Applies to should be "Programme", "Each locality" or a locality's name; found ${reader.describe(r, 'appliesTo')}.`);
        continue;
      } else if (!localityNames) {
        reader.issue('NOT_FOUND', 'error', reader.columns.appliesTo!, r, `Applies to names the locality "${text}", but there is no Localities table to find it in. Use "Programme" or "Each locality", or add a Localities table.`);
        continue;
      } else if (!localityNames.has(text.toLowerCase())) {
        reader.issue('UNKNOWN_LOCALITY', 'error', reader.columns.appliesTo!, r, `Applies to should be "Programme", "Each locality" or a locality's name; "${text}" is not in Localities.`);
        continue;
      } else appliesTo = { kind: 'locality', locality: text };
    }
    const quantity = reader.read(r, 'quantity', 'Quantity', readDecimal) ?? (isBlank(reader.cell(r, 'quantity')) ? ONE_QUANTITY : undefined);
    if (quantity === undefined) continue;
    if (quantity.digits < 0n) {
      reader.issue('OUT_OF_RANGE', 'error', reader.columns.quantity!, r, `Quantity cannot be negative; found ${reader.describe(r, 'quantity')}. Use a negative Unit cost for a saving.`);
      continue;
    }
    const unitCostCell = reader.cell(r, 'unitCost');
    const unitCost = reader.read(r, 'unitCost', 'Unit cost', readAmount);
    const explicit = readYearAmounts(reader, r, readAmount);
    if (unitCost === undefined && !isBlank(unitCostCell)) continue;
    if (unitCost === undefined && explicit.size === 0) {
      reader.issue('REQUIRED', 'error', reader.has('unitCost') ? reader.columns.unitCost! : reader.columns.line!, r, `${name} has no Unit cost and no year amounts; give its annual cost.`);
      continue;
    }
    const inflation = reader.read(r, 'inflation', 'Inflation', readInflation) ?? (isBlank(reader.cell(r, 'inflation')) ? ({ kind: 'pay' } as const) : undefined);
    if (inflation === undefined) continue;
    const { from, to } = readFromTo(reader, r);
    lines.push({
      name,
      appliesTo,
      quantity,
      unitCost: unitCost ?? ZERO,
      inflation,
      from,
      to,
      explicit,
      cell: reader.address(r, reader.columns.line!),
      sheet: table.sheet,
    });
  }
  return lines;
}
