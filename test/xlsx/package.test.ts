import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { constants, deflateRawSync } from 'node:zlib';
import { type UnreadableFile, WorkbookFileError } from '../../src/xlsx/fileErrors';
import { WorkbookPackage, inflateLimit } from '../../src/xlsx/package';
import { runPlanner } from '../../src/engine';
import { readWorkbook, readWorkbookFile } from '../../src/xlsx/readWorkbook';
import { writeResultsWorkbook } from '../../src/xlsx/writeWorkbook';
import { testContext } from '../support/tables';
import { compoundFile } from '../support/compoundFile';
import { rawParts, rawWorkbook } from './rawWorkbook';
import { type TestEntry, zipBytes } from './zipBytes';

/** The package model: what it opens, what it refuses and why, and how it finds parts. */

const costsWorkbook = { sheets: [{ name: 'Costs', rows: [['Cost line', 'Unit cost'], ['Manager', 40000]] }] };
/** The parts of a small good workbook, as test zip entries (stored). */
const goodEntries = (): TestEntry[] => Object.entries(rawParts(costsWorkbook)).map(([name, data]) => ({ name, data }));

async function reason(bytes: Uint8Array): Promise<UnreadableFile> {
  try {
    await readWorkbookFile(bytes);
  } catch (e) {
    if (e instanceof WorkbookFileError) return e.reason;
    throw e;
  }
  throw new Error('the file was read');
}

/**
 * `prefix` followed by `megabytes` of spaces as one raw deflate stream, made a megabyte at a
 * time so the test never holds them: a zip bomb that is well-formed XML as far as it goes.
 */
function bombDeflated(prefix: string, megabytes: number): Uint8Array {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const start = deflateRawSync(Buffer.from(prefix), flush);
  const piece = deflateRawSync(Buffer.alloc(1 << 20, 0x20), flush);
  const end = Buffer.from([0x03, 0x00]); // a last, empty block
  return new Uint8Array(Buffer.concat([start, ...Array.from({ length: megabytes }, () => piece), end]));
}

describe('files that are not workbooks are named from their bytes', () => {
  it.each`
    what                                    | bytes                                                                                              | kind
    ${'an empty file'}                      | ${() => new Uint8Array(0)}                                                                         | ${'empty'}
    ${'a CSV'}                              | ${() => strToU8('Locality,IMD Rank\nTamworth 007D,1\n')}                                           | ${'csv'}
    ${'a CSV with a byte-order mark'}       | ${() => strToU8('\ufeffLocality;IMD Rank\r\nYnys Môn,1\r\n')}                                      | ${'csv'}
    ${'a CSV saved as UTF-16'}              | ${() => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Locality\tRank\n', 'utf16le')]))} | ${'csv'}
    ${'a CSV in Windows-1252'}              | ${() => new Uint8Array(Buffer.from('Locality,Budget\nA,\xa375,000\n', 'latin1'))}                 | ${'csv'}
    ${'a web page saved as .xls'}           | ${() => strToU8('<html><body><table><tr><td>1</td></tr></table></body></html>')}                  | ${'xml-or-web-page'}
    ${'an Excel 2003 XML spreadsheet'}      | ${() => strToU8('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook/>')}      | ${'xml-or-web-page'}
    ${'random bytes'}                       | ${() => Uint8Array.from({ length: 500 }, (_, i) => (i * 7919) % 256)}                              | ${'not-a-zip'}
    ${'a password-protected workbook'}      | ${() => compoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces'])}                | ${'encrypted'}
    ${'an Excel 97-2003 workbook (.xls)'}   | ${() => compoundFile(['Workbook', '\u0005SummaryInformation'])}                                  | ${'xls'}
    ${'an Excel 5 workbook'}                | ${() => compoundFile(['Book'])}                                                                    | ${'xls'}
    ${'a Word 97 document'}                 | ${() => compoundFile(['WordDocument', '1Table'])}                                                  | ${'compound-document'}
    ${'a workbook cut short'}               | ${() => rawWorkbook(costsWorkbook).subarray(0, 300)}                                               | ${'not-a-zip'}
  `('calls $what $kind', async ({ bytes, kind }) => {
    expect((await reason(bytes())).kind).toBe(kind);
  });

  it.each`
    what                                   | parts                                                                                                           | kind
    ${'an OpenDocument spreadsheet'}       | ${{ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }}    | ${'ods'}
    ${'a zip of something else'}           | ${{ 'notes.txt': strToU8('not a spreadsheet') }}                                                               | ${'not-a-workbook'}
  `('calls $what $kind', async ({ parts, kind }) => {
    expect((await reason(zipSync(parts))).kind).toBe(kind);
  });

  it.each`
    what                                       | change                                                                                                                                          | kind
    ${'an Excel Binary Workbook (.xlsb)'}      | ${(p: Record<string, Uint8Array>) => swap(p, '[Content_Types].xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.binary.macroEnabled.main')} | ${'xlsb'}
    ${'a Strict Open XML spreadsheet'}         | ${(p: Record<string, Uint8Array>) => swap(p, '_rels/.rels', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument', 'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument')} | ${'strict'}
    ${'a Word document'}                       | ${(p: Record<string, Uint8Array>) => swap(p, '[Content_Types].xml', 'spreadsheetml.sheet.main+xml', 'wordprocessingml.document.main+xml')}   | ${'not-a-workbook'}
  `('calls $what $kind', async ({ change, kind }) => {
    expect((await reason(rawWorkbook({ ...costsWorkbook, edit: change }))).kind).toBe(kind);
  });
});

