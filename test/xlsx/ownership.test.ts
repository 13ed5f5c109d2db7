import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { MARK_NAME } from '../../src/engine';
import { WorkbookPackage } from '../../src/xlsx/package';
import { convertWith, removeLibreOfficeProfile } from '../support/libreoffice';
import { describeWith } from '../support/requires';
import { rawCosts, rawParameters, rawParts } from './rawWorkbook';

/**
 * What the CLI owns in a file, and what it keeps (issue 9, parts 1 and 2): a sheet is
 * the tool's only when proven by identity, and a part goes only when nothing else in the
 * package references it. Each case edits the package as Excel would have saved it.
 */

type Parts = Record<string, Uint8Array>;
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PR = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const text = (parts: Parts, part: string): string => strFromU8(parts[part]);
const put = (parts: Parts, part: string, xml: string): void => {
  parts[part] = strToU8(xml);
};
const edit = (parts: Parts, part: string, change: (xml: string) => string): void => put(parts, part, change(text(parts, part)));
const addOverride = (parts: Parts, part: string, contentType: string) => edit(parts, '[Content_Types].xml', (x) => x.replace('</Types>', `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`));
const addRel = (parts: Parts, from: string, id: string, type: string, target: string) => {
  const rels = from.replace(/([^/]+)$/, '_rels/$1.rels');
  if (!parts[rels]) put(parts, rels, `${DECL}<Relationships xmlns="${PR}"></Relationships>`);
  edit(parts, rels, (x) => x.replace('</Relationships>', `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`));
};

/** The part of the sheet of that name, through the workbook's relationships. */
function sheetPart(parts: Parts, name: string): string {
  const pkg = WorkbookPackage.open(zipSync(parts));
  const wb = text(parts, 'xl/workbook.xml');
  const id = new RegExp(`<sheet name="${name.replace(/[()]/g, '\\$&')}" sheetId="\\d+"[^>]*r:id="(rId\\d+)"`).exec(wb)?.[1];
  const part = pkg.relationships('xl/workbook.xml').find((r) => r.id === id)?.part;
  if (!part) throw new Error(`No sheet ${name}`);
  return part;
}

