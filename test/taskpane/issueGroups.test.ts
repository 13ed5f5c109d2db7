import fc from 'fast-check';
import { type CellAddress, type Issue, type IssueTable, columnLetters, parseCellAddress } from '../../src/engine';
import { groupIssues, groupLine, issuesAsText } from '../../src/taskpane/issueGroups';

/** A cell issue as the pane sees it: where, how severe, what it says. */
const at = (cell: string, over: { readonly severity?: Issue['severity']; readonly table?: IssueTable; readonly sheet?: string; readonly message?: string; readonly area?: string } = {}): Issue => ({
  code: 'BAD_NUMBER',
  field: 'IMD Score',
  whole: false,
  found: 'tbc',
  severity: over.severity ?? 'error',
  table: over.table ?? 'Localities',
  sheet: over.sheet ?? 'Localities',
  cell: cell as CellAddress,
  ...(over.area ? { area: over.area } : {}),
  message: over.message ?? 'IMD Score must be a number; found "tbc".',
});

describe('grouping issues', () => {
  it.each`
    cells                                | areas
    ${['D2', 'D3', 'D4']}                | ${['D2:D4']}
    ${['D4', 'D2', 'D3', 'D3']}          | ${['D2:D4']}
    ${['D2', 'D3', 'D5', 'D9', 'D10']}   | ${['D2:D3', 'D5', 'D9:D10']}
    ${['D7']}                            | ${['D7']}
  `('turns the cells $cells of one column and message into the areas $areas', ({ cells, areas }) => {
    const [table] = groupIssues(cells.map((c: string) => at(c)));
    expect(table.groups.map((g) => g.areas)).toEqual([areas]);
  });

  it('keeps apart what differs in column, message, severity or sheet, and puts errors and contract tables first', () => {
    const tables = groupIssues([
      at('E2', { severity: 'warning', message: 'Not ranked.' }),
      at('D2'),
      at('E3', { message: 'IMD Rank must be a whole number.' }),
      at('C4', { table: 'Funding', sheet: 'Money in', message: 'Pot must be an amount.' }),
      at('D3'),
      { code: 'NO_INPUTS', severity: 'error', table: 'Workbook', message: 'No Costs table.' },
    ]);
    expect(tables.map((t) => [t.table, t.errors, t.warnings])).toEqual([
      ['Localities', 3, 1],
      ['Funding', 1, 0],
      ['Workbook', 1, 0],
    ]);
    expect(tables.flatMap((t) => t.groups.map(groupLine))).toEqual([
      'Localities!D2:D3 (2 cells): IMD Score must be a number; found "tbc".',
      'Localities!E3: IMD Rank must be a whole number.',
      'Localities!E2: Not ranked.',
      'Money in!C4: Pot must be an amount.',
      'Workbook: No Costs table.',
    ]);
  });

  it('keeps an issue about an area (merged cells) as its own group, counting its cells', () => {
    const [table] = groupIssues([at('B2', { area: 'B2:C3', severity: 'warning', message: 'Merged cells.' }), at('B5', { severity: 'warning', message: 'Merged cells.' })]);
    expect(table.groups.map((g) => [groupLine(g), g.count])).toEqual([
      ['Localities!B2:C3 (4 cells): Merged cells.', 4],
      ['Localities!B5: Merged cells.', 1],
    ]);
  });

  it('writes a heading and one line a group as the text to copy', () => {
    expect(issuesAsText(groupIssues([at('D2'), at('D3'), at('B2', { severity: 'warning', message: 'Check this.' })]))).toBe(
      'Locality Planner found 2 problems to fix and 1 warning.\nFix: Localities!D2:D3 (2 cells): IMD Score must be a number; found "tbc".\nCheck: Localities!B2: Check this.',
    );
  });

  it('accounts for every distinct cell exactly once, whatever the issues', () => {
    const cell = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 60 })).map(([c, r]) => `${columnLetters(c)}${r + 1}`);
    const anIssue = fc.record({ cell, message: fc.constantFrom('A.', 'B.'), severity: fc.constantFrom('error' as const, 'warning' as const), sheet: fc.constantFrom('Localities', 'Costs') });
    fc.assert(
      fc.property(fc.array(anIssue, { maxLength: 80 }), (raw) => {
        const issues = raw.map((r) => at(r.cell, { message: r.message, severity: r.severity, sheet: r.sheet, table: r.sheet as IssueTable }));
        const expected = new Set(issues.map((i) => [i.severity, i.sheet, i.cell, i.message].join('|')));
        const seen: string[] = [];
        for (const table of groupIssues(issues)) {
          for (const group of table.groups) {
            let cells = 0;
            for (const area of group.areas) {
              const [from, to = from] = area.split(':').map((a) => parseCellAddress(a)!);
              expect(from.column).toBe(to.column);
              for (let row = from.row; row <= to.row; row++) {
                seen.push([group.severity, group.sheet, `${columnLetters(from.column)}${row + 1}`, group.message].join('|'));
                cells++;
              }
            }
            expect(cells).toBe(group.count);
          }
        }
        expect(seen.sort()).toEqual([...expected].sort());
      }),
    );
  });
});
