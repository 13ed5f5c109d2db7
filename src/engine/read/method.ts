import type { CellValue } from '../cells';
import { didYouMean, normalizeWord } from '../names';
import type { AllocationMethod } from '../parameters';
import { type Reading, ok, readChoice } from './values';

type FixedKind = Exclude<AllocationMethod['kind'], 'per-column'>;
const fixedMethods = [
  ['Equal', 'equal'],
  ['Per ward', 'per-ward'],
  ['Per head', 'per-head'],
  ['Need weighted', 'need-weighted'],
  ['By wards', 'per-ward'],
  ['Per capita', 'per-head'],
  ['By need', 'need-weighted'],
] as const satisfies readonly (readonly [string, FixedKind])[];

/** The methods a message offers: the four of v1, and `Per <column>`. */
export const methodChoiceWords = ['Equal', 'Per ward', 'Per head', 'Need weighted', 'Per <column>'] as const;

/**
 * How a devolved budget is shared out (contract §2, v1.1 §5.4): `Equal`, `Per ward`,
 * `Per head`, `Need weighted`, or `Per <column>`, in proportion to any numeric
 * Localities column (`Per Councillors`). The four fixed words win, so `Per ward` is the
 * Wards field and `Per head` Population; whether the column exists is checked where the
 * Localities table is known.
 */
export function readMethod(value: CellValue): Reading<AllocationMethod> {
  if (typeof value === 'string') {
    const key = normalizeWord(value);
    const fixed = fixedMethods.find(([word]) => normalizeWord(word) === key);
    if (fixed) return ok({ kind: fixed[1] });
    const per = /^\s*per\s+(\S.*?)\s*$/i.exec(value);
    if (per) return ok({ kind: 'per-column', header: per[1] });
  }
  const choice = readChoice(value, fixedMethods);
  if (choice.ok) return ok({ kind: choice.value });
  const problem = choice.problem;
  return problem.code === 'BAD_CHOICE' ? { ok: false, problem: { ...problem, choices: methodChoiceWords } } : choice;
}

/**
 * What a `Per <column>` naming no Localities column was probably meant to be: a method
 * word it nearly spells (`Per hed`), else a Localities header it nearly names.
 */
export function guessMethod(written: string, header: string, localityHeaders: readonly string[]): string | null {
  const word = didYouMean(written, fixedMethods.map(([w]) => w));
  if (word !== undefined) return word;
  const column = didYouMean(header, localityHeaders);
  return column === undefined ? null : `Per ${column}`;
}

/** `Per ward`, `Per Councillors`: a method as a user writes it. */
export function methodName(method: AllocationMethod): string {
  switch (method.kind) {
    case 'equal':
      return 'Equal';
    case 'per-ward':
      return 'Per ward';
    case 'per-head':
      return 'Per head';
    case 'need-weighted':
      return 'Need weighted';
    case 'per-column':
      return `Per ${method.header}`;
    default: {
      const never: never = method;
      return never;
    }
  }
}
