import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Cell, type InputSpec, cellValue, packageParts, readWorkbook, runCli, sheetParts, tempFolder, writeInputWorkbook } from './workbookFiles';

/**
 * Results a committee paper can use, through the command-line tool: the workbook opens on
 * the Summary, every output sheet prints as planned, `--results-only` makes a copy for
 * partners, and `Output sheet prefix` lets a workbook with its own `Charts` sheet run.
 */

const inputs = (parameters: readonly (readonly Cell[])[] = []): InputSpec[] => [
  { name: 'Localities', rows: [['Locality', 'District', 'IMD Rank'], ['Hillside', 'North', 120], ['Riverside', 'North', 40], ['Dockside', 'South', 15]] },
  { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2009/10'], ['Years', 3], ['Per district', 1], ['Cost per locality', '£200,000'], ...parameters] },
  { name: 'Funding', rows: [['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To'], ['Mainstream', 'Recurring', '£300,000', null, null, null], ['Cohesion grant', 'Recurring', '£90,600', null, null, '2009/10']] },
];

const outputs = ['Summary', 'Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Scenarios', 'Sensitivity', 'Run info'];

describe('results a committee paper can use, from the command line', () => {
  const tmp = tempFolder('lp-paper-');
  afterAll(() => tmp.remove());
  let n = 0;
  async function workbookWith(parameters: readonly (readonly Cell[])[] = [], sheets: { name: string; rows: Cell[][] }[] = []): Promise<{ dir: string; input: string }> {
    const dir = path.join(tmp.dir, `case${++n}`);
    mkdirSync(dir);
    const input = path.join(dir, 'plan.xlsx');
    await writeInputWorkbook(input, inputs(parameters), sheets);
    return { dir, input };
  }

  describe('the results workbook', () => {
    let out: string;
    beforeAll(async () => {
      const { dir, input } = await workbookWith();
      out = path.join(dir, 'results.xlsx');
      expect((await runCli(['run', input, '--out', out])).code).toBe(0);
    });

    it('opens on the Summary, the only selected tab, placed first among the outputs', () => {
      const parts = sheetParts(out);
      const names = Object.keys(parts);
      expect(names.slice(names.indexOf('Summary'))).toEqual([...outputs, '_LocalityPlanner']);
      const workbook = packageParts(out)['xl/workbook.xml'];
      expect(names[Number(/<workbookView\b[^>]*activeTab="(\d+)"/.exec(workbook)![1])]).toBe('Summary');
      expect(Object.entries(parts).filter(([, p]) => /<sheetView\b[^>]*tabSelected="1"/.test(p.xml)).map(([name]) => name)).toEqual(['Summary']);
    });

    it.each(outputs)('prints %s A4 landscape, fitted to the width, with a print area, header and footer', (name) => {
      const { xml } = sheetParts(out)[name];
      expect(xml).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="[01]"\/>/);
      expect(xml).toContain('<oddHeader>&amp;L&amp;F&amp;C&amp;A&amp;RPage &amp;P of &amp;N</oddHeader>');
      expect(xml).toContain('<oddFooter>&amp;LPrepared with Locality Planner');
      const index = Object.keys(sheetParts(out)).indexOf(name);
      expect(packageParts(out)['xl/workbook.xml']).toMatch(new RegExp(`<definedName name="_xlnm.Print_Area" localSheetId="${index}">`));
    });

    it('shows amounts in whole pounds by default, with the cells holding exact pence', async () => {
      const ws = (await readWorkbook(out)).getWorksheet('Summary')!;
      const row = [...Array(ws.rowCount).keys()].map((r) => r + 1).find((r) => cellValue(ws, `A${r}`) === 'Total cost')!;
      expect(ws.getCell(`B${row}`).numFmt).toBe('"£"#,##0;[Red]("£"#,##0);"–"');
    });
  });

  describe('--results-only', () => {
    let out: string;
    let dir: string;
    beforeAll(async () => {
      const made = await workbookWith([], [{ name: 'Notes', rows: [['Confidential working']] }]);
      dir = made.dir;
      out = path.join(dir, 'for-partners.xlsx');
      const run = await runCli(['run', made.input, '--out', out, '--results-only']);
      expect(run.code).toBe(0);
    });

    it('holds only the output sheets: no inputs, no notes, no ownership record', () => {
      expect(Object.keys(sheetParts(out))).toEqual(outputs);
    });

    it('keeps their values, formats, tables and charts, and opens on the Summary', async () => {
      const wb = await readWorkbook(out);
      expect(wb.worksheets.map((w) => w.name)).toEqual(outputs);
      expect(cellValue(wb.getWorksheet('Summary')!, 'A1')).toBe('Summary');
      expect(wb.getWorksheet('Priorities')!.getTable('LP_Priorities')).toBeTruthy();
      const parts = packageParts(out);
      // The funding cliff on the Summary and on Charts, the need ranking (no Allocation pot here), shortfall by case and the tornado (contract v1.1 §6.4).
      expect(Object.keys(parts).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(5);
      expect(parts['xl/workbook.xml']).toMatch(/<workbookView\b[^>]*activeTab="0"/);
      expect(JSON.stringify(parts)).not.toContain('Confidential working');
    });

    it('cannot be used with --in-place, which refreshes the inputs themselves', async () => {
      const run = await runCli(['run', path.join(dir, 'plan.xlsx'), '--in-place', '--results-only']);
      expect(run.code).toBe(2);
      expect(run.err).toContain('--in-place and --results-only cannot be used together');
    });
  });

  describe('Output sheet prefix', () => {
    const mine: Cell[][] = [['My own charts'], ['Budget', 1200]];

    it('stops a workbook with its own Charts sheet, saying a prefix would let it run', async () => {
      const { dir, input } = await workbookWith([], [{ name: 'Charts', rows: mine }]);
      const run = await runCli(['run', input, '--out', path.join(dir, 'out.xlsx')]);
      expect(run.code).toBe(1);
      expect(run.err).toContain('Output sheet prefix');
    });

    it('lets that workbook run, writing LP sheets beside the user’s own Charts, which it leaves alone', async () => {
      const { dir, input } = await workbookWith([['Output sheet prefix', 'LP']], [{ name: 'Charts', rows: mine }]);
      const out = path.join(dir, 'out.xlsx');
      expect((await runCli(['run', input, '--out', out])).code).toBe(0);
      const parts = sheetParts(out);
      expect(Object.keys(parts)).toEqual(expect.arrayContaining(['Charts', ...outputs.map((s) => `LP ${s}`)]));
      expect(parts.Charts.xml).toBe(strFromU8(unzipSync(readFileSync(input))[parts.Charts.part]));
      const wb = await readWorkbook(out);
      expect(cellValue(wb.getWorksheet('Charts')!, 'A1')).toBe('My own charts');
      expect(wb.getWorksheet('LP Priorities')!.getTable('LP_LP_Priorities')).toBeTruthy();
      // The record lists the prefixed sheets as the tool's; the user's Charts is not among them.
      expect(parts._LocalityPlanner.xml).toContain('LP Charts');
      expect(parts._LocalityPlanner.xml).not.toMatch(/>Charts</);
    });
  });

  it("clears the tab selection the user's workbook was saved with, changing nothing else in that sheet", async () => {
    const { dir, input } = await workbookWith([], [{ name: 'Cover', rows: [['Locality working plan']] }]);
    // Saved as Excel saves it: the sheet last looked at has its tab selected.
    const files = unzipSync(readFileSync(input));
    const cover = sheetParts(input).Cover.part;
    const selected = strFromU8(files[cover]).replace('<sheetView ', '<sheetView tabSelected="1" ');
    files[cover] = strToU8(selected);
    writeFileSync(input, zipSync(files));
    const out = path.join(dir, 'out.xlsx');
    expect((await runCli(['run', input, '--out', out])).code).toBe(0);
    const after = sheetParts(out).Cover.xml;
    expect(after).toBe(selected.replace(' tabSelected="1"', ''));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(cellValue(wb.getWorksheet('Cover')!, 'A1')).toBe('Locality working plan');
  });
});
