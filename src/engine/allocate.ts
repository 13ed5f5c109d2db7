import type { CellAddress } from './address';
import type { Issue } from './issues';
import type { AllocationMethod, Parameters } from './model';
import { type Pence, allocatePence } from './money';
import type { Priority } from './prioritise';
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

/** Where a locality's Population or Wards cell is, so a missing figure is reported at its own cell. */
export interface LocalityCells {
  readonly sheet: string;
  readonly cellOf: (row: number, field: 'population' | 'wards') => CellAddress | undefined;
}

/**
 * Shares the Allocation pot out each year (contract §2–3) by the chosen method, to the
 * penny: floors, then the pence left over by largest remainder, ties in table order,
 * so every year's amounts add up to the pot exactly.
 */
export function allocatePot(parameters: Parameters, priorities: readonly Priority[], years: readonly FinancialYear[], issues: Issue[], where?: LocalityCells): Allocation | null {
  const pot = parameters.allocationPot;
  if (pot === null) return null;
  const recipients = priorities.filter((p) => parameters.allocateTo === 'all' || p.selected);
  const fail = (message: string): null => {
    issues.push({ code: 'NOT_FOUND', severity: 'error', table: 'Parameters', message });
    return null;
  };
  if (recipients.length === 0) return fail(`Allocation pot has no localities to share among: ${parameters.allocateTo === 'all' ? 'the Localities table is empty or missing' : 'no locality is selected'}.`);
  const method = parameters.allocationMethod;
  let basis: (number | null)[];
  switch (method) {
    case 'equal':
      basis = recipients.map(() => null);
      break;
    case 'per-ward':
    case 'per-head': {
      const field = method === 'per-ward' ? 'wards' : 'population';
      const label = method === 'per-ward' ? 'Wards' : 'Population';
      const missing = recipients.filter((p) => p.locality[field] === null);
      if (missing.length > 0) {
        for (const p of missing.slice(0, 10)) {
          issues.push({ code: 'REQUIRED', severity: 'error', table: 'Localities', ...(where ? { sheet: where.sheet } : {}), cell: where?.cellOf(p.locality.row, field) ?? p.locality.cell,
            message: `${p.locality.name} has no ${label}, which ${method === 'per-ward' ? 'Per ward' : 'Per head'} allocation needs${missing.length > 10 && p === missing[9] ? ` (and ${missing.length - 10} more)` : ''}.` });
        }
        return null;
      }
      basis = recipients.map((p) => p.locality[field]);
      break;
    }
    case 'need-weighted': {
      const unranked = recipients.filter((p) => p.needScore === null);
      if (unranked.length > 0) return fail(`Need weighted allocation needs a need score for every locality it shares to; ${unranked.length} ${unranked.length === 1 ? 'has' : 'have'} none (first: ${unranked[0].locality.name}).`);
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
  if (totalWeight <= 0n) return fail(`Allocation pot cannot be shared: every locality's ${method === 'per-ward' ? 'Wards' : method === 'per-head' ? 'Population' : 'need score'} is 0.`);
  const amounts = allocatePence(pot, weights);
  return {
    pot,
    method,
    to: parameters.allocateTo,
    shares: recipients.map((priority, i) => ({
      priority,
      basis: basis[i],
      share: Number((weights[i] * 1_000_000_000n) / totalWeight) / 1_000_000_000,
      amounts: years.map(() => amounts[i]),
    })),
  };
}
