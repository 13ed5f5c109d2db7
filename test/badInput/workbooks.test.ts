import { strFromU8, strToU8, zipSync } from 'fflate';
import { compoundFile } from '../support/compoundFile';
import { type RawCell, type RawSheet, type RawWorkbook, dateStyles, rawCosts, rawParameters, rawParts, rawWorkbook, sheetDataXml, uncached } from '../xlsx/rawWorkbook';
import { zipBytes } from '../xlsx/zipBytes';
import { type CliRun, buildXlsx, costs, expectNoted, expectRefused, parameters, runCliOn } from './cliRun';

/**
 * Bad-input catalogue, part 5: workbooks as programs other than Excel write them (read
 * right, or refused saying exactly why), through the real command-line tool.
 */

type Summary = NonNullable<CliRun['summary']> & { years: string[]; issues: { message: string }[] };
const summaryOf = (run: CliRun): Summary => run.summary as Summary;
const runRaw = (spec: RawWorkbook, fileName?: string) => runCliOn(rawWorkbook(spec), { json: true, ...(fileName ? { fileName } : {}) });

/** Exit 2 with one plain sentence about the file, nothing written, and no library's words. */
function expectUnreadable(run: CliRun, sentence: string | RegExp): void {
  expect({ code: run.code, wroteOutput: run.wroteOutput, inputUnchanged: run.inputUnchanged }).toEqual({ code: 2, wroteOutput: false, inputUnchanged: true });
  expect(run.err.split('\n')).toHaveLength(1);
  if (typeof sentence === 'string') expect(run.err).toContain(sentence);
  else expect(run.err).toMatch(sentence);
  expect(run.err).not.toMatch(/https?:|fflate|saxes|xmldom|Error:|invalid zip|central directory|unexpected end/i);
}

