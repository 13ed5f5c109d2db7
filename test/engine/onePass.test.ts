import { type IssueCode, type WorkbookInput, runPlanner } from '../../src/engine';
import { table, testContext, workbook } from '../support/tables';

/**
 * Every problem in one pass (issue 8): a finance officer who fixes what a run lists must
 * not meet a new list next time. Each case is a workbook whose problems used to hide one
 * another; every one must appear in a single run, with its code and cell, and nothing
 * that is only a knock-on of another.
 */
type Expected = readonly [IssueCode, string];

const localities = (...rows: unknown[][]) => table('Localities', [['Locality', 'District', 'IMD Rank', 'Population'], ...(rows as never[][])]);
const parameters = (...rows: unknown[][]) => table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ...(rows as never[][])]);
const costs = (header: string[], ...rows: unknown[][]) => table('Costs', [header, ...(rows as never[][])]);

const cases: { name: string; workbook: WorkbookInput; expected: readonly Expected[]; absent?: readonly IssueCode[] }[] = [
  {
    name: 'a bad Years and a non-numeric IMD Rank',
    workbook: workbook(localities(['A', 'North', 'x', 10], ['B', 'North', 2, 20]), parameters(['Years', 60])),
    expected: [['OUT_OF_RANGE', 'Parameters!B3'], ['BAD_NUMBER', 'Localities!C2']],
  },
  {
    name: 'Quantity, Unit cost, Inflation and From wrong in one Costs row',
    workbook: workbook(parameters(), costs(['Cost line', 'Quantity', 'Unit cost', 'Inflation', 'From'], ['Manager', 'two', 'tbc', 'CPI', 'soon'])),
    expected: [['BAD_NUMBER', 'Costs!B2'], ['BAD_AMOUNT', 'Costs!C2'], ['BAD_RATE', 'Costs!D2'], ['BAD_YEAR', 'Costs!E2']],
  },
  {
    name: 'a bad Applies to and the rest of its row',
    workbook: workbook(localities(['A', 'North', 1, 10]), parameters(), costs(['Cost line', 'Applies to', 'Unit cost', 'To'], ['Outreach', 'Nowhere', '£1,2', '2011/13'])),
    expected: [['UNKNOWN_LOCALITY', 'Costs!B2'], ['BAD_AMOUNT', 'Costs!C2'], ['BAD_YEAR', 'Costs!D2']],
  },
  {
    name: 'a bad Kind and the amounts beside it',
    workbook: workbook(parameters(), costs(['Cost line', 'Unit cost'], ['Manager', 1000]), table('Funding', [['Source', 'Kind', 'Annual amount', 'Pot', '2013/14'], ['Grant', 'Corporate', 'lots', '(-5)', '45000 50000']])),
    expected: [['BAD_CHOICE', 'Funding!B2'], ['BAD_AMOUNT', 'Funding!C2'], ['BAD_AMOUNT', 'Funding!D2'], ['BAD_AMOUNT', 'Funding!E2']],
  },
  {
    name: 'a Costs error and a selected locality with no Population under Per head',
    workbook: workbook(localities(['A', 'North', 1, null], ['B', 'North', 2, 30]), parameters(['Allocation pot', 1000], ['Allocation method', 'Per head']), costs(['Cost line', 'Unit cost'], ['Manager', 'tbc'])),
    expected: [['BAD_AMOUNT', 'Costs!B2'], ['REQUIRED', 'Localities!D2']],
  },
  {
    name: 'an error elsewhere, an output sheet name taken, and no First year anywhere',
    workbook: { ...workbook(table('Parameters', [['Parameter', 'Value'], ['Pay inflation', 'high']]), costs(['Cost line', 'Unit cost'], ['Manager', 'tbc'])), sheetNames: ['Parameters', 'Costs', 'Projection'] },
    expected: [['BAD_RATE', 'Parameters!B2'], ['BAD_AMOUNT', 'Costs!B2'], ['FIRST_YEAR_NEEDED', 'Parameters'], ['OWNERSHIP', 'Workbook']],
  },
  {
    name: 'no Locality header, bad Localities cells, and a cost line naming a locality',
    workbook: workbook(
      table('Localities', [['Place', 'District', 'IMD Rank', 'Population', 'Override'], ['A', 'North', 'x', -1, 'Maybe']]),
      parameters(),
      costs(['Cost line', 'Applies to', 'Unit cost'], ['Outreach', 'A', 5000]),
    ),
    expected: [['MISSING_COLUMN', 'Localities!A1'], ['BAD_NUMBER', 'Localities!C2'], ['NEGATIVE', 'Localities!D2'], ['BAD_CHOICE', 'Localities!E2']],
    absent: ['NO_LOCALITIES_TABLE', 'UNKNOWN_LOCALITY'],
  },
  {
    name: "a repeated row's own errors",
    workbook: workbook(
      table('Localities', [['Locality', 'IMD Rank', 'Override'], ['Castle', 1, null], ['castle', 'x', 'Maybe']]),
      table('Indicators', [['Indicator', 'Weight'], ['IMD Rank', 1], ['imd rank', 'heavy']]),
      table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['First year', 'never']]),
    ),
    expected: [
      ['DUPLICATE_LOCALITY', 'Localities!A3'], ['BAD_NUMBER', 'Localities!B3'], ['BAD_CHOICE', 'Localities!C3'],
      ['DUPLICATE_INDICATOR', 'Indicators!A3'], ['BAD_NUMBER', 'Indicators!B3'],
      ['DUPLICATE_PARAMETER', 'Parameters!A3'], ['BAD_YEAR', 'Parameters!B3'],
    ],
  },
];

describe('every problem in one run (issue 8)', () => {
  it.each(cases)('reports every problem of $name in one run, with its code and cell', ({ workbook: wb, expected, absent }) => {
    const outcome = runPlanner(wb, testContext);
    expect(outcome.ok).toBe(false);
    const errors = outcome.issues.filter((i) => i.severity === 'error').map((i): Expected => [i.code, i.cell ? `${i.sheet ?? i.table}!${i.cell}` : i.table]);
    expect(errors).toEqual(expect.arrayContaining(expected.map((e) => [...e])));
    expect(errors).toHaveLength(expected.length);
    for (const code of absent ?? []) expect(outcome.issues.map((i) => i.code)).not.toContain(code);
  });

  it('names once what could not be worked out, instead of reporting its knock-on errors', () => {
    const outcome = runPlanner(workbook(localities(['A', 'North', 'x', 10]), parameters(['Per district', 1]), costs(['Cost line', 'Applies to', 'Unit cost'], ['Outreach', 'Each locality', 5000])), testContext);
    const notes = outcome.issues.filter((i) => i.code === 'NOT_CHECKED');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      severity: 'warning',
      stages: [{ stage: 'selection', needs: ['Localities'] }, { stage: 'costs', needs: ['the choice of localities'] }, { stage: 'funding', needs: ['the costs by year'] }],
    });
    expect(notes[0].message).toBe(
      'Not worked out yet, because of the errors above: the need ranking and the choice of localities (needs Localities); the costs by year (needs the choice of localities); the funding and shortfall by year (needs the costs by year). Fix those errors and run again; problems that depend on these are checked then.',
    );
  });

  it('says nothing is waiting when every part could be worked out', () => {
    const outcome = runPlanner({ ...workbook(parameters(), costs(['Cost line', 'Unit cost'], ['Manager', 1000])), sheetNames: ['Parameters', 'Costs', 'Charts'] }, testContext);
    expect(outcome.issues.map((i) => i.code)).toEqual(['OWNERSHIP']);
  });
});
