import type { CellValue, SourceTable, WorkbookInput } from '../../src/engine';
import { parseAreasAddress, readWorkbook } from '../../src/excel/readWorkbook';
import { ExcelSession } from '../../src/excel/session';
import { createOfficeHost } from '../../src/excel/officeHost';
import { readWorkbookFile } from '../../src/xlsx/readWorkbook';
import { FakeExcel, type SheetSpec } from '../fakes/fakeExcel';
import { type RawCell, rawWorkbook } from '../xlsx/rawWorkbook';

/**
 * Merged cells in the add-in (ExcelApi 1.13, `getMergedAreasOrNullObject`), read the same
 * way as the file reader reads them: each area's value in every cell it covers, listed.
 */

/** An Excel that supports ExcelApi 1.13, where merged areas can be listed (the fake models 1.9 unless told). */
function excel13(fake: FakeExcel): FakeExcel {
  fake.quirks.apiMinor = 13;
  return fake;
}

const readInExcel = (fake: FakeExcel, mergedAreas = true): Promise<WorkbookInput> => readWorkbook(new ExcelSession(fake.context), undefined, { mergedAreas });
const tableOf = (input: WorkbookInput, name: string): SourceTable => input.tables.find((t) => t.name === name)!;
/** What a reader's SourceTable says about values: header, rows (short rows padded), merged ranges. */
function cells(t: SourceTable): { header: readonly CellValue[]; rows: CellValue[][]; mergedRanges: readonly string[] | undefined } {
  const width = t.header.length;
  return { header: t.header, rows: t.rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null)), mergedRanges: t.mergedRanges };
}

interface Case {
  readonly name: string;
  readonly rows: readonly (readonly (string | number | null)[])[];
  readonly merges: readonly string[];
}

/** The same sheet in the fake Excel and as a file. */
function both({ name, rows, merges }: Case): { fake: FakeExcel; file: Uint8Array } {
  const sheets: SheetSpec[] = [{ name, cells: rows.map((r) => [...r]), merges }, { name: 'Parameters', cells: [['Parameter', 'Value'], ['First year', '2012/13']] }];
  const after = merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  const file = rawWorkbook({ sheets: [{ name, rows: rows as RawCell[][], after }, { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2012/13']] }] });
  return { fake: excel13(new FakeExcel({ sheets })), file };
}

const cases: Case[] = [
  { name: 'Localities', rows: [['Locality', 'District', 'IMD Rank'], ['A', 'North', 3], ['B', null, 1], ['C', null, 2], ['D', 'South', 5], ['E', null, 4]], merges: ['B2:B4', 'B5:B6'] },
  { name: 'Localities', rows: [['Locality', 'IMD Rank', null], ['A', 1, 5], ['B', 2, 6]], merges: ['B1:C1'] },
  { name: 'Localities', rows: [['Locality', 'District', 'Notes', 'IMD Rank'], ['A', 'North', 7, null], ['B', 'North', 'x', 2]], merges: ['C2:D2'] },
  { name: 'Localities', rows: [['Locality', 'District', 'IMD Rank'], ['A', 'North', 1], ['B', null, 2]], merges: ['B2:B30'] },
  { name: 'Costs', rows: [['Cost line', 'Unit cost', 'From'], ['Manager', 40000, '2012/13'], ['Officer', 30000, null]], merges: ['C2:C3'] },
];

describe('merged cells read the same in both hosts', () => {
  it.each(cases.map((c) => [c.merges.join(' '), c.name, c] as const))('reads merged areas %s on %s as the file reader does', async (_merges, name, c) => {
    const { fake, file } = both(c);
    const inExcel = tableOf(await readInExcel(fake), name);
    const fromFile = tableOf(await readWorkbookFile(file), name);
    expect(cells(inExcel)).toEqual(cells(fromFile));
    expect(inExcel.mergedRanges?.length ?? 0).toBeGreaterThan(0);
  });

  it('copies a merged District into every row it covers', async () => {
    const t = tableOf(await readInExcel(both(cases[0]).fake), 'Localities');
    expect({ districts: t.rows.map((r) => r[1]), mergedRanges: t.mergedRanges }).toEqual({ districts: ['North', 'North', 'North', 'South', 'South'], mergedRanges: ['B2:B4', 'B5:B6'] });
  });

  it('leaves merged followers blank where Excel cannot list merged areas (before ExcelApi 1.13)', async () => {
    const t = tableOf(await readInExcel(both(cases[0]).fake, false), 'Localities');
    expect({ districts: t.rows.map((r) => r[1]), mergedRanges: t.mergedRanges }).toEqual({ districts: ['North', null, null, 'South', null], mergedRanges: undefined });
  });

  it('asks in blocks small enough that Excel never has more than 512 areas to list', async () => {
    const rows: (string | number | null)[][] = [['Locality', 'District', 'IMD Rank']];
    const merges: string[] = [];
    for (let i = 0; i < 1200; i++) {
      rows.push([`L${2 * i}`, `D${i}`, 2 * i + 1], [`L${2 * i + 1}`, null, 2 * i + 2]);
      merges.push(`B${2 * i + 2}:B${2 * i + 3}`);
    }
    const fake = excel13(new FakeExcel({ sheets: [{ name: 'Localities', cells: rows, merges }] }));
    const t = tableOf(await readInExcel(fake), 'Localities');
    expect(t.mergedRanges).toHaveLength(1200);
    expect(t.rows.every((r, i) => r[1] === `D${Math.floor(i / 2)}`)).toBe(true);
  });

  it.each`
    address                                   | areas
    ${'Localities!B2:B4,Localities!B5:B6'}   | ${[{ top: 1, left: 1, bottom: 3, right: 1 }, { top: 4, left: 1, bottom: 5, right: 1 }]}
    ${"'Sheet, one'!C5,'Sheet, one'!A1:B2"}  | ${[{ top: 4, left: 2, bottom: 4, right: 2 }, { top: 0, left: 0, bottom: 1, right: 1 }]}
  `('parses the RangeAreas address $address', ({ address, areas }) => {
    expect(parseAreasAddress(address)).toEqual(areas);
  });
});

describe('the add-in host reads merged cells where Excel can list them', () => {
  it.each`
    apiMinor | selected
    ${13}    | ${['B', 'E']}
    ${9}     | ${['A', 'D']}
  `('picks one locality per merged District with ExcelApi 1.$apiMinor', async ({ apiMinor, selected }) => {
    const fake = new FakeExcel({ sheets: [{ name: 'Localities', cells: cases[0].rows.map((r) => [...r]), merges: cases[0].merges }, { name: 'Parameters', cells: [['Parameter', 'Value'], ['First year', '2012/13'], ['Per district', 1]] }, { name: 'Costs', cells: [['Cost line', 'Unit cost'], ['Manager', 40000]] }] });
    fake.quirks.apiMinor = apiMinor;
    const host = createOfficeHost(fake.run, { now: () => new Date('2026-11-23T12:00:00Z'), isSetSupported: (name, version) => fake.isSetSupported(name, version), yieldToPaint: async () => undefined });
    const report = await host.run(() => undefined);
    expect(report.ok).toBe(true);
    if (report.ok) expect(report.summary.selected.map((s) => s.locality).sort()).toEqual(selected);
  });
});
