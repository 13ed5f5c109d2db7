import { type Issue, columnLetters, inputTableNames, parseCellAddress } from '../engine';

/**
 * Input issues grouped as a finance officer reads them: by table, then by column and
 * message, so fifty cells that each say "tbc" are one line, `Localities!D2:D51 (50 cells)`,
 * with one button that selects them all, instead of fifty lines and fifty tab stops.
 */

/** Issues with the same table, sheet, column, severity, code and message. */
export interface IssueGroup {
  readonly key: string;
  readonly severity: Issue['severity'];
  readonly table: string;
  /** The sheet the cells are on, when the issues point at cells. */
  readonly sheet: string | undefined;
  readonly message: string;
  /** The cells, as areas (`D2:D51`, `D60`), in row order; empty for a whole-table issue. */
  readonly areas: readonly string[];
  /** How many cells (or whole-table issues) the group stands for. */
  readonly count: number;
}

/** The groups of one table, in the order the pane shows them. */
export interface TableIssues {
  readonly table: string;
  readonly errors: number;
  readonly warnings: number;
  readonly groups: readonly IssueGroup[];
}

/** `D2, D3, D4, D6` → `D2:D4`, `D6` (rows of one column; cells in other columns stay apart). */
function areasOf(cells: readonly { readonly row: number; readonly column: number }[]): string[] {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const areas: string[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const run = i < sorted.length && sorted[i].column === sorted[i - 1].column && sorted[i].row <= sorted[i - 1].row + 1;
    if (run) continue;
    const first = sorted[start];
    const last = sorted[i - 1];
    const from = `${columnLetters(first.column)}${first.row + 1}`;
    areas.push(last.row === first.row ? from : `${from}:${columnLetters(last.column)}${last.row + 1}`);
    start = i;
  }
  return areas;
}

/** How many cells an area such as `B2:D3` covers (1 for a single cell or one it cannot read). */
function cellsIn(area: string): number {
  const [from, to = from] = area.split(':').map((a) => parseCellAddress(a));
  if (!from || !to) return 1;
  return (Math.abs(to.row - from.row) + 1) * (Math.abs(to.column - from.column) + 1);
}

/** Contract order for tables; anything else (Workbook, a Scenarios table) after them in order of appearance. */
function tableRank(table: string): number {
  const i = inputTableNames.findIndex((n) => n.toLowerCase() === table.toLowerCase());
  return i < 0 ? inputTableNames.length : i;
}

/**
 * Groups issues: errors before warnings, tables in contract order, and within a table the
 * groups in the order their first issue came. Duplicate cells collapse into one.
 */
export function groupIssues(issues: readonly Issue[]): TableIssues[] {
  const groups = new Map<string, { severity: Issue['severity']; table: string; sheet: string | undefined; message: string; cells: Map<string, { row: number; column: number }>; areas: string[]; count: number; order: number }>();
  issues.forEach((issue, order) => {
    const at = issue.cell ? parseCellAddress(issue.cell) : undefined;
    const sheet = at ? (issue.sheet ?? issue.table) : issue.sheet;
    // An issue about an area (merged cells, say) already names its cells: it stays a group of its own.
    const area = at && issue.area && issue.area !== issue.cell ? issue.area : undefined;
    const key = [issue.severity, issue.table, sheet ?? '', at ? columnLetters(at.column) : '', area ?? '', issue.code, issue.message].join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = { severity: issue.severity, table: issue.table, sheet, message: issue.message, cells: new Map(), areas: [], count: 0, order };
      groups.set(key, group);
    }
    if (area) {
      if (!group.areas.includes(area)) {
        group.areas.push(area);
        group.count += cellsIn(area);
      }
    } else if (at) {
      if (!group.cells.has(issue.cell!)) group.count++;
      group.cells.set(issue.cell!, at);
    } else group.count++;
  });
  const byTable = new Map<string, IssueGroup[]>();
  const ordered = [...groups.entries()].sort(([, a], [, b]) => (a.severity === b.severity ? a.order - b.order : a.severity === 'error' ? -1 : 1));
  for (const [key, g] of ordered) {
    const list = byTable.get(g.table) ?? [];
    list.push({ key, severity: g.severity, table: g.table, sheet: g.sheet, message: g.message, areas: [...g.areas, ...areasOf([...g.cells.values()])], count: g.count });
    byTable.set(g.table, list);
  }
  return [...byTable.entries()]
    .map(([table, list]) => ({
      table,
      errors: list.filter((g) => g.severity === 'error').reduce((n, g) => n + g.count, 0),
      warnings: list.filter((g) => g.severity === 'warning').reduce((n, g) => n + g.count, 0),
      groups: list,
    }))
    .sort((a, b) => (b.errors > 0 ? 1 : 0) - (a.errors > 0 ? 1 : 0) || tableRank(a.table) - tableRank(b.table));
}

/** Where a group is, as the pane and the copied text write it: `Localities!D2:D51`, or the table's name. */
export function groupLocation(group: IssueGroup, maxAreas = 3): string {
  if (group.areas.length === 0) return group.table;
  const shown = group.areas.slice(0, maxAreas).join(', ');
  const more = group.areas.length > maxAreas ? ` and ${group.areas.length - maxAreas} more` : '';
  return `${group.sheet}!${shown}${more}`;
}

/** One group as a line of text: `Localities!D2:D51 (50 cells): IMD Score must be a number; found "tbc".` */
export function groupLine(group: IssueGroup): string {
  const cells = group.areas.length > 0 && group.count > 1 ? ` (${group.count} cells)` : '';
  return `${groupLocation(group, Number.POSITIVE_INFINITY)}${cells}: ${group.message}`;
}

/** Every issue as text to paste into an email or a ticket: a heading line, then one line a group. */
export function issuesAsText(tables: readonly TableIssues[]): string {
  const errors = tables.reduce((n, t) => n + t.errors, 0);
  const warnings = tables.reduce((n, t) => n + t.warnings, 0);
  const lines = [`Locality Planner found ${errors} ${errors === 1 ? 'problem' : 'problems'} to fix and ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`];
  for (const t of tables) for (const g of t.groups) lines.push(`${g.severity === 'error' ? 'Fix' : 'Check'}: ${groupLine(g)}`);
  return lines.join('\n');
}
