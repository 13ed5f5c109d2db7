import { type RawCell, rawCosts, rawParts, sheetDataXml } from './rawWorkbook';
import { zipBytes } from './zipBytes';
import { runCliOn } from '../badInput/cliRun';
import { WorkbookPackage } from '../../src/xlsx/package';

/**
 * 250,000 localities, seven times England, through the whole command-line tool: nothing
 * in the reader or the writer may hold a row per call argument or a grid per stray cell.
 */
describe('250,000 localities', () => {
  const count = 250_000;
  let run: Awaited<ReturnType<typeof runCliOn>>;

  beforeAll(async () => {
    const rows: RawCell[][] = [['Locality', 'District', 'IMD Rank', 'Population']];
    for (let i = 0; i < count; i++) rows.push([`Kestrel ${i + 1}`, `District ${(i % 500) + 1}`, ((i * 7919) % count) + 1, 1200 + (i % 900)]);
    const parameters: RawCell[][] = [['Parameter', 'Value'], ['First year', '2020/21'], ['Years', 10], ['Per district', 1], ['Additional', 100], ['Cost per locality', '£75,000'], ['Allocation pot', '£2,100,000'], ['Allocation method', 'Per head']];
    const parts = rawParts({ sheets: [{ name: 'Localities', sheetData: sheetDataXml(rows) }, { name: 'Parameters', rows: parameters }, rawCosts()] });
    const bytes = zipBytes(Object.entries(parts).map(([name, data]) => ({ name, data, deflate: true })));
    run = await runCliOn(bytes, { json: true });
  }, 300_000);

  it('run, selecting one locality in each of 500 districts and 100 more', () => {
    expect({ code: run.code, err: run.err, wroteOutput: run.wroteOutput }).toEqual({ code: 0, err: '', wroteOutput: true });
    expect(run.summary!.selected).toHaveLength(600);
  });

  it('get a Priorities row each in the results workbook', async () => {
    const pkg = WorkbookPackage.open(run.output!);
    const workbook = new TextDecoder().decode(pkg.bytes(pkg.workbookPart));
    const rid = /<sheet [^>]*name="Priorities"[^>]*r:id="([^"]+)"/.exec(workbook)![1];
    const part = pkg.relationships(pkg.workbookPart).find((r) => r.id === rid)!.part!;
    // Each locality's name is written once, as inline text: count them in the sheet's bytes.
    const xml = Buffer.from(pkg.bytes(part)!);
    const needle = Buffer.from('<t>Kestrel ');
    let localities = 0;
    for (let i = xml.indexOf(needle); i >= 0; i = xml.indexOf(needle, i + needle.length)) localities++;
    expect(localities).toBe(count);
  }, 120_000);
});
