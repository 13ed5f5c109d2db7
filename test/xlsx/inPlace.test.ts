import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { type ChartPlan, MARK_NAME } from '../../src/engine';
import { sheetChartParts } from '../../src/xlsx/chartXml';
import { children, parseXml } from '../../src/xlsx/xml';
import { sampleTables, sheetOf } from '../../scripts/sample/sampleWorkbook';
import { sheetParts } from '../cli/workbookFiles';

const now = () => new Date('2026-11-23T09:00:00Z');
const quiet = { out: () => undefined, err: () => undefined };

/** A user's workbook: the sample inputs plus a sheet of their own with a chart, a name, validation, a note and styles. */
async function usersWorkbook(file: string, protectStructure = false): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const t of sampleTables) {
    const ws = wb.addWorksheet(sheetOf(t));
    ws.addTable({ name: t.name, ref: 'A1', headerRow: true, columns: t.header.map((name) => ({ name })), rows: t.rows.map((r) => [...r]) });
  }
  const notes = wb.addWorksheet('Budget notes');
  notes.getCell('A1').value = 'Year';
  notes.getCell('B1').value = 'Reserve';
  [['2024/25', 400000], ['2025/26', 250000], ['2026/27', 100000]].forEach(([y, v], i) => {
    notes.getCell(i + 2, 1).value = y;
    notes.getCell(i + 2, 2).value = v;
  });
  notes.getCell('B1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
  notes.getCell('B1').font = { bold: true, color: { argb: 'FF9C5700' } };
  notes.getCell('C2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"Agreed,Draft"'] };
  notes.getCell('A1').note = 'Figures from the medium-term financial plan';
  wb.definedNames.add("'Budget notes'!$B$2:$B$4", 'ReserveProfile');
  await wb.xlsx.writeFile(file);

  // Give the user's sheet a chart of its own, as Excel would store it.
  const files = unzipSync(readFileSync(file));
  const userChart: ChartPlan = {
    name: 'Reserve profile', title: 'Reserve profile', altText: 'The reserve falls each year.', type: 'column-stacked',
    data: { row: 0, column: 0, rows: 4, columns: 2 }, series: [{ column: 1, color: '#7F6000', as: 'bars' }],
    anchor: { from: { row: 6, column: 0 }, to: { row: 20, column: 6 } },
    valueAxis: { title: 'Pounds', numberFormat: 'whole' }, categoryAxis: { title: '', reversed: false, valueAxisCrosses: 'automatic' }, legend: 'bottom',
  };
  const cells = [['Year', 'Reserve'], ['2024/25', 400000], ['2025/26', 250000], ['2026/27', 100000]];
  const parts = sheetChartParts({ name: 'Budget notes', cells, charts: [userChart] }, { drawing: 90, firstChart: 90 });
  for (const [p, xml] of Object.entries(parts.parts)) files[p] = strToU8(xml);
  const wbXml = strFromU8(files['xl/workbook.xml']);
  const sheetRid = /<sheet [^>]*name="Budget notes"[^>]*r:id="(rId\d+)"/.exec(wbXml)![1];
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  let sheetPart = '';
  for (const m of rels.matchAll(/<Relationship [^>]*>/g)) if (m[0].includes(`Id="${sheetRid}"`)) sheetPart = `xl/${/Target="\/?(?:xl\/)?([^"]+)"/.exec(m[0])![1]}`;
  const relsPath = sheetPart.replace('worksheets/', 'worksheets/_rels/') + '.rels';
  const existingRels = files[relsPath] ? strFromU8(files[relsPath]) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  files[relsPath] = strToU8(existingRels.replace('</Relationships>', `<Relationship Id="rIdUserChart" Type="${parts.drawingRelationship.type}" Target="${parts.drawingRelationship.target}"/></Relationships>`));
  let sheet = strFromU8(files[sheetPart]);
  sheet = sheet.includes('<legacyDrawing') ? sheet.replace('<legacyDrawing', '<drawing r:id="rIdUserChart"/><legacyDrawing') : sheet.replace('</worksheet>', '<drawing r:id="rIdUserChart"/></worksheet>');
  files[sheetPart] = strToU8(sheet);
  let types = strFromU8(files['[Content_Types].xml']);
  types = types.replace('</Types>', `${parts.contentTypeOverrides.join('')}</Types>`);
  files['[Content_Types].xml'] = strToU8(types);
  // workbookProtection sits after workbookPr and before bookViews and sheets (the schema's order).
  if (protectStructure) files['xl/workbook.xml'] = strToU8(wbXml.replace(/<(bookViews|sheets)>/, '<workbookProtection lockStructure="1"/><$1>'));
  writeFileSync(file, zipSync(files));
}

