import { type Issue, issueAt } from './issues';
import type { AllocationMethod, Parameters } from './model';
import { type Pence, allocatePence } from './money';
import type { Priority } from './prioritise';
import type { LocalitiesRead } from './read/localities';
import { type Staged, type Usable, all, failed, stageResult, unusable, usable } from './stage';
import type { FinancialYear } from './years';

export interface AllocationShare {
  readonly priority: Priority;
  /** What the share is based on: wards, population or need score (null for Equal). */
  readonly basis: number | null;
  /** The fraction of the pot, 0–1. */
  readonly share: number;
  /** The amount for each projected year. */
  readonly amounts: readonly Pence[];
}

export interface Allocation {
  readonly pot: Pence;
  readonly method: AllocationMethod;
  readonly to: 'selected' | 'all';
  readonly shares: readonly AllocationShare[];
}

/** Need scores are shared on to six decimal places, so the split is exact and repeatable. */
const NEED_SCALE = 1_000_000;

/** The parameters sharing out needs. */
export type AllocationParameters = Pick<Parameters, 'allocationPot' | 'allocationMethod' | 'allocateTo'>;

/**
 * Shares the Allocation pot out each year (contract §2–3) by the chosen method, to the
 * penny: floors, then the pence left over by largest remainder, ties in table order,
 * so every year's amounts add up to the pot exactly. Every recipient needs its figure
 * (Wards, Population, or a need score); each one missing is an error at its own cell.
 */
export function allocatePot(
  allocation: Usable<AllocationParameters>,
  selection: Usable<readonly Priority[]>,
  projectedYears: Usable<readonly FinancialYear[]>,
  localities: Pick<LocalitiesRead, 'present' | 'figures' | 'sheet' | 'cellOf'>,
): Staged<Usable<Allocation | null>> {
  if (allocation.usable && allocation.value.allocationPot === null) return { value: usable(null), issues: [] };
  // Without a Localities table there is no one to share among; the missing table is the error to fix.
  if (!localities.present) return { value: unusable('a Localities table'), issues: [] };
  // Who shares and by what is checked whether or not the years are known.
  const inputs = all(allocation, stageResult(selection, 'the choice of localities'));
  if (!inputs.usable) return { value: inputs, issues: [] };
  const [parameters, priorities] = inputs.value;
  const pot = parameters.allocationPot!;
  const method = parameters.allocationMethod;
  if ((method === 'per-ward' || method === 'per-head') && !localities.figures.usable) return { value: unusable(...localities.figures.needs), issues: [] };
  const recipients = priorities.filter((p) => parameters.allocateTo === 'all' || p.selected);
  const onParameters = { table: 'Parameters' as const };
  const fail = (issues: Issue[]): Staged<Usable<Allocation | null>> => ({ value: failed("the Allocation pot's shares"), issues });
  if (recipients.length === 0) return fail([issueAt({ code: 'NO_RECIPIENTS', allocateTo: parameters.allocateTo }, onParameters)]);
  let basis: (number | null)[];
  switch (method) {
    case 'equal':
      basis = recipients.map(() => null);
      break;
    case 'per-ward':
    case 'per-head': {
      const field = method === 'per-ward' ? 'wards' : 'population';
      const missing = recipients.filter((p) => p.locality[field] === null);
      if (missing.length > 0) {
        return fail(missing.slice(0, 10).map((p, i) => issueAt(
          { code: 'REQUIRED', locality: p.locality.name, field: method === 'per-ward' ? 'Wards' : 'Population', more: i === 9 ? missing.length - 10 : 0 },
          { table: 'Localities', ...(localities.sheet === undefined ? {} : { sheet: localities.sheet }), cell: localities.cellOf(p.locality.row, field) ?? p.locality.cell },
        )));
      }
      basis = recipients.map((p) => p.locality[field]);
      break;
    }
    case 'need-weighted': {
      const unranked = recipients.filter((p) => p.needScore === null);
      if (unranked.length > 0) return fail([issueAt({ code: 'UNRANKED_RECIPIENTS', count: unranked.length, first: unranked[0].locality.name }, onParameters)]);
      basis = recipients.map((p) => p.needScore);
      break;
    }
    default: {
      const never: never = method;
      return never;
    }
  }
  const weights = basis.map((b) => (b === null ? 1n : BigInt(Math.round(b * (method === 'need-weighted' ? NEED_SCALE : method === 'per-head' ? 1000 : 1)))));
  const totalWeight = weights.reduce((a, b) => a + b, 0n);
  if (totalWeight <= 0n) return fail([issueAt({ code: 'ZERO_BASIS', basis: method === 'per-ward' ? 'Wards' : method === 'per-head' ? 'Population' : 'need score' }, onParameters)]);
  if (!projectedYears.usable) return { value: projectedYears, issues: [] };
  const years = projectedYears.value;
  const amounts = allocatePence(pot, weights);
  return {
    value: usable({
      pot,
      method,
      to: parameters.allocateTo,
      shares: recipients.map((priority, i) => ({
        priority,
        basis: basis[i],
        share: Number((weights[i] * 1_000_000_000n) / totalWeight) / 1_000_000_000,
        amounts: years.map(() => amounts[i]),
      })),
    }),
    issues: [],
  };
}
