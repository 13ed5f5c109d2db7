import fc from 'fast-check';
import { type CellValue, type NumberFormatName, type OutputCell, type OutputPlan, type Rect, type SheetPlan, numberFormats, runPlanner } from '../../src/engine';
import { withTextFormats } from '../../src/engine/plan/sheetBuilder';
import { amountText, differenceAsShown } from '../../src/engine/plan/amounts';
import { outputNames, prefixProblem } from '../../src/engine/plan/names';
import { pence } from '../../src/engine/money';
import { table, testContext, workbook } from '../support/tables';

type Rows = (readonly CellValue[])[];

const costHeader = ['Cost line', 'Applies to', 'Quantity', 'Unit cost', 'Inflation', 'From', 'To'];
const fundingHeader = ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status'];

/** Telford's shape: a mainstream budget, a grant that ends, a one-off pot; £720,400.50 of costs a year for three years. */
const telford = {
  costs: [costHeader, ['Neighbourhood team', 'Programme', 1, 720400.5, 'None', null, null]] as Rows,
  funding: [
    fundingHeader,
    ['Mainstream budget', 'Recurring', 429600, null, null, null, 'Confirmed'],
    ['Cohesion grant', 'Recurring', 90600, null, null, '2012/13', 'At risk'],
    ['LPSA reward grant', 'One-off', null, 351000, null, null, 'Confirmed'],
  ] as Rows,
};

function plan(parameters: Rows = [], more: { costs?: Rows; funding?: Rows; localities?: Rows; sheets?: string[] } = {}) {
  const tables = [
    table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 3], ...parameters]),
    table('Costs', more.costs ?? telford.costs),
    table('Funding', more.funding ?? telford.funding),
    ...(more.localities ? [table('Localities', more.localities)] : []),
  ];
  const input = workbook(...tables);
  return runPlanner({ ...input, sheetNames: [...input.sheetNames, ...(more.sheets ?? [])] }, testContext);
}

function ok(o: ReturnType<typeof plan>) {
  if (!o.ok) throw new Error(o.issues.map((i) => i.message).join('\n'));
  return o;
}

const sheet = (p: OutputPlan, name: string): SheetPlan => p.sheets.find((s) => s.name === name)!;
const text = (s: SheetPlan): string => s.cells.flat().filter((c) => typeof c === 'string').join('\n');
/** The format a cell gets: the last format covering it, as both hosts apply them in order. */
function formatAt(s: SheetPlan, row: number, column: number): string | undefined {
  let found: string | undefined;
  for (const f of s.numberFormats) if (row >= f.range.row && row < f.range.row + f.range.rows && column >= f.range.column && column < f.range.column + f.range.columns) found = f.numberFormat;
  return found;
}

