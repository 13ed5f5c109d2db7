import fc from 'fast-check';
import { runPlanner, type CellValue, type SourceTable, type WorkbookInput } from '../../src/engine';
import { table, testContext, workbook } from '../support/tables';
import { anyCell } from './cellValues';

/** Valid workbooks: every value within what the contract accepts and a council would plan with. */
const validWorkbook: fc.Arbitrary<WorkbookInput> = fc
  .record({
    localities: fc.array(fc.record({
      district: fc.constantFrom('North', 'South', 'East', 'West'),
      rank: fc.integer({ min: 1, max: 32_844 }),
      population: fc.integer({ min: 1, max: 5000 }),
      wards: fc.integer({ min: 1, max: 6 }),
      override: fc.constantFrom(null, null, null, 'Include'),
    }), { minLength: 1, maxLength: 25 }),
    firstYear: fc.integer({ min: 1990, max: 2040 }),
    years: fc.integer({ min: 1, max: 12 }),
    perDistrict: fc.integer({ min: 0, max: 3 }),
    additional: fc.integer({ min: 0, max: 6 }),
    costPerLocality: fc.integer({ min: 0, max: 150_000 }),
    payInflation: fc.integer({ min: 0, max: 800 }).map((bp) => `${(bp / 100).toFixed(2)}%`),
    pot: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
    method: fc.constantFrom('Equal', 'Per ward', 'Per head', 'Need weighted'),
    costs: fc.array(fc.tuple(fc.integer({ min: -50_000, max: 500_000 }), fc.integer({ min: 0, max: 10 }), fc.constantFrom('Pay', 'Non-pay', 'None', '2.5%'), fc.integer({ min: 0, max: 3 })), { maxLength: 6 }),
    funding: fc.array(fc.tuple(fc.constantFrom('Recurring', 'One-off', 'Capital', 'Reserve'), fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom('Confirmed', 'Expected', 'At risk')), { maxLength: 5 }),
  })
  .map((w) => {
    const fy = (y: number): string => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
    const tables: SourceTable[] = [
      table('Localities', [['Locality', 'District', 'IMD Rank', 'Population', 'Wards', 'Override'],
        ...w.localities.map((l, i) => [`LSOA ${i}`, l.district, l.rank.toLocaleString('en-GB'), l.population, l.wards, l.override])]),
      table('Parameters', [['Parameter', 'Value'], ['First year', fy(w.firstYear)], ['Years', w.years], ['Per district', w.perDistrict], ['Additional', w.additional],
        ['Cost per locality', `£${w.costPerLocality.toLocaleString('en-GB')}`], ['Pay inflation', w.payInflation],
        ...(w.pot === null ? [] : [['Allocation pot', w.pot], ['Allocation method', w.method]] as CellValue[][])]),
      table('Costs', [['Cost line', 'Unit cost', 'Quantity', 'Inflation', 'From'],
        ...w.costs.map(([unit, qty, inflation, from], i) => [`Line ${i}`, unit, qty, inflation, fy(w.firstYear + from)])]),
      table('Funding', [['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'Status'],
        ...w.funding.map(([kind, amount, from, status], i) => {
          const scheduled = kind === 'Recurring' || kind === 'Capital';
          return [`Fund ${i}`, kind, scheduled ? amount : null, scheduled ? null : amount, fy(w.firstYear + from), status];
        })]),
    ];
    return workbook(...tables);
  });

const fieldNames = ['Locality', 'District', 'IMD Rank', 'IMD Score', 'Population', 'Wards', 'Override', 'Indicator', 'Weight', 'Direction', 'Parameter', 'Value',
  'First year', 'Years', 'Per district', 'Additional', 'Allocation pot', 'Allocation method', 'Cost line', 'Applies to', 'Quantity', 'Unit cost', 'Inflation',
  'From', 'To', 'Source', 'Kind', 'Annual amount', 'Pot', 'Status', '2012/13', '2013/14',
  // What contract v1.1 added.
  'Type', 'Method', 'Shared out', 'Capital', 'Reserve', 'Revenue', 'Per ward', 'Per Wards', 'Per Population', 'Per Nothing', 'Need weighted',
  'Overrides count towards quotas', 'Yes', '£1.2k', '£1.2345k', '720.4 K', 'Allocate to', 'All'];

/** Junk: input tables with real and random headers and random cells of every kind. */
const junkWorkbook: fc.Arbitrary<WorkbookInput> = fc
  .array(fc.record({
    name: fc.constantFrom('Localities', 'Indicators', 'Parameters', 'Costs', 'Funding', 'localities', 'Sheet1'),
    header: fc.array(fc.oneof(fc.constantFrom(...fieldNames), anyCell), { maxLength: 8 }),
    rows: fc.array(fc.array(fc.oneof(anyCell, fc.constantFrom(...fieldNames)), { maxLength: 8 }), { maxLength: 8 }),
    row: fc.nat(10_000),
    column: fc.nat(50),
    hidden: fc.boolean(),
  }), { maxLength: 5 })
  .map((ts) => workbook(...ts.map((t): SourceTable => ({ ...table(t.name, [t.header, ...t.rows], { row: t.row, column: t.column, source: 'sheet' }), hasHiddenRows: t.hidden }))));

/** Realistic junk: the valid workbook with a few of its cells replaced by random ones. */
const damagedWorkbook: fc.Arbitrary<WorkbookInput> = fc
  .tuple(validWorkbook, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), anyCell), { minLength: 1, maxLength: 6 }))
  .map(([wb, damage]) => {
    const tables = wb.tables.map((t) => ({ ...t, header: [...t.header], rows: t.rows.map((r) => [...r]) }));
    for (const [ti, ri, ci, value] of damage) {
      const t = tables[ti % tables.length];
      const all = [t.header, ...t.rows];
      const row = all[ri % all.length];
      if (row.length > 0) row[ci % row.length] = value;
    }
    return { ...wb, tables };
  });

