import type { CellValue } from '../cells';
import type { OtherSheetKind, WorkbookInput } from '../input';
import { type Issue, issueAt } from '../issues';
import { sameName } from '../read/tables';
import { Sha256 } from '../sha256';
import type { Staged } from '../stage';
import { SheetBuilder, rect } from './sheetBuilder';
import type { OutputPlan, SheetPlan } from './types';

/**
 * What Locality Planner owns in a workbook, decided the same way in both hosts (contract
 * §3): the one place that reads and writes the ownership record, proves which sheets are
 * the tool's, and says where each output goes.
 *
 * A sheet is the tool's only when it is proven so by identity, never by its name alone:
 * each sheet the tool makes carries a mark, a hidden defined name scoped to the sheet
 * (`_LocalityPlannerSheet`) holding a text no other sheet has, and the record lists each
 * output with its sheet's mark. Excel keeps a sheet-scoped name with its sheet through a
 * rename and a move, and both the .xlsx writer and Office.js (ExcelApi 1.4) can read and
 * write one, so both hosts see the same proof. See docs/workbook-format.md, "What the tool
 * owns".
 */

/** The very hidden sheet where a workbook records what Locality Planner made (contract §3). */
export const OWNERSHIP_SHEET = '_LocalityPlanner';

/** What the record's first cell says: how a run knows the sheet is its own record and not a user's sheet of that name. */
export const OWNERSHIP_TITLE = 'Locality Planner ownership record';

/**
 * The record's layout this version writes. Version 1 (Locality Planner 0.1.0) listed each
 * sheet by name only; its entries are still honoured where a sheet's contents prove them
 * (see {@link proveOwnedSheets}). Version 2 added marks; version 3 adds the run history
 * block below the items (see runHistory.ts), which a version 2 record lacks: it reads as
 * no history yet.
 */
export const RECORD_VERSION = '3';

/** The versions whose sheets carry marks. */
const MARKED_VERSIONS: readonly CellValue[] = ['2', '3'];

/** The record's header row; rows below it are `kind, name, sheet, mark`. */
export const ownershipHeader = ['Kind', 'Name', 'Sheet', 'Mark'] as const;

/** The hidden defined name, scoped to its sheet, that carries a sheet's mark. */
export const MARK_NAME = '_LocalityPlannerSheet';

/** A mark as the tool writes it: `lp1-` and 24 hexadecimal digits. Anything else in a sheet's `_LocalityPlannerSheet` is no mark. */
const MARK_PATTERN = /^lp1-[0-9a-f]{24}$/;

/**
 * A defined name's formula as the string it holds, when it is one string constant
 * (`"lp1-…"` in a file, `="lp1-…"` from Office.js; quotes doubled inside); undefined for a
 * reference, a formula or anything else. Both hosts read a sheet's mark through this.
 */
export function stringConstant(formula: string): string | undefined {
  const m = /^\s*=?\s*"((?:[^"]|"")*)"\s*$/.exec(formula);
  return m ? m[1].replace(/""/g, '"') : undefined;
}

/** Whether a text is a mark the tool could have written. */
export const isMark = (text: unknown): text is string => typeof text === 'string' && MARK_PATTERN.test(text);

export type OwnedKind = 'sheet' | 'table' | 'chart';

/**
 * One row of the record. For a sheet, `name` is the output's name as a run plans it
 * (`Projection`), `sheet` the name the sheet had when last written (the user may rename
 * it), and `mark` the sheet's mark. For a table or chart, `sheet` is the sheet it is on.
 */
export interface OwnedItem {
  readonly kind: OwnedKind;
  readonly name: string;
  readonly sheet: string;
  readonly mark?: string;
}

/**
 * The workbook's ownership sheet, found the same way by both hosts: a sheet named
 * `_LocalityPlanner`, ignoring case as Excel does. Its rows go to the engine as
 * `WorkbookInput.ownershipRecord`.
 */
export function findOwnershipSheet(sheetNames: readonly string[]): string | undefined {
  return sheetNames.find((n) => sameName(n, OWNERSHIP_SHEET));
}

/** True when the rows are a record this tool wrote (its title in the first cell). */
export function isOwnershipRecord(rows: readonly (readonly CellValue[])[] | undefined): boolean {
  return rows?.[0]?.[0] === OWNERSHIP_TITLE;
}

interface RecordRead {
  /** 1: sheets by name only (0.1.0); 2: with marks; 3: with marks and the run history. */
  readonly version: 1 | 2 | 3;
  readonly items: readonly OwnedItem[];
}