describe('Show amounts in (contract §5.7)', () => {
  it.each`
    written               | format
    ${null}               | ${'pounds'}
    ${'£'}                | ${'pounds'}
    ${'£.p'}              | ${'pence'}
    ${' £ K '}            | ${'thousands'}
    ${'£k'}               | ${'thousands'}
    ${"£000's"}           | ${'thousands'}
    ${'Pounds and pence'} | ${'pence'}
    ${'thousands'}        | ${'thousands'}
  `('reads $written as the $format format for every amount cell', ({ written, format }) => {
    const o = ok(plan(written === null ? [] : [['Show amounts in', written]]));
    const projection = sheet(o.plan, 'Projection');
    const totalRow = projection.cells.findIndex((r) => r[0] === 'Total cost');
    expect(formatAt(projection, totalRow, 1)).toBe(format);
    expect(formatAt(sheet(o.plan, 'Warnings'), 4, 4)).toBe(format);
  });

  it.each([['-'], ['millions'], ['£m'], [12]])('refuses %p, naming the three choices', (written) => {
    const o = plan([['Show amounts in', written]]);
    expect(o.ok).toBe(false);
    expect(o.issues.find((i) => i.code === 'BAD_CHOICE')?.message).toContain('"£", "£.p", "£k"');
  });

  it('changes formats only: the cells keep exact pounds and pence whatever is shown', () => {
    const values = (o: ReturnType<typeof ok>) => sheet(o.plan, 'Projection').cells.map((r) => r.map((c) => (typeof c === 'number' ? c : null)));
    const pounds = ok(plan());
    expect(values(ok(plan([['Show amounts in', '£k']])))).toEqual(values(pounds));
    expect(values(ok(plan([['Show amounts in', '£.p']])))).toEqual(values(pounds));
    expect(values(pounds).flat()).toContain(720400.5);
  });

  it.each`
    name           | code                                        | shows
    ${'pounds'}    | ${'"£"#,##0;[Red]("£"#,##0);"–"'}           | ${'whole pounds, negatives in red brackets, a dash for zero'}
    ${'pence'}     | ${'"£"#,##0.00;[Red]("£"#,##0.00);"–"'}     | ${'pounds and pence'}
    ${'thousands'} | ${'"£"#,##0.0,"k";[Red]("£"#,##0.0,"k");"–"'} | ${'thousands to one decimal'}
  `('writes $name as $code ($shows)', ({ name, code }) => {
    expect(numberFormats[name as keyof typeof numberFormats]).toBe(code);
  });

  it.each`
    pence              | shown             | words
    ${79_152_728}      | ${'pounds'}       | ${'£791,527'}
    ${79_152_750}      | ${'pounds'}       | ${'£791,528'}
    ${79_152_728}      | ${'pounds-pence'} | ${'£791,527.28'}
    ${79_152_728}      | ${'thousands'}    | ${'£791.5k'}
    ${79_145_000}      | ${'thousands'}    | ${'£791.5k'}
    ${79_144_999}      | ${'thousands'}    | ${'£791.4k'}
    ${-120_000}        | ${'thousands'}    | ${'(£1.2k)'}
    ${0}               | ${'thousands'}    | ${'£0.0k'}
  `('writes $pence pence in a sentence as $words when amounts are in $shown', ({ pence: p, shown, words }) => {
    expect(amountText(pence(p), shown)).toBe(words);
  });

  it.each`
    change   | shown          | words
    ${40}    | ${'pounds'}    | ${'£0.40 more'}
    ${-49}   | ${'pounds'}    | ${'£0.49 less'}
    ${50}    | ${'pounds'}    | ${'£1 more'}
    ${4_999} | ${'thousands'} | ${'£49.99 more'}
    ${5_000} | ${'thousands'} | ${'£0.1k more'}
    ${0}     | ${'thousands'} | ${'no change'}
  `('never calls a real change of $change pence "£0 more" ($shown): $words', ({ change, shown, words }) => {
    expect(differenceAsShown(pence(change), shown)).toBe(words);
  });

  it('rounds a £k figure half away from zero, to the nearest £100, as Excel shows the cell', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (p) => {
        const words = amountText(pence(p), 'thousands');
        const hundreds = Math.sign(p) * Math.floor(Math.abs(p) / 10_000 + 0.5);
        const figure = Number(words.replace(/[£k(),]/g, ''));
        expect(Math.round(figure * 10)).toBe(Math.abs(hundreds));
        expect(words.startsWith('(')).toBe(hundreds < 0);
      }),
    );
  });
});