/** The parts a refresh may change: the package bookkeeping it must extend, never rewrite. */
const bookkeeping = ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'];

function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g'))].map((m) => m[0]);
}

describe('--in-place refresh', () => {
  let dir: string;
  let file: string;
  let before: Record<string, Uint8Array>;
  let afterFirst: Record<string, Uint8Array>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lp-inplace-'));
    file = path.join(dir, 'plan.xlsx');
    await usersWorkbook(file);
    before = unzipSync(readFileSync(file));
    expect(await main(['run', file, '--in-place'], quiet, now)).toBe(0);
    afterFirst = unzipSync(readFileSync(file));
  });

  it('keeps every part of the user’s workbook byte for byte, except the bookkeeping it extends', () => {
    const kept = Object.keys(before).filter((p) => !bookkeeping.includes(p));
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(expect.arrayContaining(['xl/charts/chart90.xml', 'xl/drawings/drawing90.xml', 'xl/sharedStrings.xml']));
    expect(kept.some((p) => /^xl\/comments\d+\.xml$/.test(p))).toBe(true);
    for (const part of kept) expect([part, Buffer.from(afterFirst[part] ?? []).equals(Buffer.from(before[part]))]).toEqual([part, true]);
  });

  it('keeps the user’s sheets, defined names and workbook settings, and only adds its own sheets', () => {
    const was = strFromU8(before['xl/workbook.xml']);
    const now = strFromU8(afterFirst['xl/workbook.xml']);
    // Compared as XML, not text: the serialiser may write &apos; as an apostrophe.
    const names = (xml: string) => {
      const root = parseXml(xml).documentElement!;
      return children(children(root, 'definedNames')[0], 'definedName').map((n) => [n.getAttribute('name'), n.getAttribute('localSheetId'), n.textContent]);
    };
    // The user's own names stay as they were; only the tool's print areas and titles, and its hidden mark on each output sheet, are added.
    const user = names(now).filter(([n]) => !String(n).startsWith('_xlnm.') && n !== MARK_NAME);
    expect(user).toEqual(names(was));
    expect(user).toEqual([['ReserveProfile', null, "'Budget notes'!$B$2:$B$4"]]);
    const sheetsBefore = elements(was, 'sheet');
    const sheetsAfter = elements(now, 'sheet');
    const ours = sheetsAfter.slice(sheetsBefore.length).map((s) => /name="([^"]+)"/.exec(s)![1]);
    expect(names(now).filter(([n]) => String(n).startsWith('_xlnm.')).every(([, index]) => ours.includes(/name="([^"]+)"/.exec(sheetsAfter[Number(index)])![1]))).toBe(true);
    const marks = names(now).filter(([name]) => name === MARK_NAME);
    expect(marks.map(([, local]) => /name="([^"]+)"/.exec(sheetsAfter[Number(local)])![1])).toEqual(ours.filter((n) => n !== '_LocalityPlanner'));
    expect(new Set(marks.map(([, , text]) => text)).size).toBe(marks.length);
    for (const [, , text] of marks) expect(text).toMatch(/^"lp1-[0-9a-f]{24}"$/);
    expect(sheetsAfter.slice(0, sheetsBefore.length)).toEqual(sheetsBefore);
    expect(ours).toEqual(['Summary', 'Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Scenarios', 'Sensitivity', 'Run info', '_LocalityPlanner']);
    expect(sheetsAfter[sheetsAfter.length - 1]).toContain('state="veryHidden"');
  });

  it('only appends to the stylesheet, so every style the user’s cells use keeps its meaning', () => {
    const was = parseXml(strFromU8(before['xl/styles.xml'])).documentElement!;
    const now = parseXml(strFromU8(afterFirst['xl/styles.xml'])).documentElement!;
    for (const [section, tag] of [['fonts', 'font'], ['fills', 'fill'], ['borders', 'border'], ['cellXfs', 'xf']] as const) {
      const a = children(children(was, section)[0], tag).map((e) => e.toString());
      const b = children(children(now, section)[0], tag).map((e) => e.toString());
      expect(b.slice(0, a.length)).toEqual(a);
      expect(b.length).toBeGreaterThan(a.length);
    }
  });

  it('extends the relationships and content types without dropping any', () => {
    for (const part of ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels']) {
      const tag = part.startsWith('[') ? '(?:Default|Override)' : 'Relationship';
      const was = elements(strFromU8(before[part]), tag);
      const now = new Set(elements(strFromU8(afterFirst[part]), tag));
      for (const e of was) expect(now.has(e)).toBe(true);
    }
  });

  it('replaces its own sheets on a second refresh instead of adding copies, leaving the same package but for the run history', async () => {
    expect(await main(['run', file, '--in-place'], quiet, now)).toBe(0);
    const afterSecond = unzipSync(readFileSync(file));
    expect(Object.keys(afterSecond).sort()).toEqual(Object.keys(afterFirst).sort());
    // The run history grows by a row (issue 14, part 5): on Run info, in its table, in the record, and in Run info's print area in workbook.xml.
    const sheets = sheetParts(file);
    const growing = new Set(['xl/workbook.xml', sheets['Run info'].part, sheets._LocalityPlanner.part]);
    const historyTable = (part: string) => /^xl\/tables\//.test(part) && strFromU8(afterSecond[part]).includes('name="LP_RunHistory"');
    for (const part of Object.keys(afterFirst)) {
      if (part === '[Content_Types].xml' || growing.has(part) || historyTable(part)) continue;
      expect([part, Buffer.from(afterSecond[part]).equals(Buffer.from(afterFirst[part]))]).toEqual([part, true]);
    }
    expect([...growing].filter((part) => Buffer.from(afterSecond[part]).equals(Buffer.from(afterFirst[part])))).toEqual([]);
    expect(new Set(elements(strFromU8(afterSecond['[Content_Types].xml']), '(?:Default|Override)'))).toEqual(new Set(elements(strFromU8(afterFirst['[Content_Types].xml']), '(?:Default|Override)')));
  });

  it('keeps each refresh\'s workbook as it was as a backup, and leaves no temporary file behind', () => {
    expect(readdirSync(dir)).toEqual(['plan.xlsx', 'plan.xlsx.backup', 'plan.xlsx.backup-2']);
    expect(unzipSync(readFileSync(path.join(dir, 'plan.xlsx.backup')))).toEqual(before);
  });

  it('refuses a workbook whose structure is protected, and writes nothing', async () => {
    const locked = path.join(dir, 'locked.xlsx');
    await usersWorkbook(locked, true);
    const original = readFileSync(locked);
    const errors: string[] = [];
    expect(await main(['run', locked, '--in-place'], { out: () => undefined, err: (t) => errors.push(t) }, now)).toBe(2);
    expect(errors.join('\n')).toContain('structure is protected');
    expect(readFileSync(locked).equals(original)).toBe(true);
  });
});