/** Reads the ownership sheet's rows into items, ignoring anything that is not a record row. Undefined when there is no record. */
function readRecord(rows: readonly (readonly CellValue[])[] | undefined): RecordRead | undefined {
  if (!rows || !isOwnershipRecord(rows)) return undefined;
  const given = rows.find((r) => r[0] === 'Record version' && MARKED_VERSIONS.includes(r[1]))?.[1];
  const version = given === '3' ? 3 : given === '2' ? 2 : 1;
  const items: OwnedItem[] = [];
  for (const row of rows) {
    const [kind, name, sheet, mark] = row;
    if ((kind === 'sheet' || kind === 'table' || kind === 'chart') && typeof name === 'string' && name !== '') {
      const on = typeof sheet === 'string' && sheet !== '' ? sheet : name;
      items.push({ kind, name, sheet: on, ...(kind === 'sheet' && isMark(mark) ? { mark } : {}) });
    }
  }
  return { version, items };
}

/**
 * How each output sheet begins, as every version has written it: its title in A1 and its
 * subtitle in A2. A record entry without a mark to go by is proven by these (and a test
 * keeps them in step with the plan's own sheets).
 */
const openings: readonly { readonly title: string; readonly subtitle: RegExp }[] = [
  { title: 'Summary', subtitle: /^The plan for .+ on one page: / },
  { title: 'Projection', subtitle: /^Costs and funding by financial year, / },
  { title: 'Priorities', subtitle: /^\d+ of \d+ localities selected\. / },
  // 0.1.0 shared one pot; contract v1.1 shares devolved budgets line by line.
  { title: 'Allocation', subtitle: /^(No Allocation pot is set in Parameters|.+ a year shared .+ Each year adds up to the pot to the penny\.$|.+ shared among .+ Each line adds up to its amount to the penny, every year\.$)/ },
  { title: 'Warnings', subtitle: /^(No warnings: |\d+ warnings: )/ },
  { title: 'Charts', subtitle: /^Native Excel charts; / },
  { title: 'Scenarios', subtitle: /^Each case planned in full, / },
  { title: 'Sensitivity', subtitle: /^Base's total revenue shortfall, / },
  { title: 'Run info', subtitle: /^What this run read and the values it used\.$/ },
];

/** Whether a sheet begins as one of the tool's output sheets does. */
export function opensLikeAnOutput(a1: CellValue, a2: CellValue): boolean {
  return openings.some((o) => a1 === o.title && typeof a2 === 'string' && o.subtitle.test(a2));
}

/** A worksheet proven the tool's, for one record entry. */
export interface ProvenSheet {
  /** The record's entry for it (its output's name, where it was last written, its mark). */
  readonly entry: OwnedItem;
  /** The sheet's name now. */
  readonly sheet: string;
  /** `mark`: it alone carries the entry's mark, or is the one of several that kept the recorded name; `opening`: no sheet carries a mark for it, and it opens as the tool's sheets do. */
  readonly by: 'mark' | 'opening';
}

/** What classifying the workbook's sheets found. */
export interface Classified {
  readonly proven: readonly ProvenSheet[];
  /** Entries whose mark is on more than one sheet, none still bearing the recorded name (the user copied the sheet and renamed both): neither is the tool's. */
  readonly copies: readonly { readonly entry: OwnedItem; readonly sheets: readonly string[] }[];
  readonly record: RecordRead | undefined;
}

const markOf = (input: WorkbookInput, sheet: string): string | undefined => {
  const mark = input.sheetMarks?.find((m) => sameName(m.sheet, sheet))?.mark;
  return isMark(mark) ? mark : undefined;
};

/**
 * The worksheets named by record entries that no mark proves, whose first two cells a
 * host must read (`WorkbookInput.openingCells`) so {@link proveOwnedSheets} can prove
 * them by how they open: entries written before marks (record version 1), or whose mark
 * no sheet carries now (another program dropped the defined name).
 */
export function sheetsToProveByOpening(input: Pick<WorkbookInput, 'sheetNames' | 'sheetMarks' | 'ownershipRecord'>): string[] {
  const record = readRecord(input.ownershipRecord);
  if (!record) return [];
  const wanted: string[] = [];
  for (const entry of record.items) {
    if (entry.kind !== 'sheet') continue;
    if (entry.mark !== undefined && (input.sheetMarks ?? []).some((m) => m.mark === entry.mark)) continue;
    const sheet = input.sheetNames.find((n) => sameName(n, entry.sheet));
    if (sheet !== undefined && !wanted.some((w) => sameName(w, sheet))) wanted.push(sheet);
  }
  return wanted;
}

/**
 * Classifies every worksheet as the tool's or not (every other kind of sheet is never the
 * tool's). A worksheet is proven the tool's for a record entry when:
 * - it carries the entry's mark and no other sheet does (whatever it is called now); or,
 *   when several do (a copy was made, and Excel copies the name with the sheet), it is
 *   the one still bearing the name the entry recorded;
 * - or, when no sheet carries the entry's mark (a record from before marks, or a program
 *   that dropped the name), it bears the recorded name, carries no mark of its own (under
 *   a version 1 record, which predates marks, any mark), opens as the tool's sheets open
 *   (title in A1, subtitle in A2), and no table the record lists with it is on another sheet.
 * Each sheet is proven for one entry at most, the first; an entry repeating an earlier
 * entry's name is ignored. Anything not proven is the user's.
 */
export function proveOwnedSheets(input: WorkbookInput): Classified {
  const record = readRecord(input.ownershipRecord);
  const proven: ProvenSheet[] = [];
  const copies: { entry: OwnedItem; sheets: string[] }[] = [];
  if (!record) return { proven, copies, record };
  const claimed = (sheet: string) => proven.some((p) => sameName(p.sheet, sheet));
  const seen: string[] = [];
  for (const entry of record.items) {
    if (entry.kind !== 'sheet' || sameName(entry.name, OWNERSHIP_SHEET) || seen.some((n) => sameName(n, entry.name))) continue;
    seen.push(entry.name);
    // The record itself is never an output, whatever name scoped to it says.
    const carriers = entry.mark === undefined ? [] : input.sheetNames.filter((s) => !sameName(s, OWNERSHIP_SHEET) && markOf(input, s) === entry.mark);
    let sheet: string | undefined;
    let by: ProvenSheet['by'] = 'mark';
    if (carriers.length === 1) sheet = carriers[0];
    else if (carriers.length > 1) {
      const original = carriers.filter((c) => sameName(c, entry.sheet));
      if (original.length === 1) sheet = original[0];
      else copies.push({ entry, sheets: carriers });
    } else {
      sheet = provenByOpening(input, record, entry);
      by = 'opening';
    }
    if (sheet !== undefined && !claimed(sheet)) proven.push({ entry, sheet, by });
  }
  return { proven, copies, record };
}

/** The sheet bearing the entry's recorded name, if it opens as the tool's sheets do and nothing says it is not the one the tool wrote. */
function provenByOpening(input: WorkbookInput, record: RecordRead, entry: OwnedItem): string | undefined {
  const sheet = input.sheetNames.find((n) => sameName(n, entry.sheet));
  if (sheet === undefined) return undefined;
  if (record.version >= 2 && markOf(input, sheet) !== undefined) return undefined;
  const opening = input.openingCells?.find((o) => sameName(o.sheet, sheet));
  if (!opening || !opensLikeAnOutput(opening.a1, opening.a2)) return undefined;
  // The record's tables for this sheet, found on another: the sheet the tool wrote was renamed, and this is not it.
  const listed = record.items.filter((i) => i.kind === 'table' && sameName(i.sheet, entry.sheet));
  if (listed.some((t) => input.tableNames.some((x) => sameName(x.name, t.name) && !sameName(x.sheet, sheet)))) return undefined;
  return sheet;
}

/**
 * True when this sheet is proven the tool's own (see {@link proveOwnedSheets}). A run
 * writes a sheet named Scenarios (contract v1.1 §6.4), the name the Scenarios input may
 * have as a sheet: on a re-run that sheet is a result, never an input.
 */
export function ownsSheet(input: WorkbookInput, sheet: string): boolean {
  return proveOwnedSheets(input).proven.some((p) => sameName(p.sheet, sheet));
}

/** What a run will make: its sheets, and each table with the sheet it goes on (both as planned, before placing). */
export interface PlannedNames {
  readonly sheets: readonly string[];
  readonly tables: readonly { readonly name: string; readonly sheet: string }[];
}

/** Where one output sheet goes. */
export interface Placement {
  /** The output's name as planned. */
  readonly output: string;
  /** The sheet written: one proven the tool's (by its name now), or a new one named as the output. */
  readonly sheet: string;
  readonly existing: boolean;
  /** The mark the sheet keeps; undefined for a new sheet or one proven by how it opens, which get a new mark. */
  readonly mark: string | undefined;
}

/** Where a run's outputs go, and what else of the tool's stays. */
export interface Claims {
  readonly placements: readonly Placement[];
  /** What the record lists, proven and still in the workbook, that this run does not write (under another Output sheet prefix, say): kept in the record, so it stays the tool's. */
  readonly kept: readonly OwnedItem[];
}

/** The kind of sheet a name is taken by, if any: a worksheet, or another kind the host saw. */
function takenBy(input: WorkbookInput, name: string): { readonly sheet: string; readonly kind: 'worksheet' | OtherSheetKind } | undefined {
  const worksheet = input.sheetNames.find((n) => sameName(n, name));
  if (worksheet !== undefined) return { sheet: worksheet, kind: 'worksheet' };
  const other = input.otherSheets?.find((s) => sameName(s.name, name));
  return other ? { sheet: other.name, kind: other.kind } : undefined;
}

/**
 * Decides, before anything is written, where each planned output goes: into the sheet
 * proven the tool's for it (refreshed under whatever name the user gave it), or into a new
 * sheet of its own name. Refuses (an OWNERSHIP error) a name taken by a sheet of any kind
 * not proven the tool's, a table name taken by a table on a sheet the run does not
 * rewrite (table names are workbook-wide), a name taken by another of the tool's sheets
 * renamed to it, and a sheet named like the record that is not the record. Notes a sheet
 * of the tool's found under a new name, and copies of one that cannot be told apart.
 */
export function claimOutputs(input: WorkbookInput, planned: PlannedNames): Staged<Claims> {
  const { proven, copies, record } = proveOwnedSheets(input);
  const issues: Issue[] = [];
  const where = (sheet: string) => ({ table: 'Workbook' as const, sheet });

  const recordTaken = takenBy(input, OWNERSHIP_SHEET);
  if (recordTaken && (recordTaken.kind !== 'worksheet' || !record)) {
    // A user's sheet that happens to have the record's name is neither overwritten nor trusted.
    issues.push(issueAt({ code: 'OWNERSHIP', clash: 'record', sheetName: recordTaken.sheet, sheetKind: recordTaken.kind, tableName: null }, where(recordTaken.sheet)));
  }

  const placements: Placement[] = [];
  for (const output of planned.sheets) {
    const mine = proven.find((p) => sameName(p.entry.name, output));
    if (mine) {
      placements.push({ output, sheet: mine.sheet, existing: true, mark: mine.by === 'mark' ? mine.entry.mark : undefined });
      if (!sameName(mine.sheet, mine.entry.sheet)) issues.push(issueAt({ code: 'OWNED_SHEET_RENAMED', output, sheetName: mine.sheet }, where(mine.sheet)));
      continue;
    }
    const taken = takenBy(input, output);
    const owner = taken && proven.find((p) => sameName(p.sheet, taken.sheet));
    if (taken && owner) issues.push(issueAt({ code: 'OWNERSHIP', clash: 'renamed', sheetName: taken.sheet, output: owner.entry.name, tableName: null }, where(taken.sheet)));
    else if (taken) issues.push(issueAt({ code: 'OWNERSHIP', clash: 'sheet', sheetName: taken.sheet, sheetKind: taken.kind, tableName: null }, where(taken.sheet)));
    else {
      placements.push({ output, sheet: output, existing: false, mark: undefined });
      const copied = copies.find((c) => sameName(c.entry.name, output));
      if (copied) issues.push(issueAt({ code: 'OWNED_SHEET_COPIED', output, lastName: copied.entry.sheet, sheets: copied.sheets }, where(copied.sheets[0])));
    }
  }

  // Every sheet placed is cleared of its tables before any table is made, so only a table elsewhere is in the way.
  const rewritten = (sheet: string) => placements.some((p) => p.existing && sameName(p.sheet, sheet));
  for (const table of planned.tables) {
    const clash = input.tableNames.find((t) => sameName(t.name, table.name));
    if (clash && !rewritten(clash.sheet)) issues.push(issueAt({ code: 'OWNERSHIP', clash: 'table', sheetName: clash.sheet, tableName: clash.name }, where(clash.sheet)));
  }

  return { value: { placements, kept: keptItems(input, proven, record, planned) }, issues };
}

/** The record's sheets proven and not planned, with their tables and charts, under the sheets' names now. */
function keptItems(input: WorkbookInput, proven: readonly ProvenSheet[], record: RecordRead | undefined, planned: PlannedNames): OwnedItem[] {
  if (!record) return [];
  const kept: OwnedItem[] = [];
  for (const p of proven) {
    if (planned.sheets.some((s) => sameName(s, p.entry.name))) continue;
    // A sheet proven by how it opens gets no new mark while it is not written; it stays listed by name, as version 1 listed it.
    kept.push({ kind: 'sheet', name: p.entry.name, sheet: p.sheet, ...(p.by === 'mark' && p.entry.mark !== undefined ? { mark: p.entry.mark } : {}) });
    for (const item of record.items) {
      if (item.kind === 'sheet' || !sameName(item.sheet, p.entry.sheet)) continue;
      if (item.kind === 'table' && !input.tableNames.some((t) => sameName(t.name, item.name) && sameName(t.sheet, p.sheet))) continue;
      if (item.kind === 'chart' && input.chartNames && !input.chartNames.some((c) => sameName(c.name, item.name) && sameName(c.sheet, p.sheet))) continue;
      kept.push({ ...item, sheet: p.sheet });
    }
  }
  return kept;
}

/**
 * A new sheet's mark: unique to the sheet and the run (the time, the inputs' fingerprint
 * and the output's name), so a sheet copied in from another workbook's results is never
 * taken for this workbook's; the same in both hosts for the same run, so they write the
 * same record.
 */
export function newMark(runAt: Date, fingerprint: string, output: string): string {
  return `lp1-${new Sha256().update(`${runAt.toISOString()}\n${fingerprint}\n${output}`).hex().slice(0, 24)}`;
}

/** Everything the sheets of a plan make, as the ownership record lists it, then what is kept. */
function recordItems(sheets: readonly SheetPlan[], placements: readonly Placement[], kept: readonly OwnedItem[]): OwnedItem[] {
  return [
    ...sheets.flatMap((s) => {
      const output = placements.find((p) => sameName(p.sheet, s.name))?.output ?? s.name;
      return [
        { kind: 'sheet' as const, name: output, sheet: s.name, ...(s.mark !== undefined ? { mark: s.mark } : {}) },
        ...s.tables.map((t) => ({ kind: 'table' as const, name: t.name, sheet: s.name })),
        ...s.charts.map((c) => ({ kind: 'chart' as const, name: c.name, sheet: s.name })),
      ];
    }),
    ...kept,
  ];
}

/**
 * The very hidden record of what the tool owns, shared by the add-in and the CLI (contract
 * §3), then, after a blank row, the run history block (its rows as runHistory.ts writes
 * them, every cell text).
 */
function recordSheet(items: readonly OwnedItem[], history: readonly (readonly CellValue[])[]): SheetPlan {
  const s = new SheetBuilder(OWNERSHIP_SHEET);
  s.add([OWNERSHIP_TITLE, 'Lists what Locality Planner created, so a re-run replaces it. Do not edit.']);
  s.add(['Record version', RECORD_VERSION]);
  s.add([...ownershipHeader]);
  for (const item of items) s.add([item.kind, item.name, item.sheet, item.mark ?? null]);
  if (history.length > 0) s.blank();
  for (const row of history) s.add(row.map((c) => (c === null || typeof c === 'string' ? c : String(c))));
  const width = Math.max(4, ...history.map((r) => r.length));
  s.format(rect(0, 0, s.row, width), 'text');
  s.columnWidths = [20, 30, 30, 32, ...Array.from({ length: width - 4 }, () => 20)];
  return s.build('very-hidden');
}

/** A plan's sheets as built, named as planned, before they are placed. */
export interface DraftPlan {
  readonly sheets: readonly SheetPlan[];
  readonly activeSheet: string;
}

/**
 * The plan as the adapters apply it: each sheet named as the sheet it goes into (a sheet
 * the user renamed keeps the user's name) and carrying its mark (the sheet's own, or a new
 * one from `markFor`), and the record listing it all, then `history`, the run history block
 * (runHistory.ts) the record carries below its items. Every output must have a placement.
 */
export function placeOutputs(draft: DraftPlan, claims: Claims, markFor: (output: string) => string, history: readonly (readonly CellValue[])[] = []): OutputPlan {
  const placed = (output: string): Placement => {
    const p = claims.placements.find((x) => sameName(x.output, output));
    if (!p) throw new Error(`The output ${output} has no place: the ownership check was not made with the plan's names`);
    return p;
  };
  const sheets = draft.sheets.map((s) => {
    const p = placed(s.name);
    return { ...s, name: p.sheet, mark: p.mark ?? markFor(p.output) };
  });
  return { sheets, ownership: recordSheet(recordItems(sheets, claims.placements, claims.kept), history), activeSheet: placed(draft.activeSheet).sheet };
}
