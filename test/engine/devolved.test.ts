import { outcomeOf, pennies, planOf, rowOf, sheetOf, type Rows } from '../support/plan';

/** Contract v1.1 §5.4: devolved budgets are spending. */

const localities: Rows = [
  ['Locality', 'Wards', 'Population', 'IMD Rank', 'Councillors', 'Weighted population'],
  ['Central', 5, 30000, 1, 3, 41250.5],
  ['North', 4, 20000, 2, 2, 22100.25],
  ['Dearne', 2, 10000, 3, 1, 9800],
];
const costHeader = ['Cost line', 'Applies to', 'Unit cost', 'Inflation', 'Method', 'From', 'To'];

describe('the Allocation pot is a cost (contract v1.1 §5.4, changed from v1)', () => {
  it('appears in Projection as the cost line "Allocation pot", counts in Total cost, every year, without inflation', () => {
    const o = planOf({ localities, parameters: [['Allocation pot', '£100k'], ['Non-pay inflation', '5%'], ['Pay inflation', '5%']] });
    const projection = sheetOf(o, 'Projection');
    expect(rowOf(projection, 'Allocation pot')).toEqual([100_000, 100_000, 100_000, 300_000]);
    expect(rowOf(projection, 'Total cost')).toEqual([100_000, 100_000, 100_000, 300_000]);
    expect(o.summary.projection.map((p) => p.cost)).toEqual([100_000, 100_000, 100_000]);
  });

  it('is funded like any other cost: with no funding it is a shortfall, not a surplus, and Warnings says so', () => {
    const o = planOf({ localities, parameters: [['Allocation pot', 100000], ['Years', 1]] });
    expect(o.summary.projection[0]).toMatchObject({ cost: 100_000, funding: 0, shortfall: 100_000, surplus: 0 });
    expect(o.summary.warnings).toEqual([expect.objectContaining({ severity: 'High', code: 'SHORTFALL', amount: 100_000 })]);
    expect(sheetOf(o, 'Warnings').cells[1][0]).not.toContain('every year is funded');
  });

  it('names its rows in the JSON allocation "Allocation pot"', () => {
    const o = planOf({ localities, parameters: [['Allocation pot', 1000], ['Years', 1]] });
    expect(o.summary.allocation.map((a) => a.line)).toEqual(['Allocation pot', 'Allocation pot', 'Allocation pot']);
  });
});

