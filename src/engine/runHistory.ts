import type { CellValue } from './cells';
import { type Issue, issueAt } from './issues';
import { type Pence, formatPounds, groupThousands, pence, sumPence } from './money';
import type { PlanResults } from './results';
import type { Staged } from './stage';
import type { Warning, WarningCode, WarningSeverity } from './warnings';
import { yearLabel } from './years';

/**
 * The run history that travels with the workbook (issue 14, part 5). Its one home is the
 * very hidden `_LocalityPlanner` record, which follows the workbook's identity rather
 * than any sheet's name: so it survives the Run info sheet being cleared and rewritten
 * each run, the Output sheet prefix changing and the Run info sheet being renamed. Each
 * successful run reads it, adds its own row and writes it back whole; a run stopped by
 * input errors writes nothing, so it adds nothing. See docs/workbook-format.md, "Run
 * history".
 */

/** The most runs the record keeps: a workbook refreshed every working day for four years stays small. Older runs are dropped, and counted. */
export const MAX_RUNS = 1000;

/** One run, as the history keeps it. Money in whole pence; revenue figures, as the Summary and the pane show them. */
export interface RunEntry {
  /** When it ran (UTC, to the millisecond, as ISO 8601 keeps it). */
  readonly at: Date;
  /** Who ran it: `Excel add-in` or `command-line tool`. */
  readonly host: string;
  readonly version: string;
  /** The inputs' SHA-256 fingerprint: the same text means the same inputs. */
  readonly fingerprint: string;
  readonly selectedCount: number;
  readonly cost: Pence;
  readonly funding: Pence;
  readonly shortfall: Pence;
}

/** A locality as the history names it: its name and district as written. */
export interface LocalityKey {
  readonly name: string;
  readonly district: string | null;
}

/** A warning as the history tells it apart from others: its code, year and subject, never its wording (amounts change). */
export interface WarningKey {
  readonly code: WarningCode;
  /** `2026/27`, or null. */
  readonly year: string | null;
  readonly subject: string | null;
}

/**
 * What the next run compares itself with: the latest run's selection and warnings. Only
 * the latest run's are kept (older runs keep their totals alone), so the record stays
 * small however long the history.
 */
export interface LastRunDetail {
  readonly selected: readonly LocalityKey[];
  readonly warnings: readonly WarningKey[];
}

/** The history as read from the record, or as it will be written. Runs in the order they were made (oldest first). */
export interface RunHistory {
  readonly runs: readonly RunEntry[];
  /** Runs dropped to keep within {@link MAX_RUNS}, over the workbook's life. */
  readonly dropped: number;
  /** The latest run's selection and warnings; null when there is no run yet. */
  readonly last: LastRunDetail | null;
  /** True when the record held a history block that could not be read, so this history starts again. */
  readonly restarted: boolean;
}

export const emptyHistory: RunHistory = { runs: [], dropped: 0, last: null, restarted: false };

/** A total then and now: `change` is now minus then, in pence. */
export interface TotalChange {
  readonly before: Pence;
  readonly now: Pence;
  readonly change: Pence;
}

/**
 * What changed since the run before this one, for the task pane and the command-line
 * tool (issue 14, part 5). `first-run`: the workbook has no earlier run (or its history
 * could not be read, `restarted`), so there is nothing to compare.
 */
export type ChangesSinceLastRun =
  | { readonly kind: 'first-run'; readonly restarted: boolean }
  | {
      readonly kind: 'compared';
      /** The run compared with. */
      readonly previous: { readonly at: Date; readonly host: string; readonly version: string };
      /** True when the inputs' fingerprint is the same as then. */
      readonly sameInputs: boolean;
      /** Localities selected now and not then, then not now: by name, in the order of this run and of that one. */
      readonly added: readonly string[];
      readonly dropped: readonly string[];
      readonly totals: { readonly cost: TotalChange; readonly funding: TotalChange; readonly shortfall: TotalChange };
      /** Warnings this run has that the last did not, as this run words them, most severe first. */
      readonly newWarnings: readonly { readonly severity: WarningSeverity; readonly code: WarningCode; readonly message: string }[];
      /** Warnings the last run had that this one does not, named by what they were about (`Funding ends: Towns Fund, 2026/27`). */
      readonly clearedWarnings: readonly string[];
    };