describe('Output sheet prefix (contract §5.7)', () => {
  it('prefixes every output sheet and table, and the record follows', () => {
    const o = ok(plan([['Output sheet prefix', 'LP']]));
    expect(o.plan.sheets.map((s) => s.name)).toEqual(['LP Summary', 'LP Projection', 'LP Priorities', 'LP Allocation', 'LP Warnings', 'LP Charts', 'LP Scenarios', 'LP Sensitivity', 'LP Run info']);
    expect(o.plan.activeSheet).toBe('LP Summary');
    expect(o.plan.sheets.flatMap((s) => s.tables.map((t) => t.name))).toEqual(['LP_LP_Priorities', 'LP_LP_Warnings', 'LP_LP_RunHistory']);
    const record = o.plan.ownership.cells.slice(3).map((r) => `${r[0]} ${r[1]} on ${r[2]}`);
    expect(record).toContain('sheet LP Charts on LP Charts');
    expect(record).toContain('table LP_LP_Warnings on LP Warnings');
    expect(record.some((r) => / Charts on Charts$/.test(r))).toBe(false);
  });

  it.each`
    prefix          | sheet                    | table
    ${'LP'}         | ${'LP Projection'}       | ${'LP_LP_Priorities'}
    ${'Q3 2025/26'} | ${undefined}             | ${undefined}
    ${'Q3 2025-26'} | ${'Q3 2025-26 Projection'} | ${'Q3_2025_26_LP_Priorities'}
    ${'Draft-'}     | ${'Draft-Projection'}    | ${'Draft_LP_Priorities'}
    ${'2026'}       | ${'2026 Projection'}     | ${'_2026_LP_Priorities'}
    ${''}           | ${'Projection'}          | ${'LP_Priorities'}
  `('names the Projection $sheet and the Priorities table $table under the prefix "$prefix"', ({ prefix, sheet: s, table: t }) => {
    if (s === undefined) {
      expect(prefixProblem(prefix)).toBe('characters');
      return;
    }
    const names = outputNames(prefix);
    expect([names.sheet.projection, names.table.priorities]).toEqual([s, t]);
    // Excel's table names: a letter or underscore first, then letters, digits, underscores and full stops.
    for (const name of Object.values(names.table)) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_.]*$/);
  });

  it.each`
    prefix                        | says
    ${'Q3/4'}                     | ${'cannot contain [ ] : * ? / or \\'}
    ${"'Draft"}                   | ${'cannot begin with an apostrophe'}
    ${'A prefix far too long here'} | ${'can have at most 19 characters'}
  `('refuses "$prefix" at its cell, saying why', ({ prefix, says }) => {
    const o = plan([['Output sheet prefix', prefix]]);
    expect(o.ok).toBe(false);
    const issue = o.issues.find((i) => i.code === 'BAD_PREFIX')!;
    expect(issue).toMatchObject({ table: 'Parameters', cell: 'B4' });
    expect(issue.message).toContain(says);
  });

  it('lets a workbook whose own sheet is called Charts be planned, which without a prefix stops with a hint', () => {
    const refused = plan([], { sheets: ['Charts'] });
    expect(refused.ok).toBe(false);
    expect(refused.issues.find((i) => i.code === 'OWNERSHIP')?.message).toContain('Output sheet prefix');
    const planned = ok(plan([['Output sheet prefix', 'LP']], { sheets: ['Charts'] }));
    expect(planned.plan.sheets.map((s) => s.name)).not.toContain('Charts');
  });

  it('keeps listing, as the tool’s, the results an earlier run made under another prefix', () => {
    const first = ok(plan());
    const record = first.plan.ownership.cells;
    const input = workbook(
      table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 3], ['Output sheet prefix', 'New']]),
      table('Costs', telford.costs),
      table('Funding', telford.funding),
    );
    const sheets = first.plan.sheets.map((s) => s.name);
    // The workbook as a host reads it: the earlier sheets carry their marks (plan/ownership.ts).
    const sheetMarks = first.plan.sheets.map((s) => ({ sheet: s.name, mark: s.mark! }));
    const o = runPlanner({ ...input, sheetNames: [...input.sheetNames, ...sheets, '_LocalityPlanner'], tableNames: [...input.tableNames, { name: 'LP_Warnings', sheet: 'Warnings' }], ownershipRecord: record, sheetMarks }, testContext);
    if (!o.ok) throw new Error(o.issues.map((i) => i.message).join('\n'));
    const listed = o.plan.ownership.cells.slice(3).map((r) => `${r[0]}:${r[1]}`);
    expect(listed).toEqual(expect.arrayContaining(['sheet:New Summary', 'sheet:Summary', 'sheet:Charts', 'table:LP_Warnings']));
    // The earlier Priorities table is listed only where the workbook still has it.
    expect(listed).not.toContain('table:LP_Priorities');
  });
});

