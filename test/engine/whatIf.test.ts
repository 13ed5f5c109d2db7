import fc from 'fast-check';
import { TRIED_CASE, type TriedChange, excelDate, tryChanges } from '../../src/engine';
import { type PlanInputs, type Rows, outcomeOf, planOf, refusals, workbookOfPlan } from '../support/plan';
import { testContext } from '../support/tables';

/**
 * Contract v1.1 §6 as rule tables: the Scenarios table (§6.1), sensitivity (§6.2) and
 * affordability (§6.3), each from the tables a user would type.
 */

const costs: Rows = [
  ['Cost line', 'Applies to', 'Quantity', 'Unit cost', 'Inflation'],
  ['Locality Manager', 'Programme', 1, 40_000, 'Pay'],
  ['Venue hire', 'Programme', 1, 10_000, 'Non-pay'],
  ['Community grants', 'Programme', 1, 5_000, '3%'],
];
const funding: Rows = [
  ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status'],
  ['Core budget', 'Recurring', 45_000, null, null, null, 'Confirmed'],
  ['Partner contribution', 'Recurring', 5_000, null, null, '2013/14', 'Expected'],
  ['Reward grant', 'One-off', null, 6_000, null, null, 'At risk'],
];
const plain: PlanInputs = { parameters: [['Pay inflation', '2%'], ['Non-pay inflation', '1%']], costs, funding };
const withScenarios = (scenarios: Rows, more: Partial<PlanInputs> = {}): PlanInputs => ({ ...plain, ...more, scenarios });
const totals = (inputs: PlanInputs) => planOf(inputs).summary.scenarios.map((c) => [c.name, c.kind, c.totalShortfall]);
const baseTotal = (inputs: PlanInputs) => planOf(inputs).summary.scenarios[0].totalShortfall;

