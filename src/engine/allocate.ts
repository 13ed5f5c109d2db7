import { isBlank, isExcelError } from './cells';
import type { CostProjection } from './cost';
import { type Issue, type IssueWhere, issueAt } from './issues';
import type { AllocationMethod, CostLine, Parameters } from './model';
import { type Decimal, type Pence, allocatePence, decimalOfNumber, sumPence } from './money';
import type { Priority } from './prioritise';
import { methodName } from './read/method';
import type { LocalitiesRead } from './read/localities';
import { readDecimal } from './read/values';
import { type Staged, type Usable, all, failed, stageResult, unusable, usable } from './stage';

export interface AllocationShare {
  readonly priority: Priority;
  /** What the share is based on: wards, population, need score or the `Per <column>` value (null for Equal). */
  readonly basis: number | null;
  /** The fraction of the line, 0–1. */
  readonly share: number;
  /** The amount for each projected year. */
  readonly amounts: readonly Pence[];
}

/** One Shared out line (or the Allocation pot) shared among its recipients (contract v1.1 §5.4). */
export interface AllocationLine {
  /** The Cost line it comes from; `Allocation pot` for the parameter. */
  readonly line: string;
  readonly method: AllocationMethod;
  /** The Allocation sheet's heading for the basis column: `Wards`, `Population`, `Need score`, the `Per <column>` header, or `Basis`. */
  readonly basisHeader: string;
  readonly to: 'selected' | 'all';
  /** The line's amount each year: every year's shares add up to it exactly. */
  readonly amounts: readonly Pence[];
  readonly shares: readonly AllocationShare[];
}

/** Every devolved budget, shared out, and each recipient's total across them. */
export interface Allocation {
  readonly lines: readonly AllocationLine[];
  /** Each recipient's amount per year across every line, in the recipients' order. */
  readonly totals: readonly { readonly priority: Priority; readonly amounts: readonly Pence[] }[];
}

/** Need scores are shared on to six decimal places, so the split is exact and repeatable. */
const NEED_SCALE = 1_000_000;

/** The parameters sharing out needs. */
export type AllocationParameters = Pick<Parameters, 'allocationPot' | 'allocationMethod' | 'allocateTo'>;

/** A line to share out: what it is, how it is shared, and where a problem with it is reported. */
interface ToShare {
  readonly name: string;
  readonly method: AllocationMethod;
  readonly where: IssueWhere;
  /** The cost line it is (its amounts come from the cost projection). */
  readonly matches: (line: CostLine) => boolean;
}

type Basis = { readonly values: readonly (number | null)[]; readonly weights: readonly bigint[] } | { readonly issues: readonly Issue[] } | 'waits';

/**
 * Shares every devolved budget out each year (contract §2–3, v1.1 §5.4): the Allocation
 * pot and each Shared out cost line, by the line's Method (blank: the Allocation method
 * parameter), among the selected localities (or all, with Allocate to: All), to the
 * penny: floors, then the pence left over by largest remainder, ties in table order, so
 * every line adds up to its amount exactly every year. Every recipient needs its figure
 * (Wards, Population, a need score, or its value in the `Per <column>` column); each one
 * missing is an error at its own cell.
 */
