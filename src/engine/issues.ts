import type { CellAddress } from './address';
import { type Bound, boundLabel } from './bounds';
import { type CellValue, describeCell, isExcelDate } from './cells';
import type { OtherSheetKind } from './input';
import { type LookAlike, normalizeWord } from './names';
import { type FinancialYear, type YearProblem, financialYear, yearLabel, yearProblemWords, LATEST_YEAR } from './years';

/**
 * Input issues are values, not exceptions: every stage keeps going and returns what it
 * found wrong, so one run reports every problem at once (contract §4, exit 1). Each issue
 * is a variant of one union on `code`, carrying what its sentence needs; this file is the
 * one catalogue that turns each into the finance officer's words and gives its severity.
 * An `error` stops the run before anything is written; a `warning` is listed in the
 * Warnings sheet with code INPUT and the run goes on.
 */

/** The contract table an issue is in, or the workbook as a whole. */
export type IssueTable = 'Localities' | 'Indicators' | 'Parameters' | 'Costs' | 'Funding' | 'Scenarios' | 'Workbook';
export type IssueSeverity = 'error' | 'warning';

/** What a cell was expected to hold, for the "should be …" half of a message. */
export type Expected =
  | { readonly kind: 'amount' }
  | { readonly kind: 'number'; readonly whole: boolean }
  /** A rate; `orWords` when `Pay`, `Non-pay` and `None` are accepted too (a cost line's Inflation). */
  | { readonly kind: 'rate'; readonly orWords: boolean }
  | { readonly kind: 'year' }
  | { readonly kind: 'choice'; readonly choices: readonly string[] }
  | { readonly kind: 'name'; readonly of: NameOf };

/** Which name a cell holds, for the example its message gives. */
export type NameOf = 'locality' | 'district' | 'cost line' | 'source' | 'parameter' | 'indicator' | 'prefix';

/** Why text that looks like a number was refused. */
export type NumberHint = 'space-inside' | 'two-signs';

/** One cell's value refused by a cell reader: what was found and why (contract §1). */
export type CellProblem =
  | { readonly code: 'UNSAVED_FORMULA'; readonly formula: string }
  | { readonly code: 'EXCEL_ERROR'; readonly expected: Expected; readonly error: string }
  | { readonly code: 'BAD_AMOUNT'; readonly found: CellValue; readonly hint?: NumberHint }
  | { readonly code: 'BAD_NUMBER'; readonly whole: boolean; readonly found: CellValue; readonly hint?: NumberHint }
  | { readonly code: 'BAD_RATE'; readonly orWords: boolean; readonly found: CellValue; readonly guess?: string; readonly hint?: NumberHint }
  | { readonly code: 'BAD_YEAR'; readonly why: YearProblem }
  | { readonly code: 'BAD_CHOICE'; readonly choices: readonly string[]; readonly found: CellValue; readonly guess?: string }
  | { readonly code: 'BAD_NAME'; readonly of: NameOf; readonly found: CellValue }
  | { readonly code: 'TOO_LARGE'; readonly found: CellValue }
  /** An amount in £k or £m written past the pound (`£1.2345k`); `inPounds` is what it would be, to write instead. */
  | { readonly code: 'UNIT_DECIMALS'; readonly found: CellValue; readonly unit: 'k' | 'm'; readonly inPounds: string | null }
  | { readonly code: 'NEGATIVE'; readonly found: CellValue; readonly rule: 'zero-or-more' | 'not-negative' | 'funding' | 'quantity' }
  /** `percent` is what the rate would be read as (380 for 3.8); null when below -100%. */
  | { readonly code: 'RATE_OUT_OF_RANGE'; readonly orWords: boolean; readonly found: CellValue; readonly percent: number | null }
  | { readonly code: 'OUT_OF_RANGE'; readonly found: CellValue; readonly rule: 'years-1-to-50' | 'more-than-zero' }
  /** An output sheet prefix Excel would refuse in the sheet names it makes; `longest` is the most characters it may have. */
  | { readonly code: 'BAD_PREFIX'; readonly found: CellValue; readonly why: 'characters' | 'too-long' | 'apostrophe'; readonly longest: number };

/** Why a Localities table is needed, in the order the message lists them. */
export type LocalitiesReason = 'quotas' | 'cost-per-locality' | 'allocation-pot' | 'each-locality-line' | 'shared-out-line';
/** Which parameter needs a Localities column (or, for Unit cost, what could stand in for it). */
export type ColumnNeed = 'per-district' | 'per-ward' | 'per-head' | 'or-year-columns';

export type NotAppliedReason =
  | { readonly kind: 'year-outside'; readonly year: FinancialYear; readonly first: FinancialYear; readonly last: FinancialYear }
  | { readonly kind: 'line-outside'; readonly from: Bound | null; readonly to: Bound | null; readonly first: FinancialYear; readonly last: FinancialYear }
  | { readonly kind: 'not-selected'; readonly locality: string }
  | { readonly kind: 'ends-before'; readonly to: Bound; readonly first: FinancialYear }
  /** A year amount on a line drawn only as needed: a One-off pot or a Reserve. */
  | { readonly kind: 'one-off-year'; readonly year: FinancialYear; readonly pot: 'One-off' | 'Reserve' }
  /** A Method on a line that is not Shared out. */
  | { readonly kind: 'method-not-shared' }
  /** An Inflation on a One-off pot or a Reserve, which are balances, not paid each year. */
  | { readonly kind: 'inflation-on-balance'; readonly pot: 'One-off' | 'Reserve' }
  /** A To on a Reserve, which never lapses. */
  | { readonly kind: 'reserve-to' };

