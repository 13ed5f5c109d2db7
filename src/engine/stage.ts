import type { Issue } from './issues';

/**
 * The shape of every stage of the pipeline (read tables → read parameters → read
 * localities, costs and funding → select → project → fund revenue, fund capital → share out → warn → plan): a
 * pure function of what it is given, returning its value and the issues it found. No
 * stage reads anything it is not given, and none can stop another: the door runs them
 * all and decides nothing.
 */
export interface Staged<T> {
  readonly value: T;
  readonly issues: readonly Issue[];
}

/**
 * A value a later stage can use, or why it cannot: the inputs it lacked, by name
 * (`Per district`, `Costs`). Only an input error makes a value unusable, so a run with
 * an unusable value always has the error that explains it. `blocked` tells a stage that
 * never ran for want of its inputs from one that ran and found an error of its own.
 */
export type Usable<T> = { readonly usable: true; readonly value: T } | { readonly usable: false; readonly needs: readonly string[]; readonly blocked: boolean };

export const usable = <T>(value: T): Usable<T> => ({ usable: true, value });
/** Not usable for want of these inputs. */
export const unusable = <T>(...needs: string[]): Usable<T> => ({ usable: false, needs: [...new Set(needs)], blocked: true });
/** Worked out, but refused with an error of its own: later stages need `what`. */
export const failed = <T>(what: string): Usable<T> => ({ usable: false, needs: [what], blocked: false });

/** Every input usable: their values together, or everything they lacked. */
export function all<T extends readonly Usable<unknown>[]>(...inputs: T): Usable<{ [K in keyof T]: T[K] extends Usable<infer V> ? V : never }> {
  const needs = inputs.flatMap((i) => (i.usable ? [] : i.needs));
  if (needs.length > 0) return unusable(...needs);
  return usable(inputs.map((i) => (i as { value: unknown }).value) as { [K in keyof T]: T[K] extends Usable<infer V> ? V : never });
}

/** An earlier stage's result as a later stage needs it: unusable, it is named by what it is (`the costs by year`), not by what it lacked. */
export function stageResult<T>(result: Usable<T>, name: string): Usable<T> {
  return result.usable ? result : unusable(name);
}