export function shareOut(
  allocation: Usable<AllocationParameters>,
  costLines: Usable<readonly CostLine[]>,
  selection: Usable<readonly Priority[]>,
  costProjection: Usable<CostProjection>,
  localities: Pick<LocalitiesRead, 'present' | 'figures' | 'sheet' | 'cellOf' | 'columnNamed' | 'cellAt' | 'addressOf'>,
): Staged<Usable<Allocation | null>> {
  if (!allocation.usable) return { value: allocation, issues: [] };
  const parameters = allocation.value;
  const toShare: ToShare[] = [];
  if (costLines.usable) {
    for (const line of costLines.value) {
      if (line.appliesTo.kind !== 'shared-out') continue;
      const where: IssueWhere = line.at ? { table: 'Costs', sheet: line.at.sheet, cell: line.at.cell } : { table: 'Costs' };
      toShare.push({ name: line.name, method: line.appliesTo.method ?? parameters.allocationMethod, where, matches: (l) => l === line });
    }
  }
  if (parameters.allocationPot !== null) {
    toShare.push({ name: 'Allocation pot', method: parameters.allocationMethod, where: { table: 'Parameters' }, matches: (l) => l.source === 'Parameters' && l.appliesTo.kind === 'shared-out' });
  }
  if (toShare.length === 0) return { value: costLines.usable ? usable(null) : unusable('Costs'), issues: [] };
  // Without a Localities table there is no one to share among; the missing table is the error to fix.
  if (!localities.present) return { value: unusable('a Localities table'), issues: [] };
  // Who shares and by what is checked whether or not the costs are known.
  const inputs = stageResult(selection, 'the choice of localities');
  if (!inputs.usable) return { value: inputs, issues: [] };
  const recipients = inputs.value.filter((p) => parameters.allocateTo === 'all' || p.selected);
  if (recipients.length === 0) return { value: failed('the shares of the devolved budgets'), issues: [issueAt({ code: 'NO_RECIPIENTS', line: toShare[0].name, allocateTo: parameters.allocateTo }, toShare[0].where)] };
  const issues: Issue[] = [];
  // Lines shared by the same method share one basis, and its problems are reported once.
  const bases = new Map<string, Basis>();
  const basisOf = (t: ToShare): Basis => {
    const key = JSON.stringify(t.method.kind === 'per-column' ? { kind: t.method.kind, column: localities.columnNamed(t.method.header) } : t.method);
    let b = bases.get(key);
    if (b === undefined) {
      b = basisFor(t, recipients, localities);
      bases.set(key, b);
      if (typeof b === 'object' && 'issues' in b) issues.push(...b.issues);
    }
    return b;
  };
  const based = toShare.map((t) => ({ t, basis: basisOf(t) }));
  if (issues.length > 0) return { value: failed('the shares of the devolved budgets'), issues };
  if (based.some((b) => b.basis === 'waits')) return { value: unusable('Localities'), issues };
  const costs = all(costLines, stageResult(costProjection, 'the costs by year'));
  if (!costs.usable) return { value: costs, issues };
  const projection = costs.value[1];
  const lines: AllocationLine[] = [];
  for (const { t, basis } of based) {
    const { values, weights } = basis as Exclude<Basis, 'waits' | { issues: readonly Issue[] }>;
    const result = projection.lines.find((l) => t.matches(l.line));
    if (!result) throw new Error(`The shared out line ${t.name} has no costs`);
    const totalWeight = weights.reduce((a, b) => a + b, 0n);
    const byYear = result.amounts.map((amount) => allocatePence(amount, weights));
    lines.push({
      line: t.name,
      method: t.method,
      basisHeader: basisHeaderOf(t.method),
      to: parameters.allocateTo,
      amounts: result.amounts,
      shares: recipients.map((priority, i) => ({
        priority,
        basis: values[i],
        share: Number((weights[i] * 1_000_000_000n) / totalWeight) / 1_000_000_000,
        amounts: byYear.map((shares) => shares[i]),
      })),
    });
  }
  const years = lines[0].amounts.length;
  const totals = recipients.map((priority, i) => ({ priority, amounts: Array.from({ length: years }, (_, y) => sumPence(lines.map((l) => l.shares[i].amounts[y]))) }));
  return { value: usable({ lines, totals }), issues };
}

function basisHeaderOf(method: AllocationMethod): string {
  switch (method.kind) {
    case 'equal':
      return 'Basis';
    case 'per-ward':
      return 'Wards';
    case 'per-head':
      return 'Population';
    case 'need-weighted':
      return 'Need score';
    case 'per-column':
      return method.header;
    default: {
      const never: never = method;
      return never;
    }
  }
}

/** Whole-number weights in the same proportions as exact decimals: every value scaled to the most decimals any has. */
function exactWeights(values: readonly Decimal[]): bigint[] {
  const scale = values.reduce((a, d) => Math.max(a, d.scale), 0);
  return values.map((d) => d.digits * 10n ** BigInt(scale - d.scale));
}

/** At most this many recipients without a figure are listed one by one; the tenth says how many more. */
const LISTED_REQUIRED = 10;

/**
 * Each recipient's figure for a method and its whole-number weight, exact; or the
 * issues that stop the sharing; or `waits` when Localities' figures could not be read
 * (their own errors say why).
 */