/** Where money ran past what the planner holds to the penny (about £90 trillion). */
export type TooLarge =
  | { readonly kind: 'cost-line'; readonly line: string }
  | { readonly kind: 'funding-line'; readonly source: string }
  | { readonly kind: 'costs-in-year'; readonly year: FinancialYear }
  | { readonly kind: 'funding-in-year'; readonly year: FinancialYear }
  | { readonly kind: 'over-the-years'; readonly what: 'cost' | 'funding' | 'shortfall' | 'surplus' }
  | { readonly kind: 'somewhere' };

/** The parts of a run, in the users' words, that wait for the errors to be fixed. */
export type StageName = 'selection' | 'costs' | 'funding' | 'allocation';

/** Every issue's own facts, by code. */
export type IssueDetail =
  | (CellProblem & { /** The field (or the thing) the cell holds, as the message names it: `Unit cost`, `the 2012/13 amount`. */ readonly field: string })
  | { readonly code: 'NO_INPUTS' }
  | { readonly code: 'HIDDEN_ROWS'; readonly name: string }
  | { readonly code: 'MERGED_CELLS'; readonly area: string; readonly value: CellValue; readonly across: 'rows' | 'cells' }
  | { readonly code: 'MISSING_COLUMN'; readonly field: string; readonly neededBy: ColumnNeed | null; readonly headers: readonly string[]; readonly headerRow: number; readonly headersSeemOn: number | null }
  | { readonly code: 'DUPLICATE_HEADER'; readonly header: string; readonly columns: readonly string[] }
  | { readonly code: 'DUPLICATE_YEAR_COLUMN'; readonly header: string }
  | { readonly code: 'UNHEADED_COLUMN'; readonly column: string }
  | { readonly code: 'DUPLICATE_LOCALITY'; readonly name: string; readonly first: CellAddress; readonly differences: readonly LookAlike[] }
  | { readonly code: 'DUPLICATE_PARAMETER'; readonly parameter: string; readonly first: CellAddress }
  | { readonly code: 'DUPLICATE_INDICATOR'; readonly indicator: string }
  | { readonly code: 'UNKNOWN_PARAMETER'; readonly name: string; readonly guess: string | null }
  | { readonly code: 'UNKNOWN_INDICATOR'; readonly name: string; readonly guess: string | null }
  | { readonly code: 'INDICATORS_NEED_LOCALITIES' }
  | { readonly code: 'UNKNOWN_LOCALITY'; readonly name: string }
  | { readonly code: 'NO_LOCALITIES_TABLE'; readonly name: string }
  | { readonly code: 'BAD_APPLIES_TO'; readonly found: CellValue }
  /** A row named as a total (`Total`, `Grand total`) under other lines: read as a line it would count them twice. */
  | { readonly code: 'TOTAL_ROW'; readonly name: string; readonly of: 'cost line' | 'funding source' | 'locality' }
  | { readonly code: 'AMOUNT_NEEDED'; readonly line: string; readonly what: 'unit-cost' | 'annual' | 'capital' | 'pot' | 'reserve'; readonly hasPot: boolean }
  | { readonly code: 'FROM_AFTER_TO'; readonly from: Bound; readonly to: Bound }
  | { readonly code: 'LOCALITIES_NEEDED'; readonly reasons: readonly LocalitiesReason[] }
  | { readonly code: 'INDICATOR_NEEDED'; readonly by: 'quotas' | 'need-weighted' }
  | { readonly code: 'FIRST_YEAR_NEEDED' }
  | { readonly code: 'PAST_LAST_YEAR'; readonly years: number; readonly firstYear: FinancialYear }
  | { readonly code: 'MISSING_INDICATOR'; readonly indicator: string; readonly count: number; readonly first: readonly CellAddress[] }
  | { readonly code: 'QUOTA_SHORT'; readonly quota: 'per-district' | 'additional'; readonly district: string | null; readonly asked: number; readonly picked: number }
  | { readonly code: 'NO_DISTRICT'; readonly count: number; readonly first: string }
  /** A recipient without the figure a Shared out line is shared by (`field`: Wards, Population or a `Per <column>` header). */
  | { readonly code: 'REQUIRED'; readonly locality: string; readonly field: string; readonly method: string; readonly line: string; readonly more: number }
  | { readonly code: 'NO_RECIPIENTS'; readonly line: string; readonly allocateTo: 'selected' | 'all' }
  | { readonly code: 'UNRANKED_RECIPIENTS'; readonly line: string; readonly count: number; readonly first: string }
  | { readonly code: 'ZERO_BASIS'; readonly line: string; readonly basis: string }
  /** A `Per <column>` method naming no Localities column. */
  | { readonly code: 'UNKNOWN_BASIS'; readonly field: 'Method' | 'Allocation method'; readonly method: string; readonly header: string; readonly guess: string | null }
  /** An indicator whose Direction was left blank, so the planner assumed one (contract v1.1 §5.6). */
  | { readonly code: 'DIRECTION_ASSUMED'; readonly indicator: string; readonly direction: 'higher-is-worse' | 'lower-is-worse'; readonly why: 'rank' | 'decile' | 'most-deprived' | 'other'; readonly hasColumn: boolean }
  /** A year whose revenue costs come to less than zero (contract v1.1 §5.6). */
  | { readonly code: 'NEGATIVE_COST'; readonly year: FinancialYear; readonly amount: string }
  | { readonly code: 'NOT_APPLIED'; readonly line: string; readonly reason: NotAppliedReason }
  | { readonly code: 'TOTAL_TOO_LARGE'; readonly where: TooLarge }
  /** A name the run needs is taken by a sheet (of `sheetKind`) the tool cannot prove its own; `record`: the record's name. */
  | { readonly code: 'OWNERSHIP'; readonly clash: 'record' | 'sheet'; readonly sheetName: string; readonly sheetKind: 'worksheet' | OtherSheetKind; readonly tableName: null }
  /** An output table's name is taken by a table on a sheet the run does not rewrite. */
  | { readonly code: 'OWNERSHIP'; readonly clash: 'table'; readonly sheetName: string; readonly tableName: string }
  /** A name the run needs is taken by another of the tool's own sheets, renamed to it: the sheet made as `output`. */
  | { readonly code: 'OWNERSHIP'; readonly clash: 'renamed'; readonly sheetName: string; readonly output: string; readonly tableName: null }
  /** The tool's sheet for `output` is found, by its mark, under the name the user gave it, and refreshed there. */
  | { readonly code: 'OWNED_SHEET_RENAMED'; readonly output: string; readonly sheetName: string }
  /** The mark of the tool's sheet for `output` is on several sheets (a copy), none still named `lastName`: none is taken as the tool's. */
  | { readonly code: 'OWNED_SHEET_COPIED'; readonly output: string; readonly lastName: string; readonly sheets: readonly string[] }
  /** The run history in the ownership record could not be read from this row (1-based) on: it starts again with this run. */
  | { readonly code: 'RUN_HISTORY_RESTARTED'; readonly row: number }
  | { readonly code: 'NOT_CHECKED'; readonly stages: readonly { readonly stage: StageName; readonly needs: readonly string[] }[] }
  /** Contract v1.1 §6.1: a Scenarios row naming an item no input table has (`table` when the row said which). */
  | { readonly code: 'SCENARIO_UNKNOWN_ITEM'; readonly item: string; readonly table: ScenarioTable | null; readonly guess: string | null }
  /** An item named in more than one table, with no Table to say which. */
  | { readonly code: 'SCENARIO_AMBIGUOUS_ITEM'; readonly item: string; readonly tables: readonly ScenarioTable[] }
  /** An item on more than one row of its table, so a change could mean either. */
  | { readonly code: 'SCENARIO_REPEATED_ITEM'; readonly item: string; readonly table: ScenarioTable; readonly rows: readonly number[] }
  /** A Field that is not a column a scenario can change for that item. */
  | { readonly code: 'SCENARIO_BAD_FIELD'; readonly item: string; readonly table: ScenarioTable; readonly field: string; readonly allowed: string }
  /** Two Scenarios rows changing the same cell in one scenario. */
  | { readonly code: 'SCENARIO_CHANGED_TWICE'; readonly scenario: string; readonly first: CellAddress }
  /** A scenario column with no name, or a name used twice or taken by a case the run always plans. */
  | { readonly code: 'SCENARIO_NAME'; readonly found: CellValue; readonly why: 'blank' | 'repeated' | 'reserved' }
  /** A changed value its own table would refuse, or a problem the change makes elsewhere (`inner` is that table's sentence, `where` its place). */
  | { readonly code: 'SCENARIO_VALUE'; readonly scenario: string; readonly inner: string; readonly where: string | null }
  /** A warning the change would raise in its own table (a year outside the projection, say). */
  | { readonly code: 'SCENARIO_NOTE'; readonly scenario: string; readonly inner: string; readonly where: string | null };