/**
 * Fixed cases found by the random runs: money that adds up past what whole pence hold
 * (2^53, about £90 trillion) is an input issue saying where to look, never a thrown error.
 */
describe('money past what pence hold exactly', () => {
  const parameters = (years: number) => table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', years]]);
  it.each`
    what                                                       | tables                                                                                                                                                          | code                 | where
    ${'a cost line whose years add up past it'}                | ${[parameters(2), table('Costs', [['Cost line', 'Unit cost', 'Inflation'], ['Manager', 80_000_000_000_000, 'None']])]}                                              | ${'TOTAL_TOO_LARGE'} | ${'Costs!A2'}
    ${'two lines that add up past it in one year'}             | ${[parameters(1), table('Costs', [['Cost line', 'Unit cost'], ['Manager', 80_000_000_000_000], ['Deputy', 80_000_000_000_000]])]}                                  | ${'TOTAL_TOO_LARGE'} | ${'Costs'}
    ${'a line for each of many localities'}                    | ${[parameters(1), table('Localities', [['Locality'], ['A'], ['B']]), table('Costs', [['Cost line', 'Applies to', 'Unit cost'], ['Grant', 'Each locality', 80_000_000_000_000]])]} | ${'TOTAL_TOO_LARGE'} | ${'Costs!A2'}
    ${'recurring funding that adds up past it in one year'}    | ${[parameters(1), table('Costs', [['Cost line', 'Unit cost'], ['Manager', 1]]), table('Funding', [['Source', 'Annual amount'], ['A', 80_000_000_000_000], ['B', 80_000_000_000_000]])]} | ${'TOTAL_TOO_LARGE'} | ${'Funding'}
    ${'a recurring source whose years add up past it'}         | ${[parameters(3), table('Costs', [['Cost line', 'Unit cost'], ['Manager', 1]]), table('Funding', [['Source', 'Annual amount'], ['A', 80_000_000_000_000]])]}        | ${'TOTAL_TOO_LARGE'} | ${'Funding!A2'}
    ${'a capital allocation whose years add up past it'}       | ${[parameters(3), table('Costs', [['Cost line', 'Unit cost'], ['Manager', 1]]), table('Funding', [['Source', 'Kind', 'Annual amount'], ['A', 'Capital', 80_000_000_000_000]])]} | ${'TOTAL_TOO_LARGE'} | ${'Funding!A2'}
    ${'surpluses a reserve takes past it'}                     | ${[parameters(1), table('Costs', [['Cost line', 'Unit cost'], ['Manager', 1]]), table('Funding', [['Source', 'Kind', 'Annual amount', 'Pot'], ['A', 'Recurring', 80_000_000_000_000, null], ['R', 'Reserve', null, 80_000_000_000_000]])]} | ${'TOTAL_TOO_LARGE'} | ${'Funding'}
  `('refuses $what as an input issue at its place', ({ tables, code, where }) => {
    const outcome = runPlanner(workbook(...(tables as SourceTable[])), testContext);
    expect(outcome.ok).toBe(false);
    expect(outcome.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.cell ? `${i.sheet}!${i.cell}` : i.table])).toEqual([[code, where]]);
  });
});

/** Fixed cases found by the random runs in what contract v1.1 added. */
describe('sharing out by figures past what a float holds', () => {
  it('shares Per head by a Population of 1.8e305 exactly, never through a float that overflows', () => {
    const outcome = runPlanner(workbook(
      table('Localities', [['Locality', 'Population'], ['A', 1.797693134862316e305], ['B', 1]]),
      table('Parameters', [['Parameter', 'Value'], ['First year', '1990/91'], ['Years', 1], ['Allocation pot', 100], ['Allocation method', 'Per head']]),
    ), testContext);
    if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join('\n'));
    expect(outcome.summary.allocation.map((a) => a.amount)).toEqual([100, 0]);
  });
});

describe('runPlanner on random workbooks', () => {
  it('plans every valid workbook without an input error', () => {
    fc.assert(fc.property(validWorkbook, (wb) => {
      const outcome = runPlanner(wb, testContext);
      expect(outcome.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(outcome.ok).toBe(true);
    }), { numRuns: 300 });
  });

  it.each`
    kind         | workbooks
    ${'valid'}   | ${validWorkbook}
    ${'damaged'} | ${damagedWorkbook}
    ${'junk'}    | ${junkWorkbook}
  `('never throws on $kind workbooks, and gives issues with messages instead', ({ workbooks }) => {
    fc.assert(fc.property(workbooks as fc.Arbitrary<WorkbookInput>, (wb) => {
      const outcome = runPlanner(wb, testContext);
      if (!outcome.ok) expect(outcome.issues.some((i) => i.severity === 'error')).toBe(true);
      for (const issue of outcome.issues) expect(issue.message).toMatch(/\w/);
    }), { numRuns: 500 });
  });

  it.each`
    kind         | workbooks
    ${'valid'}   | ${validWorkbook}
    ${'damaged'} | ${damagedWorkbook}
    ${'junk'}    | ${junkWorkbook}
  `('gives identical outcomes when run twice on the same $kind workbook', ({ workbooks }) => {
    fc.assert(fc.property(workbooks as fc.Arbitrary<WorkbookInput>, (wb) => {
      const attempt = () => { try { return runPlanner(wb, testContext); } catch (e) { return { threw: String(e) }; } };
      expect(attempt()).toEqual(attempt());
    }), { numRuns: 150 });
  });
});
