import { HostError } from '../excel/host';

/**
 * A sentence a finance officer can act on, for anything a host call threw. A HostError
 * already speaks plainly (the Office adapter wrote it); anything else is a fault we did
 * not foresee, so say that, keep its own words for the support desk, and say what to try.
 */
export function describeError(error: unknown): string {
  if (error instanceof HostError || (error instanceof Error && error.name === 'HostError')) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `Something unexpected went wrong (${detail}). Try again; if it happens again, close and reopen Locality Planner.`;
}