describe('Scenarios (contract v1.1 §6.1): each column the inputs with its changes, planned in full', () => {
  it.each`
    rule                                                              | table                                                                                                  | same
    ${'a parameter, Field blank'}                                     | ${[['Item', 'Field', 'S'], ['Pay inflation', null, '5%']]}                                             | ${{ parameters: [['Pay inflation', '5%'], ['Non-pay inflation', '1%']] }}
    ${'a parameter the table does not list, added'}                   | ${[['Item', 'Field', 'S'], ['Shortfall tolerance', null, 1000]]}                                       | ${{ parameters: [...plain.parameters!, ['Shortfall tolerance', 1000]] }}
    ${'a cost line\'s Quantity'}                                      | ${[['Item', 'Field', 'S'], ['Locality Manager', 'Quantity', 2]]}                                       | ${{ costs: [costs[0], ['Locality Manager', 'Programme', 2, 40_000, 'Pay'], costs[2], costs[3]] }}
    ${'a Field written as an alias (FTE)'}                            | ${[['Item', 'Field', 'S'], ['Locality Manager', 'FTE', 2]]}                                            | ${{ costs: [costs[0], ['Locality Manager', 'Programme', 2, 40_000, 'Pay'], costs[2], costs[3]] }}
    ${'a year column the table lacks, added'}                         | ${[['Item', 'Field', 'S'], ['Venue hire', '2013/14', 0]]}                                              | ${{ costs: [[...costs[0], '2013/14'], ...costs.slice(1).map((r, i) => [...r, i === 1 ? 0 : null])] }}
    ${'a funding line\'s Status'}                                     | ${[['Item', 'Field', 'S'], ['Reward grant', 'Status', 'Confirmed']]}                                   | ${{ funding: [...funding.slice(0, 3), ['Reward grant', 'One-off', null, 6_000, null, null, 'Confirmed']] }}
    ${'a funding line\'s To, as a year'}                              | ${[['Item', 'Field', 'S'], ['Partner contribution', 'To', '2014/15']]}                                 | ${{ funding: [funding[0], funding[1], ['Partner contribution', 'Recurring', 5_000, null, null, '2014/15', 'Expected'], funding[3]] }}
    ${'an amount in £k'}                                              | ${[['Item', 'Field', 'S'], ['Core budget', 'Annual amount', '£50k']]}                                  | ${{ funding: [funding[0], ['Core budget', 'Recurring', 50_000, null, null, null, 'Confirmed'], funding[2], funding[3]] }}
    ${'an item named with its table'}                                 | ${[['Table', 'Item', 'Field', 'S'], ['Costs', 'venue HIRE', 'Unit cost', 12_000]]}                     | ${{ costs: [costs[0], costs[1], ['Venue hire', 'Programme', 1, 12_000, 'Non-pay'], costs[3]] }}
    ${'a date in To meaning that day (v1.1 §5.1)'}                    | ${[['Item', 'Field', 'S'], ['Locality Manager', 'To', excelDate(41_578)]]}                             | ${{ costs: [[...costs[0], 'To'], [...costs[1], excelDate(41_578)], [...costs[2], null], [...costs[3], null]] }}
  `('changes $rule exactly as typing it into the table would', ({ table, same }) => {
    const scenario = planOf(withScenarios(table as Rows)).summary.scenarios[1];
    const typed = planOf({ ...plain, ...(same as Partial<PlanInputs>) }).summary.scenarios[0];
    expect(scenario).toEqual({ ...typed, name: 'S', kind: 'scenario' });
  });

  it('plans Base, the scenarios in column order, then Confirmed funding only', () => {
    expect(totals(withScenarios([['Item', 'Field', 'Low', 'High', 'Grant continues'], ['Pay inflation', null, '0%', '4%', null], ['Reward grant', 'Status', null, null, 'Confirmed']])).map((t) => t.slice(0, 2))).toEqual([
      ['Base', 'base'],
      ['Low', 'scenario'],
      ['High', 'scenario'],
      ['Grant continues', 'scenario'],
      ['Confirmed funding only', 'confirmed-only'],
    ]);
  });

  it('chooses localities again when a scenario changes Per district, Additional or an Override', () => {
    const localities: Rows = [['Locality', 'District', 'IMD Rank'], ['A', 'N', 1], ['B', 'N', 2], ['C', 'S', 3], ['D', 'S', 4]];
    const inputs: PlanInputs = { parameters: [['Per district', 1], ['Cost per locality', 10_000]], localities, costs: [['Cost line', 'Unit cost'], ['Office', 1000]], scenarios: [['Table', 'Item', 'Field', 'More', 'B in'], [null, 'Additional', null, 2, null], ['Localities', 'B', 'Override', null, 'Include']] };
    expect(planOf(inputs).summary.scenarios.map((c) => [c.name, c.selected])).toEqual([['Base', 2], ['More', 4], ['B in', 3]]);
  });

  it.each`
    rule                                                      | scenarios                                                                                    | refused
    ${'an item no table has'}                                 | ${[['Item', 'Field', 'S'], ['Locality Manger', 'Quantity', 2]]}                              | ${['What if!A2 SCENARIO_UNKNOWN_ITEM']}
    ${'a Table that does not have the item'}                  | ${[['Table', 'Item', 'Field', 'S'], ['Funding', 'Venue hire', 'Unit cost', 1]]}              | ${['What if!B2 SCENARIO_UNKNOWN_ITEM']}
    ${'a column Costs cannot change'}                         | ${[['Item', 'Field', 'S'], ['Venue hire', 'Colour', 'Red']]}                                 | ${['What if!B2 SCENARIO_BAD_FIELD']}
    ${'a Field on a parameter'}                               | ${[['Item', 'Field', 'S'], ['Pay inflation', 'Rate', '2%']]}                                 | ${['What if!B2 SCENARIO_BAD_FIELD']}
    ${'a blank Field on a cost line'}                         | ${[['Item', 'Field', 'S'], ['Venue hire', null, 1]]}                                         | ${['What if!B2 SCENARIO_BAD_FIELD']}
    ${'a value its own table would refuse'}                   | ${[['Item', 'Field', 'S'], ['Venue hire', 'Unit cost', 'lots']]}                             | ${['What if!C2 SCENARIO_VALUE']}
    ${'a rate given as a bare number'}                        | ${[['Item', 'Field', 'S'], ['Pay inflation', null, 3.8]]}                                    | ${['What if!C2 SCENARIO_VALUE']}
    ${'a Status that is not one'}                             | ${[['Item', 'Field', 'S'], ['Reward grant', 'Status', 'Maybe']]}                             | ${['What if!C2 SCENARIO_VALUE']}
    ${'a negative funding amount'}                            | ${[['Item', 'Field', 'S'], ['Core budget', 'Annual amount', -5]]}                            | ${['What if!C2 SCENARIO_VALUE']}
    ${'the same value changed twice'}                         | ${[['Item', 'Field', 'S'], ['Pay inflation', null, '1%'], ['Pay inflation', null, '2%']]}    | ${['What if!C3 SCENARIO_CHANGED_TWICE']}
    ${'a scenario named Base'}                                | ${[['Item', 'Field', 'base'], ['Pay inflation', null, '1%']]}                                | ${['What if!C1 SCENARIO_NAME']}
    ${'two scenarios of one name'}                            | ${[['Item', 'Field', 'Low', 'low'], ['Pay inflation', null, '1%', '0%']]}                    | ${['What if!D1 SCENARIO_NAME']}
    ${'a change whose effect elsewhere is an error'}          | ${[['Item', 'Field', 'S'], ['Per district', null, 1]]}                                       | ${['What if!C1 SCENARIO_VALUE']}
    ${'no Item column'}                                       | ${[['Thing', 'Field', 'S'], ['Pay inflation', null, '1%']]}                                  | ${['What if!A1 MISSING_COLUMN']}
  `('refuses $rule at its Scenarios cell', ({ scenarios, refused }) => {
    expect(refusals(outcomeOf(withScenarios(scenarios as Rows)))).toEqual(refused);
  });

  it('reports a bad scenario value in the same run as every other input error', () => {
    const o = outcomeOf(withScenarios([['Item', 'Field', 'S'], ['Venue hire', 'Unit cost', 'lots'], ['Nowhere', 'Pot', 1]], { costs: [...costs, ['Broken', 'Programme', 1, 'abc', 'Pay']] }));
    expect(refusals(o)).toEqual(['Costs!D5 BAD_AMOUNT', 'What if!C2 SCENARIO_VALUE', 'What if!A3 SCENARIO_UNKNOWN_ITEM']);
    expect(o.issues.find((i) => i.code === 'SCENARIO_VALUE')!.message).toBe('in scenario "S", Unit cost should be an amount such as £75,000, 75000.50 or (1,200); found "lots".');
  });

  it('says which table to use when a name is in two', () => {
    const o = outcomeOf(withScenarios([['Item', 'Field', 'S'], ['Shared', 'Unit cost', 1]], { costs: [...costs, ['Shared', 'Programme', 1, 100, 'None']], funding: [...funding, ['Shared', 'Recurring', 100, null, null, null, 'Confirmed']] }));
    expect(o.issues.filter((i) => i.severity === 'error').map((i) => [i.cell, i.message])).toEqual([['A2', '"Shared" is in Costs and Funding; write which in this row\'s Table column.']]);
  });

  it('leaves a blank scenario value as the inputs have it', () => {
    expect(totals(withScenarios([['Item', 'Field', 'S'], ['Pay inflation', null, null]]))[1][2]).toBe(baseTotal(plain));
  });

  it('never plans Confirmed funding only when all funding is Confirmed', () => {
    const confirmed = funding.map((r, i) => (i === 0 ? r : [...r.slice(0, 6), 'Confirmed']));
    expect(planOf({ ...plain, funding: confirmed }).summary.scenarios.map((c) => c.kind)).toEqual(['base']);
  });
});

