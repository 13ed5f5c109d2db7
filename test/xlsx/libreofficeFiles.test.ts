import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { runCliOn } from '../badInput/cliRun';
import { convertWith, removeLibreOfficeProfile } from '../support/libreoffice';
import { describeWith } from '../support/requires';

/**
 * Real files from LibreOffice: a workbook in the 1904 date system with merged Districts,
 * saved by Calc as .xlsx (read right), and as .xls, .ods and CSV (each refused with a
 * sentence saying what it is).
 */
describeWith(['libreoffice'], 'workbooks saved by LibreOffice Calc', () => {
  let dir: string;
  const saved: Record<string, Uint8Array> = {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lp-libreoffice-files-'));
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const parameters = wb.addWorksheet('Parameters');
    parameters.addRows([['Parameter', 'Value'], ['First year', new Date(Date.UTC(2013, 3, 1))], ['Years', 2], ['Per district', 1]]);
    parameters.getCell('B2').numFmt = 'dd/mm/yyyy';
    const localities = wb.addWorksheet('Localities');
    localities.addRows([['Locality', 'District', 'IMD Rank'], ['A', 'North', 3], ['B', null, 1], ['C', 'South', 2], ['D', null, 4]]);
    localities.mergeCells('B2:B3');
    localities.mergeCells('B4:B5');
    wb.addWorksheet('Costs').addRows([['Cost line', 'Unit cost'], ['Manager', 40000]]);
    const source = path.join(dir, 'plan.xlsx');
    writeFileSync(source, Buffer.from(await wb.xlsx.writeBuffer()));
    const out = path.join(dir, 'calc');
    saved.xlsx = readFileSync(await convertWith(source, out, 'xlsx:Calc MS Excel 2007 XML', 'xlsx'));
    saved.xls = readFileSync(await convertWith(source, out, 'xls:MS Excel 97', 'xls'));
    saved.ods = readFileSync(await convertWith(source, out, 'ods', 'ods'));
    saved.csv = readFileSync(await convertWith(source, out, 'csv', 'csv'));
  }, 300_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removeLibreOfficeProfile();
  });

  it('reads Calc\'s .xlsx in the 1904 date system: First year 1 April 2013 is 2013/14', async () => {
    const run = await runCliOn(saved.xlsx, { json: true });
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    expect((run.summary as unknown as { years: string[] }).years).toEqual(['2013/14', '2014/15']);
  });

  it('reads Calc\'s merged Districts for every locality they cover: one pick per district', async () => {
    const run = await runCliOn(saved.xlsx, { json: true });
    expect(run.summary!.selected.map((s) => s.locality).sort()).toEqual(['B', 'C']);
    expect(run.out).not.toContain('has no District');
  });

  it.each`
    format   | sentence
    ${'xls'} | ${'it is an Excel 97-2003 workbook (.xls)'}
    ${'ods'} | ${'it is an OpenDocument spreadsheet (.ods)'}
    ${'csv'} | ${'it is a CSV or text file, not an Excel workbook'}
  `('says what Calc\'s .$format is, with exit 2', async ({ format, sentence }) => {
    const run = await runCliOn(saved[format]);
    expect({ code: run.code, wroteOutput: run.wroteOutput }).toEqual({ code: 2, wroteOutput: false });
    expect(run.err).toContain(sentence);
  });
});

/**
 * The copy for partners (`--results-only`) is a package the tool builds from nothing, zipped
 * by its own zip writer: Calc must open it and find the Summary first, as Excel does.
 */
describeWith(['libreoffice'], 'a results-only copy opened in LibreOffice Calc', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lp-libreoffice-results-only-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removeLibreOfficeProfile();
  });

  it('opens on the Summary of the sample workbook’s results', async () => {
    const copy = path.join(dir, 'for-partners.xlsx');
    const err: string[] = [];
    const code = await main(['run', path.join(__dirname, '../../assets/sample-workbook.xlsx'), '--out', copy, '--results-only', '--quiet'], { out: () => undefined, err: (t) => err.push(t) });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    // Calc writes the first sheet as CSV: it could only do so having read the package.
    const csv = readFileSync(await convertWith(copy, path.join(dir, 'calc'), 'csv', 'csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^"?Summary"?(,|$)/);
    expect(csv).toContain('Total cost');
  }, 300_000);
});