function swap(parts: Record<string, Uint8Array>, part: string, from: string, to: string): void {
  const text = strFromU8(parts[part]);
  if (!text.includes(from)) throw new Error(`${part} has no ${from}`);
  parts[part] = strToU8(text.replace(from, to));
}

describe('a damaged package is refused, never guessed at', () => {
  const sheet = 'xl/worksheets/sheet1.xml';
  const otherRows = strFromU8(rawParts({ sheets: [{ name: 'Costs', rows: [['Cost line', 'Unit cost'], ['Hidden', 1]] }] })[sheet]);
  it.each`
    what                                                         | entries                                                                                                | detail
    ${'a hidden second entry with a sheet\'s name'}              | ${() => [...goodEntries(), { name: sheet, data: otherRows }]}                                          | ${`two entries are named ${sheet}`}
    ${'a second entry naming the same part in other case'}       | ${() => [...goodEntries(), { name: 'xl/worksheets/Sheet1.xml', data: otherRows }]}                     | ${'name the same part'}
    ${'an entry that climbs out of the package (../)'}          | ${() => [...goodEntries(), { name: '../../evil.xml', data: '<x/>' }]}                                   | ${'points outside the package'}
    ${'an entry with ../ inside its name'}                       | ${() => [...goodEntries(), { name: 'xl/../xl/worksheets/sheet1.xml', data: otherRows }]}               | ${'points outside the package'}
    ${'an entry with an absolute name'}                          | ${() => [...goodEntries(), { name: '/xl/worksheets/sheet1.xml', data: otherRows }]}                    | ${'has an absolute name'}
    ${'an entry with a backslash'}                               | ${() => [...goodEntries(), { name: 'xl\\worksheets\\sheet9.xml', data: otherRows }]}                    | ${'has a backslash'}
    ${'an entry stored under another name than listed'}          | ${() => goodEntries().map((e) => (e.name === sheet ? { ...e, localName: 'xl/worksheets/sheetX.xml' } : e))} | ${'stored under another name'}
    ${'a part that fails its checksum'}                          | ${() => goodEntries().map((e) => (e.name === sheet ? { ...e, crc: 12345 } : e))}                       | ${'does not match its checksum'}
    ${'a sheet that is not well-formed XML'}                     | ${() => goodEntries().map((e) => (e.name === sheet ? { ...e, data: '<worksheet><sheetData><row>' } : e))} | ${'is not well-formed XML'}
    ${'a sheet in an encoding a part cannot have (Latin-1)'}     | ${() => goodEntries().map((e) => (e.name === sheet ? { ...e, data: new Uint8Array(Buffer.from(strFromU8(e.data as Uint8Array).replace('UTF-8', 'ISO-8859-1'), 'latin1')) } : e))} | ${'ISO-8859-1 encoding'}
    ${'a workbook part in an encoding a part cannot have'}      | ${() => goodEntries().map((e) => (e.name === 'xl/workbook.xml' ? { ...e, data: strFromU8(e.data as Uint8Array).replace('UTF-8', 'windows-1252') } : e))} | ${'windows-1252 encoding'}
  `('refuses $what', async ({ entries, detail }) => {
    const r = await reason(zipBytes(entries()));
    expect(r.kind).toBe('damaged');
    expect(r).toMatchObject({ detail: expect.stringContaining(detail) });
  });

  it('reads a package whose entries carry zip64 sizes', async () => {
    const input = await readWorkbookFile(zipBytes(goodEntries().map((e) => ({ ...e, zip64: true, deflate: true }))));
    expect(input.tables[0].rows).toEqual([['Manager', 40000]]);
  });

  it('reads a package with folder entries, as ExcelJS writes them', async () => {
    const input = await readWorkbookFile(zipBytes([{ name: 'xl/', data: '' }, { name: 'xl/worksheets/', data: '' }, ...goodEntries()]));
    expect(input.tables[0].rows).toEqual([['Manager', 40000]]);
  });
});

