/**
 * The names of everything a run makes, and the one place the `Output sheet prefix`
 * parameter (contract §5.7) applies: every output sheet's and table's name, so a workbook
 * whose own sheets are called `Charts` or `Warnings` can still be planned. The ownership
 * record and the ownership check take their names from here, so they follow the prefix.
 */

/** The output sheets, in the order they are written (and so their tab order on a first run): the Summary first. */
export const baseSheetNames = {
  summary: 'Summary',
  projection: 'Projection',
  priorities: 'Priorities',
  allocation: 'Allocation',
  warnings: 'Warnings',
  charts: 'Charts',
  /** Contract v1.1 §6.4: every case, and affordability. */
  scenarios: 'Scenarios',
  /** Contract v1.1 §6.4: the ranked inputs and the tornado chart. */
  sensitivity: 'Sensitivity',
  runInfo: 'Run info',
} as const;
export type OutputSheet = keyof typeof baseSheetNames;

/** The output tables (workbook-wide names, so always `LP_…` underneath any prefix). */
export const baseTableNames = { priorities: 'LP_Priorities', allocation: 'LP_Allocation', warnings: 'LP_Warnings', runHistory: 'LP_RunHistory' } as const;
export type OutputTable = keyof typeof baseTableNames;

export interface OutputNames {
  readonly sheet: { readonly [K in OutputSheet]: string };
  readonly table: { readonly [K in OutputTable]: string };
}

/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31;
/** Characters Excel refuses in a sheet name. */
const FORBIDDEN = /[[\]:*?/\\]/;
const LONGEST_BASE = Math.max(...Object.values(baseSheetNames).map((n) => n.length));

/** Why a prefix cannot be used, for the issue at its Parameters cell. */
export type PrefixProblem = 'characters' | 'too-long' | 'apostrophe';

/** The prefix joined to a name: with a space, unless the prefix already ends with `-`, `_` or `.`. */
const joined = (prefix: string, name: string): string => (prefix === '' ? name : /[-_.]$/.test(prefix) ? `${prefix}${name}` : `${prefix} ${name}`);

/**
 * What is wrong with a prefix (already trimmed) as Excel judges the sheet names it
 * makes: a character Excel refuses in a sheet name, an apostrophe at the start, or a
 * name past 31 characters for the longest output sheet. Undefined when it is usable.
 */
export function prefixProblem(prefix: string): PrefixProblem | undefined {
  if (FORBIDDEN.test(prefix)) return 'characters';
  if (prefix.startsWith("'")) return 'apostrophe';
  if (joined(prefix, 'x'.repeat(LONGEST_BASE)).length > MAX_SHEET_NAME) return 'too-long';
  return undefined;
}

/** The longest prefix Excel's sheet names leave room for. */
export const MAX_PREFIX = MAX_SHEET_NAME - LONGEST_BASE - 1;

/**
 * A prefix as table names can carry it: Excel's table names hold only letters, digits,
 * underscores and full stops and start with a letter or underscore, so anything else
 * becomes an underscore (`Q3 2025/26` → `Q3_2025_26_`).
 */
function tablePrefix(prefix: string): string {
  if (prefix === '') return '';
  const safe = prefix.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+$/, '');
  return `${/^[A-Za-z_]/.test(safe) ? safe : `_${safe}`}_`;
}

/**
 * Where the Scenarios sheet goes when its name is the Scenarios input's own sheet: contract §1
 * lets that input be a sheet named Scenarios (or a table on one), and §6.4 names an output sheet
 * Scenarios, which may not overwrite an input. Shorter than the longest output name, so every
 * prefix that fits the others fits this too.
 */
export const SCENARIOS_BESIDE_INPUT = 'Cases';

/**
 * Every output sheet's and table's name under a prefix (none: the contract's own names).
 * `scenariosInputSheet` is the sheet the Scenarios input was read from, if any: when it has
 * the Scenarios output's name, the output is written as `Cases` instead, beside the input it
 * would otherwise have to overwrite (a finance officer's Scenarios sheet is what they typed).
 */
export function outputNames(prefix: string, scenariosInputSheet?: string): OutputNames {
  const named = Object.fromEntries(Object.entries(baseSheetNames).map(([k, n]) => [k, joined(prefix, n)])) as { [K in OutputSheet]: string };
  const besideInput = scenariosInputSheet !== undefined && scenariosInputSheet.toLowerCase() === named.scenarios.toLowerCase();
  const sheet = besideInput ? { ...named, scenarios: joined(prefix, SCENARIOS_BESIDE_INPUT) } : named;
  const t = tablePrefix(prefix);
  const table = Object.fromEntries(Object.entries(baseTableNames).map(([k, n]) => [k, `${t}${n}`])) as { [K in OutputTable]: string };
  return { sheet, table };
}
