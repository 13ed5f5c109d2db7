import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { rangeAddress, OWNERSHIP_SHEET } from '../../src/engine';
import { createOfficeHost } from '../../src/excel/officeHost';
import { FakeExcel, type SheetSpec } from '../fakes/fakeExcel';
import { sampleTables } from '../../scripts/sample/sampleWorkbook';

const now = () => new Date('2026-11-23T09:00:00Z');
const sample = path.resolve(__dirname, '../../assets/sample-workbook.xlsx');
const outputSheets = ['Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Run info', OWNERSHIP_SHEET];

/** The sample workbook as a user's Excel holds it: each input an Excel table from A1. */
function sampleInExcel(): FakeExcel {
  const sheets: SheetSpec[] = sampleTables.map((t) => ({
    name: t.name,
    cells: [t.header, ...t.rows],
    tables: [{ name: t.name, range: rangeAddress(0, 0, t.rows.length + 1, t.header.length) }],
    numberFormats: Object.fromEntries(Object.entries(t.formats ?? {}).map(([c, f]) => [rangeAddress(1, Number(c), t.rows.length, 1), f])),
  }));
  return new FakeExcel({ sheets: [{ name: 'About', cells: [['Kestrelshire locality working plan (sample)']] }, ...sheets] });
}

type Grid = Map<string, { value: string | number | boolean | null; format: string }>;

/** Every non-empty cell of a sheet in the fake, by address. */
function fakeGrid(fake: FakeExcel, name: string): Grid {
  const sheet = fake.model.sheets.find((s) => !s.deleted && s.name === name)!;
  const grid: Grid = new Map();
  for (const [row, columns] of sheet.cells) {
    for (const [column, cell] of columns) {
      const value = cell.value === '' ? null : cell.value;
      const format = cell.numberFormat ?? 'General';
      if (value === null && format === 'General') continue;
      grid.set(rangeAddress(row, column, 1, 1), { value, format });
    }
  }
  return grid;
}

/** Every non-empty cell of a sheet in the CLI's results workbook, by address. */
function fileGrid(ws: ExcelJS.Worksheet): Grid {
  const grid: Grid = new Map();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const v = cell.value as ExcelJS.CellValue;
      const value = v === undefined || v === '' ? null : (v as string | number | boolean | null);
      const format = cell.numFmt ?? 'General';
      if (value === null && format === 'General') return;
      grid.set(cell.address, { value, format });
    }),
  );
  return grid;
}

describe('the add-in and the command-line tool write the same cells', () => {
  let fake: FakeExcel;
  let results: ExcelJS.Workbook;
  let files: Record<string, Uint8Array>;

  beforeAll(async () => {
    fake = sampleInExcel();
    const report = await createOfficeHost((batch) => batch(fake.context), { now }).run(() => undefined);
    expect(report.ok).toBe(true);
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'lp-parity-')), 'sample.results.xlsx');
    expect(await main(['run', sample, '--out', out], { out: () => undefined, err: () => undefined }, now)).toBe(0);
    results = new ExcelJS.Workbook();
    await results.xlsx.readFile(out);
    files = unzipSync(readFileSync(out));
  });

  it.each(outputSheets)('writes %s cell for cell: the same values and number formats', (name) => {
    const inFake = fakeGrid(fake, name);
    const inFile = fileGrid(results.getWorksheet(name)!);
    expect(inFake.size).toBeGreaterThan(0);
    // The one cell that is meant to differ: which host made the run.
    const tool = [...inFile].find(([, c]) => typeof c.value === 'string' && c.value.startsWith('Locality Planner ') && c.value.endsWith('(command-line tool)'));
    if (tool) {
      expect(inFake.get(tool[0])?.value).toBe(String(tool[1].value).replace('(command-line tool)', '(Excel add-in)'));
      inFake.delete(tool[0]);
      inFile.delete(tool[0]);
    }
    expect(Object.fromEntries(inFake)).toEqual(Object.fromEntries(inFile));
  });

  it('makes the same tables, with the same names and ranges', () => {
    const fromFake = fake.model.tables.filter((t) => !t.deleted && outputSheets.includes(t.sheet.name)).map((t) => `${t.sheet.name}!${t.name}:${rangeAddress(t.rect.row, t.rect.column, t.rect.rows, t.rect.columns)}`).sort();
    const fromFile = Object.entries(files)
      .filter(([p]) => /^xl\/tables\/table\d+\.xml$/.test(p))
      .map(([, x]) => /name="([^"]+)"[^>]*ref="([^"]+)"/.exec(strFromU8(x))!)
      .filter((m) => m[1].startsWith('LP_'))
      .map((m) => `${results.worksheets.find((ws) => ws.getTable(m[1]))?.name}!${m[1]}:${m[2]}`)
      .sort();
    expect(fromFake).toEqual(fromFile);
    expect(fromFake.length).toBe(3);
  });

  it('draws the same charts', () => {
    const fromFake = fake.model.sheets.filter((s) => !s.deleted).flatMap((s) => s.charts.filter((c) => !c.deleted).map((c) => `${s.name}!${c.name}:${c.series.length}`)).sort();
    const drawings = Object.entries(files).filter(([p]) => /^xl\/drawings\/drawing\d+\.xml$/.test(p)).map(([, x]) => strFromU8(x));
    const names = drawings.flatMap((x) => [...x.matchAll(/<xdr:cNvPr id="\d+" name="(LP_[^"]+)"/g)].map((m) => m[1]));
    const charts = Object.entries(files).filter(([p]) => /^xl\/charts\/chart\d+\.xml$/.test(p)).map(([, x]) => strFromU8(x));
    const seriesCounts = charts.map((x) => (x.match(/<c:ser>/g) ?? []).length);
    expect(fromFake.map((c) => c.split(':')[0].split('!')[1])).toEqual(names.sort());
    expect(fromFake.map((c) => Number(c.split(':')[1])).sort()).toEqual(seriesCounts.sort());
    // The need ranking's scale ends at 100 in both: need scores run from 0 to 100.
    const need = fake.model.sheets.flatMap((s) => s.charts).find((c) => c.name === 'LP_Chart_NeedRanking' && !c.deleted)!;
    expect(need.axes.valueAxis.maximum).toBe(100);
    expect(charts.filter((x) => x.includes('<c:max val="100"/>'))).toHaveLength(1);
  });
});