describe('a zip bomb is refused early, before it is unpacked', () => {
  it('sets the limit at 200 times the file and never under 500 MB', () => {
    expect([inflateLimit(1_000_000), inflateLimit(10_000_000)]).toEqual([500_000_000, 2_000_000_000]);
  });

  it('refuses a part that declares more than the limit, without unpacking anything', async () => {
    const bomb = bombDeflated('', 600);
    const start = performance.now();
    const r = await reason(zipBytes([...goodEntries(), { name: 'xl/media/image1.png', data: '', compressed: bomb, deflate: true, declaredSize: 600 * 2 ** 20 }]));
    expect(r).toEqual({ kind: 'too-large', part: 'xl/media/image1.png', limitMb: 500 });
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  it('stops unpacking a part that declares little and unpacks to more, as soon as it passes what it declared', async () => {
    const bomb = bombDeflated('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', 600);
    const entries = goodEntries().map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, compressed: bomb, deflate: true, declaredSize: 5_000_000 } : e));
    const before = process.memoryUsage().rss;
    const r = await reason(zipBytes(entries));
    expect(r).toMatchObject({ kind: 'damaged', detail: expect.stringContaining('unpacks to more than it declares') });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20);
  });
});

describe('a DOCTYPE is refused in any part the planner reads', () => {
  const doctype = '<!DOCTYPE x [<!ENTITY name "Localities">]>';
  it.each`
    part
    ${'[Content_Types].xml'}
    ${'_rels/.rels'}
    ${'xl/workbook.xml'}
    ${'xl/worksheets/sheet1.xml'}
  `('refuses $part with a DOCTYPE', async ({ part }) => {
    const bytes = rawWorkbook({ ...costsWorkbook, edit: (p) => (p[part] = strToU8(strFromU8(p[part]).replace('?>\n', `?>\n${doctype}`))) });
    expect(await reason(bytes)).toEqual({ kind: 'doctype', part });
  });
});

describe('parts are found through the relationships, as Excel finds them', () => {
  it('finds a workbook part that is not at xl/workbook.xml', async () => {
    const parts = rawParts(costsWorkbook);
    const moved: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(parts)) {
      if (k === 'xl/workbook.xml') moved['xl/book.xml'] = v;
      else if (k === 'xl/_rels/workbook.xml.rels') moved['xl/_rels/book.xml.rels'] = v;
      else moved[k] = v;
    }
    swap(moved, '_rels/.rels', 'xl/workbook.xml', 'xl/book.xml');
    swap(moved, '[Content_Types].xml', '/xl/workbook.xml', '/xl/book.xml');
    const pkg = WorkbookPackage.open(zipSync(moved));
    expect(pkg.workbookPart).toBe('xl/book.xml');
    expect((await readWorkbook(pkg)).tables[0].rows).toEqual([['Manager', 40000]]);
  });

  it('finds a part whose relationship spells it in other case or %-escaped', async () => {
    const bytes = rawWorkbook({ ...costsWorkbook, edit: (p) => swap(p, 'xl/_rels/workbook.xml.rels', 'worksheets/sheet1.xml', 'Worksheets/Sheet%31.xml') });
    expect((await readWorkbookFile(bytes)).tables[0].rows).toEqual([['Manager', 40000]]);
  });

  it('inflates each part at most once however often it is asked for', () => {
    const pkg = WorkbookPackage.open(rawWorkbook(costsWorkbook));
    expect(pkg.bytes('xl/workbook.xml')).toBe(pkg.bytes('XL/Workbook.xml'));
  });

  it('keeps the zip\'s own entries unchanged for copying', () => {
    const bytes = rawWorkbook(costsWorkbook);
    const pkg = WorkbookPackage.open(bytes);
    const names = pkg.entries().map((e) => e.name);
    expect(names.sort()).toEqual(Object.keys(unzipSync(bytes)).sort());
  });
});

