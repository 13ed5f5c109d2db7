import { type WorkbookInput, runPlanner } from '../../src/engine';
import { readWorkbook } from '../../src/excel/readWorkbook';
import { ExcelSession } from '../../src/excel/session';
import { readWorkbookFile } from '../../src/xlsx/readWorkbook';
import { FakeExcel, type SheetSpec } from '../fakes/fakeExcel';
import { testContext } from '../support/tables';
import { type RawCell, rawWorkbook } from '../xlsx/rawWorkbook';

/**
 * A note typed far to the right of the Localities header (XFD1, the last column) makes
 * 16,000 blank-header columns. Both hosts read such a sheet as they read it without the
 * note, at the cost of its cells: the add-in asks Excel which of those columns hold
 * anything, in one more round trip, instead of fetching every one for every row.
 */

const LAST_COLUMN = 16_383;
const ROWS = 600;

function localities(stray: boolean): (string | number | null)[][] {
  const header: (string | null)[] = ['Locality', 'District', 'IMD Rank', null, 'Notes'];
  if (stray) header[LAST_COLUMN] = 'see the cabinet paper';
  const rows: (string | number | null)[][] = Array.from({ length: ROWS }, (_, i) => [`LSOA ${i + 1}`, `District ${(i % 6) + 1}`, ((i * 7919) % 32_844) + 1, null, i % 50 === 0 ? 'checked' : null]);
  // Data under a blank header: in the narrow gap (D), and with the note far out in the wide run it makes (AO).
  rows[3][3] = 'stray in D';
  if (stray) rows[7][40] = 'stray in AO';
  return [header, ...rows];
}

const parameters = [['Parameter', 'Value'], ['First year', '2012/13'], ['Per district', 1], ['Cost per locality', 50000]];

function fakeOf(stray: boolean): FakeExcel {
  const sheets: SheetSpec[] = [{ name: 'Localities', cells: localities(stray), merges: ['B2:B3'] }, { name: 'Parameters', cells: parameters }];
  const fake = new FakeExcel({ sheets });
  fake.quirks.apiMinor = 13;
  return fake;
}

const fileOf = (stray: boolean): Uint8Array => rawWorkbook({ sheets: [{ name: 'Localities', rows: localities(stray) as RawCell[][], after: '<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>' }, { name: 'Parameters', rows: parameters }] });

const readInExcel = (fake: FakeExcel): Promise<WorkbookInput> => readWorkbook(new ExcelSession(fake.context), undefined, { mergedAreas: true });

/** What a run says, less the run's own time. */
function outcomeOf(input: WorkbookInput) {
  const o = runPlanner(input, testContext);
  if (!o.ok) throw new Error(`the run stopped: ${o.issues.map((i) => i.message).join('; ')}`);
  return { issues: o.issues.map((i) => `${i.code} ${i.sheet ?? ''}!${i.cell ?? ''}`), selected: o.summary.selected.map((s) => s.locality), fingerprint: o.results.fingerprint };
}

describe('a stray note in XFD1 of Localities', () => {
  it('reads the same in both hosts, selects as without it, and still notes data under a blank header', async () => {
    const plainFake = fakeOf(false);
    const strayFake = fakeOf(true);
    const inExcel = outcomeOf(await readInExcel(strayFake));
    const fromFile = outcomeOf(await readWorkbookFile(fileOf(true)));
    const withoutIt = outcomeOf(await readInExcel(plainFake));
    expect(inExcel).toEqual(fromFile);
    expect(inExcel.selected).toEqual(withoutIt.selected);
    // A merged District is still found (the add-in looks for merged areas only in the columns it reads).
    expect(inExcel.issues).toContain('MERGED_CELLS Localities!B2');
    // Data under a blank header is still noted, wherever it stands.
    expect(inExcel.issues.filter((i) => i.startsWith('UNHEADED_COLUMN'))).toEqual(['UNHEADED_COLUMN Localities!D1', 'UNHEADED_COLUMN Localities!AO1']);
    expect(withoutIt.issues.filter((i) => i.startsWith('UNHEADED_COLUMN'))).toEqual(['UNHEADED_COLUMN Localities!D1']);
  });

  it("costs the add-in one more round trip and the header row's cells, not 16,000 columns a row", async () => {
    const plainFake = fakeOf(false);
    const strayFake = fakeOf(true);
    await readInExcel(plainFake);
    await readInExcel(strayFake);
    expect(strayFake.syncCount).toBe(plainFake.syncCount + 1);
    // The header row's 16,384 cells are read once (about half a megabyte); no row is read across them.
    expect(strayFake.largestResponseBytes).toBeLessThan(1_000_000);
    expect(strayFake.largestRequestBytes).toBeLessThan(2 * plainFake.largestRequestBytes);
  });
});