/** The tables a Scenarios row can change (contract v1.1 §6.1). */
export type ScenarioTable = 'Parameters' | 'Costs' | 'Funding' | 'Localities';

export type IssueCode = IssueDetail['code'];

/** Where an issue is: its table, and the sheet and cell (or area) a host can select. */
export interface IssueWhere {
  readonly table: IssueTable;
  /** The worksheet, so a host can select the cell. */
  readonly sheet?: string;
  /** The cell, as Excel writes it (`C4`); absent for a whole-table issue. */
  readonly cell?: CellAddress;
  /** An area of more than one cell (`B2:B9`), when the issue is about all of it; `cell` is its first cell. */
  readonly area?: string;
}

/** An input issue: its facts, where it is, its severity and its sentence. */
export type Issue = IssueDetail & IssueWhere & { readonly severity: IssueSeverity; /** Plain English: what is wrong, what was found, what is expected. */ readonly message: string };

/** Severity by code: a total map, so a new code cannot be added without deciding it. */
export const severityOf = {
  UNSAVED_FORMULA: 'error', EXCEL_ERROR: 'error', BAD_AMOUNT: 'error', BAD_NUMBER: 'error', BAD_RATE: 'error', BAD_YEAR: 'error', BAD_CHOICE: 'error',
  BAD_NAME: 'error', TOO_LARGE: 'error', UNIT_DECIMALS: 'error', NEGATIVE: 'error', RATE_OUT_OF_RANGE: 'error', OUT_OF_RANGE: 'error', BAD_PREFIX: 'error',
  NO_INPUTS: 'error', HIDDEN_ROWS: 'warning', MERGED_CELLS: 'warning', MISSING_COLUMN: 'error', DUPLICATE_HEADER: 'warning', DUPLICATE_YEAR_COLUMN: 'error',
  UNHEADED_COLUMN: 'warning', DUPLICATE_LOCALITY: 'error', DUPLICATE_PARAMETER: 'error', DUPLICATE_INDICATOR: 'error', UNKNOWN_PARAMETER: 'warning',
  UNKNOWN_INDICATOR: 'error', INDICATORS_NEED_LOCALITIES: 'error', UNKNOWN_LOCALITY: 'error', NO_LOCALITIES_TABLE: 'error', BAD_APPLIES_TO: 'error', TOTAL_ROW: 'error',
  AMOUNT_NEEDED: 'error', FROM_AFTER_TO: 'error', LOCALITIES_NEEDED: 'error', INDICATOR_NEEDED: 'error', FIRST_YEAR_NEEDED: 'error', PAST_LAST_YEAR: 'error',
  MISSING_INDICATOR: 'warning', QUOTA_SHORT: 'warning', NO_DISTRICT: 'warning', REQUIRED: 'error', NO_RECIPIENTS: 'error', UNRANKED_RECIPIENTS: 'error',
  ZERO_BASIS: 'error', UNKNOWN_BASIS: 'error', DIRECTION_ASSUMED: 'warning', NEGATIVE_COST: 'warning', NOT_APPLIED: 'warning', TOTAL_TOO_LARGE: 'error', OWNERSHIP: 'error', NOT_CHECKED: 'warning',
  OWNED_SHEET_RENAMED: 'warning', OWNED_SHEET_COPIED: 'warning', RUN_HISTORY_RESTARTED: 'warning',
  SCENARIO_UNKNOWN_ITEM: 'error', SCENARIO_AMBIGUOUS_ITEM: 'error', SCENARIO_REPEATED_ITEM: 'error', SCENARIO_BAD_FIELD: 'error', SCENARIO_CHANGED_TWICE: 'error',
  SCENARIO_NAME: 'error', SCENARIO_VALUE: 'error', SCENARIO_NOTE: 'warning',
} as const satisfies Record<IssueCode, IssueSeverity>;