function basisFor(t: ToShare, recipients: readonly Priority[], localities: Pick<LocalitiesRead, 'figures' | 'sheet' | 'cellOf' | 'columnNamed' | 'cellAt' | 'addressOf'>): Basis {
  const method = t.method;
  const onSheet = localities.sheet === undefined ? {} : { sheet: localities.sheet };
  const required = (missing: readonly Priority[], field: string, cell: (p: Priority) => IssueWhere['cell']): Issue[] =>
    missing.slice(0, LISTED_REQUIRED).map((p, i) => issueAt(
      { code: 'REQUIRED', locality: p.locality.name, field, method: methodName(method), line: t.name, more: i === LISTED_REQUIRED - 1 ? missing.length - LISTED_REQUIRED : 0 },
      { table: 'Localities', ...onSheet, cell: cell(p) ?? p.locality.cell },
    ));
  const zero = (basis: string): Basis => ({ issues: [issueAt({ code: 'ZERO_BASIS', line: t.name, basis }, t.where)] });
  switch (method.kind) {
    case 'equal':
      return { values: recipients.map(() => null), weights: recipients.map(() => 1n) };
    case 'per-ward':
    case 'per-head': {
      const field = method.kind === 'per-ward' ? 'wards' : 'population';
      // Without the column (its own error says so) or with a figure that could not be read, the sharing waits.
      if (!localities.figures.usable || (recipients.length > 0 && localities.cellOf(recipients[0].locality.row, field) === undefined)) return 'waits';
      const missing = recipients.filter((p) => p.locality[field] === null);
      if (missing.length > 0) return { issues: required(missing, method.kind === 'per-ward' ? 'Wards' : 'Population', (p) => localities.cellOf(p.locality.row, field)) };
      const values = recipients.map((p) => p.locality[field]!);
      const weights = exactWeights(values.map(decimalOfNumber));
      return weights.some((w) => w > 0n) ? { values, weights } : zero(method.kind === 'per-ward' ? 'Wards' : 'Population');
    }
    case 'need-weighted': {
      const unranked = recipients.filter((p) => p.needScore === null);
      if (unranked.length > 0) return { issues: [issueAt({ code: 'UNRANKED_RECIPIENTS', line: t.name, count: unranked.length, first: unranked[0].locality.name }, t.where)] };
      const values = recipients.map((p) => p.needScore!);
      const weights = values.map((v) => BigInt(Math.round(v * NEED_SCALE)));
      return weights.some((w) => w > 0n) ? { values, weights } : zero('need score');
    }
    case 'per-column': {
      const column = localities.columnNamed(method.header);
      // No such column: an error where the method is written already says so.
      if (column === undefined) return 'waits';
      const issues: Issue[] = [];
      const missing: Priority[] = [];
      const read: { digits: bigint; scale: number }[] = [];
      for (const p of recipients) {
        const value = localities.cellAt(p.locality.row, column);
        const where = { table: 'Localities' as const, ...onSheet, cell: localities.addressOf(p.locality.row, column) };
        if (isBlank(value) || (isExcelError(value) && value.code === '#N/A')) {
          missing.push(p);
          continue;
        }
        const d = readDecimal(value);
        if (!d.ok) issues.push(issueAt({ ...d.problem, field: method.header }, where));
        else if (d.value.digits < 0n) issues.push(issueAt({ code: 'NEGATIVE', field: method.header, found: value, rule: 'not-negative' }, where));
        else read.push(d.value);
      }
      issues.push(...required(missing, method.header, (p) => localities.addressOf(p.locality.row, column)));
      if (issues.length > 0) return { issues };
      const weights = exactWeights(read);
      const values = read.map((d) => Number(d.digits) / 10 ** d.scale);
      return weights.some((w) => w > 0n) ? { values, weights } : zero(method.header);
    }
    default: {
      const never: never = method;
      return never;
    }
  }
}

/**
 * Each locality's cost over the projection (contract v1.1 §5.6, Priorities): its own
 * lines (for each locality, or for it by name) and its shares of every devolved budget,
 * by locality index.
 */
export function localityTotals(costs: CostProjection, allocation: Allocation | null): Pence[] {
  const totals = [...costs.byLocality];
  for (const t of allocation?.totals ?? []) totals[t.priority.locality.index] = sumPence([totals[t.priority.locality.index], ...t.amounts]);
  return totals;
}