describe('the Summary sheet', () => {
  it('leads the outputs and is the sheet the results open on', () => {
    const o = ok(plan());
    expect(o.plan.sheets[0].name).toBe('Summary');
    expect(o.plan.activeSheet).toBe('Summary');
  });

  it('gives the headline in sentences: the gap, when it starts, and what ends when', () => {
    const o = ok(plan());
    const words = text(sheet(o.plan, 'Summary'));
    // Costs £2,161,201.50; funding £1,379,400 recurring and the £351,000 pot; shortfall £140,001 then £290,800.50.
    expect(words).toContain('Over three years the programme costs £2,161,202; funding covers £1,730,400, leaving a shortfall of £430,802.');
    expect(words).toContain('Funding first falls short in 2013/14 (£140,001); two years have a gap.');
    expect(words).toContain('What ends when: Cohesion grant stops after 2012/13; LPSA reward grant is used up in 2013/14.');
    expect(words).toContain('The plan names no localities (it has no Localities table).');
  });

  it('tells capital apart from the revenue headline, as Projection keeps it apart (contract v1.1 §5.3)', () => {
    const costs = [[...costHeader, 'Type'], [...telford.costs[1], 'Revenue'], ['Hub refurbishment', 'Programme', 1, 90000, 'None', '2012/13', '2012/13', 'Capital']];
    const funding = [...telford.funding, ['Capital allocation', 'Capital', 50000, null, null, '2012/13', 'Confirmed']];
    const o = ok(plan([], { costs, funding }));
    const s = sheet(o.plan, 'Summary');
    const words = text(s);
    // Revenue as without the capital line; the capital gap of £40,000 is told on its own.
    expect(words).toContain('Over three years the programme costs £2,161,202 in revenue; funding covers £1,730,400, leaving a shortfall of £430,802.');
    expect(words).toContain('Capital is funded apart: £90,000 of capital costs, of which capital funding meets £50,000, leaving a capital shortfall of £40,000.');
    const value = (label: string) => s.cells.find((r) => r[0] === label)?.[1];
    expect([value('Total cost'), value('Total shortfall'), value('Capital cost'), value('Capital shortfall')]).toEqual([2161201.5, 430801.5, 90000, 40000]);
  });

  it('names no capital where there is none', () => {
    const s = sheet(ok(plan()).plan, 'Summary');
    expect(text(s)).not.toMatch(/capital/i);
  });

  it('says so when every year is funded', () => {
    const o = ok(plan([], { funding: [fundingHeader, ['Mainstream budget', 'Recurring', 800000, null, null, null, 'Confirmed']] }));
    const words = text(sheet(o.plan, 'Summary'));
    expect(words).toContain('funding covers all of it, with £238,799 to spare.');
    expect(words).toContain('No year has a shortfall.');
    expect(words).toContain('No funding ends within the projection.');
    expect(sheet(o.plan, 'Summary').charts[0].altText).toMatch(/^Every year is funded: £2,400,000 of funding meets £2,161,202 of cost over three years/);
  });

  it('shows key figures as amounts in the chosen format, holding exact pounds and pence', () => {
    const o = ok(plan([['Show amounts in', '£k']]));
    const s = sheet(o.plan, 'Summary');
    const row = s.cells.findIndex((r) => r[0] === 'Total shortfall');
    expect(s.cells[row][1]).toBe(430801.5);
    expect(formatAt(s, row, 1)).toBe('thousands');
    expect(text(s)).toContain('leaving a shortfall of £430.8k.');
  });

  it('lists the five most severe warnings and points to the rest', () => {
    const o = ok(plan());
    const s = sheet(o.plan, 'Summary');
    const head = s.cells.findIndex((r) => r[0] === 'Severity');
    const listed = s.cells.slice(head + 1).filter((r) => r[0] === 'High' || r[0] === 'Medium' || r[0] === 'Low');
    expect(listed.map((r) => r[3])).toEqual(o.results.warnings.slice(0, 5).map((w) => w.message));
    if (o.results.warnings.length > 5) expect(text(s)).toContain(`… and ${o.results.warnings.length - 5} more on the Warnings sheet.`);
  });

  it('states the key assumptions and when, with what and from which inputs it was produced', () => {
    const o = ok(plan([['Pay inflation', '3.816%'], ['Cost per locality', 0]]));
    const s = sheet(o.plan, 'Summary');
    const value = (label: string) => s.cells.find((r) => r[0] === label)?.[1];
    expect(value('Pay inflation')).toBe('3.816%');
    expect(value('Years projected')).toBe('2012/13 to 2014/15');
    expect(value('Selection')).toBe('every locality not excluded');
    expect(text(s)).toContain('Produced on 23 November 2026 at 12:00 UTC with Locality Planner 0.0.0-test; inputs fingerprint');
    expect(text(s)).toContain('From Parameters (4 rows), Costs (1 row) and Funding (3 rows).');
  });

  it('prints on one A4 landscape page, without the figures its chart draws', () => {
    const s = sheet(ok(plan()).plan, 'Summary');
    expect(s.page).toMatchObject({ orientation: 'landscape', paper: 'A4', fitTo: { across: 1, down: 1 }, breaksBefore: [] });
    const chart = s.charts[0];
    // The chart is inside the print area; the block it draws from is to the right of it.
    expect(chart.anchor.to.column).toBeLessThan(s.page!.printArea.columns);
    expect(chart.data.column).toBeGreaterThanOrEqual(s.page!.printArea.columns);
    expect(s.page!.printArea.rows).toBe(s.cells.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('From ')) + 1);
  });
});