describe('Shared out cost lines (contract v1.1 §5.4)', () => {
  it.each`
    method                        | amounts
    ${'Equal'}                    | ${[33_333.34, 33_333.33, 33_333.33]}
    ${'Per ward'}                 | ${[45_454.54, 36_363.64, 18_181.82]}
    ${'Per head'}                 | ${[50_000, 33_333.33, 16_666.67]}
    ${'Need weighted'}            | ${[66_666.67, 33_333.33, 0]}
    ${'Per Councillors'}          | ${[50_000, 33_333.33, 16_666.67]}
    ${'per councillors'}          | ${[50_000, 33_333.33, 16_666.67]}
    ${'Per Weighted population'}  | ${[56_391.08, 30_211.93, 13_396.99]}
    ${'Per Wards'}                | ${[45_454.54, 36_363.64, 18_181.82]}
  `('shares £100,000 $method, to the penny', ({ method, amounts }) => {
    const o = planOf({ localities, parameters: [['Years', 1]], costs: [costHeader, ['Ward budgets', 'Shared out', 100000, 'None', method, null, null]] });
    expect(o.summary.allocation.map((a) => [a.line, a.amount])).toEqual(amounts.map((a: number) => ['Ward budgets', a]));
    expect(o.summary.allocation.reduce((s, a) => s + pennies(a.amount), 0)).toBe(10_000_000);
  });

  it.each`
    parameter          | amounts
    ${null}            | ${[33_333.34, 33_333.33, 33_333.33]}
    ${'Per ward'}      | ${[45_454.54, 36_363.64, 18_181.82]}
    ${'Per Councillors'} | ${[50_000, 33_333.33, 16_666.67]}
  `('shares a line with a blank Method by the Allocation method parameter ($parameter)', ({ parameter, amounts }) => {
    const o = planOf({ localities, parameters: [['Years', 1], ...(parameter ? [['Allocation method', parameter]] : [])], costs: [costHeader, ['Ward budgets', 'Shared out', 100000, 'None', null, null, null]] });
    expect(o.summary.allocation.map((a) => a.amount)).toEqual(amounts);
  });

  it("shares the line's amount after inflation and part years, every year adding up to it to the penny", () => {
    const o = planOf({ localities, parameters: [['Non-pay inflation', '3.3%']], costs: [costHeader, ['Ward budgets', 'Shared out', 100000.01, 'Non-pay', 'Per Weighted population', '2012/13', null]] });
    const line = o.results.allocation!.lines[0];
    expect(line.amounts.map((a) => a / 100)).toEqual([100_000.01, 103_300.01, 106_708.91]);
    line.amounts.forEach((amount, y) => expect(line.shares.reduce((s, x) => s + x.amounts[y], 0)).toBe(amount));
  });

  it('counts a Shared out line once in Total cost, not once per locality', () => {
    const o = planOf({ localities, parameters: [['Years', 1]], costs: [costHeader, ['Ward budgets', 'Shared out', 100000, 'None', 'Equal', null, null]] });
    expect(rowOf(sheetOf(o, 'Projection'), 'Ward budgets (shared out)')).toEqual([100_000, 100_000]);
    expect(o.summary.projection[0].cost).toBe(100_000);
  });

  it("York's formula: £105k per councillor plus £145k by deprivation-weighted population, two lines, each to the penny, each locality's total beside them", () => {
    const o = planOf({
      localities,
      parameters: [['Years', 1]],
      costs: [costHeader, ['Ward funding (councillors)', 'Shared out', '£105k', 'None', 'Per Councillors', null, null], ['Ward funding (deprivation)', 'Shared out', '£145k', 'None', 'Per Weighted population', null, null]],
    });
    const allocation = o.results.allocation!;
    expect(allocation.lines.map((l) => [l.line, l.amounts[0] / 100, l.shares.reduce((s, x) => s + x.amounts[0], 0) / 100])).toEqual([
      ['Ward funding (councillors)', 105_000, 105_000],
      ['Ward funding (deprivation)', 145_000, 145_000],
    ]);
    expect(allocation.totals.map((t) => [t.priority.locality.name, t.amounts[0]])).toEqual([['Central', 5_250_000 + 8_176_707], ['North', 3_500_000 + 4_380_729], ['Dearne', 1_750_000 + 1_942_564]]);
    const sheet = sheetOf(o, 'Allocation');
    expect(sheet.cells.filter((r) => typeof r[0] === 'string' && r[0].includes(': shared'))).toEqual([
      ['Ward funding (councillors): shared in proportion to Councillors (Basis = Councillors)'],
      ['Ward funding (deprivation): shared in proportion to Weighted population (Basis = Weighted population)'],
    ]);
    expect(sheet.tables.map((t) => t.name)).toEqual(['LP_Allocation', 'LP_Allocation_2', 'LP_Allocation_Total']);
    // One header for every table (the print titles), each line's basis named in its heading.
    for (const t of sheet.tables) expect(sheet.cells[t.range.row]).toEqual(['Locality', 'District', 'Basis', 'Share', '2012/13', 'Total']);
    const total = sheet.cells.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('Each locality across every line'));
    expect(sheet.cells[total + 5]).toEqual(['Total', null, null, 1, 250_000, 250_000]);
  });

  it('adds each locality\'s shares to its cost on Priorities', () => {
    const o = planOf({ localities, parameters: [['Years', 2]], costs: [costHeader, ['Ward budgets', 'Shared out', 100000, 'None', 'Per Councillors', null, null]] });
    const priorities = sheetOf(o, 'Priorities');
    expect(priorities.cells.find((r) => r[1] === 'Central')![7]).toBe(100_000);
  });

  it('refuses a recipient without a value in the Per column, naming its cell', () => {
    const o = outcomeOf({
      localities: [['Locality', 'IMD Rank', 'Councillors'], ['Central', 1, 3], ['North', 2, null], ['Dearne', 3, 'two']],
      costs: [costHeader, ['Ward budgets', 'Shared out', 100000, 'None', 'Per Councillors', null, null]],
    });
    expect(o.ok).toBe(false);
    expect(o.issues.filter((i) => i.severity === 'error').map((i) => [`${i.sheet}!${i.cell}`, i.message])).toEqual([
      ['Localities!C4', 'Councillors should be a number; found "two".'],
      ['Localities!C3', 'North has no Councillors, which Per Councillors allocation of Ward budgets needs.'],
    ]);
  });

  it.each`
    method                  | cell        | message
    ${'Per Councilors'}     | ${'Costs!E2'} | ${'Method "Per Councilors" is not one of "Equal", "Per ward", "Per head", "Need weighted", and Localities has no column named "Councilors" to share by (did you mean "Per Councillors"?).'}
    ${'Per hed'}            | ${'Costs!E2'} | ${'Method "Per hed" is not one of "Equal", "Per ward", "Per head", "Need weighted", and Localities has no column named "hed" to share by (did you mean "Per head"?).'}
    ${'Lottery'}            | ${'Costs!E2'} | ${'Method should be one of "Equal", "Per ward", "Per head", "Need weighted", "Per <column>"; found "Lottery".'}
  `('refuses the Method $method', ({ method, cell, message }) => {
    const o = outcomeOf({ localities, costs: [costHeader, ['Ward budgets', 'Shared out', 100000, 'None', method, null, null]] });
    expect(o.issues.filter((i) => i.severity === 'error').map((i) => [`${i.sheet}!${i.cell}`, i.message])).toEqual([[cell, message]]);
  });

  it('refuses an Allocation method naming no Localities column, at its Parameters cell, even when nothing uses it', () => {
    const o = outcomeOf({ localities, parameters: [['Allocation method', 'Per Members']] });
    expect(o.issues.filter((i) => i.severity === 'error').map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual(['Parameters!B4 UNKNOWN_BASIS']);
  });

  it('notes a Method on a line that is not Shared out, and ignores it', () => {
    const o = planOf({ localities, parameters: [['Years', 1]], costs: [costHeader, ['Officer', 'Programme', 100, 'None', 'Per ward', null, null]] });
    expect(o.issues).toContainEqual(expect.objectContaining({ code: 'NOT_APPLIED', cell: 'E2', message: 'the Method of Officer is ignored: only a Shared out line is shared among localities (set Applies to to "Shared out" to share it).' }));
  });

  it.each`
    case                             | tables
    ${'no Localities table'}         | ${{ costs: [costHeader, ['Ward budgets', 'Shared out', 1000, 'None', null, null, null]] }}
    ${'no Wards column for Per ward'} | ${{ localities: [['Locality'], ['A']], costs: [costHeader, ['Ward budgets', 'Shared out', 1000, 'None', 'Per ward', null, null]] }}
  `('refuses a Shared out line with $case', ({ tables }) => {
    const o = outcomeOf(tables);
    expect(o.ok).toBe(false);
    expect(o.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual([tables.localities ? 'MISSING_COLUMN' : 'LOCALITIES_NEEDED']);
  });

  it('lists every line in the JSON allocation with its line, year, locality and amount', () => {
    const o = planOf({ localities, parameters: [['Years', 2], ['Allocation pot', 300]], costs: [costHeader, ['Ward budgets', 'Shared out', 100, 'None', 'Equal', null, null]] });
    expect(o.summary.allocation.map((a) => `${a.line}|${a.year}|${a.locality}|${a.amount}`)).toEqual([
      'Ward budgets|2012/13|Central|33.34', 'Ward budgets|2012/13|North|33.33', 'Ward budgets|2012/13|Dearne|33.33',
      'Ward budgets|2013/14|Central|33.34', 'Ward budgets|2013/14|North|33.33', 'Ward budgets|2013/14|Dearne|33.33',
      'Allocation pot|2012/13|Central|100', 'Allocation pot|2012/13|North|100', 'Allocation pot|2012/13|Dearne|100',
      'Allocation pot|2013/14|Central|100', 'Allocation pot|2013/14|North|100', 'Allocation pot|2013/14|Dearne|100',
    ]);
  });
});
