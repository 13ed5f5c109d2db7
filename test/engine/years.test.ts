import { runPlanner } from '../../src/engine';
import { table, testContext, workbook } from '../support/tables';
import { excelDate } from '../../src/engine/cells';
import { readYear, yearLabel, financialYear, yearProblemWords } from '../../src/engine/years';

describe('financial years (contract §1)', () => {
  it.each`
    cell                    | year
    ${'2011/12'}            | ${2011}
    ${'2011-12'}            | ${2011}
    ${'2011/2012'}          | ${2011}
    ${'FY2011/12'}          | ${2011}
    ${'FY 2011/12'}         | ${2011}
    ${'2011'}               | ${2011}
    ${2011}                 | ${2011}
    ${'1999/00'}            | ${1999}
    ${excelDate(40634)}     | ${2011}
    ${excelDate(40633)}     | ${2010}
    ${excelDate(40999)}     | ${2011}
  `('reads $cell as the year starting in $year', ({ cell, year }) => {
    expect(readYear(cell)).toEqual({ ok: true, year });
  });

  it.each`
    cell             | why
    ${'2011/13'}     | ${'after 2011/ comes 12'}
    ${'2011/2013'}   | ${'after 2011/ comes 2012'}
    ${'01/04/2011'}  | ${'date typed as text'}
    ${'next year'}   | ${'not a financial year'}
    ${40634}         | ${'Excel date without a date format'}
    ${2011.5}        | ${'not a year'}
  `('refuses $cell because $why', ({ cell, why }) => {
    const r = readYear(cell);
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(yearProblemWords(r.problem)).toContain(why);
  });

  it('writes years as budget reports do', () => {
    expect(yearLabel(financialYear(2009))).toBe('2009/10');
    expect(yearLabel(financialYear(1999))).toBe('1999/00');
  });
});

describe('the projection', () => {
  it('refuses a projection that runs past the last year the planner handles, instead of failing', () => {
    const o = runPlanner(workbook(table('Parameters', [['Parameter', 'Value'], ['First year', '2190/91'], ['Years', 20]])), testContext);
    expect(o.ok).toBe(false);
    expect(o.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([expect.stringContaining('runs past 2199/00')]);
    // What waits on Years is named once, not reported as knock-on errors.
    expect(o.issues.filter((i) => i.severity === 'warning').map((i) => i.code)).toEqual(['NOT_CHECKED']);
  });
});