describe('the funding-cliff chart', () => {
  const o = ok(plan());
  const charts = sheet(o.plan, 'Charts');
  const cliff = charts.charts.find((c) => c.name === 'LP_Chart_FundingCliff')!;
  const block = charts.cells.slice(cliff.data.row, cliff.data.row + cliff.data.rows).map((r) => r.slice(cliff.data.column, cliff.data.column + cliff.data.columns));

  it('stacks funding by source with the shortfall on top, under the cost and the cumulative shortfall', () => {
    expect(block[0]).toEqual(['Year', 'Mainstream budget', 'Cohesion grant', 'Drawn from LPSA reward grant', 'Shortfall', 'Total cost', 'Cumulative shortfall']);
    expect(cliff.series.map((s) => (s.as === 'line' ? `line ${s.dash}` : s.labels ? 'bars labelled' : 'bars'))).toEqual(['bars', 'bars', 'bars', 'bars labelled', 'line solid', 'line dash']);
  });

  it('draws figures that add up: each year the stack is the cost, and the cumulative shortfall runs on', () => {
    let running = 0;
    for (const row of block.slice(1)) {
      const [, ...figures] = row as [string, ...number[]];
      const [mainstream, cohesion, pot, shortfall, cost, cumulative] = figures;
      expect(Math.round((mainstream + cohesion + pot + shortfall) * 100)).toBe(Math.round(cost * 100));
      running += shortfall;
      expect(cumulative).toBeCloseTo(running, 2);
    }
  });

  it('states its finding in its alternative text', () => {
    expect(cliff.altText).toBe(
      'Funding falls short from 2013/14; £430,802 over three years (2012/13 to 2014/15). Cohesion grant stops after 2012/13; LPSA reward grant is used up in 2013/14. Funding is stacked by source with the shortfall on top, against the total cost as a line; a dashed line is the cumulative shortfall.',
    );
  });

  it('gives every chart alternative text and colours that are all different within it', () => {
    for (const s of o.plan.sheets) {
      for (const c of s.charts) {
        expect(c.altText.length).toBeGreaterThan(40);
        expect(new Set(c.series.map((x) => x.color)).size).toBe(c.series.length);
      }
    }
  });

  describe('with a reserve (contract v1.1 §5.5)', () => {
    const withReserve = ok(plan([], { funding: [...telford.funding, ['General reserve', 'Reserve', null, 100000, null, null, 'Confirmed']] }));
    const c = sheet(withReserve.plan, 'Charts');
    const chart = c.charts.find((x) => x.name === 'LP_Chart_FundingCliff')!;
    const figures = c.cells.slice(chart.data.row, chart.data.row + chart.data.rows).map((r) => r.slice(chart.data.column, chart.data.column + chart.data.columns));
    const projection = sheet(withReserve.plan, 'Projection');
    const projectionRow = (label: string) => projection.cells.find((r) => r[0] === label)!.slice(1, 4);

    it('stacks what is drawn from the reserve as its own series, after the pots, in a colour of its own', () => {
      expect(figures[0]).toEqual(['Year', 'Mainstream budget', 'Cohesion grant', 'Drawn from LPSA reward grant', 'Drawn from General reserve', 'Shortfall', 'Total cost', 'Cumulative shortfall']);
      expect(figures.slice(1).map((r) => r[4])).toEqual(projectionRow('  Drawn from General reserve'));
      const colours = chart.series.map((x) => x.color);
      expect(new Set(colours).size).toBe(colours.length);
    });

    it("draws Projection's own Shortfall and Cumulative shortfall rows, and each year's stack is the cost", () => {
      expect(figures.slice(1).map((r) => r[5])).toEqual(projectionRow('Shortfall'));
      expect(figures.slice(1).map((r) => r[7])).toEqual(projectionRow('Cumulative shortfall'));
      for (const row of figures.slice(1)) {
        const [, ...amounts] = row as [string, ...number[]];
        expect(Math.round((amounts[0] + amounts[1] + amounts[2] + amounts[3] + amounts[4]) * 100)).toBe(Math.round(amounts[5] * 100));
      }
    });

    it('says in its alternative text and in the headline what the reserve met, and when it is used up', () => {
      const drawn = withReserve.results.funding.reserves[0].totalDrawdown;
      expect(drawn).toBeGreaterThan(0);
      expect(chart.altText).toContain(`after ${amountText(drawn, 'pounds')} drawn from reserves`);
      const words = text(sheet(withReserve.plan, 'Summary'));
      expect(words).toContain(`(${amountText(drawn, 'pounds')} of it drawn from reserves)`);
      expect(words).toMatch(/General reserve is used up in \d{4}\/\d{2}/);
      const summary = sheet(withReserve.plan, 'Summary');
      expect(summary.cells.find((r) => r[0] === 'Drawn from reserves')?.[1]).toBe(drawn / 100);
    });
  });

  it('sums the smallest recurring sources into one block past four, so the chart stays readable', () => {
    const funding = [fundingHeader, ...[1, 2, 3, 4, 5, 6].map((n) => [`Grant ${n}`, 'Recurring', n * 10000, null, null, null, 'Confirmed'])];
    const many = ok(plan([], { funding }));
    const c = sheet(many.plan, 'Charts');
    const header = c.cells[c.charts[0].data.row];
    // The three largest stay in table order; the rest are one block.
    expect(header.slice(1, 5)).toEqual(['Grant 4', 'Grant 5', 'Grant 6', 'Other recurring funding (3 sources)']);
  });
});

