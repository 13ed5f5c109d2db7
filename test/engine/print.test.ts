import fc from 'fast-check';
import { type PrintLayout, dayOf, headerText, pagePlan, wrappedRowHeights } from '../../src/engine/plan/print';

const footer = { left: '', center: '', right: '' };

/** A plain sheet of `rows` rows, 60 characters wide (printed at 100%), with the blocks to keep together. */
function layout(rows: number, keepTogether: PrintLayout['keepTogether'], more: Partial<PrintLayout> = {}): PrintLayout {
  return {
    cells: Array.from({ length: rows }, (_, r) => [`row ${r}`]),
    columnWidths: [60],
    styles: [],
    charts: [],
    titleRow: null,
    keepTogether,
    onePage: false,
    header: footer,
    footer,
    ...more,
  };
}

/** A4 landscape less the margins holds 487 points; the plan keeps 5% in hand: 30 rows of 15 points. */
const ROWS_PER_PAGE = 30;

describe('page breaks', () => {
  it('starts a new page before a block that would run past the foot of the page', () => {
    // Rows 0-24 fill most of page one; a 10-row block at 25 cannot finish there.
    expect(pagePlan(layout(60, [{ row: 25, rows: 10 }])).breaksBefore).toEqual([25]);
  });

  it('needs no break when the block fits where it falls', () => {
    expect(pagePlan(layout(60, [{ row: 5, rows: 10 }])).breaksBefore).toEqual([]);
  });

  it('breaks a long stretch of rows where the pages fall, when a block follows it, so the block is placed where the pages really are', () => {
    const breaks = pagePlan(layout(120, [{ row: 100, rows: 10 }])).breaksBefore;
    expect(breaks.slice(0, 3)).toEqual([ROWS_PER_PAGE, 2 * ROWS_PER_PAGE, 3 * ROWS_PER_PAGE]);
  });

  it('puts no breaks in a long table with nothing after it, however long', () => {
    expect(pagePlan(layout(40_000, [{ row: 3, rows: 4 }], { titleRow: 3 })).breaksBefore).toEqual([]);
  });

  it('counts the repeated header row on every page after the first', () => {
    const breaks = pagePlan(layout(120, [{ row: 110, rows: 5 }], { titleRow: 0 })).breaksBefore;
    expect(breaks.slice(0, 2)).toEqual([ROWS_PER_PAGE, 2 * ROWS_PER_PAGE - 1]);
  });

  it('fits more rows on a page when fitting a wide sheet to the width scales it down', () => {
    const wide = pagePlan(layout(120, [{ row: 110, rows: 5 }], { columnWidths: [280] })).breaksBefore;
    expect(wide[0]).toBeGreaterThan(ROWS_PER_PAGE * 1.9);
  });

  it('never breaks a one-page sheet', () => {
    expect(pagePlan(layout(200, [{ row: 50, rows: 10 }], { onePage: true }))).toMatchObject({ breaksBefore: [], fitTo: { across: 1, down: 1 } });
  });

  it('never splits a block that fits on a page, and never leaves a page fuller than it holds', () => {
    // Blocks as sheets have them: apart from one another, each shorter than a page.
    const spaced = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 40 }), rows: fc.integer({ min: 1, max: ROWS_PER_PAGE - 2 }) }), { maxLength: 12 }).map((parts) => {
      let at = 0;
      return parts.map(({ gap, rows }) => {
        const block = { row: at + gap, rows };
        at = block.row + rows;
        return block;
      });
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 320 }), spaced, fc.boolean(), (rows, blocks, title) => {
        const plan = pagePlan(layout(rows, blocks, { titleRow: title ? 0 : null }));
        const breaks = plan.breaksBefore;
        expect([...breaks].sort((a, b) => a - b)).toEqual(breaks);
        expect(new Set(breaks).size).toBe(breaks.length);
        for (const b of breaks) expect(b).toBeGreaterThan(0);
        // Up to the end of the last block, no page holds more than a page of rows (the header row counted on
        // every later page); after it, the host breaks the pages as it likes, and nothing is left to split.
        const lastBlockEnd = Math.max(0, ...blocks.filter((b) => b.row < rows).map((b) => Math.min(rows, b.row + b.rows)));
        const starts = [0, ...breaks];
        starts.forEach((start, i) => {
          const end = Math.min(i + 1 < starts.length ? starts[i + 1] : rows, lastBlockEnd);
          if (start < lastBlockEnd) expect(end - start + (i > 0 && title ? 1 : 0)).toBeLessThanOrEqual(ROWS_PER_PAGE);
        });
        for (const b of blocks) {
          if (b.row >= rows) continue;
          for (const br of breaks) expect([b, br, br > b.row && br < Math.min(rows, b.row + b.rows)]).toEqual([b, br, false]);
        }
      }),
    );
  });
});