// The record's history block: each row's first cell says what it is, so the ownership reader (which takes only sheet, table and chart rows) passes over it.
const BLOCK = 'Run history';
const RUN = 'run';
const DROPPED = 'runs dropped';
const LAST_SELECTED = 'last run selected';
const LAST_WARNING = 'last run warning';
// groupThousands, not toLocaleString: the latter loads ICU's number formatting (15-25 ms) as the tool starts.
const BLOCK_NOTE = `One row per run, oldest first; the last ${groupThousands(MAX_RUNS)} runs are kept. Amounts in pence.`;
/** The block's header row, as the record writes it. */
export const historyHeader = ['Row', 'Run at (UTC)', 'Run by', 'Version', 'Inputs fingerprint', 'Localities selected', 'Total cost', 'Total funding', 'Total shortfall'] as const;

const warningCodes: readonly WarningCode[] = ['SHORTFALL', 'CAPITAL_SHORTFALL', 'FUNDING_ENDS', 'POT_EXHAUSTED', 'POT_LAPSES', 'RESERVE_USED', 'ONE_OFF_RELIANCE', 'AT_RISK', 'INPUT'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const FINGERPRINT = /^[0-9a-f]{64}$/;

/** A whole number of pence from a record cell: text of digits (as written) or a whole number (a program that turned the text into one). */
function penceIn(cell: CellValue): Pence | undefined {
  const n = typeof cell === 'string' && /^-?\d{1,16}$/.test(cell.trim()) ? Number(cell.trim()) : typeof cell === 'number' ? cell : NaN;
  return Number.isSafeInteger(n) ? pence(n) : undefined;
}

const countIn = (cell: CellValue): number | undefined => {
  const n = penceIn(cell);
  return n !== undefined && n >= 0 ? n : undefined;
};
const textIn = (cell: CellValue): string | undefined => (typeof cell === 'string' && cell !== '' ? cell : undefined);
const optionalText = (cell: CellValue): string | null | undefined => (cell === null || cell === undefined || cell === '' ? null : textIn(cell));

function runIn(row: readonly CellValue[]): RunEntry | undefined {
  const [, at, host, version, fingerprint, selected, cost, funding, shortfall] = row;
  const when = typeof at === 'string' && ISO.test(at) ? new Date(at) : undefined;
  const h = textIn(host ?? null);
  const v = textIn(version ?? null);
  const f = typeof fingerprint === 'string' && FINGERPRINT.test(fingerprint) ? fingerprint : undefined;
  const n = countIn(selected ?? null);
  const c = penceIn(cost ?? null);
  const u = penceIn(funding ?? null);
  const s = penceIn(shortfall ?? null);
  if (!when || Number.isNaN(when.getTime()) || h === undefined || v === undefined || f === undefined || n === undefined || c === undefined || u === undefined || s === undefined) return undefined;
  return { at: when, host: h, version: v, fingerprint: f, selectedCount: n, cost: c, funding: u, shortfall: s };
}

/**
 * Reads the run history from the record's rows (`WorkbookInput.ownershipRecord`). No
 * record, or a record without a history block (version 2 and before): an empty history,
 * silently. A block with a row that cannot be read (edited by hand, damaged by another
 * program): a fresh history and one Low warning saying so; never a stopped run.
 */
export function readRunHistory(rows: readonly (readonly CellValue[])[] | undefined, recordSheet: string | undefined): Staged<RunHistory> {
  const start = rows?.findIndex((r) => r[0] === BLOCK) ?? -1;
  if (!rows || start < 0) return { value: emptyHistory, issues: [] };
  const runs: RunEntry[] = [];
  const selected: LocalityKey[] = [];
  const warnings: WarningKey[] = [];
  let dropped = 0;
  let damaged: number | null = null;
  for (let i = start + 1; i < rows.length && damaged === null; i++) {
    const row = rows[i];
    const kind = row[0];
    if (kind === RUN) {
      const run = runIn(row);
      if (run) runs.push(run);
      else damaged = i;
    } else if (kind === DROPPED) {
      const n = countIn(row[1] ?? null);
      if (n === undefined) damaged = i;
      else dropped = n;
    } else if (kind === LAST_SELECTED) {
      const name = textIn(row[1] ?? null);
      const district = optionalText(row[2] ?? null);
      if (name === undefined || district === undefined) damaged = i;
      else selected.push({ name, district });
    } else if (kind === LAST_WARNING) {
      const code = warningCodes.find((c) => c === row[1]);
      const year = optionalText(row[2] ?? null);
      const subject = optionalText(row[3] ?? null);
      if (code === undefined || year === undefined || subject === undefined) damaged = i;
      else warnings.push({ code, year, subject });
    }
    // Any other row (the header, a blank) is not the history's.
  }
  // Rows keep the order runs were made in; their times are what each host's clock said, and two computers' clocks may disagree, so times out of order are no damage.
  if (damaged !== null) {
    const issue: Issue = issueAt({ code: 'RUN_HISTORY_RESTARTED', row: damaged + 1 }, { table: 'Workbook', ...(recordSheet !== undefined ? { sheet: recordSheet } : {}) });
    return { value: { ...emptyHistory, restarted: true }, issues: [issue] };
  }
  return { value: { runs, dropped, last: runs.length > 0 ? { selected, warnings } : null, restarted: false }, issues: [] };
}

/** This run as the history keeps it, with its selection and warnings for the next run to compare. */
export function thisRun(r: PlanResults): { readonly entry: RunEntry; readonly detail: LastRunDetail } {
  const selected = r.priorities.filter((p) => p.selected);
  return {
    entry: {
      at: r.runAt,
      host: r.host,
      version: r.toolVersion,
      fingerprint: r.fingerprint,
      selectedCount: selected.length,
      cost: sumPence(r.funding.byYear.map((y) => y.cost)),
      funding: r.funding.totals.funding,
      shortfall: r.funding.totals.shortfall,
    },
    detail: { selected: selected.map((p) => ({ name: p.locality.name, district: p.locality.district })), warnings: r.warnings.map(warningKey) },
  };
}

const warningKey = (w: Warning): WarningKey => ({ code: w.code, year: w.year === null ? null : yearLabel(w.year), subject: w.subject });

/** The history with this run added last, keeping the latest {@link MAX_RUNS} (the dropped ones counted). */
export function appendRun(history: RunHistory, entry: RunEntry, detail: LastRunDetail): RunHistory {
  const runs = [...history.runs, entry];
  const over = Math.max(0, runs.length - MAX_RUNS);
  return { runs: runs.slice(over), dropped: history.dropped + over, last: detail, restarted: history.restarted };
}

/** The history block as the record writes it: every cell text, money in whole pence, so it reads back exactly. */
export function historyRows(history: RunHistory): (readonly CellValue[])[] {
  return [
    [BLOCK, BLOCK_NOTE],
    [...historyHeader],
    ...history.runs.map((r) => [RUN, r.at.toISOString(), r.host, r.version, r.fingerprint, String(r.selectedCount), String(r.cost), String(r.funding), String(r.shortfall)]),
    ...(history.dropped > 0 ? [[DROPPED, String(history.dropped)]] : []),
    ...(history.last?.selected ?? []).map((l) => [LAST_SELECTED, l.name, l.district]),
    ...(history.last?.warnings ?? []).map((w) => [LAST_WARNING, w.code, w.year, w.subject]),
  ];
}

/** The case-blind key Excel would use for a name. */
const keyOf = (l: LocalityKey): string => `${l.name.toLocaleLowerCase('en-GB')}\u0000${(l.district ?? '').toLocaleLowerCase('en-GB')}`;
const warningId = (w: WarningKey): string => `${w.code}\u0000${w.year ?? ''}\u0000${w.subject ?? ''}`;

const codeWords: Record<WarningCode, string> = {
  SHORTFALL: 'Shortfall',
  CAPITAL_SHORTFALL: 'Capital shortfall',
  FUNDING_ENDS: 'Funding ends',
  POT_EXHAUSTED: 'Pot used up',
  POT_LAPSES: 'Pot lapses',
  RESERVE_USED: 'Reserve drawn',
  ONE_OFF_RELIANCE: 'Reliance on one-off pots',
  AT_RISK: 'Funding not confirmed',
  INPUT: 'Input',
};

/** A warning named by what it was about: `Funding ends: Towns Fund, 2026/27`. */
export function warningInWords(w: WarningKey): string {
  return `${codeWords[w.code]}${w.subject === null ? '' : `: ${w.subject}`}${w.year === null ? '' : `, ${w.year}`}`;
}

const totalChange = (before: Pence, now: Pence): TotalChange => ({ before, now, change: pence(now - before) });

/**
 * What changed between the history's latest run and this one: localities added and
 * dropped (matched by name and district, ignoring case), the three totals with their
 * change in pence, and warnings new and cleared (matched by code, year and subject).
 */
export function changesSince(history: RunHistory, now: RunEntry, detail: LastRunDetail, warnings: readonly Warning[]): ChangesSinceLastRun {
  const previous = history.runs[history.runs.length - 1];
  const last = history.last;
  if (!previous || !last) return { kind: 'first-run', restarted: history.restarted };
  const before = new Set(last.selected.map(keyOf));
  const after = new Set(detail.selected.map(keyOf));
  const hadWarning = new Set(last.warnings.map(warningId));
  const hasWarning = new Set(detail.warnings.map(warningId));
  return {
    kind: 'compared',
    previous: { at: previous.at, host: previous.host, version: previous.version },
    sameInputs: previous.fingerprint === now.fingerprint,
    added: detail.selected.filter((l) => !before.has(keyOf(l))).map((l) => l.name),
    dropped: last.selected.filter((l) => !after.has(keyOf(l))).map((l) => l.name),
    totals: { cost: totalChange(previous.cost, now.cost), funding: totalChange(previous.funding, now.funding), shortfall: totalChange(previous.shortfall, now.shortfall) },
    newWarnings: warnings.filter((w) => !hadWarning.has(warningId(warningKey(w)))).map((w) => ({ severity: w.severity, code: w.code, message: w.message })),
    clearedWarnings: last.warnings.filter((w) => !hasWarning.has(warningId(w))).map(warningInWords),
  };
}

/** `up £12,400.00`, `down £3.50`, `unchanged`: a change in words, money as the sheets write it. */
export function changeInWords(change: Pence): string {
  if (change === 0) return 'unchanged';
  return `${change > 0 ? 'up' : 'down'} ${formatPounds(pence(Math.abs(change)))}`;
}

/** `1 Dec 2026 14:03 UTC`: when a run was, in words the CLI prints (the pane shows its own time zone). */
export function runTimeInWords(at: Date): string {
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][at.getUTCMonth()];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCDate()} ${month} ${at.getUTCFullYear()} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())} UTC`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * What changed, in one line of plain words for the command-line tool:
 * `Since the last run (1 Dec 2026 14:03 UTC, Excel add-in): shortfall up £12,400.00; 2 localities added, 1 dropped; 1 new warning.`
 */
export function changesInWords(changes: ChangesSinceLastRun): string {
  if (changes.kind === 'first-run') {
    return changes.restarted ? 'The run history could not be read, so it starts again with this run: nothing to compare.' : 'First run in this workbook: nothing to compare.';
  }
  const parts: string[] = [];
  const { cost, shortfall } = changes.totals;
  parts.push(`shortfall ${changeInWords(shortfall.change)}`);
  if (cost.change !== 0) parts.push(`cost ${changeInWords(cost.change)}`);
  const { added, dropped } = changes;
  if (added.length + dropped.length === 0) parts.push('the same localities');
  else parts.push(added.length > 0 && dropped.length > 0 ? `${plural(added.length, 'locality', 'localities')} added, ${dropped.length} dropped` : added.length > 0 ? `${plural(added.length, 'locality', 'localities')} added` : `${plural(dropped.length, 'locality', 'localities')} dropped`);
  const warned = [...(changes.newWarnings.length > 0 ? [plural(changes.newWarnings.length, 'new warning', 'new warnings')] : []), ...(changes.clearedWarnings.length > 0 ? [`${changes.clearedWarnings.length} cleared`] : [])];
  parts.push(warned.length > 0 ? warned.join(', ') : 'no new warnings');
  const inputs = changes.sameInputs ? ', on the same inputs' : '';
  return `Since the last run (${runTimeInWords(changes.previous.at)}, ${changes.previous.host})${inputs}: ${parts.join('; ')}.`;
}