describe('print set-up of every output sheet', () => {
  const o = ok(plan());

  it.each(['Summary', 'Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Run info'])('prints %s A4 landscape, fitted to the width, with a header and footer', (name) => {
    const page = sheet(o.plan, name).page!;
    expect(page).toMatchObject({ orientation: 'landscape', paper: 'A4', fitTo: { across: 1 } });
    expect(page.header).toEqual({ left: '&F', center: '&A', right: 'Page &P of &N' });
    expect(page.footer.left).toBe('Prepared with Locality Planner 0.0.0-test on 23 November 2026');
  });

  it('repeats the header row of each table on every page', () => {
    expect(sheet(o.plan, 'Projection').page!.titleRows).toEqual({ first: 3, last: 3 });
    const warnings = sheet(o.plan, 'Warnings');
    expect(warnings.cells[warnings.page!.titleRows!.first]).toEqual(['Severity', 'Year', 'Code', 'Message', 'Amount']);
  });

  it('widens every column to fit its header', () => {
    for (const s of o.plan.sheets) {
      for (const t of s.tables) {
        (s.cells[t.range.row] ?? []).forEach((h, c) => {
          if (typeof h === 'string') expect([s.name, h, s.columnWidths[c] >= h.length + 2]).toEqual([s.name, h, true]);
        });
      }
    }
  });

  it("widens the Allocation columns to fit each line's basis, however long its column's name", () => {
    const basis = 'Weighted population (ONS mid-2011)';
    const localities = [['Locality', 'District', basis], ['Hillside', 'North', 1200], ['Riverside', 'North', 800]];
    const shared = ok(plan([['Allocation pot', 50000], ['Allocation method', `Per ${basis}`], ['Allocate to', 'All']], { localities }));
    const allocation = sheet(shared.plan, 'Allocation');
    const header = allocation.cells[allocation.tables[0].range.row];
    expect(header[2]).toBe(basis);
    header.forEach((h, c) => {
      if (typeof h === 'string') expect([h, allocation.columnWidths[c] >= h.length + 2]).toEqual([h, true]);
    });
    // Its header is the print titles.
    expect(allocation.page?.titleRows).toEqual({ first: allocation.tables[0].range.row, last: allocation.tables[0].range.row });
  });

  it('leaves the hidden record to the host', () => {
    expect(o.plan.ownership.page).toBeNull();
  });
});

