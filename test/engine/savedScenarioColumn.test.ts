import { type CellValue, type TriedChange, savedScenarioColumn, scenarioNameProblem } from '../../src/engine';
import { planOf } from '../support/plan';

/**
 * What Save as scenario writes (issue 12, contract v1.1 §6.1): the run's own rule for a
 * scenario's name, and the new column: a value on the row with the same Table, Item and
 * Field, a new row for a change no row has.
 */
const pay: TriedChange = { table: 'Parameters', item: 'Pay inflation', field: null, value: '5%' };
const grant: TriedChange = { table: 'Funding', item: 'Cohesion grant', field: 'Status', value: 'Confirmed' };

describe("a scenario's name", () => {
  it.each`
    name                         | taken              | problem
    ${'Low'}                     | ${[]}              | ${null}
    ${''}                        | ${[]}              | ${'blank'}
    ${'  '}                      | ${[]}              | ${'blank'}
    ${'Base'}                    | ${[]}              | ${'reserved'}
    ${' base '}                  | ${[]}              | ${'reserved'}
    ${'Confirmed  funding only'} | ${[]}              | ${'reserved'}
    ${'low'}                     | ${['Low', 'High']} | ${'repeated'}
    ${'Lower'}                   | ${['Low', 'High']} | ${null}
  `('"$name" with $taken taken is $problem', ({ name, taken, problem }) => {
    expect(scenarioNameProblem(name as string, taken as string[])).toBe(problem);
  });

  it.each([['Base'], ['Confirmed funding only'], ['Low'], ['High']])('is refused by a run exactly when Save as scenario refuses it: "%s" after a column Low', (name) => {
    const scenarios = [['Table', 'Item', 'Field', 'Low', name], ['Parameters', 'Pay inflation', null, '1%', '2%']];
    const refusedByRun = (() => {
      try {
        planOf({ scenarios });
        return false;
      } catch (e) {
        return /SCENARIO_NAME|name of a case|two scenarios are named/.test(String(e));
      }
    })();
    expect(refusedByRun).toBe(scenarioNameProblem(name, ['Low']) !== null);
  });
});

describe('the column Save as scenario adds', () => {
  const header: CellValue[] = ['Table', 'Item', 'Field', 'Low'];
  it.each`
    case                                              | rows                                                                                  | existing                  | added
    ${'with no table: every change a new row'}         | ${[]}                                                                                 | ${[]}                     | ${[['Parameters', 'Pay inflation', null, null, '5%'], ['Funding', 'Cohesion grant', 'Status', null, 'Confirmed']]}
    ${'a row with the same Table, Item and Field reused'} | ${[['parameters', ' pay  inflation', null, '1%']]}                                   | ${['5%']}                 | ${[['Funding', 'Cohesion grant', 'Status', null, 'Confirmed']]}
    ${'a row for another field is not reused'}        | ${[['Funding', 'Cohesion grant', 'Annual amount', '£1']]}                             | ${[null]}                 | ${[['Parameters', 'Pay inflation', null, null, '5%'], ['Funding', 'Cohesion grant', 'Status', null, 'Confirmed']]}
    ${'both rows there'}                              | ${[['Funding', 'Cohesion grant', 'Status', 'At risk'], ['Parameters', 'Pay inflation', null, '1%']]} | ${['Confirmed', '5%']} | ${[]}
  `('$case', ({ rows, existing, added }) => {
    expect(savedScenarioColumn(header, rows as CellValue[][], 'High', [pay, grant])).toEqual({ ok: true, existing, added });
  });

  it.each`
    case                        | head                          | name      | changes   | why
    ${'a name the table has'}   | ${header}                     | ${'LOW'}  | ${[pay]}  | ${'repeated'}
    ${'a reserved name'}        | ${header}                     | ${'Base'} | ${[pay]}  | ${'reserved'}
    ${'no changes'}             | ${header}                     | ${'High'} | ${[]}     | ${'no-changes'}
    ${'a table with no Item'}   | ${['Table', 'Field', 'Low']}  | ${'High'} | ${[pay]}  | ${'no-item-column'}
  `('refuses $case', ({ head, name, changes, why }) => {
    expect(savedScenarioColumn(head as CellValue[], [], name as string, changes as TriedChange[])).toEqual({ ok: false, why });
  });

  it('writes a table without a Table column without it, matching rows by Item and Field', () => {
    expect(savedScenarioColumn(['Item', 'Field', 'Low'], [['Pay inflation', null, '1%']], 'High', [pay, grant])).toEqual({
      ok: true,
      existing: ['5%'],
      added: [['Cohesion grant', 'Status', null, 'Confirmed']],
    });
  });
});
