import fc from 'fast-check';
import type { SheetPlan } from '../../src/engine';
import { type Planned, type Rows, pennies, planOf, sheetOf } from '../support/plan';

/**
 * The Allocation sheet (contract v1.1 §5.4) as it prints: every table under one header, so
 * the one band of rows Excel repeats at the top of each page is right on every page, with
 * one Shared out line or several.
 */

const costHeader = ['Cost line', 'Applies to', 'Unit cost', 'Inflation', 'Method'];
const years = ['2012/13', '2013/14', '2014/15'];

/** `count` localities, each with wards, population, an IMD rank and councillors, none alike. */
function localitiesOf(count: number): Rows {
  return [
    ['Locality', 'District', 'Wards', 'Population', 'IMD Rank', 'Councillors'],
    ...Array.from({ length: count }, (_, i) => [`Area ${i + 1}`, i % 2 === 0 ? 'North' : 'South', 1 + (i % 4), 1000 + 137 * i, i + 1, 1 + (i % 3)]),
  ];
}

/** Plans `lines` Shared out lines (and the pot, when given) among every locality. */
function allocationOf(lines: Rows, pot: number | null, count = 5): { sheet: SheetPlan; o: Planned } {
  const o = planOf({
    localities: localitiesOf(count),
    parameters: [['Allocate to', 'All'], ...(pot === null ? [] : [['Allocation pot', pot], ['Allocation method', 'Per ward']])],
    costs: [costHeader, ...lines],
  });
  return { sheet: sheetOf(o, 'Allocation'), o };
}

/** Each table's heading (the row above its header), header, recipients' rows and Total row. */
function tablesOf(sheet: SheetPlan) {
  return sheet.tables.map((t) => ({
    name: t.name,
    heading: sheet.cells[t.range.row - 1][0],
    header: sheet.cells[t.range.row],
    rows: sheet.cells.slice(t.range.row + 1, t.range.row + t.range.rows),
    total: sheet.cells[t.range.row + t.range.rows],
    headerRow: t.range.row,
    totalRow: t.range.row + t.range.rows,
  }));
}

const amountsOf = (row: readonly unknown[]): number[] => row.slice(4).map((x) => pennies(x as number));
const wardBudgets = ['Ward budgets', 'Shared out', 10000.01, 'None', 'Per ward'];
const perHead = ['Community chest', 'Shared out', 7777.77, 'Non-pay', 'Per head'];
const byNeed = ['Tackling need fund', 'Shared out', 5000, 'None', 'Need weighted'];
const byCouncillors = ['Councillor grants', 'Shared out', 3000, 'None', 'Per Councillors'];