describe('a block kept whole when it fits on a page (a table with its heading)', () => {
  it.each`
    case                                                                    | row   | rows  | titleRow | breaks
    ${'fits on a page but not where it falls: starts the next page'}       | ${20} | ${20} | ${null}  | ${[20]}
    ${'fits where it falls: no break'}                                      | ${2}  | ${20} | ${null}  | ${[]}
    ${'taller than a page: runs on from where it falls, its first rows kept'} | ${20} | ${40} | ${null}  | ${[]}
    ${'taller than a page, its first rows not fitting: starts the next page'} | ${28} | ${40} | ${null}  | ${[28]}
    ${'a page tall: starts the next page'}                                  | ${10} | ${30} | ${null}  | ${[10]}
    ${'a page tall, but a later page also holds the repeated header: runs on'} | ${10} | ${30} | ${0}     | ${[]}
  `('$case', ({ row, rows, titleRow, breaks }) => {
    expect(pagePlan(layout(row + rows + 5, [{ row, rows, orFirst: 4 }], { titleRow })).breaksBefore).toEqual(breaks);
  });

  it('never splits such a block that fits on a page, nor the first rows of one that does not', () => {
    const spaced = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 40 }), rows: fc.integer({ min: 5, max: 3 * ROWS_PER_PAGE }), orFirst: fc.integer({ min: 1, max: 4 }) }), { maxLength: 8 }).map((parts) => {
      let at = 0;
      return parts.map(({ gap, rows, orFirst }) => {
        const block = { row: at + gap, rows, orFirst };
        at = block.row + rows;
        return block;
      });
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), spaced, fc.boolean(), (rows, blocks, title) => {
        const breaks = pagePlan(layout(rows, blocks, { titleRow: title ? 0 : null })).breaksBefore;
        for (const b of blocks) {
          if (b.row >= rows) continue;
          const kept = Math.min(rows, b.row + (b.rows + (title ? 1 : 0) <= ROWS_PER_PAGE ? b.rows : b.orFirst));
          for (const br of breaks) expect([b, br, br > b.row && br < kept]).toEqual([b, br, false]);
        }
      }),
    );
  });
});

describe('print area and titles', () => {
  it('covers the content and every chart, and no more than asked', () => {
    const chart = { anchor: { from: { row: 2, column: 3 }, to: { row: 40, column: 9 } } } as PrintLayout['charts'][number];
    expect(pagePlan(layout(10, [], { charts: [chart] })).printArea).toEqual({ row: 0, column: 0, rows: 41, columns: 10 });
    expect(pagePlan(layout(10, [], { charts: [chart], printedRows: 5, printedColumns: 2 })).printArea).toEqual({ row: 0, column: 0, rows: 5, columns: 2 });
  });

  it('repeats the header row, when there is one', () => {
    expect(pagePlan(layout(10, [], { titleRow: 3 })).titleRows).toEqual({ first: 3, last: 3 });
    expect(pagePlan(layout(10, [])).titleRows).toBeNull();
  });

  it.each`
    text                           | code
    ${'Prepared by Finance & HR'}  | ${'Prepared by Finance && HR'}
    ${'No codes here'}             | ${'No codes here'}
  `('writes "$text" in a header as "$code", so an ampersand is not read as a code', ({ text, code }) => {
    expect(headerText(text)).toBe(code);
  });
});

describe('wrapped rows', () => {
  const wrap = (text: string, width: number) => wrappedRowHeights([[text]], [width], [{ range: { row: 0, column: 0, rows: 1, columns: 1 }, wrap: true }]);

  it.each`
    text                                              | width | points
    ${'Short'}                                        | ${20} | ${undefined}
    ${'Council mainstream budget'}                    | ${18} | ${30}
    ${'Drawn from Neighbourhood renewal reserve'}     | ${15} | ${45}
    ${'Supercalifragilisticexpialidocious'}           | ${10} | ${undefined}
  `('gives "$text" in a column $width wide a height of $points points', ({ text, width, points }) => {
    expect(wrap(text, width)[0]?.points).toBe(points);
  });

  it('sets no height for text that is not wrapped', () => {
    expect(wrappedRowHeights([['A very long line of text that would wrap']], [5], [])).toEqual([]);
  });
});

describe('the day a sheet was prepared on', () => {
  it('is written as en-GB writes the day in UTC', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }), (at) =>
        dayOf(at) === at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
      ),
      { numRuns: 2000 },
    );
  });
});