describe('a part Excel lists but the package lacks is damage, never a missing input', () => {
  it.each`
    what                      | change
    ${'a sheet'}              | ${(p: Record<string, Uint8Array>) => delete p['xl/worksheets/sheet1.xml']}
    ${'a table'}              | ${(p: Record<string, Uint8Array>) => delete p['xl/tables/table1.xml']}
  `('refuses a workbook whose $what is missing from the package', async ({ change }) => {
    const bytes = rawWorkbook({ sheets: [{ name: 'Data', rows: [['Cost line', 'Unit cost'], ['A', 1]], tables: [{ name: 'Costs', ref: 'A1:B2', columns: ['Cost line', 'Unit cost'] }] }], edit: change });
    expect(await reason(bytes)).toMatchObject({ kind: 'damaged', detail: expect.stringContaining('is missing from the package') });
  });
});

describe('a large input sheet is inflated again only if its bytes could select its tab', () => {
  /** Zlib hands the reader pieces of this size (src/xlsx/zip.ts). */
  const CHUNK = 256 * 1024;
  /** A sheet part past the size the package keeps inflated (4 MB), so it is only ever streamed. */
  const bigPart = (word: string, at: number): Uint8Array => {
    const text = Buffer.alloc(4_500_000, 0x61);
    text.write(word, at, 'utf8');
    return new Uint8Array(text);
  };
  async function streamed(part: Uint8Array): Promise<WorkbookPackage> {
    const pkg = WorkbookPackage.open(rawWorkbook({ ...costsWorkbook, edit: (p) => void (p['xl/worksheets/sheet1.xml'] = part) }));
    await pkg.streamText('xl/worksheets/sheet1.xml', () => undefined);
    return pkg;
  }

  it.each([0, 1_000_000, CHUNK - 11, CHUNK - 10, CHUNK - 6, CHUNK - 1, CHUNK, 2 * CHUNK - 5, 4_500_000 - 11])('knows the word may be there when it starts at byte %d (piece boundaries included)', async (at) => {
    expect((await streamed(bigPart('tabSelected', at))).mayHoldTabSelected('xl/worksheets/sheet1.xml')).toBe(true);
  });

  it.each`
    case                                                          | at
    ${'right after a two-byte character cut by a piece boundary'} | ${CHUNK - 1}
    ${'across a boundary, after a two-byte character'}             | ${CHUNK - 8}
    ${'after a two-byte character at the very start'}              | ${0}
  `('knows the word may be there $case', async ({ at }: { at: number }) => {
    expect((await streamed(bigPart('étabSelected', at))).mayHoldTabSelected('xl/worksheets/sheet1.xml')).toBe(true);
  });

  it('knows a streamed part without the word holds none, and says nothing of parts not streamed', async () => {
    const pkg = await streamed(bigPart('tabSelecte', CHUNK - 5));
    expect(pkg.mayHoldTabSelected('xl/worksheets/sheet1.xml')).toBe(false);
    expect(pkg.mayHoldTabSelected('xl/workbook.xml')).toBe(true);
  });

  it('says nothing of a UTF-16 part, whose bytes spell the word otherwise', async () => {
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a'.repeat(2_100_000), 'utf16le')]));
    expect((await streamed(utf16)).mayHoldTabSelected('xl/worksheets/sheet1.xml')).toBe(true);
  });

  it('still unselects the tab of a large input sheet the reader streamed', async () => {
    const rows: (string | number)[][] = [['Locality', 'IMD Rank'], ...Array.from({ length: 30_000 }, (_, i) => [`Neighbourhood number ${i + 1} of a long list, named at length as some councils name them`, i + 1])];
    const bytes = rawWorkbook({ sheets: [{ name: 'Localities', rows, before: '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>' }, { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2012/13'], ['Additional', 5]] }, { name: 'Costs', rows: [['Cost line', 'Unit cost'], ['Manager', 40000]] }] });
    const pkg = WorkbookPackage.open(bytes);
    expect(pkg.entry('xl/worksheets/sheet1.xml')!.size).toBeGreaterThan(4_000_000);
    const outcome = runPlanner(await readWorkbook(pkg), testContext);
    if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join('\n'));
    const written = unzipSync(await writeResultsWorkbook(pkg, outcome.plan));
    const localities = strFromU8(written['xl/worksheets/sheet1.xml']);
    expect(localities).toContain('<sheetView workbookViewId="0"/>');
    expect(localities).not.toContain('tabSelected');
  });
});