describe('the Allocation sheet prints its header at the top of every page (contract v1.1 §5.4, issue 13)', () => {
  it.each`
    case                                            | lines                                 | pot       | tables                                                                        | basis
    ${'one line'}                                   | ${[wardBudgets]}                      | ${null}   | ${['LP_Allocation']}                                                          | ${'Wards'}
    ${'two lines'}                                  | ${[wardBudgets, byCouncillors]}       | ${null}   | ${['LP_Allocation', 'LP_Allocation_2', 'LP_Allocation_Total']}                | ${'Basis'}
    ${'three lines with different bases'}           | ${[perHead, byNeed, byCouncillors]}   | ${null}   | ${['LP_Allocation', 'LP_Allocation_2', 'LP_Allocation_3', 'LP_Allocation_Total']} | ${'Basis'}
    ${'the Allocation pot with Shared out lines'}   | ${[byNeed]}                           | ${20_000} | ${['LP_Allocation', 'LP_Allocation_2', 'LP_Allocation_Total']}                | ${'Basis'}
  `('$case: every table has the same header, and it is the print titles', ({ lines, pot, tables, basis }) => {
    const { sheet } = allocationOf(lines, pot);
    const found = tablesOf(sheet);
    expect(found.map((t) => t.name)).toEqual(tables);
    for (const t of found) expect([t.name, t.header]).toEqual([t.name, ['Locality', 'District', basis, 'Share', ...years, 'Total']]);
    expect(sheet.page!.titleRows).toEqual({ first: found[0].headerRow, last: found[0].headerRow });
  });

  it.each`
    case                                            | lines                                 | pot       | headings
    ${'one line'}                                   | ${[wardBudgets]}                      | ${null}   | ${['Ward budgets: shared per ward']}
    ${'two lines'}                                  | ${[wardBudgets, byCouncillors]}       | ${null}   | ${['Ward budgets: shared per ward (Basis = wards)', 'Councillor grants: shared in proportion to Councillors (Basis = Councillors)', "Each locality across every line (Share = its part of all 2 lines, 2012/13 to 2014/15; each line's basis is above)"]}
    ${'three lines with different bases'}           | ${[perHead, byNeed, byCouncillors]}   | ${null}   | ${['Community chest: shared per head of population (Basis = population)', 'Tackling need fund: shared in proportion to need score (Basis = need score)', 'Councillor grants: shared in proportion to Councillors (Basis = Councillors)', "Each locality across every line (Share = its part of all 3 lines, 2012/13 to 2014/15; each line's basis is above)"]}
    ${'the Allocation pot with Shared out lines'}   | ${[byNeed]}                           | ${20_000} | ${['Tackling need fund: shared in proportion to need score (Basis = need score)', 'Allocation pot: shared per ward (Basis = wards)', "Each locality across every line (Share = its part of all 2 lines, 2012/13 to 2014/15; each line's basis is above)"]}
  `("$case: each table's heading names the line, how it is shared and what its Basis column counts", ({ lines, pot, headings }) => {
    expect(tablesOf(allocationOf(lines, pot).sheet).map((t) => t.heading)).toEqual(headings);
  });

  it('names no basis for a line shared equally, whose Basis column is empty', () => {
    const { sheet } = allocationOf([wardBudgets, ['Events fund', 'Shared out', 900, 'None', 'Equal']], null);
    const equal = tablesOf(sheet)[1];
    expect(equal.heading).toBe('Events fund: shared equally (no basis: the same share each)');
    expect(equal.rows.map((r) => r[2])).toEqual([null, null, null, null, null]);
  });

  it.each`
    case                                            | lines                                 | pot
    ${'one line'}                                   | ${[wardBudgets]}                      | ${null}
    ${'two lines'}                                  | ${[wardBudgets, byCouncillors]}       | ${null}
    ${'three lines with different bases'}           | ${[perHead, byNeed, byCouncillors]}   | ${null}
    ${'the Allocation pot with Shared out lines'}   | ${[byNeed]}                           | ${20_000}
  `("$case: each line's Total row is its amount every year and over the years, to the penny, and the rows add up to it", ({ lines, pot }) => {
    const { sheet, o } = allocationOf(lines, pot);
    const allocation = o.results.allocation!;
    const found = tablesOf(sheet);
    allocation.lines.forEach((line, i) => {
      const t = found[i];
      const lineTotal = line.amounts.reduce((a, b) => a + b, 0);
      expect(t.total.slice(0, 4)).toEqual(['Total', null, null, 1]);
      expect(amountsOf(t.total)).toEqual([...line.amounts, lineTotal]);
      // Down each year's column and the Total column, the recipients add up to the Total row.
      expect(amountsOf(t.total).map((_, c) => t.rows.reduce((sum, r) => sum + amountsOf(r)[c], 0))).toEqual([...line.amounts, lineTotal]);
      // Across each recipient's row, the years add up to its Total.
      for (const r of t.rows) expect(amountsOf(r).slice(0, -1).reduce((a, b) => a + b, 0)).toBe(amountsOf(r).at(-1));
    });
  });

  it.each`
    case                                            | lines                                 | pot
    ${'two lines'}                                  | ${[wardBudgets, byCouncillors]}       | ${null}
    ${'three lines with different bases'}           | ${[perHead, byNeed, byCouncillors]}   | ${null}
    ${'the Allocation pot with Shared out lines'}   | ${[byNeed]}                           | ${20_000}
  `("$case: each locality's amounts across the lines, its part of them all, and the lines' totals", ({ lines, pot }) => {
    const { sheet, o } = allocationOf(lines, pot);
    const found = tablesOf(sheet);
    const lineTables = found.slice(0, -1);
    const across = found[found.length - 1];
    const all = o.results.allocation!.lines.flatMap((l) => l.amounts).reduce((a, b) => a + b, 0);
    across.rows.forEach((row, k) => {
      expect(row[0]).toBe(lineTables[0].rows[k][0]);
      expect(row[2]).toBeNull();
      const summed = amountsOf(row).map((_, c) => lineTables.reduce((sum, t) => sum + amountsOf(t.rows[k])[c], 0));
      expect(amountsOf(row)).toEqual(summed);
      // Its share is its part of every line together, over the projection.
      expect(row[3]).toBeCloseTo(summed[summed.length - 1] / all, 8);
    });
    expect(across.total.slice(0, 4)).toEqual(['Total', null, null, 1]);
    expect(amountsOf(across.total)).toEqual(amountsOf(across.total).map((_, c) => lineTables.reduce((sum, t) => sum + amountsOf(t.total)[c], 0)));
    expect(amountsOf(across.total).at(-1)).toBe(all);
  });

  it('keeps a one-line sheet as its reader had it: the basis named in the header, which stays in view', () => {
    const { sheet } = allocationOf([wardBudgets], null);
    const [t] = tablesOf(sheet);
    expect(t.header[2]).toBe('Wards');
    expect(sheet.freeze).toEqual({ rows: t.headerRow + 1, columns: 1 });
  });

  it("freezes only the localities' names with several lines, so no line's heading stays in view over another's", () => {
    expect(allocationOf([wardBudgets, byCouncillors], null).sheet.freeze).toEqual({ rows: 0, columns: 1 });
  });

  it('makes no share up across lines that amount to nothing', () => {
    const { sheet } = allocationOf([['Nothing yet', 'Shared out', 0, 'None', 'Per ward'], ['Nor this', 'Shared out', 0, 'None', 'Equal']], null);
    const across = tablesOf(sheet).at(-1)!;
    expect(across.rows.map((r) => r[3])).toEqual([null, null, null, null, null]);
    expect(across.total.slice(0, 5)).toEqual(['Total', null, null, null, 0]);
  });

  it.each`
    case                                            | lines                                 | pot
    ${'one line'}                                   | ${[wardBudgets]}                      | ${null}
    ${'three lines with different bases'}           | ${[perHead, byNeed, byCouncillors]}   | ${null}
    ${'the Allocation pot with Shared out lines'}   | ${[byNeed]}                           | ${20_000}
  `('$case over many pages: never breaks between a heading, its header and first rows, or above a Total row', ({ lines, pot }) => {
    const { sheet } = allocationOf(lines, pot, 45);
    const breaks = sheet.page!.breaksBefore;
    const found = tablesOf(sheet);
    // A single long table needs no breaks; with lines after it the pages are placed.
    if (found.length > 1) expect(breaks.length).toBeGreaterThan(0);
    for (const t of found) {
      const heading = t.headerRow - 1;
      expect([t.name, breaks.filter((b) => b > heading && b <= heading + 3)]).toEqual([t.name, []]);
      expect([t.name, breaks.includes(t.totalRow)]).toEqual([t.name, false]);
    }
  });

  it.each`
    case                                  | lines                                | count
    ${'two lines of 21 wards'}            | ${[wardBudgets, byCouncillors]}      | ${21}
    ${'three lines of 12 localities'}     | ${[perHead, byNeed, byCouncillors]}  | ${12}
  `("$case: each later line's table prints whole, under its heading, on a page of its own where it does not fit under the one before", ({ lines, count }) => {
    const { sheet } = allocationOf(lines, null, count);
    const breaks = sheet.page!.breaksBefore;
    const later = tablesOf(sheet).slice(1);
    // Some start a page: they would not have finished on the page before.
    expect(later.filter((t) => breaks.includes(t.headerRow - 1)).length).toBeGreaterThan(0);
    for (const t of later) expect([t.name, breaks.filter((b) => b > t.headerRow - 1 && b <= t.totalRow)]).toEqual([t.name, []]);
  });
});

describe('the Allocation sheet, whatever the lines', () => {
  const methods = ['Per ward', 'Per head', 'Need weighted', 'Per Councillors', 'Equal'] as const;
  const line = fc.record({ method: fc.constantFrom(...methods), pence: fc.integer({ min: 0, max: 50_000_000 }) });

  it('gives every table the print titles\' header, and every line adds up to its amount each year', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 12 }), fc.option(fc.integer({ min: 1, max: 9_999_999 }), { nil: null }), (drawn, count, pot) => {
        const lines = drawn.map((l, i) => [`Line ${i + 1}`, 'Shared out', l.pence / 100, 'None', l.method]);
        const { sheet, o } = allocationOf(lines, pot, count);
        const found = tablesOf(sheet);
        const title = sheet.cells[sheet.page!.titleRows!.first];
        for (const t of found) expect(t.header).toEqual(title);
        o.results.allocation!.lines.forEach((l, i) => {
          expect(amountsOf(found[i].total).slice(0, -1)).toEqual(l.amounts);
          l.amounts.forEach((amount, y) => expect(found[i].rows.reduce((sum, r) => sum + amountsOf(r)[y], 0)).toBe(amount));
        });
      }),
      { numRuns: 25 },
    );
  });
});