/** The codes of issues that do not stop a run. */
export type WarningIssueCode = { [C in IssueCode]: (typeof severityOf)[C] extends 'warning' ? C : never }[IssueCode];

/**
 * How loud an input warning is on the Warnings sheet (contract §3, code INPUT): Medium
 * when it changes what is planned (a locality not ranked, a value not applied, a quota
 * not filled), Low otherwise.
 */
export const inputWarningSeverity = {
  HIDDEN_ROWS: 'Low', MERGED_CELLS: 'Low', DUPLICATE_HEADER: 'Low', UNHEADED_COLUMN: 'Low', UNKNOWN_PARAMETER: 'Low',
  MISSING_INDICATOR: 'Medium', QUOTA_SHORT: 'Medium', NO_DISTRICT: 'Low', NOT_APPLIED: 'Medium', NOT_CHECKED: 'Low', DIRECTION_ASSUMED: 'Low', NEGATIVE_COST: 'Medium',
  OWNED_SHEET_RENAMED: 'Low', OWNED_SHEET_COPIED: 'Low', RUN_HISTORY_RESTARTED: 'Low', SCENARIO_NOTE: 'Low',
} as const satisfies Record<WarningIssueCode, 'Medium' | 'Low'>;

/** How loud a non-stopping issue is on the Warnings sheet (an error never gets there). */
export function inputWarningSeverityOf(issue: Issue): 'Medium' | 'Low' {
  // A warning's code is a warning code: severityOf says so for every code.
  return issue.severity === 'warning' ? inputWarningSeverity[issue.code as WarningIssueCode] : 'Medium';
}

/** ` of Ward budgets` for a Costs line; nothing for the Allocation pot, whose messages read as v1's. */
const ofLine = (line: string): string => (line === 'Allocation pot' ? '' : ` of ${line}`);
const quoted = (words: readonly string[]): string => words.map((w) => `"${w}"`).join(', ');
const guessed = (guess: string | null | undefined): string => (guess ? ` (did you mean "${guess}"?)` : '');

const nameRule: Record<NameOf, string> = {
  locality: 'should be a name',
  district: 'should be a name',
  'cost line': 'should name the cost, e.g. "Locality Manager"',
  source: 'should name the funding, e.g. "LPSA reward grant"',
  parameter: 'should be a name such as "First year"',
  indicator: 'should name a column of Localities',
  prefix: 'should be text such as "LP"',
};

/** "should be an amount such as £75,000" and the like: what a field expects. */
function shouldBe(expected: Expected): string {
  switch (expected.kind) {
    case 'amount':
      return 'should be an amount such as £75,000';
    case 'number':
      return expected.whole ? 'should be a whole number' : 'should be a number';
    case 'rate':
      return expected.orWords ? 'should be "Pay", "Non-pay", "None" or a rate such as 3.8%' : 'should be a rate such as 3.8%';
    case 'year':
      return 'should be a financial year such as 2011/12';
    case 'choice':
      return `should be one of ${quoted(expected.choices)}`;
    case 'name':
      return nameRule[expected.of];
    default: {
      const never: never = expected;
      return never;
    }
  }
}

const hintWords: Record<NumberHint, string> = {
  'space-inside': ', which has a space inside the number (only groups of three digits may be separated by a space, as in 75 000)',
  'two-signs': ', which has more than one sign (write -5,000 or (5,000))',
};
const hinted = (hint: NumberHint | undefined): string => (hint ? hintWords[hint] : '');

/** "found a date", "found TRUE", "found "tbc"": a refused value, unless a short form fits better. */
const found = (value: CellValue): string => `found ${describeCell(value)}`;
/** A date or TRUE/FALSE where text or a number belongs: only what was found, no example. */
const foundKind = (value: CellValue): boolean => isExcelDate(value) || typeof value === 'boolean';