describe('Sensitivity (contract v1.1 §6.2): each rate and amount moved down and up by its step, one at a time', () => {
  const rows = (inputs: PlanInputs) => planOf(inputs).summary.sensitivity;

  it('lists every input the plan uses, in the contract\'s order when swings tie, with its cell', () => {
    const found = rows({ ...plain, parameters: [...plain.parameters!, ['Cost per locality', 0]] });
    expect(found.map((r) => [r.input, r.table, r.cell]).sort()).toEqual(
      [
        ['Pay inflation', 'Parameters', 'B4'],
        ['Non-pay inflation', 'Parameters', 'B5'],
        ['Inflation of Community grants', 'Costs', 'E4'],
        ['Unit cost of Locality Manager', 'Costs', 'D2'],
        ['Unit cost of Venue hire', 'Costs', 'D3'],
        ['Unit cost of Community grants', 'Costs', 'D4'],
        ['Annual amount of Core budget', 'Funding', 'C2'],
        ['Annual amount of Partner contribution', 'Funding', 'C3'],
        ['Pot of Reward grant', 'Funding', 'D4'],
      ].sort(),
    );
  });

  it.each`
    input                              | base      | low       | high
    ${'Pay inflation'}                 | ${0.02}   | ${0.01}   | ${0.03}
    ${'Inflation of Community grants'} | ${0.03}   | ${0.02}   | ${0.04}
    ${'Unit cost of Locality Manager'} | ${40_000} | ${36_000} | ${44_000}
    ${'Pot of Reward grant'}           | ${6_000}  | ${5_400}  | ${6_600}
  `('moves $input from $base to $low and $high by the default steps (1 point, 10%)', ({ input, base, low, high }) => {
    expect(rows(plain).find((r) => r.input === input)).toMatchObject({ base, low, high });
  });

  it('takes its steps from Sensitivity step for rates and Sensitivity step for amounts', () => {
    const found = rows({ ...plain, parameters: [...plain.parameters!, ['Sensitivity step for rates', '0.5%'], ['Sensitivity step for amounts', '25%']] });
    expect(found.find((r) => r.input === 'Pay inflation')).toMatchObject({ low: 0.015, high: 0.025 });
    expect(found.find((r) => r.input === 'Unit cost of Venue hire')).toMatchObject({ low: 7_500, high: 12_500 });
  });

  it('moves Cost per locality and Programme multiplier when localities are costed', () => {
    const found = rows({ parameters: [['Cost per locality', 75_000], ['Programme multiplier', 2]], localities: [['Locality', 'IMD Rank'], ['A', 1], ['B', 2]], funding: [['Source', 'Annual amount'], ['Core', 200_000]] });
    expect(found.map((r) => [r.input, r.base, r.low, r.high, r.shortfallLow, r.shortfallHigh, r.swing])).toEqual([
      // 3 years of 2 localities × 2 × £75,000 = £300,000 a year against £200,000.
      ['Cost per locality', 75_000, 67_500, 82_500, 3 * 70_000, 3 * 130_000, 3 * 60_000],
      ['Programme multiplier', 2, 1.8, 2.2, 3 * 70_000, 3 * 130_000, 3 * 60_000],
      ['Annual amount of Core', 200_000, 180_000, 220_000, 3 * 120_000, 3 * 80_000, 3 * 40_000],
      ['Pay inflation', 0, -0.01, 0.01, expect.any(Number), expect.any(Number), expect.any(Number)],
    ]);
  });

  it.each`
    rule                                        | more
    ${'a zero amount'}                          | ${{ costs: [...costs, ['Spare', 'Programme', 1, 0, 'None']] }}
    ${'a line in no projected year'}            | ${{ costs: [[...costs[0], 'From'], ...costs.slice(1).map((r) => [...r, null]), ['Later', 'Programme', 1, 500, 'None', '2030/31']] }}
    ${'a capital line (shortfall is revenue)'}  | ${{ costs: [[...costs[0], 'Type'], ...costs.slice(1).map((r) => [...r, null]), ['Van', 'Programme', 1, 500, 'None', 'Capital']] }}
  `('skips $rule', ({ more }) => {
    const found = rows({ ...plain, ...(more as Partial<PlanInputs>) });
    expect(found.map((r) => r.input)).not.toEqual(expect.arrayContaining([expect.stringMatching(/Spare|Later|Van/)]));
  });

  it('ranks rows by swing, largest first, ties in the contract\'s order', () => {
    const found = rows(plain);
    expect(found.map((r) => r.swing)).toEqual([...found.map((r) => r.swing)].sort((a, b) => b - a));
    const tied = rows({ costs: [['Cost line', 'Unit cost', 'Inflation'], ['Second', 1_000, 'None'], ['First', 1_000, 'None']], funding: [['Source', 'Annual amount'], ['Core', 500]] });
    expect(tied.map((r) => [r.input, r.swing])).toEqual([
      ['Unit cost of Second', 600],
      ['Unit cost of First', 600],
      ['Annual amount of Core', 300],
    ]);
  });
});