const sheetNames = (parts: Parts): string[] => [...text(parts, 'xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);

const now = () => new Date('2026-11-23T12:00:00Z');
const later = () => new Date('2026-12-01T09:30:00Z');

async function cli(file: string, args: readonly string[], clock = now): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(['run', file, ...args], { out: (t) => out.push(t), err: (t) => out.push(t) }, clock);
  return { code, out: out.join('\n') };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lp-own-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The user's inputs as raw SpreadsheetML. */
const inputParts = (): Parts => rawParts({ sheets: [rawParameters(['Years', 3]), rawCosts()] });

/** Runs once on the inputs and gives the results file's parts. */
async function firstResults(): Promise<Parts> {
  const file = path.join(dir, 'plan.xlsx');
  writeFileSync(file, zipSync(inputParts()));
  const { code, out } = await cli(file, ['--in-place']);
  if (code !== 0) throw new Error(out);
  return unzipSync(readFileSync(file));
}

/** Writes the parts as the workbook, runs the CLI in place, and gives the outcome and the parts after. */
async function refresh(parts: Parts): Promise<{ code: number; out: string; before: Uint8Array; after: Parts }> {
  const file = path.join(dir, 'plan.xlsx');
  const before = zipSync(parts);
  writeFileSync(file, before);
  const { code, out } = await cli(file, ['--in-place'], later);
  return { code, out, before, after: unzipSync(readFileSync(file)) };
}

/** Deletes a worksheet as Excel does: its entry, its names, and every later sheet's names renumbered (localSheetId counts sheets in order). */
function deleteSheet(parts: Parts, name: string): void {
  const index = sheetNames(parts).indexOf(name);
  const part = sheetPart(parts, name);
  edit(parts, 'xl/workbook.xml', (x) =>
    x
      .replace(new RegExp(`<sheet name="${name}"[^>]*/>`), '')
      .replace(new RegExp(`<definedName [^>]*localSheetId="${index}"[^>]*>[^<]*</definedName>`, 'g'), '')
      .replace(/localSheetId="(\d+)"/g, (m, n: string) => (Number(n) > index ? `localSheetId="${Number(n) - 1}"` : m)),
  );
  delete parts[part];
}

/** Adds a sheet of another kind, as Excel saves one: its part, relationship, content type, and (for a chart sheet) a drawing and a chart. */
function addOtherSheet(parts: Parts, name: string, kind: 'chart' | 'dialog' | 'macro'): string[] {
  const spec = {
    chart: { folder: 'chartsheets', type: `${R}/chartsheet`, ct: 'application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml', root: 'chartsheet' },
    dialog: { folder: 'dialogsheets', type: `${R}/dialogsheet`, ct: 'application/vnd.openxmlformats-officedocument.spreadsheetml.dialogsheet+xml', root: 'dialogsheet' },
    macro: { folder: 'macrosheets', type: 'http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet', ct: 'application/vnd.ms-excel.macrosheet+xml', root: 'worksheet' },
  }[kind];
  const part = `xl/${spec.folder}/sheet1.xml`;
  const made = [part];
  if (kind === 'chart') {
    put(parts, part, `${DECL}<chartsheet xmlns="${MAIN}" xmlns:r="${R}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`);
    addRel(parts, part, 'rId1', `${R}/drawing`, '../drawings/drawing50.xml');
    put(parts, 'xl/drawings/drawing50.xml', `${DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="9000000" cy="6000000"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="My chart"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`);
    addRel(parts, 'xl/drawings/drawing50.xml', 'rId1', `${R}/chart`, '../charts/chart50.xml');
    put(parts, 'xl/charts/chart50.xml', `${DECL}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:layout/></c:plotArea></c:chart></c:chartSpace>`);
    addOverride(parts, 'xl/drawings/drawing50.xml', 'application/vnd.openxmlformats-officedocument.drawing+xml');
    addOverride(parts, 'xl/charts/chart50.xml', 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
    made.push('xl/drawings/drawing50.xml', 'xl/charts/chart50.xml');
  } else {
    put(parts, part, `${DECL}<${spec.root} xmlns="${MAIN}" xmlns:r="${R}"><sheetData/></${spec.root}>`);
  }
  addOverride(parts, part, spec.ct);
  addRel(parts, 'xl/workbook.xml', 'rId90', spec.type, `${spec.folder}/sheet1.xml`);
  edit(parts, 'xl/workbook.xml', (x) => x.replace('</sheets>', `<sheet name="${name}" sheetId="90" r:id="rId90"/></sheets>`));
  return made;
}

describe('a sheet of another kind is never the tool’s', () => {
  it.each`
    kind        | name            | words
    ${'chart'}  | ${'Charts'}     | ${'a chart sheet'}
    ${'chart'}  | ${'Projection'} | ${'a chart sheet'}
    ${'dialog'} | ${'Priorities'} | ${'a dialog sheet'}
    ${'macro'}  | ${'Run info'}   | ${'a macro sheet'}
  `('stops before writing when $words named $name takes an output’s name, in a workbook the tool never ran on', async ({ kind, name, words }) => {
    const parts = inputParts();
    addOtherSheet(parts, name, kind);
    const file = path.join(dir, 'plan.xlsx');
    writeFileSync(file, zipSync(parts));
    const { code, out } = await cli(file, []);
    expect(code).not.toBe(0);
    expect(out).toContain(`The workbook already has ${words} named "${name}" that Locality Planner did not create, so nothing was written. Rename that sheet`);
    expect(existsSync(path.join(dir, 'plan.results.xlsx'))).toBe(false);
  });

  it('leaves the file byte for byte as it was when a chart sheet named Charts stops an in-place refresh of the tool’s own results', async () => {
    const results = await firstResults();
    // The user deleted the tool's Charts sheet and moved a chart of their own to a chart sheet called Charts.
    deleteSheet(results, 'Charts');
    const made = addOtherSheet(results, 'Charts', 'chart');
    const { code, out, before } = await refresh(results);
    expect(code).not.toBe(0);
    expect(out).toContain('already has a chart sheet named "Charts"');
    expect(Buffer.from(readFileSync(path.join(dir, 'plan.xlsx'))).equals(Buffer.from(before))).toBe(true);
    for (const part of made) expect(results[part]).toBeDefined();
  });
});

describe('a renamed sheet of the tool’s is found again by its mark', () => {
  it('refreshes "Projection (Sept)" under its new name and leaves the user’s own new "Projection" byte for byte', async () => {
    const results = await firstResults();
    const projection = sheetPart(results, 'Projection');
    edit(results, 'xl/workbook.xml', (x) => x.replace('<sheet name="Projection"', '<sheet name="Projection (Sept)"'));
    // The user's own sheet of the old name, added as Excel adds one: at the end, with its own part.
    const mine = 'xl/worksheets/sheet99.xml';
    put(results, mine, `${DECL}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>My own projection</t></is></c></row></sheetData></worksheet>`);
    addOverride(results, mine, 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml');
    addRel(results, 'xl/workbook.xml', 'rId99', `${R}/worksheet`, 'worksheets/sheet99.xml');
    edit(results, 'xl/workbook.xml', (x) => x.replace('</sheets>', '<sheet name="Projection" sheetId="99" r:id="rId99"/></sheets>'));
    const { code, out, after } = await refresh(results);
    expect({ code, out }).toEqual({ code: 0, out: expect.stringContaining('Projection sheet is now named "Projection (Sept)"; its results were refreshed there') });
    expect(sheetNames(after)).toEqual(sheetNames(results));
    expect(sheetPart(after, 'Projection (Sept)')).toBe(projection);
    expect(strFromU8(after[projection])).toContain('Costs and funding by financial year');
    expect(Buffer.from(after[mine]).equals(Buffer.from(results[mine]))).toBe(true);
    expect(sheetPart(after, 'Projection')).toBe(mine);
    // The record follows the sheet to its new name.
    expect(strFromU8(after[sheetPart(after, '_LocalityPlanner')])).toContain('Projection (Sept)');
  });

  it('keeps each sheet’s mark, a hidden name scoped to it, across a refresh', async () => {
    const results = await firstResults();
    const marks = (parts: Parts) => Object.fromEntries([...text(parts, 'xl/workbook.xml').matchAll(new RegExp(`<definedName name="${MARK_NAME}" localSheetId="(\\d+)" hidden="1">"(lp1-[0-9a-f]+)"</definedName>`, 'g'))].map((m) => [sheetNames(parts)[Number(m[1])], m[2]]));
    const was = marks(results);
    expect(Object.keys(was).sort()).toEqual(['Allocation', 'Charts', 'Priorities', 'Projection', 'Run info', 'Scenarios', 'Sensitivity', 'Summary', 'Warnings']);
    const { code, after } = await refresh(results);
    expect(code).toBe(0);
    expect(marks(after)).toEqual(was);
  });
});

describe('parts an owned sheet shares with the user’s are kept', () => {
  it('keeps a pivot cache, an image and printer settings an owned sheet shares with a user’s sheet, byte for byte, and removes only what the owned sheet alone used', async () => {
    const results = await firstResults();
    const owned = sheetPart(results, 'Priorities');
    const users = sheetPart(results, 'Costs');
    const image = 'xl/media/image1.png';
    put(results, image, 'not really a png, but bytes that must survive');
    edit(results, '[Content_Types].xml', (x) => x.replace('<Default Extension="xml"', '<Default Extension="png" ContentType="image/png"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/><Default Extension="xml"'));
    const drawing = (n: number) => {
      const part = `xl/drawings/drawing${n}.xml`;
      put(results, part, `${DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:r="${R}"><!-- picture ${n} --></xdr:wsDr>`);
      addRel(results, part, 'rId1', `${R}/image`, '../media/image1.png');
      addOverride(results, part, 'application/vnd.openxmlformats-officedocument.drawing+xml');
      return part;
    };
    // The owned drawing numbered below the user's, so the refresh's own new drawing never takes its name.
    const userDrawing = drawing(91);
    const ownedDrawing = drawing(90);
    // One pivot cache, used by a pivot table on the user's sheet and by one on the tool's.
    const cache = 'xl/pivotCache/pivotCacheDefinition1.xml';
    const records = 'xl/pivotCache/pivotCacheRecords1.xml';
    put(results, cache, `${DECL}<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" r:id="rId1"/>`);
    put(results, records, `${DECL}<pivotCacheRecords xmlns="${MAIN}" count="0"/>`);
    addRel(results, cache, 'rId1', `${R}/pivotCacheRecords`, 'pivotCacheRecords1.xml');
    addOverride(results, cache, 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml');
    addOverride(results, records, 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml');
    addRel(results, 'xl/workbook.xml', 'rId80', `${R}/pivotCacheDefinition`, 'pivotCache/pivotCacheDefinition1.xml');
    edit(results, 'xl/workbook.xml', (x) => x.replace('</workbook>', '<pivotCaches><pivotCache cacheId="5" r:id="rId80"/></pivotCaches></workbook>'));
    const pivot = (n: number) => {
      const part = `xl/pivotTables/pivotTable${n}.xml`;
      put(results, part, `${DECL}<pivotTableDefinition xmlns="${MAIN}" name="Pivot${n}" cacheId="5"/>`);
      addRel(results, part, 'rId1', `${R}/pivotCacheDefinition`, '../pivotCache/pivotCacheDefinition1.xml');
      addOverride(results, part, 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml');
      return part;
    };
    const userPivot = pivot(1);
    const ownedPivot = pivot(2);
    const printer = 'xl/printerSettings/printerSettings1.bin';
    put(results, printer, 'printer bytes');
    for (const [sheet, pic, pt] of [[users, userDrawing, userPivot], [owned, ownedDrawing, ownedPivot]] as const) {
      addRel(results, sheet, 'rId70', `${R}/drawing`, `../drawings/${pic.split('/').pop()}`);
      addRel(results, sheet, 'rId71', `${R}/pivotTable`, `../pivotTables/${pt.split('/').pop()}`);
      addRel(results, sheet, 'rId72', `${R}/printerSettings`, '../printerSettings/printerSettings1.bin');
      edit(results, sheet, (x) => x.replace(/(<tableParts|<\/worksheet>)/, '<drawing r:id="rId70"/>$1'));
    }
    const { code, out, after } = await refresh(results);
    expect({ code, out }).toEqual({ code: 0, out: expect.any(String) });
    const same = (part: string) => [part, after[part] !== undefined && Buffer.from(after[part]).equals(Buffer.from(results[part]))];
    for (const part of [image, userDrawing, cache, records, userPivot, printer, users, 'xl/worksheets/_rels/' + users.split('/').pop() + '.rels']) expect(same(part)).toEqual([part, true]);
    for (const part of [ownedDrawing, ownedPivot]) expect([part, part in after]).toEqual([part, false]);
    expect(text(after, '[Content_Types].xml')).not.toMatch(/drawing90|pivotTable2/);
    // Every relationship in the package points at a part that is there.
    const pkg = WorkbookPackage.open(zipSync(after));
    for (const part of ['', ...Object.keys(after)]) {
      for (const rel of part.endsWith('.rels') ? [] : pkg.relationships(part)) if (!rel.external) expect([part, rel.target, rel.part !== undefined]).toEqual([part, rel.target, true]);
    }
  });
});

describeWith(['libreoffice'], 'results saved by LibreOffice Calc', () => {
  afterAll(() => removeLibreOfficeProfile());

  it('are refreshed in place by the marks Calc kept, hidden again, with no sheet added', async () => {
    const results = await firstResults();
    const source = path.join(dir, 'results.xlsx');
    writeFileSync(source, zipSync(results));
    const calc = unzipSync(readFileSync(await convertWith(source, path.join(dir, 'calc'), 'xlsx:Calc MS Excel 2007 XML', 'xlsx')));
    const marks = (parts: Parts) => [...text(parts, 'xl/workbook.xml').matchAll(/<definedName [^>]*>[^<]*<\/definedName>/g)].map((m) => m[0]).filter((d) => d.includes(MARK_NAME));
    expect(marks(calc)).toHaveLength(9);
    const { code, out, after } = await refresh(calc);
    expect({ code, out }).toEqual({ code: 0, out: expect.not.stringContaining('did not create') });
    expect(sheetNames(after)).toEqual(sheetNames(calc));
    expect(marks(after).every((d) => /hidden="1"/.test(d))).toBe(true);
  }, 120_000);
});
