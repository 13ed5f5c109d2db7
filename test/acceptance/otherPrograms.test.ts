import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convertWith, removeLibreOfficeProfile } from '../support/libreoffice';
import { describeWith } from '../support/requires';
import { cached, dateStyles, rawWorkbook, uncached, type RawSheet } from '../xlsx/rawWorkbook';
import { day, parameters, ran, runOn, table, workbookOf, yearly, type Input, telfordFunding } from './contractRun';

/**
 * Acceptance, contract §1 and issue 10: workbooks as programs other than Excel write them,
 * planned through the CLI, with the numbers checked by hand. LibreOffice re-saves a workbook
 * ExcelJS wrote; the openpyxl-style ones are raw SpreadsheetML (inline strings, no styles
 * part, formulas with or without a saved result), written by test/xlsx/rawWorkbook.ts.
 */

/** Telford & Wrekin (§2 Funding) with a part-year post from a date, inputs both as tables and as sheets. */
const telford: Input[] = [
  parameters('2009/10', 3),
  table('Costs', ['Cost line', 'Unit cost', 'Inflation', 'From'], ['Locality team', '£720.4k', 'None', null], ['CDO', 12_000, 'None', day('2010-11-01')]),
  telfordFunding,
];

// 2009/10: 720,400; need 200,200 from the pot (150,800 left). 2010/11: CDO from 1 Nov 2010, 5/12 x 12,000 = 5,000:
// 725,400, need 205,200, the pot pays 150,800: gap 54,400. 2011/12: 732,400, Cohesion ended: gap 302,800.
const telfordYears = [
  ['2009/10', 720_400, 720_400, 0, 0],
  ['2010/11', 725_400, 671_000, 54_400, 0],
  ['2011/12', 732_400, 429_600, 302_800, 0],
];

describeWith(['libreoffice'], 'a workbook saved by LibreOffice (issue 10)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lp-acceptance-lo-'));
  });
  afterAll(async () => {
    removeLibreOfficeProfile();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('plans the same figures as the workbook Excel-style, the table, the date and the £k amounts read alike', async () => {
    const original = path.join(dir, 'in', 'plan.xlsx');
    await fs.mkdir(path.dirname(original));
    await fs.writeFile(original, await workbookOf(telford));
    const resaved = await convertWith(original, dir, 'xlsx:Calc MS Excel 2007 XML', 'xlsx');
    const s = ran(await runOn(await fs.readFile(resaved)));
    expect(yearly(s)).toEqual(telfordYears);
    expect(s.pots).toEqual([{ source: 'LPSA reward grant', opening: 351_000, drawdown: [200_200, 150_800, 0], exhaustedIn: '2010/11' }]);
    expect(s.issues).toEqual([]);
  }, 180_000);
});

describe('workbooks written as raw SpreadsheetML, openpyxl-style: inline strings, no styles part, absolute part names (issue 10)', () => {
  /** Raw sheets for Telford: text as inline strings, amounts as numbers or text with thousands separators. */
  const rawTelford = (unitCost: RawSheet['rows']): RawSheet[] => [
    { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2009/10'], ['Years', 3]] },
    { name: 'Costs', rows: unitCost },
    {
      name: 'Funding',
      rows: [
        ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status'],
        ['Mainstream', 'Recurring', '429,600', null, null, null, null],
        ['LPSA reward grant', 'One-off', null, 351_000, '2009/10', '2010/11', null],
        ['Cohesion grant', null, 90_600, null, '2009/10', '2010/11', 'Expected'],
      ],
    },
  ];

  it.each`
    case                                 | team
    ${'numbers and text amounts'}        | ${720_400}
    ${'a formula with its saved result'} | ${cached('600400+120000', 720_400)}
  `('plans the same figures from $case', async ({ team }) => {
    // The CDO's From is the year 2010/11 written as a year: the whole year (12,000), so 2010/11 costs 732,400 here.
    const bytes = rawWorkbook({ absoluteTargets: true, sheets: rawTelford([['Cost line', 'Unit cost', 'Inflation', 'From'], ['Locality team', team, 'None', null], ['CDO', 12_000, 'None', '2010/11']]) });
    const s = ran(await runOn(bytes));
    expect(yearly(s)).toEqual([
      ['2009/10', 720_400, 720_400, 0, 0],
      ['2010/11', 732_400, 671_000, 61_400, 0],
      ['2011/12', 732_400, 429_600, 302_800, 0],
    ]);
  });

  it.each`
    system    | workbookPr                          | serial
    ${'1900'} | ${'<workbookPr/>'}                  | ${40_483}
    ${'1904'} | ${'<workbookPr date1904="true"/>'}  | ${39_021}
  `('reads a From date in the $system date system as the day it is (1 November 2010: 5/12 of a year)', async ({ workbookPr, serial }) => {
    // 1 Nov 2010 is serial 40,483 counting from 1900 and 1,462 days fewer, 39,021, counting from 1904.
    const bytes = rawWorkbook({
      workbookPr,
      styles: dateStyles,
      sheets: rawTelford([['Cost line', 'Unit cost', 'Inflation', 'From'], ['Locality team', 720_400, 'None', null], ['CDO', 12_000, 'None', { s: 2, inner: `<v>${serial}</v>` }]]),
    });
    expect(yearly(ran(await runOn(bytes)))).toEqual(telfordYears);
  });

  it('refuses a formula with no saved result as an input error at its cell, never reading it as blank', async () => {
    const bytes = rawWorkbook({ sheets: rawTelford([['Cost line', 'Unit cost', 'Inflation'], ['Locality team', uncached('600400+120000'), 'None']]) });
    const run = await runOn(bytes);
    expect({ code: run.code, written: run.results !== undefined }).toEqual({ code: 1, written: false });
    expect(run.summary?.issues).toContainEqual(expect.objectContaining({ severity: 'error', table: 'Costs', cell: 'B2', message: expect.stringMatching(/formula/i) }));
  });
});