describe('Sensitivity against the full re-plan: each row as its own run of the inputs with that one value typed in', () => {
  type Line = { name: string; appliesTo: 'Programme' | 'Each locality'; unitCost: number; inflation: string };
  const inflation = fc.oneof(fc.constantFrom('Pay', 'Non-pay', 'None'), fc.integer({ min: 0, max: 9 }).map((k) => `${k}%`));
  const line = (name: string) => fc.record({ name: fc.constant(name), appliesTo: fc.constantFrom<Line['appliesTo']>('Programme', 'Each locality'), unitCost: fc.integer({ min: 1, max: 90_000 }), inflation });
  const cases = fc.record({
    lines: fc.tuple(line('Manager'), line('Venue'), line('Grants')).chain((all) => fc.integer({ min: 1, max: 3 }).map((k) => all.slice(0, k))),
    pay: fc.integer({ min: 0, max: 6 }),
    nonPay: fc.integer({ min: 0, max: 6 }),
    core: fc.integer({ min: 0, max: 200_000 }),
    multiplier: fc.constantFrom<number>(1, 1.5, 2),
    coreInflation: fc.constantFrom('Pay', 'Non-pay', 'None'),
  });
  const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;
  const inputsOf = (c: { lines: Line[]; pay: string; nonPay: string; core: number; multiplier: number; coreInflation: string }): PlanInputs => ({
    parameters: [['Pay inflation', c.pay], ['Non-pay inflation', c.nonPay], ['Programme multiplier', c.multiplier]],
    localities: [['Locality', 'IMD Rank'], ['A', 1], ['B', 2], ['C', 3]],
    costs: [['Cost line', 'Applies to', 'Quantity', 'Unit cost', 'Inflation'], ...c.lines.map((l) => [l.name, l.appliesTo, 1, l.unitCost, l.inflation])],
    funding: [['Source', 'Annual amount', 'Inflation'], ['Core', c.core, c.coreInflation]],
  });

  it("gives each row's shortfalls as a run of the inputs with the value moved gives Base's, for rates and amounts, lines paid once or for each locality, funding growing with a rate or not", () => {
    // The what-if cases reuse what their change cannot touch (each cost line's costing and
    // each Recurring line's payments, kept by the line); a fresh run shares nothing with them, so any reuse that was wrong shows here.
    fc.assert(
      fc.property(cases, (c) => {
        const given = { lines: c.lines, pay: `${c.pay}%`, nonPay: `${c.nonPay}%`, core: c.core, multiplier: c.multiplier, coreInflation: c.coreInflation };
        const rows = planOf(inputsOf(given)).summary.sensitivity;
        for (const row of rows) {
          for (const [value, shortfall] of [[row.low, row.shortfallLow], [row.high, row.shortfallHigh]] as const) {
            const moved = structuredClone(given);
            const lineOf = (name: string) => moved.lines.find((l) => row.input.endsWith(` of ${name}`) && l.name === name)!;
            if (row.input === 'Pay inflation') moved.pay = percent(value);
            else if (row.input === 'Non-pay inflation') moved.nonPay = percent(value);
            else if (row.input === 'Annual amount of Core') moved.core = value;
            else if (row.input === 'Programme multiplier') moved.multiplier = value;
            else if (row.input.startsWith('Unit cost of ')) lineOf(row.input.slice('Unit cost of '.length)).unitCost = value;
            else if (row.input.startsWith('Inflation of ')) lineOf(row.input.slice('Inflation of '.length)).inflation = percent(value);
            else throw new Error(`A row the property does not move: ${row.input}`);
            expect([row.input, value, planOf(inputsOf(moved)).summary.scenarios[0].totalShortfall]).toEqual([row.input, value, shortfall]);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('Affordability (contract v1.1 §6.3): each answer exact, as a sentence and a figure', () => {
  const localities: Rows = [['Locality', 'District', 'IMD Rank'], ...Array.from({ length: 10 }, (_, i) => [`L${i + 1}`, i % 2 === 0 ? 'North' : 'South', i + 1])];
  const affording = (parameters: Rows, annual: number) => planOf({ localities, parameters: [['Years', 2], ...parameters], funding: [['Source', 'Annual amount'], ['Core', annual]] });

  it.each`
    rule                                                     | parameters                                                           | annual     | localitiesAnswer                         | costPerLocality | newMoney
    ${'2 district choices and 3 more affordable of 6'}       | ${[['Per district', 1], ['Additional', 4], ['Cost per locality', 10_000]]} | ${50_000}  | ${{ additional: 3, selected: 5 }}        | ${8_333.33}     | ${{ amount: 10_000, fromYear: '2012/13' }}
    ${'everything affordable: no new money'}                 | ${[['Per district', 1], ['Additional', 1], ['Cost per locality', 10_000]]} | ${500_000} | ${{ additional: 8, selected: 10 }}       | ${166_666.66}   | ${{ amount: 0, fromYear: null }}
    ${'not even the district choices'}                       | ${[['Per district', 1], ['Cost per locality', 10_000]]}              | ${5_000}   | ${null}                                  | ${2_500}        | ${{ amount: 15_000, fromYear: '2012/13' }}
    ${'no quotas, no Cost per locality: neither applies'}    | ${[]}                                                                | ${5_000}   | ${null}                                  | ${null}         | ${{ amount: 0, fromYear: null }}
  `('with $rule', ({ parameters, annual, localitiesAnswer, costPerLocality, newMoney }) => {
    const { affordability } = affording(parameters as Rows, annual as number).summary;
    expect(affordability).toEqual({ localities: localitiesAnswer, costPerLocality, newRecurringFunding: newMoney });
  });

  it.each`
    parameters                                                               | annual     | sentences
    ${[['Per district', 1], ['Additional', 4], ['Cost per locality', 10_000]]} | ${50_000}  | ${['With £50,000 a year the programme affords 5 localities: the 2 district choices and 3 more. Additional is 4 in the inputs.', 'With £50,000 a year the programme affords a Cost per locality of up to £8,333.33 (the inputs have £10,000.00).', "New recurring funding of £10,000.00 a year from 2012/13 to 2013/14 leaves no year's revenue shortfall above the tolerance."]}
    ${[['Per district', 1], ['Cost per locality', 10_000]]}                  | ${5_000}   | ${['Even with Additional at 0, the 2 localities chosen before it leave a revenue shortfall above the tolerance: the funding planned does not afford them.', 'With £5,000 a year the programme affords a Cost per locality of up to £2,500.00 (the inputs have £10,000.00).', "New recurring funding of £15,000.00 a year from 2012/13 to 2013/14 leaves no year's revenue shortfall above the tolerance."]}
    ${[]}                                                                    | ${5_000}   | ${['Localities affordable does not apply: Per district and Additional are both 0, so every locality is selected.', 'Cost per locality affordable does not apply: Cost per locality is £0.', "No new recurring funding is needed: no year's revenue shortfall is above the tolerance."]}
  `('says each answer in words: $sentences.0', ({ parameters, annual, sentences }) => {
    const { results } = affording(parameters as Rows, annual as number);
    expect(Object.values(results.whatIf.analysis!.sentences)).toEqual(sentences);
  });

  it('tries every Additional when a per-locality line is a saving, so the answer is still the largest that fits', () => {
    // Each locality saves £3,000 a year on venues but costs £10,000: £7,000 net each.
    const planned = planOf({ localities, parameters: [['Years', 2], ['Additional', 3]], costs: [['Cost line', 'Applies to', 'Unit cost'], ['Worker', 'Each locality', 10_000], ['Venue saving', 'Each locality', -3_000]], funding: [['Source', 'Annual amount'], ['Core', 30_000]] });
    expect(planned.summary.affordability.localities).toEqual({ additional: 4, selected: 4 });
  });

  it('counts Shortfall tolerance: a gap at or below it is affordable', () => {
    const { summary } = affording([['Per district', 1], ['Additional', 4], ['Cost per locality', 10_000], ['Shortfall tolerance', 5_000]], 50_000);
    expect(summary.affordability.localities).toEqual({ additional: 3, selected: 5 });
    expect(summary.affordability.costPerLocality).toBe(9_166.66);
    expect(summary.affordability.newRecurringFunding).toEqual({ amount: 5_000, fromYear: '2012/13' });
  });
});

describe("the task pane's Try a change: the inputs with a few changes, planned as a scenario, nothing written", () => {
  const input = () => workbookOfPlan(plain);

  it.each`
    change                                                   | typed
    ${{ table: null, item: 'Pay inflation', field: null, value: '4%' }}              | ${{ parameters: [['Pay inflation', '4%'], ['Non-pay inflation', '1%']] }}
    ${{ table: 'Funding', item: 'Reward grant', field: 'Status', value: 'Confirmed' }} | ${{ funding: [...funding.slice(0, 3), ['Reward grant', 'One-off', null, 6_000, null, null, 'Confirmed']] }}
    ${{ table: null, item: 'Core budget', field: 'Annual amount', value: '£40k' }}   | ${{ funding: [funding[0], ['Core budget', 'Recurring', 40_000, null, null, null, 'Confirmed'], funding[2], funding[3]] }}
    ${{ table: 'Costs', item: 'Locality Manager', field: 'Quantity', value: 1.5 }}   | ${{ costs: [costs[0], ['Locality Manager', 'Programme', 1.5, 40_000, 'Pay'], costs[2], costs[3]] }}
  `('gives the figures a full run with $change.item changed gives', ({ change, typed }) => {
    const tried = tryChanges(input(), [change as TriedChange], testContext);
    const full = planOf({ ...plain, ...(typed as Partial<PlanInputs>) }).summary.scenarios[0];
    expect(tried).toEqual({ ok: true, base: planOf(plain).summary.scenarios[0], tried: { ...full, name: TRIED_CASE, kind: 'scenario' } });
  });

  it('answers a change its own table would refuse against that change, and plans nothing', () => {
    const tried = tryChanges(input(), [{ table: null, item: 'Pay inflation', field: null, value: '2%' }, { table: null, item: 'Venue hire', field: 'Unit cost', value: 'lots' }], testContext);
    expect(tried.ok).toBe(false);
    if (tried.ok) return;
    expect(tried.byChange.map((issues) => issues.map((i) => i.message))).toEqual([[], ['in scenario "Tried change", Unit cost should be an amount such as £75,000, 75000.50 or (1,200); found "lots".']]);
    expect(tried.other).toEqual([]);
  });

  it("ignores the workbook's own Scenarios table: only the tried case is planned", () => {
    const own = workbookOfPlan({ ...plain, scenarios: [['Item', 'Field', 'Saved'], ['Pay inflation', null, '9%']] });
    const tried = tryChanges(own, [], testContext);
    expect(tried.ok && [tried.base.name, tried.tried.name, tried.tried.totalShortfall === tried.base.totalShortfall]).toEqual(['Base', TRIED_CASE, true]);
  });
});