/** The words after a field's name for a refused cell, without the final full stop. */
function cellProblemWords(p: CellProblem): string {
  switch (p.code) {
    case 'UNSAVED_FORMULA':
      return `holds a formula with no saved result (=${p.formula}): the file was saved by a program that does not calculate; open and save it in Excel or LibreOffice, or type the value`;
    case 'EXCEL_ERROR':
      if (p.expected.kind === 'year') return `${shouldBe(p.expected)}, but the cell holds the Excel error ${p.error}`;
      if (p.expected.kind === 'choice' || p.expected.kind === 'name') return `${shouldBe(p.expected)}; found the error ${p.error}`;
      return `${shouldBe(p.expected)}; found the Excel error ${p.error}`;
    case 'BAD_AMOUNT':
      if (foundKind(p.found)) return `should be an amount such as £75,000; ${found(p.found)}`;
      if (typeof p.found === 'number') return 'should be an amount such as £75,000';
      return `should be an amount such as £75,000, 75000.50 or (1,200); ${found(p.found)}${hinted(p.hint)}`;
    case 'BAD_NUMBER': {
      const should = shouldBe({ kind: 'number', whole: p.whole });
      if (typeof p.found === 'number' && !Number.isFinite(p.found)) return should;
      return `${should}; ${found(p.found)}${hinted(p.hint)}`;
    }
    case 'BAD_RATE': {
      const should = shouldBe({ kind: 'rate', orWords: p.orWords });
      if (typeof p.found === 'number' && !Number.isFinite(p.found)) return should;
      return `${should}; ${found(p.found)}${guessed(p.guess)}${hinted(p.hint)}`;
    }
    case 'BAD_YEAR':
      return `should be a financial year such as 2011/12, but ${yearProblemWords(p.why)}`;
    case 'BAD_CHOICE':
      return `should be one of ${quoted(p.choices)}; ${found(p.found)}${guessed(p.guess)}`;
    case 'BAD_NAME':
      return `${nameRule[p.of]}; ${found(p.found)}`;
    case 'TOO_LARGE':
      return `is too large an amount; ${found(p.found)}`;
    case 'UNIT_DECIMALS': {
      const most = p.unit === 'k' ? 'three decimals, as £720.4k or £1.234k' : 'six decimals, as £1.2m or £1.234567m';
      return `should be an amount such as £75,000 or £720.4k; ${found(p.found)}, which goes past the pound: an amount in £${p.unit} takes at most ${most}${p.inPounds ? `. Write it in pounds (${p.inPounds})` : ''}`;
    }
    case 'NEGATIVE': {
      const rules = {
        'zero-or-more': `should be 0 or more; ${found(p.found)}`,
        'not-negative': `cannot be negative; ${found(p.found)}`,
        funding: 'cannot be negative: funding is money coming in (put a saving in Costs as a negative line)',
        quantity: `cannot be negative; ${found(p.found)}. Use a negative Unit cost for a saving`,
      } satisfies Record<typeof p.rule, string>;
      return rules[p.rule];
    }
    case 'RATE_OUT_OF_RANGE':
      return p.percent === null
        ? `should be a rate above -100%; ${found(p.found)}`
        : `${shouldBe({ kind: 'rate', orWords: p.orWords })}; ${found(p.found)}, which would be ${p.percent.toFixed(0)}%. Write 3.8% for three point eight per cent`;
    case 'OUT_OF_RANGE':
      return p.rule === 'years-1-to-50' ? `should be a number of years from 1 to 50; ${found(p.found)}` : `should be more than 0; ${found(p.found)}. Leave an indicator out by deleting its row`;
    case 'BAD_PREFIX': {
      const why = {
        characters: 'cannot contain [ ] : * ? / or \\, which Excel does not allow in sheet names',
        apostrophe: 'cannot begin with an apostrophe, which Excel does not allow at the start of a sheet name',
        'too-long': `can have at most ${p.longest} characters, so that every output sheet's name stays within Excel's 31`,
      } satisfies Record<typeof p.why, string>;
      return `${why[p.why]}; ${found(p.found)}`;
    }
    default: {
      const never: never = p;
      return never;
    }
  }
}

const localitiesReasons: Record<LocalitiesReason, string> = {
  quotas: 'Per district and Additional choose localities',
  'cost-per-locality': 'Cost per locality is paid for each selected locality',
  'allocation-pot': 'Allocation pot is shared among localities',
  'each-locality-line': 'a cost line applies to Each locality',
  'shared-out-line': 'a cost line is Shared out among localities',
};

const columnNeeds: Record<ColumnNeed, string> = {
  'per-district': ', which Per district needs',
  'per-ward': ', which Per ward allocation needs',
  'per-head': ', which Per head allocation needs',
  'or-year-columns': " (or year columns such as 2012/13 giving each year's amount)",
};

const lookAlikeWords: Record<LookAlike, string> = {
  case: 'capital letters',
  spaces: 'extra spaces',
  invisible: 'an invisible (zero-width) character',
  'no-break-space': 'a no-break space',
  accents: 'how an accented letter is encoded',
};

const stageWords: Record<StageName, string> = {
  selection: 'the need ranking and the choice of localities',
  costs: 'the costs by year',
  funding: 'the funding and shortfall by year',
  allocation: 'the shares of the devolved budgets (the Allocation pot and Shared out lines)',
};

/** A sheet of each kind, as a message names it. */
const sheetKindWords: Record<'worksheet' | OtherSheetKind, string> = {
  worksheet: 'a sheet',
  'chart sheet': 'a chart sheet',
  'dialog sheet': 'a dialog sheet',
  'macro sheet': 'a macro sheet',
  sheet: 'a sheet that is not a worksheet (a chart sheet, say)',
};

/** `"A" and "B"`, `"A", "B" and "C"`. */
const listed = (names: readonly string[]): string => {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
};

const MAX_PENCE_WORDS = 'more than the planner can hold to the penny (about £90 trillion)';

function tooLargeWords(w: TooLarge): string {
  const check = 'check Unit cost, Quantity, Inflation and Years for a mistyped figure';
  switch (w.kind) {
    case 'cost-line':
      return `${w.line} costs ${MAX_PENCE_WORDS} over the projection; ${check}.`;
    case 'funding-line':
      return `${w.source} pays ${MAX_PENCE_WORDS} over the projection; check its amounts for a mistyped figure.`;
    case 'costs-in-year':
      return `The costs in ${yearLabel(w.year)} add up to ${MAX_PENCE_WORDS}; ${check}.`;
    case 'funding-in-year':
      return `The funding in ${yearLabel(w.year)}, against that year's costs, comes to ${MAX_PENCE_WORDS}; check the funding amounts for a mistyped figure.`;
    case 'over-the-years':
      return `The total ${w.what} over the projection comes to ${MAX_PENCE_WORDS}; ${check}.`;
    case 'somewhere':
      return `A year's costs or funding add up to ${MAX_PENCE_WORDS}; ${check}.`;
    default: {
      const never: never = w;
      return never;
    }
  }
}