describe('dates in a 1904 workbook are the same days as in Excel', () => {
  it.each`
    date1904
    ${'true'}
    ${'1'}
  `('reads a First year of 1 April 2013 as 2013/14, not 2008/09 (date1904="$date1904")', async ({ date1904 }) => {
    const firstYear: RawCell = { s: 1, inner: '<v>39903</v>' }; // 1 April 2013, counted from 1904
    const run = await runRaw({ styles: dateStyles, workbookPr: `<workbookPr date1904="${date1904}"/>`, sheets: [{ name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', firstYear], ['Years', 2]] }, rawCosts()] });
    expect(run.code).toBe(0);
    expect(summaryOf(run).years).toEqual(['2013/14', '2014/15']);
  });
});

describe('formulas with no saved result are input errors at their cells, never blanks or defaults', () => {
  it('refuses a Parameters sheet of openpyxl formulas instead of falling back to every default', async () => {
    const sheets: RawSheet[] = [
      { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2012/13'], ['Cost per locality', uncached('365000')], ['Years', uncached('2+1')]] },
      { name: 'Localities', rows: [['Locality'], ['A']] },
      rawCosts(),
    ];
    const run = await runRaw({ sheets, calcPr: '<calcPr calcId="124519" fullCalcOnLoad="1"/>' });
    expectRefused(run, /Parameters!B3: .*formula with no saved result/, /Parameters!B4: .*formula with no saved result/);
  });

  it('refuses an uncached year amount rather than computing one in its place', async () => {
    const run = await runRaw({ sheets: [rawParameters(), { name: 'Costs', rows: [['Cost line', 'Unit cost', '2013/14'], ['Manager', 40000, uncached('B2*1.1')]] }] });
    expectRefused(run, /Costs!C2: .*formula with no saved result/);
  });
});

describe('merged District cells count for every locality they cover', () => {
  it('picks one locality per district with District merged down the rows, with no "has no District" note', async () => {
    const localities: RawSheet = {
      name: 'Localities',
      rows: [['Locality', 'District', 'IMD Rank'], ['A', 'North', 3], ['B', null, 1], ['C', null, 2], ['D', 'South', 5], ['E', null, 4]],
      after: '<mergeCells count="2"><mergeCell ref="B2:B4"/><mergeCell ref="B5:B6"/></mergeCells>',
    };
    const run = await runRaw({ sheets: [localities, rawParameters(['Per district', 1]), rawCosts()] });
    expectNoted(run);
    expect(summaryOf(run).selected.map((s) => s.locality).sort()).toEqual(['B', 'E']);
    expect(run.out).not.toContain('has no District');
  });
});

describe('tables and sheets as other programs write them', () => {
  it('runs on Excel tables written by openpyxl', async () => {
    const sheets: RawSheet[] = [
      { name: 'Inputs', rows: [['Parameter', 'Value'], ['First year', '2012/13']], tables: [{ name: 'Parameters', ref: 'A1:B2', columns: ['Parameter', 'Value'] }] },
      { name: 'Lines', rows: [['Cost line', 'Unit cost'], ['Manager', 40000]], tables: [{ name: 'Costs', ref: 'A1:B2', columns: ['Cost line', 'Unit cost'] }] },
    ];
    const run = await runRaw({ absoluteTargets: true, calcPr: '<calcPr calcId="124519" fullCalcOnLoad="1"/>', sheets });
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    expect(summaryOf(run).projection[0].cost).toBe(40000);
  });

  it('runs beside a sheet whose name is longer than 31 characters, as LibreOffice writes them', async () => {
    const run = await runRaw({ sheets: [rawParameters(), rawCosts(), { name: 'Budget assumptions agreed at Cabinet, March 2024', rows: [['x']] }] });
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
  });

  it('runs with a stray note in XFD1, far to the right of the Localities header', async () => {
    const rows: RawCell[][] = [['Locality', 'District', 'IMD Rank'], ...Array.from({ length: 600 }, (_, i) => [`L${i}`, `D${i % 30}`, i + 1])];
    const sheetData = sheetDataXml(rows).replace('</row>', '<c r="XFD1" t="inlineStr"><is><t>Checked by JB</t></is></c></row>');
    const run = await runRaw({ sheets: [{ name: 'Localities', sheetData }, rawParameters(['Per district', 1]), rawCosts()] });
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    expect(summaryOf(run).selected).toHaveLength(30);
  });

  it('runs with a Localities table whose range is the whole sheet', async () => {
    const rows: RawCell[][] = [['Locality', 'IMD Rank'], ['A', 1], ['B', 2]];
    const run = await runRaw({ sheets: [{ name: 'Data', rows, tables: [{ name: 'Localities', ref: 'A1:XFD1048576', columns: ['Locality', 'IMD Rank'] }] }, rawParameters(['Additional', 1]), rawCosts()] });
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    expect(summaryOf(run).selected.map((s) => s.locality)).toEqual(['A']);
  });
});

describe('files that are not workbooks get one plain sentence and exit 2', () => {
  it.each`
    what                                       | bytes                                                                                                        | sentence
    ${'a password-protected workbook'}         | ${() => compoundFile(['EncryptionInfo', 'EncryptedPackage'])}                                               | ${'it is password-protected: remove the password'}
    ${'an Excel 97-2003 workbook'}             | ${() => compoundFile(['Workbook'])}                                                                           | ${'it is an Excel 97-2003 workbook (.xls): open it in Excel and save it as an Excel Workbook (.xlsx)'}
    ${'a CSV renamed .xlsx'}                   | ${() => strToU8('Locality,IMD Rank\nTamworth 007D,1\n')}                                                      | ${'it is a CSV or text file, not an Excel workbook'}
    ${'an OpenDocument spreadsheet'}           | ${() => zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') })} | ${'it is an OpenDocument spreadsheet (.ods): save it as an Excel Workbook (.xlsx)'}
    ${'an empty file'}                         | ${() => new Uint8Array(0)}                                                                                    | ${'the file is empty (0 bytes)'}
    ${'a Strict Open XML workbook'}            | ${() => rawWorkbook({ sheets: [rawCosts()], edit: (p) => strictRels(p) })}                                    | ${'it is saved as a Strict Open XML Spreadsheet'}
    ${'random bytes'}                          | ${() => Uint8Array.from({ length: 500 }, (_, i) => (i * 7919) % 256)}                                          | ${'it is not an Excel workbook (.xlsx) that can be read'}
    ${'a workbook cut short'}                  | ${async () => (await buildXlsx([parameters(), costs()])).subarray(0, 2000)}                                   | ${'it is not an Excel workbook (.xlsx) that can be read'}
  `('says why it cannot read $what', async ({ bytes, sentence }) => {
    expectUnreadable(await runCliOn(await bytes()), sentence);
  });

  it('stops with exit 2 for a zip file that holds no workbook', async () => {
    expectUnreadable(await runCliOn(zipSync({ 'notes.txt': strToU8('not a spreadsheet') })), 'it is not an Excel workbook (.xlsx) that can be read: it is a zip file that holds no workbook');
  });
});

function strictRels(p: Record<string, Uint8Array>): void {
  p['_rels/.rels'] = strToU8(strFromU8(p['_rels/.rels']).replace('http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument', 'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument'));
}

describe('a damaged or hostile package is refused, and nothing is written', () => {
  const good = () => Object.entries(rawParts({ sheets: [rawParameters(), rawCosts()] })).map(([name, data]) => ({ name, data }));
  const hidden = strFromU8(rawParts({ sheets: [rawParameters(), rawCosts(['Hidden line', 99_999])] })['xl/worksheets/sheet2.xml']);
  it.each`
    what                                                      | bytes                                                                                   | sentence
    ${'a hidden second entry for the Costs sheet'}            | ${() => zipBytes([...good(), { name: 'xl/worksheets/sheet2.xml', data: hidden }])}     | ${'it is a damaged workbook package (two entries are named xl/worksheets/sheet2.xml)'}
    ${'an entry named ../ out of the package'}                | ${() => zipBytes([...good(), { name: '../sheet2.xml', data: hidden }])}                 | ${'it is a damaged workbook package (the entry "../sheet2.xml" points outside the package)'}
    ${'a DOCTYPE with an entity used in [Content_Types].xml'} | ${() => rawWorkbook({ sheets: [rawParameters(), rawCosts()], edit: doctypeInTypes })}  | ${'its part [Content_Types].xml declares a DOCTYPE'}
    ${'a zip bomb'}                                           | ${() => zipBytes([...good(), { name: 'xl/media/image1.png', data: 'x', declaredSize: 3_000_000_000 }])} | ${'its part xl/media/image1.png would unpack to more than 500 MB'}
  `('refuses $what', async ({ bytes, sentence }) => {
    expectUnreadable(await runCliOn(bytes()), sentence);
  });
});

function doctypeInTypes(p: Record<string, Uint8Array>): void {
  const types = strFromU8(p['[Content_Types].xml']).replace('?>\n', '?>\n<!DOCTYPE Types [<!ENTITY sheet "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml">]>').replace(/ContentType="application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.worksheet\+xml"/g, 'ContentType="&sheet;"');
  p['[Content_Types].xml'] = strToU8(types);
}