describe('every text cell of an output sheet is formatted as Text (withTextFormats)', () => {
  const cell = fc.constantFrom<OutputCell>('text', '', 12, null, true);
  const grid = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 });
  const format = fc.record({
    range: fc.record({ row: fc.nat(13), column: fc.nat(7), rows: fc.integer({ min: 1, max: 14 }), columns: fc.integer({ min: 1, max: 4 }) }),
    numberFormat: fc.constantFrom<NumberFormatName>('whole', 'score', 'text'),
  });
  const inside = (r: Rect, row: number, column: number): boolean => row >= r.row && row < r.row + r.rows && column >= r.column && column < r.column + r.columns;

  it('covers each string cell no format covers by exactly one added Text range, and nothing else', () => {
    fc.assert(
      fc.property(grid, fc.array(format, { maxLength: 5 }), (cells, formats) => {
        const all = withTextFormats(cells, formats);
        expect(all.slice(0, formats.length)).toEqual(formats);
        const added = all.slice(formats.length);
        expect(added.every((f) => f.numberFormat === 'text')).toBe(true);
        cells.forEach((line, r) =>
          line.forEach((value, c) => {
            const given = formats.some((f) => inside(f.range, r, c));
            const times = added.filter((f) => inside(f.range, r, c)).length;
            expect(times).toBe(typeof value === 'string' && !given ? 1 : 0);
          }),
        );
        // An added range never reaches past the sheet's cells.
        for (const f of added) for (let r = f.range.row; r < f.range.row + f.range.rows; r++) for (let c = f.range.column; c < f.range.column + f.range.columns; c++) expect(typeof cells[r]?.[c]).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});