function notAppliedWords(line: string, r: NotAppliedReason): string {
  switch (r.kind) {
    case 'year-outside':
      return `${line} gives an amount for ${yearLabel(r.year)}, outside the projection (${yearLabel(r.first)} to ${yearLabel(r.last)}); it is ignored.`;
    case 'line-outside': {
      const span = [r.from !== null ? `from ${boundLabel(r.from)}` : '', r.to !== null ? `to ${boundLabel(r.to)}` : ''].filter((s) => s !== '').join(' ');
      return `${line} runs ${span}, wholly outside the projection (${yearLabel(r.first)} to ${yearLabel(r.last)}), so it costs nothing here.`;
    }
    case 'not-selected':
      return `${line} applies to ${r.locality}, which is not selected, so the line is left out of the costs.`;
    case 'ends-before':
      return `${line} ends ${r.to.kind === 'date' ? 'on' : 'in'} ${boundLabel(r.to)}, before the projection starts (${yearLabel(r.first)}), so it pays nothing here.`;
    case 'one-off-year':
      return r.pot === 'One-off'
        ? `the ${yearLabel(r.year)} amount is ignored: ${line} is a one-off pot, drawn only as needed. Use From and To for when it can be used.`
        : `the ${yearLabel(r.year)} amount is ignored: ${line} is a reserve, drawn only as needed. Its Pot is its balance; use From for when it can be drawn.`;
    case 'method-not-shared':
      return `the Method of ${line} is ignored: only a Shared out line is shared among localities (set Applies to to "Shared out" to share it).`;
    case 'inflation-on-balance':
      return `the Inflation of ${line} is ignored: a ${r.pot === 'One-off' ? 'one-off pot' : 'reserve'} is a balance drawn as needed, not money paid each year.`;
    case 'reserve-to':
      return `the To of ${line} is ignored: a reserve never lapses (a one-off pot does; set Kind to One-off for money that must be spent by a date).`;
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** The finance officer's sentence for an issue in `table`. */
export function messageOf(d: IssueDetail, table: IssueTable): string {
  switch (d.code) {
    case 'UNSAVED_FORMULA':
    case 'EXCEL_ERROR':
    case 'BAD_AMOUNT':
    case 'BAD_NUMBER':
    case 'BAD_RATE':
    case 'BAD_YEAR':
    case 'BAD_CHOICE':
    case 'TOO_LARGE':
    case 'UNIT_DECIMALS':
    case 'NEGATIVE':
    case 'RATE_OUT_OF_RANGE':
    case 'OUT_OF_RANGE':
    case 'BAD_PREFIX':
      return `${d.field} ${cellProblemWords(d)}.`;
    case 'BAD_NAME':
      // A blank name on a row with values: say what to do with the row.
      if (d.of === 'locality' && (d.found === null || (typeof d.found === 'string' && d.found.trim() === ''))) return 'this row has values but no Locality name; give it a name or delete the row.';
      return `${d.field} ${cellProblemWords(d)}.`;
    case 'NO_INPUTS':
      return 'No input tables found. Locality Planner reads Excel tables (or sheets) named Localities, Indicators, Parameters, Costs and Funding; add at least Costs or Funding and a Parameters table with First year.';
    case 'HIDDEN_ROWS':
      return `${d.name} has hidden or filtered rows; they are still read and used. Delete rows you mean to leave out.`;
    case 'MERGED_CELLS': {
      const what = d.value === null || (typeof d.value === 'string' && d.value.trim() === '') ? 'it is blank, and so is' : `its value ${describeCell(d.value)} is read for`;
      return `one merged cell; ${what} each of its ${d.across}.`;
    }
    case 'MISSING_COLUMN': {
      const headers = d.headers.slice(0, 8).map((h) => `"${h}"`).join(', ');
      const hint = d.headersSeemOn === null ? '' : ` The headers seem to be on row ${d.headersSeemOn}: delete the rows above them, or make the data an Excel table named ${table}.`;
      return `${table} has no "${d.field}" column${d.neededBy ? columnNeeds[d.neededBy] : ''}. The header row (row ${d.headerRow}) has ${headers || 'no headers'}.${hint}`;
    }
    case 'DUPLICATE_HEADER':
      return `${table} has more than one column headed "${d.header}" (columns ${d.columns.join(', ')}); column ${d.columns[0]} is used and the others are ignored.`;
    case 'DUPLICATE_YEAR_COLUMN':
      return `${table} has two columns for the year ${d.header}; keep one.`;
    case 'UNHEADED_COLUMN':
      return `column ${d.column} of ${table} has values but no header (a merged or blank header cell?); it is ignored. Give it a header to use it.`;
    case 'DUPLICATE_LOCALITY': {
      const differs = d.differences.filter((x) => x !== 'case');
      const why = differs.length === 0 ? '' : `; the two differ only by ${differs.map((x) => lookAlikeWords[x]).join(' and ')}, which Excel does not show`;
      return `the locality "${d.name}" appears again (first at ${d.first}${why}); each locality must be listed once.`;
    }
    case 'TOTAL_ROW':
      return `"${d.name}" looks like a total of the lines above, not a ${d.of} of its own: read as one, it would count them twice. Delete the row (the Total row of an Excel table is left out), or rename it if it is a ${d.of} of its own.`;
    case 'DUPLICATE_PARAMETER':
      return `${d.parameter} is set twice (first at ${d.first}); keep one.`;
    case 'DUPLICATE_INDICATOR':
      return `Indicator "${d.indicator}" is listed twice; list each column once and set its Weight.`;
    case 'UNKNOWN_PARAMETER':
      return `"${d.name}" is not a parameter the planner knows, so it is ignored${guessed(d.guess)}.`;
    case 'UNKNOWN_INDICATOR':
      return `Indicator "${d.name}" is not a column of Localities${guessed(d.guess)}.`;
    case 'INDICATORS_NEED_LOCALITIES':
      return 'Indicators needs a Localities table whose columns it names.';
    case 'UNKNOWN_LOCALITY':
      return `Applies to should be "Programme", "Each locality" or a locality's name; "${d.name}" is not in Localities.`;
    case 'NO_LOCALITIES_TABLE':
      return `Applies to names the locality "${d.name}", but there is no Localities table to find it in. Use "Programme" or "Each locality", or add a Localities table.`;
    case 'BAD_APPLIES_TO':
      return `Applies to should be "Programme", "Each locality" or a locality's name; ${found(d.found)}.`;
    case 'AMOUNT_NEEDED': {
      const what = {
        'unit-cost': `${d.line} has no Unit cost and no year amounts; give its annual cost.`,
        annual: `${d.line} is recurring but has no Annual amount and no year amounts; give what it pays each year${d.hasPot ? ', or set Kind to One-off if it is a pot' : ''}.`,
        capital: `${d.line} is a Capital allocation but has no Annual amount and no year amounts; give what it allocates each year.`,
        pot: `${d.line} is One-off but has no Pot; give the total available.`,
        reserve: `${d.line} is a Reserve but has no Pot; give its balance (£0 for a reserve that only takes surpluses).`,
      } satisfies Record<typeof d.what, string>;
      return what[d.what];
    }
    case 'FROM_AFTER_TO':
      return `To (${boundLabel(d.to)}) is before From (${boundLabel(d.from)}); a line runs from its From ${d.from.kind === 'date' ? 'day' : 'year'} to its To ${d.to.kind === 'date' ? 'day' : 'year'} inclusive.`;
    case 'LOCALITIES_NEEDED':
      return `A Localities table is needed: ${d.reasons.map((r) => localitiesReasons[r]).join('; ')}.`;
    case 'INDICATOR_NEEDED':
      return d.by === 'quotas'
        ? 'Per district and Additional choose the localities most in need, which needs an indicator: add an IMD Score or IMD Rank column to Localities, or an Indicators table.'
        : 'Need weighted allocation needs an indicator: add an IMD Score or IMD Rank column to Localities, or an Indicators table.';
    case 'FIRST_YEAR_NEEDED':
      return 'First year is needed: set it in Parameters (e.g. 2012/13), or give From years or year columns in Costs or Funding.';
    case 'PAST_LAST_YEAR':
      return `Years (${d.years}) from First year ${yearLabel(d.firstYear)} runs past ${yearLabel(financialYear(LATEST_YEAR))}, the last year the planner handles.`;
    case 'MISSING_INDICATOR':
      return d.count === 1
        ? `no value for ${d.indicator}, so this locality is not ranked or chosen by the quotas (it is never treated as zero).`
        : `${d.count} localities have no value for ${d.indicator} (first ${d.first.join(', ')}), so they are not ranked or chosen by the quotas.`;
    case 'QUOTA_SHORT':
      return d.quota === 'per-district'
        ? `${d.district} has only ${d.picked} ${d.picked === 1 ? 'locality' : 'localities'} that can be chosen for Per district (${d.asked}); ${d.picked === 0 ? 'none is' : 'all are'} selected.`
        : `Additional asks for ${d.asked} more localities but only ${d.picked} ${d.picked === 1 ? 'was' : 'were'} left to choose; all of them are selected.`;
    case 'NO_DISTRICT':
      return `${d.count === 1 ? `${d.first} has` : `${d.count} localities have`} no District, so ${d.count === 1 ? 'it' : 'they'} can only be chosen as Additional.`;
    case 'REQUIRED':
      return `${d.locality} has no ${d.field}, which ${d.method} allocation${ofLine(d.line)} needs${d.more > 0 ? ` (and ${d.more} more)` : ''}.`;
    case 'NO_RECIPIENTS':
      return `${d.line} has no localities to share among: ${d.allocateTo === 'all' ? 'the Localities table is empty or missing' : 'no locality is selected'}.`;
    case 'UNRANKED_RECIPIENTS':
      return `Need weighted allocation${ofLine(d.line)} needs a need score for every locality it shares to; ${d.count} ${d.count === 1 ? 'has' : 'have'} none (first: ${d.first}).`;
    case 'ZERO_BASIS':
      return `${d.line} cannot be shared: every locality's ${d.basis} is 0.`;
    case 'UNKNOWN_BASIS':
      return `${d.field} "${d.method}" is not one of "Equal", "Per ward", "Per head", "Need weighted", and Localities has no column named "${d.header}" to share by${guessed(d.guess)}.`;
    case 'DIRECTION_ASSUMED': {
      const because = {
        rank: 'its header says rank, and rank 1 is the most deprived',
        decile: 'its header says decile, and decile 1 is the most deprived',
        'most-deprived': 'its header says 1 is most deprived',
        other: 'nothing in its header says otherwise',
      } satisfies Record<typeof d.why, string>;
      const direction = d.direction === 'lower-is-worse' ? 'Lower is worse' : 'Higher is worse';
      return `Direction for ${d.indicator} is blank, so "${direction}" is assumed (${because[d.why]}). ${d.hasColumn ? 'Fill in this cell' : 'Add a Direction column'} to say which way is more deprived.`;
    }
    case 'NEGATIVE_COST':
      return `the revenue costs in ${yearLabel(d.year)} come to ${d.amount}, below zero: the savings are larger than the costs they save on. Check the saving lines for that year.`;
    case 'NOT_APPLIED':
      return notAppliedWords(d.line, d.reason);
    case 'TOTAL_TOO_LARGE':
      return tooLargeWords(d.where);
    case 'OWNERSHIP':
      switch (d.clash) {
        case 'record':
          return `The workbook already has ${sheetKindWords[d.sheetKind]} named "${d.sheetName}" that Locality Planner did not create; Locality Planner keeps its record of what it made on a sheet of that name, so nothing was written. Rename that sheet, then run again.`;
        case 'sheet':
          return `The workbook already has ${sheetKindWords[d.sheetKind]} named "${d.sheetName}" that Locality Planner did not create, so nothing was written. Rename that sheet (right-click its tab, then Rename), or give the results other names with the parameter Output sheet prefix (for example "LP", which makes "LP ${d.sheetName}"), then run again.`;
        case 'table':
          return `The sheet "${d.sheetName}" has a table named ${d.tableName}, a name Locality Planner uses for its results, so nothing was written. Rename that table, then run again.`;
        case 'renamed':
          return `The sheet "${d.sheetName}" is Locality Planner's ${d.output} sheet under a new name, and a run also makes a sheet named "${d.sheetName}", so nothing was written. Rename "${d.sheetName}" (to "${d.output}", say), then run again.`;
        default: {
          const never: never = d;
          return never;
        }
      }
    case 'OWNED_SHEET_RENAMED':
      return `Locality Planner's ${d.output} sheet is now named "${d.sheetName}"; its results were refreshed there, under that name.`;
    case 'OWNED_SHEET_COPIED':
      return `${listed(d.sheets)} ${d.sheets.length === 2 ? 'both' : 'all'} carry the mark of Locality Planner's ${d.output} sheet (one was copied from another) and none is still named "${d.lastName}", so none of them was changed; the results went to a new sheet "${d.output}". Delete the copies you do not need.`;
    case 'RUN_HISTORY_RESTARTED':
      return `The run history kept in the hidden _LocalityPlanner record could not be read (from its row ${d.row}: changed by hand or by another program), so it starts again with this run and earlier runs are no longer listed on Run info. Nothing else was affected.`;
    case 'NOT_CHECKED':
      return `Not worked out yet, because of the errors above: ${d.stages.map((s) => `${stageWords[s.stage]} (needs ${s.needs.join(', ')})`).join('; ')}. Fix those errors and run again; problems that depend on these are checked then.`;
    case 'SCENARIO_UNKNOWN_ITEM':
      return d.table === null
        ? `"${d.item}" is not a parameter, cost line, funding source or locality in the input tables${guessed(d.guess)}; a scenario can only change what the inputs have.`
        : `${d.table} has no ${scenarioItemWord[d.table]} "${d.item}"${guessed(d.guess)}; a scenario can only change what the inputs have.`;
    case 'SCENARIO_AMBIGUOUS_ITEM':
      return `"${d.item}" is in ${d.tables.join(' and ')}; write which in this row's Table column.`;
    case 'SCENARIO_REPEATED_ITEM':
      return `${d.table} has "${d.item}" on more than one row (rows ${d.rows.join(', ')}), so a scenario cannot tell which to change; give each row its own name.`;
    case 'SCENARIO_BAD_FIELD':
      return d.field === '' ? `say which column of ${d.table} to change for "${d.item}": ${d.allowed}.` : `"${d.field}" is not a column a scenario can change for "${d.item}" in ${d.table}: ${d.allowed}.`;
    case 'SCENARIO_CHANGED_TWICE':
      return `scenario "${d.scenario}" changes this value twice (first at ${d.first}); keep one row.`;
    case 'SCENARIO_NAME':
      return d.why === 'blank'
        ? 'this scenario column has values but no name; head it with the scenario\'s name (e.g. "Low").'
        : d.why === 'repeated'
          ? `two scenarios are named ${describeCell(d.found)}; give each its own name.`
          : `${describeCell(d.found)} is the name of a case every run plans ("Base", "Confirmed funding only"); give this scenario another name.`;
    case 'SCENARIO_VALUE':
    case 'SCENARIO_NOTE':
      return `in scenario "${d.scenario}", ${d.where === null ? '' : `${d.where}: `}${d.inner}`;
    default: {
      const never: never = d;
      return never;
    }
  }
}

const scenarioItemWord: Record<ScenarioTable, string> = { Parameters: 'parameter', Costs: 'cost line', Funding: 'funding source', Localities: 'locality' };

/** The one way an issue is made: its facts and place, with its severity and sentence from the catalogue. */
export function issueAt(detail: IssueDetail, where: IssueWhere): Issue {
  return { ...detail, ...where, severity: severityOf[detail.code], message: messageOf(detail, where.table) } as Issue;
}

/** `Funding!C4: …` — how the CLI prints an issue (the area, for an issue about several cells; `Data!C4 (Funding table): …` for a table on a sheet of another name). */
export function formatIssue(issue: Issue): string {
  if (!issue.cell) return `${issue.table}: ${issue.message}`;
  const sheet = issue.sheet ?? issue.table;
  // An input table on a sheet of another name (an Excel table named Costs on "Data"): the address
  // finds the cell, and the table's name says which input it is (contract §4: table and cell).
  const named = issue.table !== 'Workbook' && normalizeWord(sheet) !== normalizeWord(issue.table) ? ` (${issue.table} table)` : '';
  return `${sheet}!${issue.area ?? issue.cell}${named}: ${issue.message}`;
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');

/** Issues in the order to show them: errors first, each kind in the order found. */
export function issuesInOrder(issues: readonly Issue[]): Issue[] {
  return [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity !== 'error')];
}
